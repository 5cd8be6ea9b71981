/**
 * {@code subtomo prepare} (protocol steps 1-14): {@link org.subtomo.prep.project.ProjectInputs} validates the
 * project and lists every problem with its file and fix before anything is written;
 * {@link org.subtomo.prep.project.DoseAssignment} gives each refined tilt the dose of the closest .order tilt;
 * {@link org.subtomo.prep.project.Prepare} runs CTF estimation per tomogram and the 3D CTF models
 * ({@link org.subtomo.prep.ctfmodel.CtfModel3D}) and writes particles_subtomo.star.
 *
 * <p>Choices, where relion_prepare_subtomograms.py differs or is silent:
 * <ul>
 * <li>Per-particle defocus uses the particle's full height along each tilt's beam, −x·sinθ + z·cosθ from the
 *   tomogram centre voxel (nx/2, nz/2), not only its X offset (the script's x_img·sinθ equals this for z = 0).</li>
 * <li>The models are computed natively (no per-particle relion_reconstruct); {@code --relion_scripts} still
 *   writes the per-particle STAR files and do_all_reconstruct_ctfs.sh for users who want RELION's own.</li>
 * <li>Per-tilt angle in those STAR files is −θ: RELION's Euler Y rotation turns the other way from the
 *   tomogram geometry (core.geom.TiltGeometry) that the simulator, WBP and extraction share.</li>
 * <li>particles_subtomo.star is RELION 3.1 style (one optics group; pixel size, voltage, Cs, Q0, box,
 *   dimensionality 3) with rlnImageName already set to the name {@code subtomo extract} gives each
 *   sub-tomogram ({@code <t>_subtomo<NNNNNN>.mrc}, NNNNNN = the particle's line in .coords).</li>
 * <li>A .order tilt more than 5° from every refined tilt is an error (a .order from another series).</li>
 * </ul>
 *
 * <p>Measured (tests): model correlation with relion_reconstruct --reconstruct_ctf 0.9999 (box 32) and
 * 0.99996 (box 48, 41 tilts), 0.998 on prepare's own per-particle STAR files (5 tilts, box 24). On a
 * 13-tilt simulated series of 192² px images (5 Å/px, 3 e⁻/Å² per tilt, 2 gold beads) the median defocus
 * error is 172 Å for |tilt| ≤ 30° and 224 Å above (trials: 56 and 91 Å); the models correlate ≥ 0.995 with
 * models from the true defoci. Against the simulator's true transfer (CTF × exposure filter, no cos θ)
 * RELION's weighting (cos θ, 4 Å² per e⁻/Å²) correlates 0.988; the same defoci with the simulator's
 * weighting 0.996. On the default simulated project (4 tomograms, 41 tilts of 400² px, gold and ice junk)
 * without trials: median 139 Å at |tilt| ≤ 30° (k = 4 erasing; tomo01 with k = 3: 208 / 402 / 1641 Å for
 * ≤ 30°, 30-45°, > 45°: the dose-symmetric high tilts have lost their Thon rings to the exposure); with
 * trials 61 / 67 / 59 Å.
 *
 * <p>On MPI ranks ({@code mpirun -n N subtomo prepare ...}) the tomograms are split for CTF estimation (a tilt
 * series stays on one rank) and all particles for the 3D CTF models; the leader gathers the fits (4 doubles per
 * tilt) and alone logs and writes the STAR files. Files are identical byte for byte to a single process's
 * (PrepareExtractMpiTest; prepare uses FFTW ESTIMATE plans so that every process computes the same bits).
 */
package org.subtomo.prep.project;
