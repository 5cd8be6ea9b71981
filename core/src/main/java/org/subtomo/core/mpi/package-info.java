/**
 * Running one stage on many processes: MPI through Open MPI's C library and the Foreign Function &amp;
 * Memory API (no mpi.jar, no JNI).
 *
 * <p>{@link org.subtomo.core.mpi.Cluster#ranks()} is the entry point: a single process unless the JVM was
 * started by {@code mpirun -n N} with N &gt; 1. Stages take a {@link org.subtomo.core.mpi.Ranks}: each rank
 * processes a contiguous share of the particles ({@link org.subtomo.core.mpi.Partition}), the per-rank
 * accumulators are summed in rank order ({@link org.subtomo.core.mpi.Ranks#sumInRankOrder}), every rank
 * runs the same M-step and the leader's model is broadcast so that all ranks continue from identical
 * bits; per-particle results are gathered, and only the leader (rank 0) writes files and prints.
 *
 * <p>Usage: build once ({@code ./subtomo --version}), then
 * {@code mpirun -n 4 ./subtomo class2d --i particles.star --o Class2D/run1 --j 6 ...}. The launcher never
 * rebuilds under mpirun (ranks would race on the build).
 *
 * <p>Open MPI notes: as root add {@code --allow-run-as-root}; on a machine with fewer cores than ranks add
 * {@code --oversubscribe}.
 */
package org.subtomo.core.mpi;
