package org.subtomo.app.gui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The commands started from the GUI: each is {@code subtomo CMD ...} in a child JVM of the server (same
 * java, same class path, the launcher's flags), working in the project directory, its stdout and stderr
 * together in {@code .subtomo_gui/runNNN.out}. A stage that runs as a pipeline job also writes its own
 * run.out/run.err in its job directory; this log is what the GUI has for commands that do not.
 *
 * <p>As with RELION's GUI, jobs outlive the GUI: each child starts in its own session ({@code setsid}, where
 * there is one), so Ctrl-C on the server does not reach it and stopping the server leaves it running; Abort
 * stops it.
 */
public final class GuiRuns {
    public static final String DIR = ".subtomo_gui";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    public enum State { RUNNING, SUCCEEDED, FAILED, ABORTED }

    /** One started command. */
    public static final class Run {
        public final int id;
        public final String command, line;
        public final Path log;
        public final Instant started;
        final Process process;
        volatile boolean abortRequested;
        volatile String pipelineJob;   // the job directory the command made, once known
        volatile int counterAtStart = -1;   // the pipeline's job counter when the command started (-1: no pipeline)
        volatile String output;        // the output the form named (--o), project-relative, or null
        volatile java.util.Map<String, String> values = java.util.Map.of();   // the form's values, for 'Continue'

        Run(int id, String command, String line, Path log, Process process) {
            this.id = id; this.command = command; this.line = line; this.log = log; this.process = process; this.started = Instant.now();
        }

        public State state() {
            if (process.isAlive()) return State.RUNNING;
            if (abortRequested) return State.ABORTED;
            return process.exitValue() == 0 ? State.SUCCEEDED : State.FAILED;
        }

        public Integer exitCode() { return process.isAlive() ? null : process.exitValue(); }
        public String pipelineJob() { return pipelineJob; }
        public void pipelineJob(String job) { pipelineJob = job; }
        public String output() { return output; }
        public java.util.Map<String, String> values() { return values; }
        public boolean waitFor(long ms) throws InterruptedException { return process.waitFor(ms, TimeUnit.MILLISECONDS); }
    }

    private final Path project;
    private final List<String> javaCommand;
    private final Map<Integer, Run> runs = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();

    /** Runs children with this JVM's java and class path. */
    public GuiRuns(Path project) { this(project, sameJvm()); }

    GuiRuns(Path project, List<String> javaCommand) {
        this.project = project;
        this.javaCommand = List.copyOf(javaCommand);
    }

    /** {@code java --enable-native-access=ALL-UNNAMED -cp <this class path> org.subtomo.app.Main}, as the launcher runs it. */
    static List<String> sameJvm() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=50"));
        String extra = System.getenv("SUBTOMO_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) cmd.addAll(List.of(extra.trim().split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.subtomo.app.Main"));
        return cmd;
    }

    /** Starts {@code subtomo args...} in the project directory. */
    public Run start(List<String> args, String line) {
        int id = counter.incrementAndGet();
        try {
            Path dir = project.resolve(DIR);
            Files.createDirectories(dir);
            Path log = dir.resolve(String.format("run%03d.out", id));
            while (Files.exists(log)) {   // an earlier server's logs are kept
                id = counter.incrementAndGet();
                log = dir.resolve(String.format("run%03d.out", id));
            }
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(SETSID)) cmd.add(SETSID.toString());
            cmd.addAll(javaCommand);
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            pb.environment().put("TERM", "dumb");   // plain progress lines, never a redrawn bar
            Files.writeString(log, "");
            Run r = new Run(id, args.getFirst(), line, log, pb.start());
            runs.put(id, r);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + line + ": " + e.getMessage(), e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    public Run get(int id) { return runs.get(id); }

    public List<Run> all() {
        List<Run> l = new ArrayList<>(runs.values());
        l.sort((a, b) -> Integer.compare(b.id, a.id));
        return l;
    }

    /** Stops a run at once (the pipeline's abort marker is the gentle way; this is for commands without one). */
    public void kill(Run r) {
        r.abortRequested = true;
        r.process.descendants().forEach(ProcessHandle::destroy);
        r.process.destroy();
    }

    /** Ends every child still running (tests; the server itself leaves its jobs running). */
    public void stopAll() {
        for (Run r : runs.values()) if (r.process.isAlive()) kill(r);
    }

    /** How many children are still running. */
    public long running() { return runs.values().stream().filter(r -> r.process.isAlive()).count(); }
}
