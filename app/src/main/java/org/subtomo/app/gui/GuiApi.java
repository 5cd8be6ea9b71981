package org.subtomo.app.gui;

import org.subtomo.core.error.InputException;
import org.subtomo.prep.extract.ClassSelection;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The GUI's HTTP API, independent of the server: forms, 'Print command', 'Run!', the job list with status,
 * progress and log tail, abort, file listing and displays. Every file name from the browser goes through
 * {@link ProjectFiles}; every answer is JSON or an image, never HTML built from names.
 */
public final class GuiApi {
    private final ProjectFiles files;
    private final Supplier<CommandLine> commandLine;
    private final GuiRuns runs;
    private final Displays displays;
    private final PipelineView pipeline;
    /** Largest project file sent as it is (pictures, STAR and log files); maps go through the displays. */
    static final long MAX_FILE_BYTES = 64L << 20;

    public GuiApi(ProjectFiles files, Supplier<CommandLine> commandLine, GuiRuns runs) {
        this.files = files; this.commandLine = commandLine; this.runs = runs; this.displays = new Displays(files);
        this.pipeline = new PipelineView(files);
    }

    public PipelineView pipeline() { return pipeline; }

    public ProjectFiles files() { return files; }
    public GuiRuns runs() { return runs; }

    public HttpExchange.Response handle(HttpExchange.Request req) {
        try {
            return route(req);
        } catch (ProjectFiles.OutsideProjectException e) {
            return HttpExchange.Response.error(403, e.getMessage());
        } catch (InputException | IllegalArgumentException e) {
            return HttpExchange.Response.error(400, e.getMessage());
        } catch (UncheckedIOException e) {
            return HttpExchange.Response.error(500, e.getMessage());
        }
    }

    private HttpExchange.Response route(HttpExchange.Request req) {
        String path = req.path();
        boolean get = req.method().equals("GET"), post = req.method().equals("POST");
        if (get && (path.equals("/") || path.equals("/index.html"))) return resource("index.html");
        if (get && path.startsWith("/static/")) return resource(path.substring("/static/".length()));
        if (!path.startsWith("/api/")) return HttpExchange.Response.error(404, "no such page");
        String api = path.substring(5);
        return switch (api) {
            case "project" -> get ? HttpExchange.Response.json(Map.of("project", files.root().toString())) : notAllowed();
            case "forms" -> get ? forms() : notAllowed();
            case "command" -> post ? command(req, false) : notAllowed();
            case "run" -> post ? command(req, true) : notAllowed();
            case "jobs" -> get ? jobs() : notAllowed();
            case "log" -> get ? log(req) : notAllowed();
            case "abort" -> post ? abort(req) : notAllowed();
            case "delete" -> post ? delete(req) : notAllowed();
            case "files" -> get ? list(req) : notAllowed();
            case "find" -> get ? find(req) : notAllowed();
            case "file" -> get ? file(req) : notAllowed();
            case "display" -> get ? display(required(req, "path")) : notAllowed();
            case "plot" -> get ? png(displays.plot(required(req, "path"), intParam(req, "part"))) : notAllowed();
            case "pipeline" -> get ? HttpExchange.Response.json(pipeline.graph()) : notAllowed();
            case "section" -> get ? png(displays.section(required(req, "path"), intParam(req, "z"))) : notAllowed();
            case "central" -> get ? png(displays.centralSlices(required(req, "path"))) : notAllowed();
            case "class-image" -> get ? png(displays.classImage(required(req, "model"), intParam(req, "class"))) : notAllowed();
            case "locres-histogram" -> get ? png(displays.localResolutionHistogram(required(req, "path"))) : notAllowed();
            case "select-classes" -> post ? selectClasses(req) : notAllowed();
            default -> HttpExchange.Response.error(404, "no such API call: " + ProjectFiles.display(api));
        };
    }

    private static HttpExchange.Response notAllowed() { return HttpExchange.Response.error(405, "method not allowed"); }

    private HttpExchange.Response forms() {
        CommandLine cl = commandLine.get();
        List<Object> out = new ArrayList<>();
        for (JobForms.Form f : JobForms.forms(cl)) out.add(f.json());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tabs", JobForms.TABS);
        m.put("jobTypes", out);
        return HttpExchange.Response.json(m);
    }

