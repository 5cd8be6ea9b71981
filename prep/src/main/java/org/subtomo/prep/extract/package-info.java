/**
 * Sub-tomogram extraction, 2D projections and 2D→3D selection (protocol steps 15, 16, 19).
 *
 * <p>Entry points: {@link org.subtomo.prep.extract.SubtomoExtractor#extract} ({@link
 * org.subtomo.prep.extract.ExtractParameters} in, {@link org.subtomo.prep.extract.ExtractResult} out) and
 * {@link org.subtomo.prep.extract.Select2Dto3D#select}. Choices, where RELION 3.1 differs or is silent:
 * <ul>
 * <li>Box centre (voxel n/2) = coordinate rounded to the nearest voxel (RELION truncates); the remainder
 *   is kept as rlnOriginX/Y/ZAngst = (rounded − coordinate) × pixel size, RELION's sign (true position =
 *   centre − origin), added to any origin the input row had.</li>
 * <li>Edge particles: dropped and listed by default; {@code --edge keep} fills voxels outside the
 *   tomogram with the mean of those inside (RELION repeats the edge voxels).</li>
 * <li>Particle identity: rlnTomoParticleName (RELION 4's label) = {@code <tomogram>/<n>}, n counting the
 *   tomogram's particles from 1 in input order; an input column of that name is kept. Selection falls
 *   back to rlnMicrographName + rlnCoordinateX/Y/Z when a file lost the column.</li>
 * <li>Pixel size: --angpix, else the optics group's rlnMicrographPixelSize or rlnImagePixelSize, else the
 *   MRC header. Outputs carry rlnMicrographPixelSize (tomogram) and rlnImagePixelSize (after --scale).</li>
 * <li>The projection STAR file lists image, tomogram, coordinates, in-plane origin, identity and optics
 *   group only (no CTF columns: protocol step 17 classifies projections without CTF correction).</li>
 * <li>Optics groups lacking rlnVoltage/rlnSphericalAberration/rlnAmplitudeContrast (a coordinates-driven run on
 *   a bare all_tomograms.star) get --voltage/--cs/--q0 (300, 2.7, 0.1): RELION 3.1 discards such an optics block
 *   and writes empty files. The output may not be the input file (the default name is prepare's output).</li>
 * <li>Resume: with --only_do_unfinished, sub-tomograms whose file is there with the right box are kept (files are
 *   renamed into place only when complete); projection stacks are rebuilt from the windows, identical.</li>
 * <li>Selection: by 2D→3D identity (--from2d), by class numbers, by model.star thresholds (class fraction,
 *   estimated resolution) in {@link org.subtomo.prep.extract.ClassSelection}.</li>
 * </ul>
 *
 * <p>Measured: relion_preprocess 3.1.3 (--extract --norm --bg_radius --invert_contrast, with and without
 * --project3d) on the same tomogram and integer coordinates agrees voxel for voxel (max difference 8.4e-7 of the
 * largest value; RELION's ramp-fitted background included), ExtractRelionTest. Sub-tomograms of a simulated
 * project averaged at the true poses reach FSC 0.5 with the truth map at 26.8 Å (61.7 Å at scrambled poses),
 * ExtractTruthTest. Speed (ExtractSpeedTest, 400³ tomogram, 200 particles, 2 cores shared with other builds,
 * load average ~20, so upper bounds on time): box 64: 172 particles/s (1 thread, no projections), 101–107 with
 * projections; box 128: 5–16 particles/s (8 MB written per particle; disk-bound on this machine).
 *
 * <p>On MPI ranks ({@code mpirun -n N subtomo extract ...}) each tomogram's particles are split in contiguous shares;
 * each rank writes its sub-tomograms, the leader receives the processed projections (with --project3d) and writes
 * the stacks and the STAR files after a barrier. Files are identical byte for byte to a single process's
 * (PrepareExtractMpiTest; figures in {@link org.subtomo.core.mpi}).
 */
package org.subtomo.prep.extract;
