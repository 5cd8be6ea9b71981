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
 * 0.99996 (box 48, 41 tilts), 0.998 on prepare's own per-particle STAR files (5 tilts, box 24).
 *
 * <p>CTF per tilt: see {@link org.subtomo.prep.ctf} for the accuracy table on the default simulated project
 * (median error 58 / 152 / 111 / 155 Å for |tilt| 0-15 / 15-30 / 30-45 / 45-60°, trials 21 / 25 / 25 / 24 Å).
 * The spectrum box is clipped to half the image height so that each image half holds whole tiles (their
 * separate fits give the error estimate that decides the lower-tilt fallback). Every tilt that takes the
 * lower tilts' mean is listed in the log and marked in {@code <t>_ctffind.star} (subtomoDefocusSource
 * lower_tilts, subtomoDefocusError = the lower tilts' spread); the defocus overview plots the estimate ±
 * its error. The simulator's amplitude contrast is 0.1, prepare's default 0.07 (RELION's script): give
 * {@code --q0 0.1} for simulated projects (the demo does not, which biases its defoci slightly).
 *
 * <p>3D CTF models against the simulator's true transfer (CTF × exposure filter at the mid-exposure dose,
 * no cos θ), true defoci, default demo acquisition (41 tilts, box 48): RELION's model 0.9367, and
 * relion_reconstruct's own model of the same slices 0.9367 (ours against it 0.99999), so the gap is
 * RELION's definition, not ours: its linear dose B-factor (4 Å² per e⁻/Å²) is far gentler than the
 * exposure filter (equivalent to about 21 Å² per e⁻/Å² at 20 Å; with the filter and cos θ: 0.9928), and
 * its cos θ weights the thicker ice, which the simulator puts in the noise, not the transfer. On the tiny
 * 13-tilt test project (doses up to 36 e⁻/Å²) RELION's model gives 0.9875. {@code --exposure_filter}
 * writes the images' own transfer (CTF × exposure filter at the dose before the image): 0.9999 on the
 * 41-tilt particle, 0.9968 with estimated defoci on the tiny project. For CTF correction itself the two
 * are equivalent here: 40 simulated particles Wiener-averaged at their true poses reach a mean FSC with
 * the truth of 0.316 (RELION's models) and 0.313 ({@code --exposure_filter}) over 23-18 Å, beyond the first
 * zero, against −0.342 for the plain average (CtfCorrectedRecoveryTest).
 *
 * <p>Speed (CtfModelSpeedTest, 41 tilts, 2 threads, load average 21 on the 2-core machine): box 64
 * 83.5 models/s (59.5 with the MRC written), box 128 20.4 models/s (6.5 written: the 8 MB cube write
 * takes 111 ms, the insertion 51 ms per model on one thread).
 *
 * <p>On MPI ranks ({@code mpirun -n N subtomo prepare ...}) the tomograms are split for CTF estimation (a tilt
 * series stays on one rank) and all particles for the 3D CTF models; the leader gathers the fits (5 doubles per
 * tilt: U, V, angle, error, status) and alone logs and writes the STAR files. Files are identical byte for byte to a single process's
 * (PrepareExtractMpiTest; prepare uses FFTW ESTIMATE plans so that every process computes the same bits).
 */
package org.subtomo.prep.project;
