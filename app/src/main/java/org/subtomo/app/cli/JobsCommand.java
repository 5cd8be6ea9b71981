package org.subtomo.app.cli;

import org.subtomo.app.pipeline.JobControl;
import org.subtomo.app.pipeline.JobType;
import org.subtomo.app.pipeline.Pipeline;
import org.subtomo.app.pipeline.PipelineState;
import org.subtomo.app.pipeline.QueueControl;
import org.subtomo.app.pipeline.QueueSubmission;
import org.subtomo.core.error.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code subtomo jobs}: the project's job history; --init, --abort, --delete. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = {"List the jobs of a project (default_pipeline.star, RELION 3.1's format): id, type, alias, status, time.",
                "--init makes a directory a pipeline project, so that stage commands run there as jobs (Type/jobNNN/)."})
public final class JobsCommand implements Callable<Integer> {
    @Option(names = "--project_dir", paramLabel = "DIR", defaultValue = ".", description = "project directory (default: the current one)")
    Path projectDir;

    @Option(names = "--init", description = "create an empty default_pipeline.star (keeps an existing one)")
    boolean init;

    @Option(names = "--abort", paramLabel = "JOB", description = "ask a running job to stop (Class2D/job005, its alias, or 5); "
            + "a job sent to a queue is cancelled there (the --qcancel command given at submission)")
    String abort;

    @Option(names = "--delete", paramLabel = "JOB", description = "move a finished job to Trash/ and take it out of the pipeline")
    String delete;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Override public Integer call() {
        if (init) {
            boolean had = Pipeline.exists(projectDir);
            Pipeline.init(projectDir);
            System.out.println((had ? "already a pipeline project: " : "created ") + projectDir.resolve(Pipeline.FILE));
            return 0;
        }
        if (!Pipeline.exists(projectDir))
            throw new InputException(projectDir.toAbsolutePath().normalize() + " has no " + Pipeline.FILE
                    + ": not a pipeline project (create one with 'subtomo jobs --init')");
        Pipeline pipeline = new Pipeline(projectDir);
        if (abort != null) {
            JobControl.Aborted a = JobControl.abortJob(pipeline, abort);
            System.out.println(a.cancelled() != null ? "cancelled " + a.name() + " in the queue (" + a.cancelled() + "); marked aborted"
                    : "asked " + a.name() + " to stop (it stops at its next progress step)");
            return 0;
        }
        if (delete != null) {
            System.out.println("moved " + delete + " to " + JobControl.delete(pipeline, delete));
            return 0;
        }
        JobControl.refreshStatuses(pipeline);
        PipelineState s = pipeline.read();
        if (s.processes.isEmpty()) {
            System.out.println("no jobs yet in " + pipeline.file());
            return 0;
        }
        // jobs sent to a batch queue also show the scheduler's job id and, while not finished here, its state in the
        // queue; one the scheduler has ended without an exit marker is marked failed
        Map<String, QueueSubmission.Submitted> queued = new HashMap<>();   // each job's queue.star, read once
        for (PipelineState.Process p : s.processes) QueueSubmission.read(projectDir.resolve(p.name())).ifPresent(x -> queued.put(p.name(), x));
        Map<String, String> states = new HashMap<>();
        for (PipelineState.Process p : s.processes) {
            QueueSubmission.Submitted x = queued.get(p.name());
            if (p.status().finished() || x == null) continue;
            String st = QueueControl.status(x, projectDir);
            states.put(p.name(), st);
            if (QueueControl.ended(st)) JobControl.leftQueue(pipeline, p.name(), st);
        }
        if (!states.isEmpty()) s = pipeline.read();
        boolean anyQueued = !queued.isEmpty();
        System.out.printf("%-20s %-12s %-22s %-10s %-16s%s%n", "job", "type", "alias", "status", "started", anyQueued ? " queue job id (queue): state" : "");
        for (PipelineState.Process p : s.processes) {
            JobType t = JobType.ofProcess(p.name());
            String q = anyQueued ? java.util.Optional.ofNullable(queued.get(p.name())).map(x -> " " + x.jobId()
                    + (x.queue().equals("None") ? "" : " (" + x.queue() + ")") + (states.getOrDefault(p.name(), "").isEmpty() ? ""
                    : ": " + states.get(p.name()))).orElse("") : "";
            System.out.printf(Locale.ROOT, "%-20s %-12s %-22s %-10s %-16s%s%n", p.name(), t == null ? "type " + p.type() : t.directory,
                    p.aliasOrNull() == null ? "" : p.aliasOrNull(), p.status().label, started(projectDir.resolve(p.name())), q);
        }
        return 0;
    }

    private static String started(Path dir) {
        try {
            Path note = dir.resolve("note.txt");
            FileTime t = Files.getLastModifiedTime(Files.exists(note) ? note : dir);
            return TIME.format(t.toInstant());
        } catch (IOException e) {
            return "(no directory)";
        }
    }
}
