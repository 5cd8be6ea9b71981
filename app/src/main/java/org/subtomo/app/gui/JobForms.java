package org.subtomo.app.gui;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The job types of the GUI in the protocol's workflow order, each with a form generated from the picocli
 * model of its command: every option becomes a field with its type, default and description, so a command
 * that lands later appears without GUI code, and one not registered yet is listed greyed out.
 *
 * <p>Fields are grouped into tabs by a stated rule, first match wins:
 * <ol>
 *   <li><b>I/O</b>: file-valued options (Path/File), and text options named {@code --i}, {@code --o}, with {@code ref}
 *       or {@code mask}, {@code continue}, {@code alias}, {@code rerun}, or whose parameter label is STAR/ROOT/DIR/FILE/MRC
 *       (numbers and switches about masks, such as {@code --maskedge}, are parameters of the method, not I/O);</li>
 *   <li><b>Compute</b>: threads, seeds, memory and run-mode switches ({@code --j}, {@code --random_seed},
 *       {@code --no_job}, {@code --pool}, {@code --gpu}, {@code --threads}, {@code --dont_*});</li>
 *   <li><b>Sampling</b>: angular and translational search ({@code step}, {@code range}, {@code healpix},
 *       {@code sampling}, {@code offset}, {@code psi}, {@code sigma_ang}, {@code oversampling}, {@code local});</li>
 *   <li><b>Main</b>: everything else (the parameters of the method itself).</li>
 * </ol>
 */
public final class JobForms {
    private JobForms() {}

    /** A job type of the GUI: the command that runs it and a label as the protocol names it. */
    public record JobKind(String command, String label) {}

    /** The protocol's workflow order (steps 1-14 prepare the data; the GUI takes over from there). */
    public static final List<JobKind> WORKFLOW = List.of(
            new JobKind("simulate", "Simulate (ground truth)"),
            new JobKind("prepare", "Prepare (CTF, 3D CTF)"),
            new JobKind("extract", "Extract sub-tomograms"),
            new JobKind("class2d", "2D classification"),
            new JobKind("select", "Subset selection"),
            new JobKind("class3d", "3D classification"),
            new JobKind("refine3d", "3D auto-refine"),
            new JobKind("postprocess", "Post-processing"),
            new JobKind("localres", "Local resolution"));

    public static final List<String> TABS = List.of("I/O", "Main", "Sampling", "Compute");

    /** Options the GUI sets itself (the project it serves) and never shows. */
    static final Set<String> SET_BY_GUI = Set.of("--project_dir");

    private static final Pattern IO_NAME = Pattern.compile("--(i|o|in|out|input|output|ref|.*_ref|ref_.*|.*mask.*|continue|alias|rerun|model|from2d|subtomos|tomograms_star|star|coords)");
    private static final Set<String> IO_LABELS = Set.of("STAR", "ROOT", "DIR", "FILE", "MRC", "MAP", "OPTIMISER", "PNG", "MODEL");
    private static final Pattern COMPUTE_NAME = Pattern.compile("--(j|threads|random_seed|seed|no_job|pool|gpu|dont_.*|preread.*|memory.*|scratch.*)");
    private static final Pattern SAMPLING_NAME = Pattern.compile("--(.*step.*|.*range.*|healpix.*|.*sampling.*|offset.*|psi.*|sigma_ang|.*oversampling.*|local.*|auto_local.*)");

