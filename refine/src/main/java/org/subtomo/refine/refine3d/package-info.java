/**
 * 3D auto-refinement of sub-tomograms ({@code subtomo refine3d}, protocol step 20), built on the 3D
 * likelihood engine {@link org.subtomo.refine.ml.Em3D}.
 *
 * <h2>Choices and why</h2>
 * <ul>
 *   <li><b>Noise spectra where the data are.</b> A sub-tomogram's transform is zero inside the missing wedge
 *       (no tilt covers it: neither signal nor noise). RELION averages |X − W·V|² over every Fourier voxel
 *       of a shell, so σ² comes out low by the covered fraction (about 2/3 for ±60°), which over-weights
 *       the data against the prior. Here σ² counts only voxels where the CTF volume is non-zero;
 *       {@code --relion_sigma2} restores RELION's estimate ({@code NoiseEstimateTest} measures both).</li>
 *   <li><b>Initial model shared by the halves.</b> Both half sets start from one reference (the given map, or a
 *       de novo random-orientation average of all particles) low-passed to {@code --ini_high}; beyond that
 *       resolution no information crosses the halves until the final, joined iteration. RELION additionally
 *       joins the halves below 40 Å every iteration ({@code --low_resol_join_halves}); this is not done here,
 *       so the reported FSC is gold-standard at every shell above the initial low-pass.</li>
 *   <li><b>τ² from the FSC</b> of the unregularised half estimates (data/weight on the padded grid):
 *       SSNR = FSC/(1 − FSC), τ² = SSNR/(pad³·mean weight); the final joined map uses √(2FSC/(1+FSC)).</li>
 *   <li><b>Auto-sampling</b> follows RELION's rules (resolution gain, changes in poses, accuracy estimated by
 *       perturbing the poses of 10 particles); local searches σ = 2 × the fine step from
 *       {@code --auto_local_healpix_order}.</li>
 *   <li><b>A fast de novo start</b> ({@code --ref None}) is a matter of sampling, as in RELION: the first iteration's
       reference is a featureless blob, so every pose is about equally likely (⟨Pmax⟩ 0.001-0.006) and the cost is
       the number of poses kept for the fine pass (each inserted in the M-step) times the components up to the
       current radius (∝ radius³). {@code --healpix_order 1} (30°, oversampled to 15°: enough at 60 Å for a 160 Å
       particle), {@code --maxsig 100} (RELION's cap on significant coarse poses), {@code --incr_size 6} (shells
       beyond the resolution; RELION's 10 is meant for larger boxes) and {@code --auto_local_healpix_order 2} (global
       searches at order 2 cost ~1.3 CPU s per particle in pass 1) took the demo's refinement (379 particles, box 48,
       5 Å/px) from ~5.5 CPU s per particle in iteration 1 (≈ 35 CPU min per iteration; not run to the end) to
       ≈ 420 CPU s for all 15 iterations; vs truth FSC 0.5 at 19.3 Å, 0.143 at 11.1 Å, median angular error 5.9°.
       After iteration 1 ⟨Pmax⟩ is 0.6-0.9 and the cap no longer binds. The defaults stay RELION's.</li>
   <li><b>Exact continuation.</b> Poses stay in degrees and Å as in the STAR files, models round-trip as
 *       float MRC and shortest decimals, the perturbation is seeded by seed + iteration and the engine's
 *       sums do not depend on the thread count, so {@code --continue} reproduces an uninterrupted run bit for
 *       bit ({@code Refine3dTest}).</li>
 *     <li><b>A reference from elsewhere.</b> {@code --firstiter_cc} (RELION) scores iteration 1 by cross-correlation,
 *       blind to the map's grey scale. {@code --ref_correct_greyscale} instead rescales the map before iteration 1
 *       ({@link org.subtomo.refine.refine3d.ReferenceGreyscale}: scale from a cross-correlation reconstruction,
 *       solvent level to 0) and keeps the likelihood throughout; with a map 30× too bright the first ML iteration
 *       lands at 121° median error, with either option at 9°, as with the true map ({@code Refine3dReferenceOptionsTest}).
 *       Without {@code --ctf_corrected_ref} a given map is taken to carry the CTF already (RELION's default): iteration 1
 *       compares it with the particles without their CTF (inside their wedge only; RELION uses the whole transform),
 *       which recovers σ² = truth on a CTF·V map where applying the CTF again inflates it 2.6× ({@code ReferenceCtfTest}).</li>
 *   <li><b>{@code --solvent_mask}</b> replaces the soft sphere multiplied on the references after every M-step
 *       (RELION's --flatten_solvent with --solvent_mask); checked for the box size and values in [0, 1].</li>
 *   <li><b>Symmetry.</b> The global search covers the point group's asymmetric unit: for I3 at HEALPix order 2,
 *       72 orientations per particle against C1's 4608 (1/64); a 24-particle I3 phantom refines to an
 *       I3-symmetric map (cc 0.999 with its symmetrised self), FSC 0.5 vs truth at 21.8 Å (2.4 px), median angular
 *       error 3.1° ({@code Refine3dIcosahedralTest}).</li>
 *     <li><b>Memory.</b> Particles and CTF volumes are read from disc whenever a particle is processed, as RELION
 *       does (held in memory, 600 × 64³ would be 0.95 GB of floats), and the E-step's per-block accumulators (a
 *       padded double grid each, 25 MB at 64³) are reused instead of allocated per block of 8 particles. The live
 *       heap of a 600 × 64³ run is then ~0.2 GB (class histogram after a full GC: 105 MB of double arrays, 35 MB of
 *       floats), but the peak RSS is set by how far the collector lets the heap grow under the GBs per iteration of
 *       short-lived per-particle arrays (the fine pass keeps a float[2m] per translation), and neither collector is
 *       a clear win. Measured (load ~20 on 2 cores, {@code --j 2}), peak RSS / CPU: 200 × 48³, 3 iterations (the
 *       last at full radius): before (in memory, fresh accumulators) G1 1.74 GB / 28.4 s, serial 1.29 GB / 29.8 s;
 *       after G1 2.04 GB / 31.1 s, serial 0.57 GB / 26.1 s. 600 × 64³, first 4 iterations: G1 0.89 GB; serial
 *       1.7 GB (old generation grown to 1.3 GB by promoted garbage, 194 MB live). So the JVM default (G1) is
 *       kept; what is left is to reuse the fine-pass arrays per worker or size -Xmx to the job. RELION 3.1.3 on
 *       200 × 48³: 1.5 GB per worker rank (2 workers + a leader).</li>
 * </ul>
 */
package org.subtomo.refine.refine3d;
