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
 * <h2>Measured (bench/class3d-vs-relion.sh: blob phantom, state 2 = one domain removed, 30% of the good
 * particles; box 32, 9 Å/px, ±60° wedge, 3D CTF; T = 4, --j 2 for both, 2-core machine at load ~2)</h2>
 * <ul>
 *   <li>--skip_align, K 2, 200 particles, SNR 0.1, 15 it.: accuracy 1.000 (157/0, 0/43); RELION 3.1.3 0.785 (its
 *       classes mix both states: 85/72, 15/28). Wall 4 s vs 12 s (2.9×), CPU 8 s vs 17 s; peak RSS 0.96 GB (JVM
 *       heap growth) vs 37 MB.</li>
 *   <li>bad particles: K 3, 200 particles, SNR 0.3, 8% with 4× the noise: accuracy 1.000 on the good ones; 7 of
 *       the 16 bad particles make a class of their own (100% bad), 4 and 5 sit in the state classes. RELION:
 *       accuracy 0.717, bad particles spread 4/7/5. Wall 4 s vs 16 s (3.5×), CPU 8 s vs 21 s.</li>
 *   <li>local searches (--sigma_ang 4, poses 6° off, order 3), K 2, 100 particles, SNR 0.3, 5 it.: accuracy 0.810
 *       (state 2 all in one class, with 19 state-1 particles); RELION 0.810 (38/43, 12/7). Wall 8 s vs 13 s (1.8×,
 *       the Em3D path). Class3dTest's sample (seed 5, 4 it.): 1.000, median angular error 6° → 2.0°.</li>
 *   <li>focused (--skip_align --solvent_mask on the domain), the skip_align data, under load ~15: accuracy 1.000;
 *       RELION 0.785 (122/35, 36/7). Wall 9 s vs 22 s (2.4×).</li>
 *   <li>SNR 0.05 (200 particles): neither tool splits the states (--skip_align: 0.785 each, ours with 40 of the 43
 *       state-2 particles in one class; focused: ours 0.795, RELION 0.785).</li>
 * </ul>
 */
package org.subtomo.refine.class3d;
