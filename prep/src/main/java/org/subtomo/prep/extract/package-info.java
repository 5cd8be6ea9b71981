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
 * </ul>
 */
package org.subtomo.prep.extract;
