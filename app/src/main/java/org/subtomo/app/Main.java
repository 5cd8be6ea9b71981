package org.subtomo.app;

import org.subtomo.app.cli.RunsOnRanks;
import org.subtomo.app.cli.SubtomoCommand;
import org.subtomo.core.mpi.Cluster;
import picocli.CommandLine;

/** Entry point used by the ./subtomo launcher. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code;
        try {
            String refusal = refusalUnderMpirun(Cluster.launchedSize(System.getenv()), args);
            if (refusal != null) {
                if ("0".equals(System.getenv().getOrDefault("OMPI_COMM_WORLD_RANK", "0"))) System.err.println(refusal);
                System.exit(1);
            }
            code = run(args);
        } catch (Throwable t) {
            Cluster.abortAll(1);
            throw t;
        }
        // under mpirun: a failed rank ends all ranks (none may wait forever in a collective); else MPI_Finalize
        if (code != 0) Cluster.abortAll(code);
        else Cluster.finish();
        System.exit(code);
    }

    /**
     * Under {@code mpirun -n N>1} a command that does not split its work over ranks would run N times and
     * write the same files: the message refusing it, or null when it may run.
     */
    public static String refusalUnderMpirun(int ranks, String... args) {
        if (ranks <= 1) return null;
        try {
            CommandLine.ParseResult r = SubtomoCommand.commandLine().parseArgs(args);
            while (r.hasSubcommand()) r = r.subcommand();
            Object cmd = r.commandSpec().userObject();
            if (cmd instanceof RunsOnRanks || r.isUsageHelpRequested() || r.isVersionHelpRequested()) return null;
            return "subtomo " + r.commandSpec().name() + ": runs as one process: start it without mpirun (" + ranks
                    + " ranks given); commands that run on MPI ranks: " + RunsOnRanks.COMMANDS;
        } catch (CommandLine.ParameterException e) {
            return null;   // execute() reports it
        }
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        return SubtomoCommand.commandLine().execute(args);
    }
}
