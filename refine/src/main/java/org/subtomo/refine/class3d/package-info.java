/**
 * 3D classification of sub-tomograms ({@code subtomo class3d}, protocol steps 21-23 and focused
 * classification, step 26), built on the 3D likelihood engine {@link org.subtomo.refine.ml.Em3D}.
 *
 * <h2>Choices and why</h2>
 * <ul>
 *   <li><b>RELION's seeds.</b> All K classes start from the one reference (masked, low-passed to --ini_high);
 *       in iteration 1 each particle goes to one seeded random class, so the classes begin as
 *       reconstructions of K random subsets. With alignment, each subset is aligned against its class with
 *       {@code Em3D} on a one-class view of the model, so Em3D needed no change.</li>
 *   <li><b>Fixed poses without Em3D.</b> {@code --skip_align} has one pose per particle: {@link
 *       org.subtomo.refine.class3d.FixedPoseExpectation} rotates each class once to it, scores the classes with
 *       the same terms as Em3D (masked particle, CTF volume, σ², DC excluded), keeps the classes holding 0.999
 *       of the posterior (RELION's significance cut) and back-projects the unmasked particle. Each particle's
 *       transforms are computed once per run.</li>
 *   <li><b>τ² from each class's power</b> (½|V|² per shell of the masked class, RELION's classification rule);
 *       shells with τ² = 0 (beyond the initial low-pass) are regularised with 1000× the data weight, RELION's
 *       handling of a zero τ², instead of being left unregularised.</li>
 *   <li><b>Focused classification</b>: {@code --solvent_mask} multiplies every class after each M-step, so the
 *       classes differ only inside the mask and only that region separates particles in the likelihood; the
 *       particles are still masked by the particle sphere in the E-step, as in RELION.</li>
 *   <li><b>Noise where the data are</b>: σ² counts only Fourier voxels with a non-zero CTF volume, as in refine3d
 *       ({@code --relion_sigma2} for RELION's average over the missing wedge).</li>
 *   <li><b>Exact continuation</b>: class maps are float MRC, spectra and fractions shortest decimals, seeds and
 *       perturbations depend on seed + iteration only and the sums are merged in a fixed block order, so
 *       {@code --continue} from run_itNNN_optimiser.star reproduces the uninterrupted run byte for byte.</li>
 * </ul>
 *
 * <h2>Speed: where the time of a short run goes, and what was cut</h2>
 * Profiled with JFR and -XX:+CITime (--skip_align, 200 particles, box 32, 15 it., about 7-8 CPU s before):
 * <ul>
 *   <li>the fixed-pose E-step was ~2/3 of the sampled Java time (trilinear reads and splats); it now uses one base
 *       index plus wrapped y/z steps per stencil entry (no branches or wrap arithmetic in the loops), per-block
 *       scratch arrays and per-group 1/σ² (it allocated ~1 GB of short-lived arrays per run, and the G1 pauses that
 *       came with them), and small kernels instead of loops inside the particle method (C2 compiled that whole
 *       method again for each loop it entered on-stack: ~3 s of compiler time under load). Maps bit-identical.</li>
 *   <li>JIT compilation is the rest of a short run's overhead: a C1-only run took 5.1 CPU s against 6.5
 *       (TieredStopAtLevel is no option for long runs). The launcher now trains a JDK 25 AOT cache (linked
 *       classes + method profiles) after each build; runs with it took 5.6-6.0 CPU s against 6.6-6.9 without.</li>
 *   <li>FFTW MEASURE planning: ~0.2 s (ESTIMATE runs); reading files: not measurable; per-iteration writes: ~2%.</li>
 *   <li>Memory: the peak RSS is G1 heap growth (max heap 75% of RAM; the heap expands to several times the live
 *       set when the collector is busy), not data: -Xmx400m gives 482 MB at the same CPU time for the 200-particle
 *       run. With --skip_align the particles are now streamed from disc and live on only as cached transforms:
 *       600 particles of 48³, 3.3 GB → 1.8 GB peak RSS (4.5 GB before this round).</li>
 * </ul>
 *
 * <h2>Measured (bench/class3d-vs-relion.sh: blob phantom, state 2 = one domain removed, 30% of the good
 * particles; box 32, 9 Å/px, ±60° wedge, 3D CTF; T = 4, --j 2 for both; 2-core machine shared by six engineers,
 * load average 15-22 during every run, so wall times are inflated ~2× for both tools; CPU = user + sys)</h2>
 * <ul>
 *   <li>--skip_align, K 2, 200 particles, SNR 0.1, 15 it.: accuracy 1.000 (157/0, 0/43); RELION 3.1.3 0.785 (85/72,
 *       16/27). CPU 6.1 s vs 23.8 s (3.9×), wall 11.8 s vs 50.0 s (4.2×); before this round ours took 8.4 CPU s.
 *       Peak RSS 0.94 GB vs 37 MB.</li>
 *   <li>focused (--skip_align --solvent_mask on the domain), same data: accuracy 1.000; RELION 0.785 (122/35,
 *       36/7). CPU 6.1 s vs 21.2 s (3.5×), wall 11.9 s vs 43.9 s (3.7×); before: 8.8 CPU s.</li>
 *   <li>bad class with wrong CTFs (bench class3d-data --bad_kind ctf: written defocus and CTF volume 2 µm off,
 *       normal noise; --bad 0.15 drew 16 of 200), K 3, SNR 0.3: accuracy 1.000 on the good ones and the 16 bad
 *       particles form a class of their own (16/16, 100% bad). RELION: accuracy 0.717, bad particles spread 6/8/2.
 *       CPU 7.3 s vs 29.8 s (4.1×), wall 14.9 s vs 61.1 s (4.1×).</li>
 *   <li>bad particles with 4× the noise (earlier figures, load ~2): K 3, SNR 0.3, 16 bad: 7 of them make a class of
 *       their own (100% bad), 4 and 5 sit in the state classes; RELION spreads them 4/7/5, accuracy 0.717.</li>
 *   <li>larger case, 600 particles, box 48, 6 Å/px, --skip_align, SNR 0.1: accuracy 1.000; RELION 0.725 (204/231,
 *       92/73). CPU 33.5 s vs 149 s (4.4×), wall 85 s vs 438 s (5.2×); peak RSS 1.8 GB vs 94 MB. Before this round
 *       ours took 46.4 CPU s, 173 s wall, 4.5 GB.</li>
 *   <li>local searches (--sigma_ang 4, poses 6° off, order 3), K 2, 100 particles, SNR 0.3, 5 it.: accuracy 0.810
 *       (state 2 all in one class, with 19 state-1 particles); RELION 0.810 (38/43, 12/7). CPU 17.9 s vs 30.6 s (1.7×),
 *       wall 36 s vs 64 s (1.8×): the Em3D path (reference rotation and shift cross terms), unchanged here.
 *       Class3dTest's sample (seed 5, 4 it.): 1.000, median angular error 6° → 2.0°.</li>
 *   <li>SNR 0.05 (200 particles): neither tool splits the states (--skip_align: 0.785 each, ours with 40 of the 43
 *       state-2 particles in one class; focused: ours 0.795, RELION 0.785).</li>
 * </ul>
 */
package org.subtomo.refine.class3d;
