package org.subtomo.app.cli;

import org.subtomo.app.pipeline.Job;
import org.subtomo.app.pipeline.JobRunner;
import org.subtomo.app.pipeline.JobType;
import org.subtomo.app.pipeline.NodeType;
import org.subtomo.app.pipeline.Pipeline;
import org.subtomo.app.pipeline.QueueControl;
import org.subtomo.app.pipeline.QueueSubmission;
import org.subtomo.core.error.InputException;
import org.subtomo.core.mpi.Cluster;
import org.subtomo.core.mpi.Ranks;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Options every stage command shares for running as a job. A stage runs as a job (in {@code Type/jobNNN/},
 * recorded in the project's default_pipeline.star) when the project directory has that file — made by
 * {@code subtomo jobs --init} or the demo — and plainly otherwise.
 */
public final class JobOptions {
    @Option(names = "--project_dir", paramLabel = "DIR", defaultValue = ".",
            description = "project directory: names in the STAR files and the outputs are relative to it; default the current directory")
    Path projectDir;

    @Option(names = "--alias", paramLabel = "NAME", description = "job mode: also call the job Type/NAME (a link to Type/jobNNN), e.g. run1")
    String alias;

    @Option(names = "--rerun", paramLabel = "JOB", description = "job mode: run an existing job again in its directory (Class2D/job005 or its alias)")
    String rerun;

    @Option(names = "--no_job", description = "run plainly even in a pipeline project (nothing recorded)")
    boolean noJob;

    @Option(names = "--queue", paramLabel = "NAME", description = "job mode: submit the job to this batch queue (partition) instead of running it here (needs --qsubscript)")
    String queue;

    @Option(names = "--qsub", paramLabel = "CMD", defaultValue = "sbatch", description = "queue submit command (${DEFAULT-VALUE}; qsub for PBS/SGE)")
    String qsub;

    @Option(names = "--qsubscript", paramLabel = "TEMPLATE", description = "job mode: submission template with RELION's placeholders "
            + "(XXXcommandXXX, XXXmpinodesXXX, XXXthreadsXXX, XXXqueueXXX, ...), e.g. scripts/slurm-template.sh; submits the job to the queue "
            + "(default with --queue: $RELION_QSUB_TEMPLATE)")
    Path qsubscript;

    @Option(names = "--qstat", paramLabel = "CMD", description = "queue: the scheduler's status command, " + QueueControl.JOB_ID
            + " for the job id (default for sbatch: the job state from squeue; for qsub: the state column of qstat); 'subtomo jobs' shows its answer")
    String qstat;

    @Option(names = "--qcancel", paramLabel = "CMD", description = "queue: the scheduler's cancel command (default for sbatch: scancel "
            + QueueControl.JOB_ID + "; for qsub: qdel " + QueueControl.JOB_ID + "); 'subtomo jobs --abort' runs it")
    String qcancel;

    @Option(names = "--nr_mpi", defaultValue = "1", description = "queue: MPI ranks (XXXmpinodesXXX) (${DEFAULT-VALUE})")
    int nrMpi;

    @Option(names = "--nr_threads", defaultValue = "1", description = "queue: threads per rank (XXXthreadsXXX; also --j when not given) (${DEFAULT-VALUE})")
    int nrThreads;

    /** Whether the job goes to a batch queue rather than running here. */
    boolean queued() { return queue != null || qsubscript != null; }

    public boolean jobMode() { return !noJob && Pipeline.exists(projectDir); }

    /** A project-relative input name, whatever way the user wrote it. */
    public String relative(Path p) {
        Path abs = p.isAbsolute() ? p : projectDir.resolve(p);
        Path proj = projectDir.toAbsolutePath().normalize();
        Path a = abs.toAbsolutePath().normalize();
        return a.startsWith(proj) ? proj.relativize(a).toString() : a.toString();
    }

    public JobRunner.Input input(Path p, NodeType type) { return new JobRunner.Input(relative(p), type); }

    /**
     * Runs the stage: as a job in job mode, else directly with a plain {@link Job} (outputs where the user put
     * them). Prints the job's directory and status at the end in job mode.
     */
    public int run(CommandSpec spec, JobType type, List<JobRunner.Input> inputs, JobRunner.Body body) throws Exception {
        if (queued()) return submit(spec, type, inputs);
        // under mpirun only RunsOnRanks commands get here (Main refuses the others)
        Ranks ranks = spec.userObject() instanceof RunsOnRanks ? Cluster.ranks() : Ranks.single();
        if (ranks.isParallel() && jobMode()) return runOnRanks(spec, type, inputs, body, ranks);
        if (!jobMode()) {
            if (!ranks.isLeader()) { body.run(Job.plain(projectDir)); return 0; }
            if (alias != null || rerun != null)
                System.err.println("subtomo " + spec.name() + ": --alias/--rerun ignored: " + projectDir.toAbsolutePath().normalize()
                        + " has no " + Pipeline.FILE + " (create one with 'subtomo jobs --init')");
            body.run(Job.plain(projectDir));
            return 0;
        }
        JobRunner.Spec js = new JobRunner.Spec(type, alias, rerun, commandLine(spec), parameters(spec), inputs,
                "subtomo " + VersionProvider.version());
        JobRunner.Outcome o = JobRunner.run(new Pipeline(projectDir), js, body);
        System.out.printf(Locale.ROOT, "job %s %s in %.1f s%n", o.name(), o.status().label.toLowerCase(Locale.ROOT), o.seconds());
        return 0;
    }

    /**
     * Job mode on MPI ranks: the leader runs the job as usual (allocates Type/jobNNN/, records it, writes
     * the outputs) and tells the other ranks the job's name; they run the same body in that directory
     * without recording anything.
     */
    private int runOnRanks(CommandSpec spec, JobType type, List<JobRunner.Input> inputs, JobRunner.Body body, Ranks ranks) throws Exception {
        if (!ranks.isLeader()) {
            body.run(Job.onWorkerRank(projectDir, receiveName(ranks)));
            return 0;
        }
        JobRunner.Spec js = new JobRunner.Spec(type, alias, rerun, commandLine(spec), parameters(spec), inputs,
                "subtomo " + VersionProvider.version());
        JobRunner.Outcome o = JobRunner.run(new Pipeline(projectDir), js, j -> {
            sendName(ranks, j.name());
            body.run(j);
        });
        System.out.printf(Locale.ROOT, "job %s %s in %.1f s on %s%n", o.name(), o.status().label.toLowerCase(Locale.ROOT), o.seconds(),
                ranks.describe());
        return 0;
    }

    /** Sends the job to the queue: the template filled in, written to the job directory and submitted. */
    private int submit(CommandSpec spec, JobType type, List<JobRunner.Input> inputs) throws Exception {
        if (!jobMode())
            throw new InputException("--queue/--qsubscript: queue submission runs a job in a pipeline project, and "
                    + projectDir.toAbsolutePath().normalize() + " has no " + Pipeline.FILE + " (create one with 'subtomo jobs --init')");
        if (nrMpi > 1 && !(spec.userObject() instanceof RunsOnRanks))
            throw new InputException("--nr_mpi " + nrMpi + ": subtomo " + spec.name() + " runs as one process; MPI commands: " + RunsOnRanks.COMMANDS);
        // as RELION: the site's default template may come from RELION_QSUB_TEMPLATE
        String envTemplate = System.getenv("RELION_QSUB_TEMPLATE");
        Path template = qsubscript != null ? projectDir.resolve(qsubscript)
                : envTemplate != null && !envTemplate.isBlank() ? Path.of(envTemplate) : null;
        QueueSubmission q = new QueueSubmission(queue == null ? "" : queue, qsub, template, nrMpi, nrThreads,
                QueueControl.Commands.defaults(qsub).with(qstat, qcancel));
        JobRunner.Spec js = new JobRunner.Spec(type, alias, rerun, commandLine(spec), parameters(spec), inputs,
                "subtomo " + VersionProvider.version());
        JobRunner.Queued j = JobRunner.submit(new Pipeline(projectDir), js, q, name -> queuedCommand(spec, name));
        System.out.printf(Locale.ROOT, "job %s submitted to %s as scheduler job %s (%s); 'subtomo jobs' follows it%n", j.name(),
                queue == null || queue.isEmpty() ? "the queue" : "queue " + queue, j.jobId(), relative(j.script()));
        return 0;
    }

    /** Options that concern the submission, not the run on the node (dropped from the queued command line). */
    private static final java.util.Set<String> SUBMIT_ONLY = java.util.Set.of("--queue", "--qsub", "--qsubscript", "--qstat", "--qcancel", "--nr_mpi", "--nr_threads",
            "--alias", "--rerun", "--project_dir");

    /** The command the queue runs: this command line without the submission options, in the allocated job. */
    String queuedCommand(CommandSpec spec, String jobName) {
        List<String> args = spec.commandLine().getParseResult() != null ? spec.commandLine().getParseResult().originalArgs() : List.of(spec.name());
        List<String> words = new ArrayList<>();
        String launcher = System.getenv("SUBTOMO_LAUNCHER");
        words.add(launcher != null && !launcher.isBlank() ? launcher : "subtomo");
        boolean hasThreads = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i), opt = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (SUBMIT_ONLY.contains(opt)) {
                if (!a.contains("=")) i++;   // skip its value
                continue;
            }
            if (opt.equals("--j")) hasThreads = true;
            words.add(a);
        }
        if (!hasThreads && nrThreads > 1 && spec.findOption("--j") != null) { words.add("--j"); words.add(Integer.toString(nrThreads)); }
        words.addAll(List.of("--rerun", jobName, "--project_dir", projectDir.toAbsolutePath().normalize().toString()));
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(w.isEmpty() || w.matches(".*[^A-Za-z0-9_./=:@+,-].*") ? "'" + w.replace("'", "'\\''") + "'" : w);
        }
        return sb.toString();
    }

    private static final int NAME_MAX = 512;

    private static void sendName(Ranks ranks, String name) {
        int[] buf = new int[NAME_MAX + 1];
        buf[0] = name.length();
        for (int i = 0; i < name.length() && i < NAME_MAX; i++) buf[i + 1] = name.charAt(i);
        ranks.broadcast(buf);
    }

    private static String receiveName(Ranks ranks) {
        int[] buf = new int[NAME_MAX + 1];
        ranks.broadcast(buf);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(buf[0], NAME_MAX); i++) sb.append((char) buf[i + 1]);
        return sb.toString();
    }

    /** The command line as typed (arguments with spaces quoted). */
    static String commandLine(CommandSpec spec) {
        // picocli hands every subcommand the whole original argument list, the subcommand's name included
        List<String> words = new ArrayList<>(List.of("subtomo"));
        List<String> args = spec.commandLine().getParseResult() != null ? spec.commandLine().getParseResult().originalArgs() : List.of(spec.name());
        for (String a : args) words.add(a.isEmpty() || a.matches(".*[\\s'\"$].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
        return String.join(" ", words);
    }

    /** Every option of the command with its value (defaults included): the job's parameters. */
    static Map<String, String> parameters(CommandSpec spec) {
        Map<String, String> m = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) continue;
            Object v = o.getValue();
            m.put(o.longestName().replaceFirst("^-+", ""), v == null ? "" : v.toString());
        }
        return m;
    }
}