    /** One field of a form. */
    public record Field(String name, String tab, String type, String defaultValue, String help, String label, boolean required,
                        boolean input, boolean output, List<String> choices, boolean positional, int index) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name); m.put("tab", tab); m.put("type", type); m.put("default", defaultValue); m.put("help", help);
            m.put("label", label); m.put("required", required); m.put("input", input); m.put("output", output);
            m.put("choices", choices); m.put("positional", positional);
            return m;
        }
    }

    /** A job type with its form, or greyed out when its command is not registered yet. */
    public record Form(JobKind kind, boolean available, String description, List<Field> fields) {
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("command", kind.command()); m.put("label", kind.label()); m.put("available", available);
            m.put("description", description);
            m.put("fields", fields.stream().map(Field::json).toList());
            return m;
        }

        public Field field(String name) {
            return fields.stream().filter(f -> f.name.equals(name)).findFirst().orElse(null);
        }
    }

    /** The forms of every job type, reading the commands registered in {@code root} (the subtomo command line). */
    public static List<Form> forms(CommandLine root) {
        List<Form> out = new ArrayList<>();
        for (JobKind k : WORKFLOW) out.add(form(root, k));
        return out;
    }

    public static Form form(CommandLine root, JobKind k) {
        CommandLine sub = root.getSubcommands().get(k.command());
        if (sub == null) return new Form(k, false, "'subtomo " + k.command() + "' is not in this build yet", List.of());
        CommandSpec spec = sub.getCommandSpec();
        List<Field> fields = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) fields.add(field(p, true, p.index().min()));
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp() || o.hidden() || SET_BY_GUI.contains(o.longestName())) continue;
            fields.add(field(o, false, 0));
        }
        return new Form(k, true, String.join(" ", spec.usageMessage().description()), fields);
    }

    public static Form form(CommandLine root, String command) {
        for (JobKind k : WORKFLOW) if (k.command().equals(command)) return form(root, k);
        return null;
    }

    private static Field field(ArgSpec a, boolean positional, int index) {
        String name = positional ? "arg" + index : ((OptionSpec) a).longestName();
        String label = a.paramLabel() == null ? "" : a.paramLabel().replaceAll("[<>]", "");
        Class<?> t = a.type();
        String type;
        List<String> choices = new ArrayList<>();
        if (t == boolean.class || t == Boolean.class) type = "boolean";
        else if (t == int.class || t == Integer.class || t == long.class || t == Long.class || t == short.class) type = "integer";
        else if (t == double.class || t == Double.class || t == float.class || t == Float.class) type = "number";
        else if (Path.class.isAssignableFrom(t) || t == File.class) type = "file";
        else if (t.isEnum()) {
            type = "choice";
            for (Object c : t.getEnumConstants()) choices.add(c.toString());
        } else type = "text";
        if (a.completionCandidates() != null && !t.isEnum()) a.completionCandidates().forEach(choices::add);
        if (!choices.isEmpty()) type = "choice";
        String def = a.defaultValue();
        if (def == null && a.initialValue() != null && !(a.initialValue() instanceof Boolean b && !b)) def = String.valueOf(a.initialValue());
        if (def == null && type.equals("boolean")) def = "false";
        if (def == null) def = "";
        String help = String.join(" ", a.description()).trim();
        boolean output = !positional && isOutput(name, help);
        boolean input = !output && (type.equals("file") || (!positional && IO_LABELS.contains(label.toUpperCase(Locale.ROOT)) && type.equals("text")
                && !label.equalsIgnoreCase("ROOT") && !label.equalsIgnoreCase("DIR")));
        String tab = tab(name, label, type, positional);
        return new Field(name, tab, type, def, help, label, a.required(), input, output, choices, positional, index);
    }

    private static final Pattern OUTPUT_NAME = Pattern.compile("--o(_\\w+|\\d\\w*)?|--out\\w*");

    /** Outputs: --o and its variants (--o2d, --o_star, --out...), or a description that starts by saying so. */
    static boolean isOutput(String name, String help) {
        String h = help.toLowerCase(Locale.ROOT);
        return OUTPUT_NAME.matcher(name).matches() || h.startsWith("output") || h.startsWith("project directory to create");
    }

    static String tab(String name, String label, String type, boolean positional) {
        boolean named = type.equals("text") && (IO_NAME.matcher(name).matches() || IO_LABELS.contains(label.toUpperCase(Locale.ROOT)));
        if (positional || type.equals("file") || named) return "I/O";
        if (COMPUTE_NAME.matcher(name).matches()) return "Compute";
        if (SAMPLING_NAME.matcher(name).matches()) return "Sampling";
        return "Main";
    }
}
