package org.subtomo.core.mpi;

/**
 * The processes of one run (MPI ranks) and the collective operations the stages need. Every rank
 * calls the same collectives in the same order with the same array lengths (MPI's rule). A plain run
 * is {@link #single()}: one rank, every collective a no-op, so stages take a {@code Ranks} and behave
 * exactly as before when it is single.
 *
 * <p>Determinism: {@link #sumInRankOrder} adds the ranks' arrays as rank 0 + rank 1 + ... on every rank,
 * so all ranks hold bit-identical sums and a rerun with the same rank count gives the same bits;
 * {@link #allreduceSum} is MPI_Allreduce (faster, order chosen by Open MPI).
 */
public interface Ranks {
    int rank();

    int size();

    default boolean isLeader() { return rank() == 0; }

    default boolean isParallel() { return size() > 1; }

    /** "1 process", or "3 MPI ranks (Open MPI v4.1.4 ...)". */
    String describe();

    void barrier();

    /** Replaces {@code a} on every rank by the leader's (rank 0) values. */
    void broadcast(double[] a);

    void broadcast(float[] a);

    void broadcast(int[] a);

    /** Element-wise sum over ranks (MPI_Allreduce, MPI_SUM), in place, on every rank. */
    void allreduceSum(double[] a);

    void allreduceSum(float[] a);

    /** Element-wise sum over ranks in the fixed order rank 0 + 1 + ... (bit-identical on all ranks), in place. */
    void sumInRankOrder(double[] a);

    /**
     * Concatenation of every rank's {@code local} in rank order (MPI_Allgatherv); {@code counts[r]} is rank r's
     * length (the same array on every rank).
     */
    double[] allGather(double[] local, int[] counts);

    /** As {@link #allGather} but only the leader receives the result (others get null): MPI_Gatherv. */
    double[] gatherToLeader(double[] local, int[] counts);

    /** Bytes this rank has sent to and received from other ranks so far (the payloads, not MPI's overhead). */
    long bytesCommunicated();

    /** Ends the whole job (all ranks) after a failure on this one; never returns normally under MPI. */
    void abort(int exitCode);

    /** This rank's share [from, to) of {@code n} items: contiguous blocks by index, sizes differing by at most one. */
    default Partition.Range share(int n) { return Partition.of(n, size()).part(rank()); }

    static Ranks single() { return SingleRank.INSTANCE; }
}
