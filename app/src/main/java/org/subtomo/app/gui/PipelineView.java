package org.subtomo.app.gui;

import org.subtomo.app.pipeline.JobControl;
import org.subtomo.app.pipeline.JobStatus;
import org.subtomo.app.pipeline.JobType;
import org.subtomo.app.pipeline.Pipeline;
import org.subtomo.app.pipeline.PipelineState;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's pipeline as the GUI shows it, read through app.pipeline (default_pipeline.star, job
 * directories with run.out/run.err, job.star and RELION's exit markers): the jobs with their status,
 * progress and log tail, the graph of processes joined by the files one writes and another reads, and
 * abort through RELION's RELION_JOB_ABORT_NOW marker.
 */
public final class PipelineView {
    private static final Pattern JOB_NUMBER = Pattern.compile("/job(\\d+)/?$");

    private final Pipeline pipeline;
    private final ProjectFiles files;

    public PipelineView(ProjectFiles files) {
        this.files = files;
        this.pipeline = new Pipeline(files.root());
    }

    public boolean exists() { return Pipeline.exists(files.root()); }

    /** Creates default_pipeline.star (job counter 1) if the project has none, as RELION's GUI does on first start. */
    public boolean init() {
        if (exists()) return false;
        Pipeline.init(files.root());
        return true;
    }

    public PipelineState state() {
        JobControl.refreshStatuses(pipeline);
        return pipeline.read();
    }

    /** The job counter now: a command started after this makes a job numbered at least this. */
    public int counter() { return exists() ? pipeline.read().jobCounter : -1; }

