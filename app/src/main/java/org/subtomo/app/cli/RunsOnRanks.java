package org.subtomo.app.cli;

/**
 * Marks a stage command that runs on several MPI ranks ({@code mpirun -n N ./subtomo CMD ...}): it splits
 * its work with {@link org.subtomo.core.mpi.Cluster#ranks()} and writes outputs on the leader only. Other
 * commands refuse to start under mpirun with more than one rank (N copies would write the same files).
 */
public interface RunsOnRanks {
    /** For the refusal message. */
    String COMMANDS = "class2d, class3d, extract, prepare, refine3d";
}
