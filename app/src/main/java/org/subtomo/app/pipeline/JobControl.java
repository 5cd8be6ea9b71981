package org.subtomo.app.pipeline;

import org.subtomo.core.error.InputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Abort and delete, as RELION's GUI does them: abort leaves RELION_JOB_ABORT_NOW in the job directory
 * for the running job to notice; delete moves the job directory to {@code Trash/} and takes the job
 * out of the pipeline. Neither touches another job's files.
 */
public final class JobControl {
    private JobControl() {}

    /** What an abort did: the job, and the scheduler's cancel command when the job was in a queue (else null). */
    public record Aborted(String name, String cancelled) {}

    /**
     * Asks a running job to stop (RELION_JOB_ABORT_NOW, which it notices at its next progress step). A job sent to
     * a batch queue, scheduled or running, is cancelled in the scheduler with the command recorded at submission
     * and marked aborted at once (a cancelled job cannot write its own end marker).
     */
    public static String abort(Pipeline pipeline, String id) { return abortJob(pipeline, id).name(); }

    /** As {@link #abort}, saying whether the job was cancelled in its queue. */
    public static Aborted abortJob(Pipeline pipeline, String id) {
        PipelineState.Process p = find(pipeline.read(), id, pipeline);
        Path dir = pipeline.project().resolve(p.name());
        var queued = QueueSubmission.read(dir);
        // a running queued job without a cancel command still gets the abort marker; a scheduled one needs the scheduler
        boolean cancel = queued.isPresent() && (p.status() == JobStatus.SCHEDULED
                || p.status() == JobStatus.RUNNING && !queued.get().cancelCommand().isEmpty());
        if (cancel) {
            String cmd = QueueControl.cancel(queued.get(), pipeline.project());
            try {
                Files.writeString(dir.resolve(JobRunner.ABORT_NOW), "");   // in case it runs and reaches a progress step first
                markEnded(dir, "subtomo jobs --abort: cancelled in the queue (" + cmd + ")", JobRunner.ABORTED);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the abort markers of " + p.name() + ": " + e.getMessage(), e);
            }
            pipeline.update(s -> { s.replace(s.process(p.name()).orElseThrow().withStatus(JobStatus.ABORTED)); return null; });
            return new Aborted(p.name(), cmd);
        }
        if (p.status() != JobStatus.RUNNING)
            throw new InputException(p.name() + " is not running (" + p.status().label.toLowerCase() + "): nothing to abort");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(JobRunner.ABORT_NOW), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the abort marker of " + p.name() + ": " + e.getMessage(), e);
        }
        return new Aborted(p.name(), null);
    }

    /**
     * Moves a finished job to Trash/ and removes it from the pipeline; refuses a running job and a job
     * whose outputs other jobs use (delete those first). Returns where the files went.
     */
    public static Path delete(Pipeline pipeline, String id) {
        Path project = pipeline.project();
        return pipeline.update(s -> {
            PipelineState.Process p = find(s, id, pipeline);
            if (p.status() == JobStatus.RUNNING)
                throw new InputException(p.name() + " is running: abort it first (subtomo jobs --abort " + p.name() + ")");
            List<String> users = s.outputEdges.stream().filter(e -> e.process().equals(p.name()))
                    .flatMap(o -> s.inputEdges.stream().filter(i -> i.node().equals(o.node())).map(PipelineState.Edge::process))
                    .filter(u -> !u.equals(p.name())).distinct().toList();
            if (!users.isEmpty())
                throw new InputException(p.name() + " has outputs used by " + String.join(", ", users) + ": delete those jobs first");
            Path dir = project.resolve(p.name());
            Path trash = project.resolve("Trash").resolve(p.name());
            try {
                if (p.aliasOrNull() != null) {
                    Path link = project.resolve(p.aliasOrNull().replaceAll("/$", ""));
                    if (Files.isSymbolicLink(link)) Files.delete(link);
                }
                if (Files.exists(dir)) {
                    Files.createDirectories(trash.getParent());
                    if (Files.exists(trash)) moveAside(trash);
                    Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move " + dir + " to " + trash + ": " + e.getMessage(), e);
            }
            s.remove(p.name());
            return trash;
        });
    }

    /** Ends a job from outside its process: the reason appended to its run.err, then the exit marker (a JobRunner file name). */
    private static void markEnded(Path jobDir, String why, String marker) throws IOException {
        Files.writeString(jobDir.resolve("run.err"), why + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(jobDir.resolve(marker), "");
    }

    /**
     * A job the scheduler has ended ({@link QueueControl#ended}) while it is still scheduled or running here: unless
     * its exit marker has appeared meanwhile, it gets a failure marker, a line in run.err and the status Failed.
     * Returns whether it was marked.
     */
    public static boolean leftQueue(Pipeline pipeline, String name, String schedulerState) {
        Path d = pipeline.project().resolve(name);
        return pipeline.update(s -> {
            PipelineState.Process p = s.process(name).orElse(null);
            if (p == null || p.status().finished()) return false;
            JobStatus m = marker(pipeline.project(), p);
            try {
                if (m == null) markEnded(d, "subtomo jobs: the scheduler ended the job (" + schedulerState
                        + ") without an exit marker: see its output files in this directory", JobRunner.FAILURE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            s.replace(p.withStatus(m != null ? m : JobStatus.FAILED));
            return true;
        });
    }

    private static void moveAside(Path old) throws IOException {
        for (int i = 1; ; i++) {
            Path t = old.resolveSibling(old.getFileName() + "." + i);
            if (!Files.exists(t)) { Files.move(old, t); return; }
        }
    }

    static PipelineState.Process find(PipelineState s, String id, Pipeline pipeline) {
        String key = id;
        if (id.matches("\\d+")) {   // a bare number: the job with that counter value
            String suffix = String.format("/job%03d/", Integer.parseInt(id));
            return s.processes.stream().filter(p -> p.name().endsWith(suffix)).findFirst()
                    .orElseThrow(() -> noSuchJob(id, pipeline));
        }
        return s.process(key).orElseThrow(() -> noSuchJob(id, pipeline));
    }

    private static InputException noSuchJob(String id, Pipeline pipeline) {
        return new InputException(id + ": no such job in " + pipeline.file() + " ('subtomo jobs' lists them; give Class2D/job005, its alias or 5)");
    }

    /**
     * Jobs marked running whose directory holds an exit marker (one RELION ran, or one whose last pipeline update was
     * lost) get the status the marker says, as {@code relion_pipeliner --check_job_completion} does; a job whose process
     * (pid and host in its job.star) no longer exists on this machine is marked failed, with a failure marker.
     */
    public static int refreshStatuses(Pipeline pipeline) {
        PipelineState s = pipeline.read();
        // running jobs: marker or a vanished process; queued (scheduled) jobs: only their exit marker,
        // since their process runs on another node
        boolean stale = s.processes.stream().anyMatch(p -> status(pipeline.project(), p) != null);
        if (!stale) return 0;
        return pipeline.update(st -> {
            int n = 0;
            for (PipelineState.Process p : List.copyOf(st.processes)) {
                JobStatus m = status(pipeline.project(), p);
                if (m == null) continue;
                st.replace(p.withStatus(m));
                n++;
                if (marker(pipeline.project(), p) == null) {
                    try {
                        Path d = pipeline.project().resolve(p.name());
                        markEnded(d, "subtomo jobs: the job's process ended without an exit marker (killed?)", JobRunner.FAILURE);
                        Files.deleteIfExists(d.resolve(JobRunner.ABORT_NOW));   // a request it can no longer answer
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            return n;
        });
    }

    /** The status a listed job should now have, or null when it is unchanged. */
    private static JobStatus status(Path project, PipelineState.Process p) {
        if (p.status() == JobStatus.RUNNING) return actual(project, p);
        if (p.status() == JobStatus.SCHEDULED) return marker(project, p);
        return null;
    }

    /** The status a running job really has: its marker's, FAILED if its process is gone, or null if it may run. */
    private static JobStatus actual(Path project, PipelineState.Process p) {
        JobStatus m = marker(project, p);
        if (m != null) return m;
        Path star = project.resolve(p.name()).resolve("job.star");
        if (!Files.exists(star)) return null;
        try {
            var prov = org.subtomo.core.io.star.StarReader.read(star).find("subtomo_provenance");
            if (prov.isEmpty() || !prov.get().table().has("subtomoPid")) return null;
            if (!JobRunner.host().equals(prov.get().table().get("subtomoHost"))) return null;   // cannot tell from here
            long pid = Long.parseLong(prov.get().table().get("subtomoPid"));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? null : JobStatus.FAILED;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static JobStatus marker(Path project, PipelineState.Process p) {
        Path d = project.resolve(p.name());
        if (Files.exists(d.resolve(JobRunner.SUCCESS))) return JobStatus.SUCCEEDED;
        if (Files.exists(d.resolve(JobRunner.FAILURE))) return JobStatus.FAILED;
        if (Files.exists(d.resolve(JobRunner.ABORTED))) return JobStatus.ABORTED;
        return null;
    }
}