    static int number(String process) {
        Matcher m = JOB_NUMBER.matcher(process);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The pipeline's job type of a GUI job type (simulate → Simulate/, class2d → Class2D/), or null. */
    static JobType type(String command) {
        try {
            return JobType.valueOf(command.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Links runs started from the GUI to the jobs their commands made (same type, numbered from the counter at start). */
    void link(PipelineState s, List<GuiRuns.Run> runs) {
        List<String> taken = new ArrayList<>();
        for (GuiRuns.Run r : runs) if (r.pipelineJob() != null) taken.add(r.pipelineJob());
        List<GuiRuns.Run> oldestFirst = new ArrayList<>(runs);
        oldestFirst.sort(Comparator.comparingInt(r -> r.id));
        for (GuiRuns.Run r : oldestFirst) {
            if (r.pipelineJob() != null || r.counterAtStart < 0) continue;
            String rerun = r.values().get("--rerun");
            Optional<PipelineState.Process> p;
            if (rerun != null && !rerun.isBlank()) p = s.process(rerun.trim());
            else {
                JobType t = type(r.command);
                p = s.processes.stream().filter(x -> t != null && x.name().startsWith(t.directory + "/"))
                        .filter(x -> number(x.name()) >= r.counterAtStart && !taken.contains(x.name()))
                        .min(Comparator.comparingInt(x -> number(x.name())));
            }
            p.ifPresent(x -> { r.pipelineJob(x.name()); taken.add(x.name()); });
        }
    }

    /** The rows of the job list for the pipeline's processes, newest first, each with the GUI run that made it (if any). */
    List<Map<String, Object>> rows(List<GuiRuns.Run> runs, picocli.CommandLine commandLine) {
        PipelineState s = state();
        link(s, runs);
        List<PipelineState.Process> procs = new ArrayList<>(s.processes);
        procs.sort((a, b) -> Integer.compare(number(b.name()), number(a.name())));
        List<Map<String, Object>> out = new ArrayList<>();
        for (PipelineState.Process p : procs) {
            GuiRuns.Run run = runs.stream().filter(r -> p.name().equals(r.pipelineJob())).findFirst().orElse(null);
            JobType type = JobType.ofProcess(p.name());
            JobForms.Form form = type == null ? null : JobForms.form(commandLine, type.name().toLowerCase(Locale.ROOT));
            out.add(row(p, run, form));
        }
        return out;
    }

    /** One row of the job list for a process, with what the run that made it (if any) adds. */
    Map<String, Object> row(PipelineState.Process p, GuiRuns.Run run, JobForms.Form form) {
        Path dir = files.root().resolve(p.name());
        List<String> out = LogTail.lines(dir.resolve("run.out"), 16384), err = LogTail.lines(dir.resolve("run.err"), 16384);
        Map<String, Object> progress = LogTail.progress(err);
        if (progress == null) progress = LogTail.progress(out);
        String status = p.status().label.toLowerCase(Locale.ROOT);
        if (p.status() == JobStatus.RUNNING && run != null && run.state() != GuiRuns.State.RUNNING)
            status = run.state().name().toLowerCase(Locale.ROOT);   // killed before it could record its end
        List<String> tail = new ArrayList<>(out.subList(Math.max(0, out.size() - 12), out.size()));
        if (!err.isEmpty()) {
            tail.add("--- run.err ---");
            tail.addAll(err.subList(Math.max(0, err.size() - 6), err.size()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.name());
        m.put("label", p.name() + (p.aliasOrNull() != null ? " (" + p.aliasOrNull() + ")" : ""));
        JobType t = JobType.ofProcess(p.name());
        m.put("command", t == null ? p.name().substring(0, p.name().indexOf('/')) : t.name().toLowerCase(Locale.ROOT));
        m.put("status", status);
        m.put("progress", progress);
        m.put("tail", tail);
        m.put("log", p.name() + "run.out");
        if (run != null) m.put("run", run.id);
        if (Files.isDirectory(dir)) m.put("display", p.name().replaceAll("/$", ""));
        if (p.status() == JobStatus.RUNNING) m.put("abort", Map.of("job", p.name()));
        else m.put("delete", Map.of("job", p.name()));
        if (form != null && form.available()) m.put("continueWith", Map.of("command", form.kind().command(), "values", continueValues(p, form)));
        return m;
    }

    /** The job's recorded parameters (job.star) as form values, with --rerun set to the job: 'Continue' runs it again in place. */
    Map<String, String> continueValues(PipelineState.Process p, JobForms.Form form) {
        Map<String, String> v = new LinkedHashMap<>();
        try {
            StarFile f = StarReader.read(files.root().resolve(p.name()).resolve("job.star"));
            StarTable t = f.table("joboptions_values");
            for (int r = 0; r < t.rowCount(); r++) {
                String name = "--" + t.get(r, 0), value = t.get(r, 1);
                JobForms.Field fld = form.field(name);
                if (fld == null || fld.name().equals("--rerun") || fld.name().equals("--alias")) continue;
                v.put(name, value.equals("\"\"") ? "" : value);
            }
        } catch (IOException | RuntimeException e) {
            // no or unreadable job.star (a job of RELION's, or one still starting): continue with the defaults
        }
        if (form.field("--rerun") != null) v.put("--rerun", p.name().replaceAll("/$", ""));
        return v;
    }

    /** Processes and the edges between them (a file one wrote and the other read). */
    Map<String, Object> graph() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> procs = new ArrayList<>(), edges = new ArrayList<>();
        if (exists()) {
            PipelineState s = state();
            for (PipelineState.Process p : s.processes) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("name", p.name());
                x.put("alias", p.aliasOrNull());
                x.put("status", p.status().label.toLowerCase(Locale.ROOT));
                procs.add(x);
            }
            for (PipelineState.Edge in : s.inputEdges)
                s.producer(in.node()).ifPresent(from -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("from", from.name());
                    e.put("to", in.process());
                    e.put("node", in.node());
                    edges.add(e);
                });
        }
        m.put("processes", procs);
        m.put("edges", edges);
        return m;
    }

    /** The files a job declared as its outputs (its pipeline nodes). */
    List<String> outputs(String jobDir) {
        if (!exists()) return List.of();
        String name = jobDir.endsWith("/") ? jobDir : jobDir + "/";
        PipelineState s = pipeline.read();
        Optional<PipelineState.Process> p = s.process(name);
        if (p.isEmpty()) return List.of();
        return s.outputEdges.stream().filter(e -> e.process().equals(p.get().name())).map(PipelineState.Edge::node).toList();
    }

    String abort(String job) { return JobControl.abort(pipeline, job); }

    /** Moves a finished job to Trash/ (refused while it runs or while other jobs use its outputs); returns where it went. */
    String delete(String job) { return files.relative(JobControl.delete(pipeline, job)); }
}
