package org.subtomo.prep.extract;

import org.subtomo.core.error.InputException;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything {@link SubtomoExtractor#extract} needs (protocol steps 15-16). Relative paths, both
 * here and inside the STAR files, are taken relative to {@code projectDir}, as RELION takes them
 * relative to the directory it runs in.
 *
 * @param projectDir       the project directory (holds Tomograms/ and receives Particles/)
 * @param input            all_tomograms.star (with {@code coordSuffix}) or a particle STAR file with
 *                         rlnMicrographName and rlnCoordinateX/Y/Z per row
 * @param coordSuffix      e.g. {@code .coords}: coordinates come from {@code <tomogram without extension><suffix>};
 *                         null to take them from the rows of {@code input}
 * @param output           the sub-tomogram STAR file (default particles_subtomo.star)
 * @param output2d         the projection STAR file written with {@code project3d} (default subtomo_proj2d.star)
 * @param rootname         file names are {@code <t>_<rootname><NNNNNN>.mrc}
 * @param extractSize      box size in tomogram pixels (even)
 * @param scale            box size after Fourier rescaling (even), or 0 for none
 * @param angpix           tomogram pixel size in Å, or NaN to take it from the STAR file or the MRC header
 * @param particleDiameter Å; gives the default background radius diameter/2/pixel (in output pixels)
 * @param bgRadius         background radius in pixels of the output box, or NaN for the default
 * @param normalise        background to mean 0 stddev 1 (needs a background radius)
 * @param invertContrast   multiply by -1 (dark protein becomes white)
 * @param project3d        also write the sums along Z as 2D images
 * @param edge             what to do with boxes crossing the tomogram edge
 * @param float16          write MRC mode 12 instead of float32
 * @param threads          worker threads (>= 1)
 * @param particleDir      project-relative directory that receives Tomograms/&lt;t&gt;/ with the images
 *                         (default {@code Particles/}; a job directory such as {@code Extract/job002/} in a pipeline)
 * @param onlyDoUnfinished keep sub-tomograms (and projection stacks) an interrupted run already wrote, when their
 *                         box matches (RELION's --only_do_unfinished); files are renamed into place only when complete
 * @param voltage,cs,q0    kV, mm, amplitude contrast written to the optics groups when the input has none (RELION 3.1
 *                         reads no optics group without them); the input's own values are always kept
 */
public record ExtractParameters(Path projectDir, Path input, String coordSuffix, Path output, Path output2d,
                                String rootname, int extractSize, int scale, double angpix, double particleDiameter,
                                double bgRadius, boolean normalise, boolean invertContrast, boolean project3d,
                                EdgeMode edge, boolean float16, int threads, String particleDir,
                                boolean onlyDoUnfinished, double voltage, double cs, double q0) {

    public static final String DEFAULT_OUTPUT = "particles_subtomo.star";
    public static final String DEFAULT_OUTPUT_2D = "subtomo_proj2d.star";
    public static final String DEFAULT_ROOTNAME = "subtomo";
    public static final String DEFAULT_PARTICLE_DIR = "Particles/";

    public ExtractParameters {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(output2d, "output2d");
        Objects.requireNonNull(edge, "edge");
        if (rootname == null || rootname.isBlank() || rootname.contains("/") || rootname.chars().anyMatch(Character::isWhitespace))
            throw new InputException("--rootname '" + rootname + "': give a plain name without spaces or '/', e.g. subtomo");
        if (extractSize < 2 || extractSize % 2 != 0)
            throw new InputException("--extract_size " + extractSize + ": the box must be an even number of pixels >= 2, e.g. 64");
        if (scale != 0 && (scale < 2 || scale % 2 != 0))
            throw new InputException("--scale " + scale + ": the rescaled box must be an even number of pixels >= 2, e.g. "
                    + Math.max(2, extractSize / 2 / 2 * 2));
        if (!Double.isNaN(angpix) && !(angpix > 0 && Double.isFinite(angpix)))
            throw new InputException("--angpix " + angpix + ": the pixel size must be a positive number of Å");
        if (!Double.isNaN(particleDiameter) && !(particleDiameter > 0 && Double.isFinite(particleDiameter)))
            throw new InputException("--particle_diameter " + particleDiameter + ": give a positive diameter in Å");
        if (!Double.isNaN(bgRadius) && !(bgRadius > 0 && Double.isFinite(bgRadius)))
            throw new InputException("--bg_radius " + bgRadius + ": give a positive radius in pixels");
        if (normalise && Double.isNaN(bgRadius) && Double.isNaN(particleDiameter))
            throw new InputException("normalisation needs a background radius: give --particle_diameter (Å) or --bg_radius (pixels),"
                    + " or --no_norm to leave the values as they are");
        if (threads < 1) throw new InputException("--j " + threads + ": give at least 1 thread");
        if (coordSuffix != null && coordSuffix.isBlank()) coordSuffix = null;
        if (projectDir.resolve(output).toAbsolutePath().normalize().equals(projectDir.resolve(input).toAbsolutePath().normalize()))
            throw new InputException("--o " + output + " is the input file --i " + input + ": give another output name, e.g. --o particles_extracted.star");
        if (particleDir == null) particleDir = DEFAULT_PARTICLE_DIR;
        if (!particleDir.isEmpty() && !particleDir.endsWith("/")) particleDir = particleDir + "/";
    }

    /** The box size of the written images. */
    public int outputSize() { return scale == 0 ? extractSize : scale; }

    /** Output pixels per tomogram pixel: outputSize / extractSize. */
    public double rescaleFactor() { return (double) outputSize() / extractSize; }

    public static Builder builder(Path projectDir, Path input, int extractSize) { return new Builder(projectDir, input, extractSize); }

    /** Defaults: particles_subtomo.star, subtomo_proj2d.star, rootname subtomo, no rescaling, normalise, drop edge particles, float32, all cores. */
    public static final class Builder {
        private final Path projectDir, input;
        private final int extractSize;
        private String coordSuffix;
        private Path output = Path.of(DEFAULT_OUTPUT), output2d = Path.of(DEFAULT_OUTPUT_2D);
        private String rootname = DEFAULT_ROOTNAME;
        private int scale;
        private double angpix = Double.NaN, particleDiameter = Double.NaN, bgRadius = Double.NaN;
        private boolean normalise = true, invertContrast, project3d, float16;
        private EdgeMode edge = EdgeMode.DROP;
        private int threads = Runtime.getRuntime().availableProcessors();
        private String particleDir = DEFAULT_PARTICLE_DIR;
        private boolean onlyDoUnfinished;
        private double voltage = 300, cs = 2.7, q0 = 0.1;

        private Builder(Path projectDir, Path input, int extractSize) {
            this.projectDir = projectDir; this.input = input; this.extractSize = extractSize;
        }

        public Builder coordSuffix(String s) { coordSuffix = s; return this; }
        public Builder output(Path p) { output = p; return this; }
        public Builder output2d(Path p) { output2d = p; return this; }
        public Builder rootname(String s) { rootname = s; return this; }
        public Builder scale(int n) { scale = n; return this; }
        public Builder angpix(double a) { angpix = a; return this; }
        public Builder particleDiameter(double d) { particleDiameter = d; return this; }
        public Builder bgRadius(double r) { bgRadius = r; return this; }
        public Builder normalise(boolean b) { normalise = b; return this; }
        public Builder invertContrast(boolean b) { invertContrast = b; return this; }
        public Builder project3d(boolean b) { project3d = b; return this; }
        public Builder edge(EdgeMode e) { edge = e; return this; }
        public Builder float16(boolean b) { float16 = b; return this; }
        public Builder threads(int n) { threads = n; return this; }
        public Builder particleDir(String d) { particleDir = d; return this; }
        public Builder onlyDoUnfinished(boolean b) { onlyDoUnfinished = b; return this; }
        public Builder optics(double kV, double csMm, double amplitudeContrast) { voltage = kV; cs = csMm; q0 = amplitudeContrast; return this; }

        public ExtractParameters build() {
            return new ExtractParameters(projectDir, input, coordSuffix, output, output2d, rootname, extractSize, scale, angpix,
                    particleDiameter, bgRadius, normalise, invertContrast, project3d, edge, float16, threads, particleDir,
                    onlyDoUnfinished, voltage, cs, q0);
        }
    }
}
