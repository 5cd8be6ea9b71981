package org.subtomo.core.mpi;

import java.util.Map;

/**
 * The process's {@link Ranks}, decided once: MPI when started by Open MPI's {@code mpirun} with more
 * than one rank ({@code OMPI_COMM_WORLD_SIZE} &gt; 1 in the environment), otherwise a single process —
 * a plain run, {@code mpirun -n 1}, or a machine without Open MPI never touches libmpi.
 *
 * <p>Under {@code mpirun -n N>1} without a loadable libmpi we refuse to run: N copies would each do the
 * whole job and write the same files.
 */
public final class Cluster {
    private Cluster() {}

    private static Ranks ranks;

    /** The ranks of this run (initialises MPI on first call when under mpirun). */
    public static synchronized Ranks ranks() {
        if (ranks == null) ranks = create(System.getenv());
        return ranks;
    }

    /** Ranks size launched by mpirun according to the environment, 1 when not under mpirun. */
    public static int launchedSize(Map<String, String> env) {
        String s = env.get("OMPI_COMM_WORLD_SIZE");
        if (s == null) s = env.get("PMIX_SIZE");   // not set by Open MPI 4 but harmless
        try {
            return s == null ? 1 : Math.max(1, Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static Ranks create(Map<String, String> env) {
        int n = launchedSize(env);
        if (n <= 1) return Ranks.single();
        MpiLibrary lib;
        try {
            lib = MpiLibrary.load();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("started by mpirun with " + n + " ranks but MPI is unusable: " + e.getMessage());
        }
        long chunk = Long.getLong("subtomo.mpi.chunk_bytes", 16L << 20);
        return new MpiRanks(lib, chunk);
    }

    /** MPI_Finalize when MPI was initialised; call once at the end of a successful run. */
    public static synchronized void finish() {
        if (ranks instanceof MpiRanks m) m.finish();
    }

    /** After a failure on this rank: end every rank (MPI_Abort) so that none waits forever in a collective. */
    public static synchronized void abortAll(int exitCode) {
        if (ranks instanceof MpiRanks m && m.size() > 1) m.abort(exitCode);
    }
}