    /** 'Print command' (run = false) and 'Run!' (run = true): {command, values: {option: text}}. */
    private HttpExchange.Response command(HttpExchange.Request req, boolean run) {
        Map<String, Object> body = Json.parseObject(req.body());
        String command = String.valueOf(body.get("command"));
        JobForms.Form form = JobForms.form(commandLine.get(), command);
        if (form == null) return HttpExchange.Response.error(400, ProjectFiles.display(command) + ": not a job type of the GUI");
        Map<String, String> values = new LinkedHashMap<>();
        if (body.get("values") instanceof Map<?, ?> v)
            for (Map.Entry<?, ?> e : v.entrySet()) values.put(String.valueOf(e.getKey()), e.getValue() == null ? "" : String.valueOf(e.getValue()));
        CommandBuilder.Built b = CommandBuilder.build(commandLine.get(), form, values, files);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", b.ok());
        m.put("line", b.line());
        m.put("directory", files.root().toString());
        m.put("errors", b.errors());
        if (run && b.ok()) {
            int counter = pipeline.counter();
            GuiRuns.Run r = runs.start(b.args(), b.line());
            r.counterAtStart = counter;
            r.values = Map.copyOf(values);
            for (JobForms.Field f : form.fields())
                if (f.output() && values.get(f.name()) != null && !values.get(f.name()).isBlank()) { r.output = values.get(f.name()).trim(); break; }
            m.put("run", r.id);
        }
        return HttpExchange.Response.json(b.ok() ? 200 : 400, m);
    }

    /**
     * The job list: commands started here that made no pipeline job (yet), newest first, then the pipeline's
     * jobs, newest first (including those started from a terminal or by RELION).
     */
    private HttpExchange.Response jobs() {
        List<Object> list = new ArrayList<>();
        List<GuiRuns.Run> all = runs.all();
        List<Map<String, Object>> jobs = pipeline.exists() ? pipeline.rows(all, commandLine.get()) : List.of();
        for (GuiRuns.Run r : all) if (r.pipelineJob() == null) list.add(runJson(r));
        list.addAll(jobs);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pipeline", pipeline.exists());
        m.put("jobs", list);
        return HttpExchange.Response.json(m);
    }

    private HttpExchange.Response display(String path) {
        Map<String, Object> d = displays.describe(path);
        if ("directory".equals(d.get("kind"))) d.put("outputs", pipeline.outputs((String) d.get("path")));
        return HttpExchange.Response.json(d);
    }

