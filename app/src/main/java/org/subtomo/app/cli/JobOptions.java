package org.subtomo.app.cli;

import org.subtomo.app.pipeline.Job;
import org.subtomo.app.pipeline.JobRunner;
import org.subtomo.app.pipeline.JobType;
import org.subtomo.app.pipeline.NodeType;
import org.subtomo.app.pipeline.Pipeline;
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
