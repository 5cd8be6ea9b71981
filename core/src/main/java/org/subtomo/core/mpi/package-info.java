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
 * {@code --oversubscribe}. Under {@code mpirun -n N>1} the commands that do not split their work refuse to
 * start (N copies would write the same files); {@code -n 1} and plain runs never load libmpi.
 *
 * <h2>Measured (this 2-core machine, shared with other work, load average 14-26 during the runs)</h2>
 * <ul>
 *   <li>Collectives under {@code mpirun -n 3} with 256-byte chunks (1001-element arrays in many rounds):
 *       exact ({@code MpiRanksTest}).</li>
 *   <li>class2d, 40 particles, box 32, K=2, 4 iterations, 3 ranks vs 1 process: identical classes, poses
 *       and offsets; class images max relative difference 1.9e-7 to 2.5e-7 (tolerance 1e-5)
 *       ({@code Class2dMpiTest}).</li>
 *   <li>refine3d, 16 particles, box 32, 2 iterations, 3 ranks vs 1 process: identical poses, maps max
 *       relative difference 1.6e-7 to 2.4e-6 over runs (tolerance 1e-4) ({@code Refine3dMpiTest}).</li>
 *   <li>class3d, 24 particles of two states, K=2, global alignment (order 1), 2 iterations, 3 ranks vs 1
 *       process: identical classes and poses, class maps max relative difference 0 to 4.4e-6 over runs
 *       (tolerance 1e-4; {@code Class3dMpiTest}, ~30-70 s, runs with -Dsubtomo.slow=true).</li>
 *   <li>class3d --skip_align, 48 particles (one 16-particle block per rank), K=2, 3 iterations, 3 ranks vs 1
 *       process: identical classes, Pmax within 1e-4 (measured 3e-6: FFT plans differ between processes), class
 *       maps max relative difference 0 (tolerance 1e-4; {@code Class3dMpiTest}, always run, ~30 s).</li>
 *   <li>prepare and extract --project3d, 2 simulated tomograms of 7 picks, 3 ranks vs 1 process: all 82 files
 *       (ctffind STAR files and plots, 3D CTF models, sub-tomograms, projection stacks, STAR files) identical byte
 *       for byte ({@code PrepareExtractMpiTest}, ~25-40 s). Both commands use FFTW ESTIMATE plans, so that
 *       every process computes the same bits.</li>
 *   <li>{@code bench/refine3d-mpi.sh} (60 particles, box 32, healpix order 1, 4 iterations, 1 thread per
 *       rank, load average 20-26 from other work): wall 35.0 s on 1 process, 56.2 s on 2 ranks, 62.7 s on 3
 *       ranks (no speed-up possible on 2 loaded cores; each rank is a JVM that warms up on its own); the
 *       leader communicated 8.1 MB per iteration with 2 ranks and 12.1 MB with 3 (13.1 and 19.6 MB before
 *       only the voxels within the current radius were exchanged); poses in the final data.star identical to
 *       the 1-process run.</li>
 * </ul>
 *
 * <h2>class3d --skip_align on ranks</h2>
 * {@code bench/class3d-mpi.sh} (bench class3d-data: 200 particles, box 32, SNR 0.1, K=2, 15 iterations, 1 thread per
 * rank, load average 20-24 from other work): 1 process wall 26.4 s, CPU 8.6 s; 2 ranks wall 40.1 s, CPU 15.0 s,
 * leader communicated 8.2 MB per iteration; 3 ranks wall 48.3 s, CPU 19.8 s, 12.2 MB per iteration; the final
 * classes of all 200 particles identical to the 1-process run. The fixed-pose E-step is cheap (under a second per
 * iteration here), so on one machine the extra JVMs cost more than the split saves; the traffic is the class
 * back-projectors within the current radius (3 doubles per voxel per class, R times per rank), as for refine3d.
 *
 * <h2>prepare and extract on ranks</h2>
 * prepare estimates the CTF of whole tomograms on each rank (contiguous shares of the tomogram list; a tilt series
 * is not split, so a single tomogram does not speed up) and then writes contiguous shares of all particles' 3D CTF
 * models; extract splits each tomogram's particles. The leader receives 4 doubles per tilt (prepare) and, with
 * {@code --project3d}, every other rank's processed projections (8 bytes per pixel; extract), and alone writes the
 * STAR files and projection stacks, after a barrier so that they name only files that exist.
 * {@code bench/prepare-extract-mpi.sh} (3 simulated tomograms, 41 tilts of 256², 150 picks, box 32, 1 thread per
 * rank, this 2-core machine at load average 15-18 from other work; CPU = user+sys of mpirun and its ranks):
 * <pre>
 * prepare  1 rank : wall  85.9 s, CPU 31.8 s, max RSS 330 MB
 * prepare  2 ranks: wall 128.4 s, CPU 45.0 s, max RSS 242 MB, leader communicated 0.004 MB
 * prepare  3 ranks: wall 117.5 s, CPU 41.0 s, max RSS 280 MB, leader communicated 0.004 MB
 * extract  1 rank : wall   2.5 s, CPU  1.3 s, max RSS 122 MB
 * extract  2 ranks: wall   4.1 s, CPU  3.4 s, max RSS 166 MB, leader communicated 1.2 MB
 * extract  3 ranks: wall  10.1 s, CPU  5.0 s, max RSS 136 MB, leader communicated 1.2 MB
 * </pre>
 * Every file identical to the 1-rank run in each case. No speed-up on 2 loaded cores: each rank is a JVM that
 * starts and warms up on its own (the extra CPU seconds); the work itself divides with no communication to speak
 * of, so on a cluster prepare scales with the number of tomograms per rank and extract with the particles.
 *
 * <h2>Communication volume and a paper estimate for the protocol's HBV set</h2>
 * refine3d's per-iteration traffic is dominated by the rank-ordered sum of each half's back-projector
 * (3 doubles per padded half-grid voxel within the current radius: at most 3·(N+1)·(2N)²·8 bytes per half,
 * about half of that as a sphere at Nyquist), which every rank sends once and receives from the R − 1
 * others: R times that per half per rank (12.1 MB measured for R = 3, N = 32, both halves). For HBV (1851
 * particles, 240³ boxes) on 4 ranks (one per node), at Nyquist: ≤ 1.33 GB per half, ≤ 10.7 GB per iteration
 * per rank, about 9 s per iteration on 10 Gb Ethernet, under 1 s on InfiniBand; at half Nyquist an eighth
 * of that; a few minutes over 25 iterations. Each half's ~925 particles make 116 blocks of 8, 29 per rank
 * (imbalance at most one block, about 3 %), and the E-step is almost all of the time, so the compute part
 * scales as 1/ranks. RELION took 24 h on 4 × 12-core nodes; at equal per-core speed (not measured here)
 * 4 × 24-core nodes would take about 12 h, plus the minutes of communication.
 * Memory per rank: the whole particle set is read by every rank (each uses only its share).
 */
package org.subtomo.core.mpi;
