package org.subtomo.app.pipeline;

import org.subtomo.core.error.InputException;
import org.subtomo.core.io.AtomicFiles;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;
import org.subtomo.core.progress.Abort;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs one stage as a RELION-style job: allocates {@code Type/jobNNN/} (and the alias link
 * {@code Type/<alias>}), records the command line (note.txt), parameters, inputs with size and SHA-256,
 * software version and times (job.star), tees stdout/stderr to run.out/run.err, marks the end with
 * RELION's RELION_JOB_EXIT_SUCCESS / _FAILURE / _ABORTED files, and keeps default_pipeline.star in step.
 */
public final class JobRunner {
    public static final String SUCCESS = "RELION_JOB_EXIT_SUCCESS", FAILURE = "RELION_JOB_EXIT_FAILURE",
            ABORTED = "RELION_JOB_EXIT_ABORTED", ABORT_NOW = "RELION_JOB_ABORT_NOW";
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_.+-]+");

    private JobRunner() {}

    /** An input file (project-relative) and what it holds. */
    public record Input(String file, NodeType type) {}

    /**
     * @param type        the stage
     * @param alias       e.g. run1 (a link Type/run1 to the job), or null
     * @param rerun       an existing job (Class2D/job005 or its alias) to run again in place, or null
     * @param commandLine the exact command line, for note.txt
     * @param parameters  option → value, for job.star
     * @param inputs      input files; each must exist and must not come from a failed or aborted job
     * @param software    version string recorded in job.star
     */
    public record Spec(JobType type, String alias, String rerun, String commandLine, Map<String, String> parameters,
                       List<Input> inputs, String software) {}

    @FunctionalInterface public interface Body { void run(Job job) throws Exception; }

    public record Outcome(String name, Path dir, JobStatus status, double seconds, List<Job.Output> outputs) {}

    /**
     * Runs {@code body} as a new job (or reruns one) in {@code pipeline}'s project. A failure or abort is
     * recorded and then rethrown, so the caller reports it as it would outside a pipeline.
     */
    public static Outcome run(Pipeline pipeline, Spec spec, Body body) throws Exception {
        Path project = pipeline.project();
        for (Input in : spec.inputs()) checkInput(pipeline, in);
        String name = pipeline.update(s -> allocate(s, spec, project));
        Path dir = project.resolve(name);
        Job job = new Job(project, name);
        Instant start = Instant.now();
        Map<String, String> inputs = checksums(project, spec.inputs());
        try {
            if (spec.alias() != null) link(project, spec.type(), spec.alias(), name);
            appendNote(dir, spec, start);
        } catch (IOException e) {
            pipeline.update(s -> { s.replace(s.process(name).orElseThrow().withStatus(JobStatus.FAILED)); return null; });
            throw new UncheckedIOException("cannot set up job " + name + ": " + e.getMessage(), e);
        }
        writeJobStar(dir, spec, inputs, start, null, JobStatus.RUNNING, List.of());

        JobStatus status = JobStatus.SUCCEEDED;
        Throwable error = null;
        PrintStream oldOut = System.out, oldErr = System.err;
        try (OutputStream runOut = new FileOutputStream(dir.resolve("run.out").toFile(), spec.rerun() != null);
             OutputStream runErr = new FileOutputStream(dir.resolve("run.err").toFile(), spec.rerun() != null)) {
            System.setOut(new PrintStream(new Tee(oldOut, runOut), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Tee(oldErr, runErr), true, StandardCharsets.UTF_8));
            Abort.install(new ThrottledCheck(job::abortRequested));
            try {
                body.run(job);
                for (Job.Output o : job.outputs())
                    if (!Files.exists(project.resolve(o.name())))
                        throw new IllegalStateException("job " + name + " declared output " + o.name() + " but did not write it");
            } catch (Throwable t) {
                error = t;
                status = aborted(t) ? JobStatus.ABORTED : JobStatus.FAILED;
                System.err.println((status == JobStatus.ABORTED ? "job aborted: " : "job failed: ") + t);
            } finally {
                Abort.clear();
                System.out.flush();
                System.err.flush();
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        }
        Instant end = Instant.now();
        List<Job.Output> outputs = status == JobStatus.SUCCEEDED ? job.outputs() : List.of();
        writeJobStar(dir, spec, inputs, start, end, status, outputs);
        finish(pipeline, name, status, outputs);
        Files.deleteIfExists(dir.resolve(ABORT_NOW));
        Files.createFile(dir.resolve(status == JobStatus.SUCCEEDED ? SUCCESS : status == JobStatus.ABORTED ? ABORTED : FAILURE));
        if (error instanceof Exception e) throw e;
        if (error instanceof Error e) throw e;
        return new Outcome(name, dir, status, (end.toEpochMilli() - start.toEpochMilli()) / 1000.0, outputs);
    }

    /** A job sent to a queue: its name, directory, the scheduler's job id and the script. */
    public record Queued(String name, Path dir, String jobId, Path script) {}

    /**
     * Allocates the job as {@link #run} does but, instead of running the stage here, writes the submission
     * script from {@code queue}'s template into the job directory and runs the submit command on it. The job
     * is left Scheduled with the scheduler's id in queue.star and job.star; the queued command (built by
     * {@code command} from the job's name) runs it in place with {@code --rerun}, which sets Running and
     * finally writes RELION_JOB_EXIT_*. A failed submission marks the job Failed.
     */
    public static Queued submit(Pipeline pipeline, Spec spec, QueueSubmission queue, java.util.function.Function<String, String> command)
            throws IOException, InterruptedException {
        Path project = pipeline.project();
        for (Input in : spec.inputs()) checkInput(pipeline, in);
        String name = pipeline.update(s -> allocate(s, spec, project));
        Path dir = project.resolve(name);
        Instant start = Instant.now();
        Map<String, String> inputs = checksums(project, spec.inputs());
        String cmd = command.apply(name);
        Path script = dir.resolve(QueueSubmission.SCRIPT);
        String output;
        int rc;
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(QueueSubmission.RECORD));
            if (spec.alias() != null) link(project, spec.type(), spec.alias(), name);
            appendNote(dir, new Spec(spec.type(), spec.alias(), spec.rerun(), spec.commandLine() + "\n++++ submitted to the queue as: " + cmd,
                    spec.parameters(), spec.inputs(), spec.software()), start);
            AtomicFiles.writeString(script, queue.script(cmd, name, dir.toAbsolutePath().normalize()));
            script.toFile().setExecutable(true);
            Process p;
            try {
                p = new ProcessBuilder(queue.qsub(), script.toAbsolutePath().normalize().toString()).directory(project.toFile())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new InputException("--qsub " + queue.qsub() + ": cannot run it (" + e.getMessage() + "); give the scheduler's submit command, e.g. sbatch or qsub");
            }
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) { p.destroyForcibly(); throw new InputException("--qsub " + queue.qsub() + ": no answer in 120 s"); }
            rc = p.exitValue();
            if (rc != 0) throw new InputException("--qsub " + queue.qsub() + " " + script + " failed (exit " + rc + "): "
                    + output.strip().lines().findFirst().orElse("no output"));
        } catch (RuntimeException | IOException | InterruptedException e) {
            pipeline.update(s -> { s.replace(s.process(name).orElseThrow().withStatus(JobStatus.FAILED)); return null; });
            writeJobStar(dir, spec, inputs, start, Instant.now(), JobStatus.FAILED, List.of());
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(FAILURE), "");
            throw e;
        }
        String id = QueueSubmission.jobId(output).orElse("unknown");
        QueueSubmission.Submitted rec = new QueueSubmission.Submitted(id, queue.queue() == null ? "" : queue.queue(),
                queue.qsub() + " " + script, Instant.now().toString(), queue.control().status(), queue.control().cancel());
        AtomicFiles.writeString(dir.resolve(QueueSubmission.RECORD), StarWriter.toText(new StarFile().add("queue", QueueSubmission.record(rec))));
        writeJobStar(dir, spec, inputs, start, null, JobStatus.SCHEDULED, List.of());
        pipeline.update(s -> { s.replace(s.process(name).orElseThrow().withStatus(JobStatus.SCHEDULED)); return null; });
        return new Queued(name, dir, id, script);
    }

    static boolean aborted(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) if (c instanceof Abort.AbortedException) return true;
        return false;
    }

    private static void checkInput(Pipeline pipeline, Input in) {
        Path p = pipeline.project().resolve(in.file());
        if (!Files.exists(p)) throw new InputException(in.file() + ": no such file (names are relative to the project " + pipeline.project() + ")");
        PipelineState s = pipeline.read();
        // the job that wrote it, or the job whose directory holds it (a rerun's edges are cleared while it runs)
        Optional<PipelineState.Process> from = s.producer(in.file()).or(() -> s.processes.stream()
                .filter(q -> in.file().startsWith(q.name()) || q.aliasOrNull() != null && in.file().startsWith(q.aliasOrNull())).findFirst());
        if (from.isPresent() && (from.get().status() == JobStatus.FAILED || from.get().status() == JobStatus.ABORTED))
            throw new InputException(in.file() + " comes from job " + from.get().name() + ", which " + from.get().status().label.toLowerCase()
                    + "; run that job again (--rerun " + from.get().name() + ") or choose another input");
    }

    /** Under the lock: a new process (or the rerun one) marked running, with its input edges. */
    private static String allocate(PipelineState s, Spec spec, Path project) {
        String name;
        if (spec.rerun() != null) {
            PipelineState.Process p = s.process(spec.rerun()).orElseThrow(() -> new InputException(
                    "--rerun " + spec.rerun() + ": no such job in " + project.resolve(Pipeline.FILE) + " ('subtomo jobs' lists them)"));
            if (p.status() == JobStatus.RUNNING)
                throw new InputException("--rerun " + spec.rerun() + ": job " + p.name() + " is still running (abort it first: subtomo jobs --abort " + p.name() + ")");
            if (p.type() != spec.type().relionType || JobType.ofProcess(p.name()) != spec.type())
                throw new InputException("--rerun " + spec.rerun() + ": job " + p.name() + " is not a " + spec.type().directory + " job");
            name = p.name();
            s.replace(p.withStatus(JobStatus.RUNNING));
            s.outputEdges.removeIf(e -> e.process().equals(p.name()));
            s.inputEdges.removeIf(e -> e.process().equals(p.name()));
        } else {
            String alias = null;
            if (spec.alias() != null) {
                if (!ALIAS.matcher(spec.alias()).matches() || spec.alias().matches("job\\d+"))
                    throw new InputException("--alias " + spec.alias() + ": use letters, digits, _ . + - only, and not jobNNN");
                alias = spec.type().directory + "/" + spec.alias() + "/";
                String a = alias;
                if (s.processes.stream().anyMatch(p -> a.equals(p.alias())))
                    throw new InputException("--alias " + spec.alias() + ": " + a + " is taken; choose another alias");
            }
            int n = s.jobCounter;
            name = String.format("%s/job%03d/", spec.type().directory, n);
            s.jobCounter = n + 1;
            s.processes.add(new PipelineState.Process(name, alias, spec.type().relionType, JobStatus.RUNNING));
        }
        for (Input in : spec.inputs()) {
            s.addNode(in.file(), in.type());
            s.inputEdges.add(new PipelineState.Edge(in.file(), name));
        }
        // Before the job shows as running: an abort request made as soon as it is listed must not be wiped here.
        try {
            Path dir = project.resolve(name);
            Files.createDirectories(dir);
            for (String m : List.of(SUCCESS, FAILURE, ABORTED, ABORT_NOW)) Files.deleteIfExists(dir.resolve(m));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + project.resolve(name) + ": " + e.getMessage(), e);
        }
        return name;
    }

    private static void finish(Pipeline pipeline, String name, JobStatus status, List<Job.Output> outputs) {
        pipeline.update(s -> {
            s.replace(s.process(name).orElseThrow(() -> new IllegalStateException(name + " vanished from the pipeline")).withStatus(status));
            for (Job.Output o : outputs) {
                s.addNode(o.name(), o.type());
                s.outputEdges.add(new PipelineState.Edge(o.name(), name));
            }
            return null;
        });
    }

    /** RELION's alias link: Type/alias → ../Type/jobNNN/. */
    private static void link(Path project, JobType type, String alias, String name) throws IOException {
        Path l = project.resolve(type.directory).resolve(alias);
        if (Files.isSymbolicLink(l)) Files.delete(l);
        if (Files.exists(l)) throw new InputException(l + " exists and is not an alias link; choose another --alias");
        Files.createSymbolicLink(l, Path.of("..", name));
    }

    private static void appendNote(Path dir, Spec spec, Instant start) throws IOException {
        String note = "++++ Executing new job on " + start + "\n++++ with the following command(s): \n" + spec.commandLine() + "\n++++ \n";
        Files.writeString(dir.resolve("note.txt"), note, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    static Map<String, String> checksums(Path project, List<Input> inputs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Input in : inputs) m.put(in.file(), size(project.resolve(in.file())) + " " + sha256(project.resolve(in.file())));
        return m;
    }

    private static long size(Path p) {
        try { return Files.size(p); } catch (IOException e) { throw new UncheckedIOException(e); }
    }

    static String sha256(Path file) {
        if (Files.isDirectory(file)) return "directory";
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * job.star: RELION's blocks data_job (type, continue flag) and data_joboptions_values (our options),
     * then our provenance: software, times, status, command line, inputs with size and SHA-256, outputs.
     */
    static void writeJobStar(Path dir, Spec spec, Map<String, String> inputs, Instant start, Instant end, JobStatus status,
                             List<Job.Output> outputs) throws IOException {
        StarFile f = new StarFile();
        StarTable job = StarTable.pairs();
        job.put("rlnJobType", Integer.toString(spec.type().relionType));
        job.put("rlnJobIsContinue", spec.rerun() != null ? "1" : "0");
        f.add("job", job);
        StarTable opts = StarTable.loop("rlnJobOptionVariable", "rlnJobOptionValue");
        for (var e : spec.parameters().entrySet()) opts.addRow(e.getKey(), e.getValue() == null ? "" : e.getValue());
        f.add("joboptions_values", opts);
        StarTable prov = StarTable.pairs();
        prov.put("subtomoSoftware", spec.software());
        prov.put("subtomoJava", Runtime.version().toString());
        prov.put("subtomoStartTime", start.toString());
        prov.put("subtomoEndTime", end == null ? "None" : end.toString());
        prov.put("subtomoStatus", status.label);
        prov.put("subtomoPid", Long.toString(ProcessHandle.current().pid()));
        prov.put("subtomoHost", host());
        prov.put("subtomoCommandLine", spec.commandLine().replace('\n', ' ').replace("\"", "'"));
        QueueSubmission.read(dir).ifPresent(q -> {   // sent to a queue: the scheduler's id stays in the provenance
            prov.put("subtomoQueueJobId", q.jobId());
            prov.put("subtomoQueueName", q.queue());
            prov.put("subtomoQueueSubmitCommand", q.submitCommand());
            prov.put("subtomoQueueSubmitTime", q.time());
        });
        f.add("subtomo_provenance", prov);
        StarTable in = StarTable.loop("subtomoInputFile", "subtomoInputBytes", "subtomoInputSha256");
        for (var e : inputs.entrySet()) {
            String[] sizeAndHash = e.getValue().split(" ");
            in.addRow(e.getKey(), sizeAndHash[0], sizeAndHash[1]);
        }
        f.add("subtomo_inputs", in);
        StarTable out = StarTable.loop("subtomoOutputFile", "rlnPipeLineNodeType");
        for (Job.Output o : outputs) out.addRow(o.name(), Integer.toString(o.type().code));
        f.add("subtomo_outputs", out);
        AtomicFiles.writeString(dir.resolve("job.star"), StarWriter.toText(f));
    }

    /** This machine's name, to tell whether a job's process can be looked up here. */
    static String host() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = Files.readString(Path.of("/etc/hostname")).strip();
            } catch (IOException | RuntimeException e) {
                h = "unknown";
            }
        }
        return h.isBlank() ? "unknown" : h;
    }

    /** Looks at the abort file at most every 300 ms: Progress polls on every step, from many threads. */
    static final class ThrottledCheck implements java.util.function.BooleanSupplier {
        private final java.util.function.BooleanSupplier check;
        private volatile long next;
        private volatile boolean seen;

        ThrottledCheck(java.util.function.BooleanSupplier check) { this.check = check; }

        @Override public boolean getAsBoolean() {
            if (seen) return true;
            long now = System.currentTimeMillis();
            if (now < next) return false;
            next = now + 300;
            seen = check.getAsBoolean();
            return seen;
        }
    }

    /** Writes to the console and to the job's log. */
    private static final class Tee extends OutputStream {
        private final OutputStream a, b;

        Tee(OutputStream a, OutputStream b) { this.a = a; this.b = b; }

        @Override public synchronized void write(int x) throws IOException { a.write(x); b.write(x); }
        @Override public synchronized void write(byte[] buf, int off, int len) throws IOException { a.write(buf, off, len); b.write(buf, off, len); }
        @Override public synchronized void flush() throws IOException { a.flush(); b.flush(); }
    }
}
