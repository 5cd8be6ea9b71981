package org.subtomo.app.gui;

import org.subtomo.core.error.InputException;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the values of a form into the exact command line ('Print command') and checks them before 'Run!':
 * numbers must parse, required fields must be filled, input files must exist inside the project and
 * outputs must lie inside it; finally picocli itself parses the line, so anything the command would
 * refuse is refused here, next to its field.
 */
public final class CommandBuilder {
    private CommandBuilder() {}

    /** The command line's words (without the leading "subtomo") and the problems found, by field name. */
    public record Built(List<String> args, Map<String, String> errors) {
        public boolean ok() { return errors.isEmpty(); }

        /** The line as a user would type it in the project directory (words with spaces or quotes quoted). */
        public String line() {
            List<String> w = new ArrayList<>(List.of("subtomo"));
            for (String a : args) w.add(quote(a));
            return String.join(" ", w);
        }
    }

    public static Built build(CommandLine root, JobForms.Form form, Map<String, String> values, ProjectFiles files) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> args = new ArrayList<>(List.of(form.kind().command()));
        List<String> positional = new ArrayList<>();
        if (!form.available()) {
            errors.put("", form.kind().command() + " is not in this build yet");
            return new Built(args, errors);
        }
        for (String key : values.keySet())
            if (form.field(key) == null) errors.put(key, "no such option of " + form.kind().command());
        for (JobForms.Field f : form.fields()) {
            String v = values.getOrDefault(f.name(), "");
            v = v == null ? "" : v.trim();
            if (v.isEmpty()) {
                if (f.required()) errors.put(f.name(), "required");
                continue;
            }
            String problem = check(f, v, files);
            if (problem != null) { errors.put(f.name(), problem); continue; }
            if (f.positional()) { positional.add(v); continue; }
            if (f.type().equals("boolean")) {
                boolean on = Boolean.parseBoolean(v);
                if (on != Boolean.parseBoolean(f.defaultValue())) args.add(f.name());
                continue;
            }
            if (v.equals(f.defaultValue()) && !f.required()) continue;   // the command's own default: leave it out
            args.add(f.name());
            args.add(v);
        }
        args.addAll(positional);
        if (errors.isEmpty()) {
            try {
                root.parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                errors.put("", e.getMessage());
            }
        }
        return new Built(args, errors);
    }

    static String check(JobForms.Field f, String v, ProjectFiles files) {
        switch (f.type()) {
            case "integer" -> {
                try { Long.parseLong(v); } catch (NumberFormatException e) { return "'" + v + "' is not a whole number"; }
            }
            case "number" -> {
                try {
                    double d = Double.parseDouble(v);
                    if (Double.isNaN(d) || Double.isInfinite(d)) return "'" + v + "' is not a finite number";
                } catch (NumberFormatException e) { return "'" + v + "' is not a number"; }
            }
            case "boolean" -> {
                if (!v.equals("true") && !v.equals("false")) return "'" + v + "' is not true or false";
            }
            case "choice" -> {
                if (!f.choices().isEmpty() && !f.choices().contains(v)) return "'" + v + "' is not one of " + String.join(", ", f.choices());
            }
            default -> { }
        }
        if (f.input() || f.output()) {
            String name = v.contains("@") && f.input() ? v.substring(v.indexOf('@') + 1) : v;
            if (name.equalsIgnoreCase("None")) return null;
            try {
                if (f.output()) files.write(name);
                else files.read(name);
            } catch (InputException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    static String quote(String a) {
        return a.isEmpty() || a.matches(".*[\\s'\"$`\\\\;&|<>()*?].*") ? "'" + a.replace("'", "'\\''") + "'" : a;
    }
}