    private Map<String, Object> runJson(GuiRuns.Run r) {
        List<String> tail = LogTail.lines(r.log, 16384);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "run" + r.id);
        m.put("label", "GUI run " + r.id);
        m.put("run", r.id);
        m.put("command", r.command);
        m.put("line", r.line);
        m.put("status", r.state().name().toLowerCase(Locale.ROOT));
        m.put("started", r.started.toString());
        m.put("exitCode", r.exitCode());
        m.put("progress", LogTail.progress(tail));
        m.put("tail", tail.subList(Math.max(0, tail.size() - 12), tail.size()));
        m.put("log", files.relative(r.log));
        String out = r.output();
        if (out != null && files.existsInside(out)) {
            Path o = files.read(out);
            m.put("display", files.relative(Files.isDirectory(o) ? o : o.getParent()));
        }
        m.put("abort", Map.of("run", r.id));
        m.put("continueWith", Map.of("command", r.command, "values", r.values()));
        return m;
    }

    private HttpExchange.Response log(HttpExchange.Request req) {
        Path log = files.read(required(req, "path"));
        List<String> lines = LogTail.lines(log, 256 * 1024);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", files.relative(log));
        m.put("lines", lines);
        m.put("progress", LogTail.progress(lines));
        return HttpExchange.Response.json(m);
    }

    private HttpExchange.Response abort(HttpExchange.Request req) {
        Map<String, Object> body = Json.parseObject(req.body());
        if (body.get("job") instanceof String job) {
            // RELION's way: the job stops at its next progress step and records itself as aborted
            String name = pipeline.abort(job);
            return HttpExchange.Response.json(Map.of("aborted", name));
        }
        if (body.get("run") instanceof Number n) {
            GuiRuns.Run r = runs.get(n.intValue());
            if (r == null) return HttpExchange.Response.error(404, "no run " + n.intValue());
            if (r.state() != GuiRuns.State.RUNNING) return HttpExchange.Response.error(400, "run " + r.id + " is not running");
            runs.kill(r);
            return HttpExchange.Response.json(Map.of("aborted", "run" + r.id));
        }
        return HttpExchange.Response.error(400, "give the run to abort");
    }

    /** RELION's Delete: {job: "Class2D/job005/"} → the job directory moves to Trash/ and leaves the pipeline. */
    private HttpExchange.Response delete(HttpExchange.Request req) {
        Map<String, Object> body = Json.parseObject(req.body());
        if (!(body.get("job") instanceof String job)) return HttpExchange.Response.error(400, "give the job to delete");
        return HttpExchange.Response.json(Map.of("deleted", job, "trash", pipeline.delete(job)));
    }

    private HttpExchange.Response list(HttpExchange.Request req) {
        String dir = req.param("dir") == null ? "" : req.param("dir");
        List<Object> entries = new ArrayList<>();
        for (Path p : files.list(dir)) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", p.getFileName().toString());
            e.put("path", files.relative(p));
            boolean d = Files.isDirectory(p);
            e.put("directory", d);
            try {
                e.put("size", d ? 0 : Files.size(p));
            } catch (IOException ex) {
                e.put("size", -1);
            }
            entries.add(e);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", files.relative(files.read(dir)));
        m.put("entries", entries);
        return HttpExchange.Response.json(m);
    }

    /** Candidate input files: {@code ?ext=.star,.mrc} (at most 4 directories down, 500 files). */
    private HttpExchange.Response find(HttpExchange.Request req) {
        String ext = req.param("ext") == null ? "" : req.param("ext");
        List<String> suffixes = new ArrayList<>();
        for (String e : ext.split(",")) if (!e.isBlank()) suffixes.add(e.trim().toLowerCase(Locale.ROOT));
        return HttpExchange.Response.json(Map.of("files", files.find(suffixes, 4, 500)));
    }

    /** A file of the project as it is; served so that a browser never runs it (sandboxed, no sniffing). */
    private HttpExchange.Response file(HttpExchange.Request req) {
        Path p = files.read(required(req, "path"));
        if (!Files.isRegularFile(p)) throw new InputException(ProjectFiles.display(req.param("path")) + ": not a file");
        try {
            if (Files.size(p) > MAX_FILE_BYTES)
                throw new InputException(ProjectFiles.display(req.param("path")) + ": " + Files.size(p) / (1 << 20)
                        + " MB is too large to show here; use Display (maps are shown section by section) or open it in a viewer");
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            String type = n.endsWith(".png") ? "image/png" : n.endsWith(".svg") ? "image/svg+xml"
                    : n.endsWith(".star") || n.endsWith(".txt") || n.endsWith(".out") || n.endsWith(".err") || n.endsWith(".log")
                      || n.endsWith(".tlt") || n.endsWith(".coords") || n.endsWith(".order") ? "text/plain; charset=utf-8"
                    : "application/octet-stream";
            return HttpExchange.Response.bytes(type, Files.readAllBytes(p))
                    .header("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Protocol step 18: {model: ".._model.star", classes: [1, 4]} → the particles of those classes, written by the
     * select stage's own code (prep.extract.ClassSelection) as {@code <root>_selected_particles.star} next to the model.
     */
    private HttpExchange.Response selectClasses(HttpExchange.Request req) {
        Map<String, Object> body = Json.parseObject(req.body());
        Path model = files.read(String.valueOf(body.get("model")));
        Set<Integer> classes = new java.util.TreeSet<>();
        if (body.get("classes") instanceof List<?> l) for (Object o : l) if (o instanceof Number n) classes.add(n.intValue());
        if (classes.isEmpty()) throw new InputException("no classes selected: click the class averages to keep first");
        String name = model.getFileName().toString();
        if (!name.endsWith("_model.star"))
            throw new InputException(name + ": not a classification's _model.star (expected <root>_itNNN_model.star)");
        String base = name.substring(0, name.length() - "_model.star".length());
        Path data = files.read(files.relative(model.resolveSibling(base + "_data.star")));
        Path target = files.write(files.relative(model.resolveSibling(base + "_selected_particles.star")));
        ClassSelection.Result r = ClassSelection.select(new ClassSelection.Params(data, model, classes, Double.NaN, Double.NaN, target));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("written", files.relative(r.output()));
        m.put("kept", r.written());
        m.put("total", r.total());
        m.put("classes", r.classes());
        return HttpExchange.Response.json(m);
    }

    private static HttpExchange.Response png(byte[] bytes) { return HttpExchange.Response.bytes("image/png", bytes); }

    private static String required(HttpExchange.Request req, String name) {
        String v = req.param(name);
        if (v == null) throw new InputException("missing parameter '" + name + "'");
        return v;
    }

    private static int intParam(HttpExchange.Request req, String name) {
        String v = required(req, name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InputException("parameter '" + name + "': '" + ProjectFiles.display(v) + "' is not a whole number");
        }
    }

    /** Front-end files from the class path (gui/), by plain names only. */
    private static HttpExchange.Response resource(String name) {
        if (!name.matches("[A-Za-z0-9_-]+\\.(html|js|css|svg)")) return HttpExchange.Response.error(404, "no such page");
        try (InputStream in = GuiApi.class.getResourceAsStream("/gui/" + name)) {
            if (in == null) return HttpExchange.Response.error(404, "no such page");
            String type = name.endsWith(".html") ? "text/html; charset=utf-8" : name.endsWith(".js") ? "text/javascript; charset=utf-8"
                    : name.endsWith(".css") ? "text/css; charset=utf-8" : "image/svg+xml";
            return HttpExchange.Response.bytes(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
