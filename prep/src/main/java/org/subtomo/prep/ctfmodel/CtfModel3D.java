package org.subtomo.prep.ctfmodel;

import org.subtomo.core.ctf.Ctf;
import org.subtomo.core.ctf.CtfParams;
import org.subtomo.core.ctf.CtfVolume;
import org.subtomo.core.ctf.ExposureFilter;
import org.subtomo.core.geom.TiltGeometry;
import org.subtomo.core.io.star.StarTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RELION's 3D CTF model of one sub-tomogram (Bharat et al. 2015; protocol steps 9, 13, 14): for every
 * tilt image, the 2D CTF at the particle's own defocus, times the tilt's scale cos θ and the dose
 * envelope exp(−B·dose·s²/4), inserted as a central slice of the box's 3D Fourier space; voxels no
 * slice reaches (the missing wedge, and gaps between high-frequency slices) are zero.
 *
 * <p>Insertion follows {@code relion_reconstruct --reconstruct_ctf} (what the protocol's
 * do_all_reconstruct_ctfs.sh runs): every 2D pixel of the FFTW half image within radius n/2 is
 * spread trilinearly onto its 8 neighbouring voxels (padding 1), both its CTF value and its
 * trilinear weight are summed, and each voxel is the ratio, so that it holds the weighted mean of
 * the slices passing within one voxel; as RELION, each slice's DC value is zero (its weight counts) and
 * on the x = 0 plane Friedel mates pool their sums (enforceHermitianSymmetry). The slice geometry is {@link TiltGeometry}'s (image kx along
 * (cos θ, 0, sin θ)), the one the simulator and the tomograms use, so a RELION per-tilt STAR file
 * for the same model takes rlnAngleTilt = −θ ({@link #relionStar}).
 *
 * <p>With {@code skipCtfCorrection} the CTF factor is 1: the protocol's wedge model, weighted by tilt
 * and dose only. With {@code exposureFilter} each slice is the images' own transfer, CTF × exposure
 * filter, instead of RELION's cos θ × CTF × B-factor envelope (RELION's scripts cannot make these models).
 */
public final class CtfModel3D {
    /**
     * @param box               sub-tomogram box (even)
     * @param pixelSize         Å per voxel of the sub-tomogram
     * @param voltage,cs,amplitudeContrast  optics (kV, mm, fraction)
     * @param bfactorPerDose    Å² per e⁻/Å² (the protocol uses 4)
     * @param skipCtfCorrection wedge-only model
     * @param exposureFilter    the images' own transfer instead of RELION's weighting: CTF × the exposure filter
     *                          of Grant &amp; Grigorieff (2015) at the tilt's dose ({@link ExposureFilter}), with no
     *                          cos θ and no B-factor (RELION's cos θ stands for the thicker ice at high tilt, which
     *                          lowers the images' signal-to-noise ratio but not their contrast transfer)
     */
    public record Settings(int box, double pixelSize, double voltage, double cs, double amplitudeContrast,
                           double bfactorPerDose, boolean skipCtfCorrection, boolean exposureFilter) {
        public Settings {
            if (box < 4 || box % 2 != 0) throw new IllegalArgumentException("box must be even and >= 4: " + box);
            if (!(pixelSize > 0)) throw new IllegalArgumentException("pixel size must be > 0: " + pixelSize);
        }

        /** RELION's dose weighting (B-factor per dose). */
        public Settings(int box, double pixelSize, double voltage, double cs, double amplitudeContrast, double bfactorPerDose, boolean skipCtfCorrection) {
            this(box, pixelSize, voltage, cs, amplitudeContrast, bfactorPerDose, skipCtfCorrection, false);
        }
    }

    private final Settings s;
    private final int n, half, side, plane;
    /** Critical exposure (e⁻/Å²) per pixel of the r2c half slice, with --exposure_filter: it depends on the pixel only. */
    private final double[] criticalExposure;

    public CtfModel3D(Settings settings) {
        this.s = settings;
        this.n = settings.box();
        this.half = n / 2;
        this.side = n + 1;              // y, z in [-n/2, n/2]
        this.plane = (half + 1) * side; // x in [0, n/2]
        this.criticalExposure = settings.exposureFilter() ? criticalExposures() : null;
    }

    private double[] criticalExposures() {
        int hx = half + 1;
        double ds = 1 / (n * s.pixelSize());
        double[] ne = new double[hx * n];
        for (int ky = 0; ky < n; ky++) {
            int fy = ky <= half ? ky : ky - n;
            for (int kx = 0; kx < hx; kx++) ne[kx + hx * ky] = ExposureFilter.criticalExposure(Math.hypot(kx, fy) * ds, s.voltage());
        }
        return ne;
    }

    public Settings settings() { return s; }

    /**
     * The tilts of a particle at (x, z) voxels from the tomogram centre: each tilt's fitted defocus
     * plus the particle's depth along that tilt's beam ({@link TiltGeometry#particleDefocus}).
     *
     * @param fits per tilt {U, V, angle} in Å, Å, degrees
     */
    public static List<TiltCtf> particleTilts(double[] tiltsDeg, double[][] fits, double[] doses, double x, double z, double tomoPixel) {
        List<TiltCtf> out = new ArrayList<>(tiltsDeg.length);
        for (int t = 0; t < tiltsDeg.length; t++) {
            TiltGeometry g = TiltGeometry.of(tiltsDeg[t]);
            double d = g.particleDefocus(0, x, z, tomoPixel);
            out.add(new TiltCtf(tiltsDeg[t], fits[t][0] + d, fits[t][1] + d, fits[t][2], doses[t]));
        }
        return out;
    }

    /** The 2D transfer of one tilt on the r2c half grid of the box (row order wrapped). */
    float[] slice(TiltCtf t) {
        double scale = s.exposureFilter() ? 1 : Math.cos(Math.toRadians(t.tiltDeg()));
        double b = s.exposureFilter() ? 0 : s.bfactorPerDose() * t.dose();
        float[] out = ctfSlice(t, scale, b);
        if (s.exposureFilter() && t.dose() > 0) {   // ExposureFilter.attenuation with the pixel's critical exposure precomputed
            for (int i = 0; i < criticalExposure.length; i++) out[i] *= (float) Math.exp(-t.dose() / (2 * criticalExposure[i]));
        }
        return out;
    }

    private float[] ctfSlice(TiltCtf t, double scale, double b) {
        if (s.skipCtfCorrection()) {
            int hx = half + 1;
            float[] out = new float[hx * n];
            double ds = 1 / (n * s.pixelSize());
            for (int ky = 0; ky < n; ky++) {
                int fy = ky <= half ? ky : ky - n;
                for (int kx = 0; kx < hx; kx++) {
                    double s2 = (kx * kx + fy * fy) * ds * ds;
                    out[kx + hx * ky] = (float) (scale * Math.exp(-b * s2 / 4));
                }
            }
            return out;
        }
        CtfParams p = new CtfParams(t.defocusU(), t.defocusV(), t.defocusAngle(), s.voltage(), s.cs(), s.amplitudeContrast(), 0, b, scale);
        return new Ctf(p).sampleHalf(n, n, s.pixelSize(), Ctf.Mode.VALUE);
    }

    /** The model of one particle; {@code work} (from {@link #workspace}) is reused between calls of one thread. */
    public CtfVolume model(List<TiltCtf> tilts, float[][] work) {
        double[] angles = tilts.stream().mapToDouble(TiltCtf::tiltDeg).toArray();
        return insert(angles, tilts.stream().map(this::slice).toList(), work);
    }

    /**
     * Any per-tilt 2D transfer functions (r2c half grids of the box, rows wrapped) inserted as this
     * model inserts the CTFs: used to compare with other transfer models, e.g. the simulator's.
     */
    public CtfVolume insert(double[] tiltsDeg, List<float[]> slices, float[][] work) {
        float[] data = work[0], weight = work[1];
        java.util.Arrays.fill(data, 0f);
        java.util.Arrays.fill(weight, 0f);
        int hx = half + 1, r2max = half * half;
        for (int t = 0; t < tiltsDeg.length; t++) {
            float[] ctf = slices.get(t);
            TiltGeometry g = TiltGeometry.of(tiltsDeg[t]);
            double cx = g.cos(), cz = g.sin();
            for (int ky = 0; ky < n; ky++) {
                int y = ky <= half ? ky : ky - n;
                for (int x = 0; x <= half; x++) {
                    if (x * x + y * y > r2max) continue;
                    double xp = x * cx, yp = y, zp = x * cz;
                    // RELION's 3D radius test; rounding decides for the edge pixel (n/2, 0) of tilted slices
                    if (xp * xp + yp * yp + zp * zp > r2max) continue;
                    if (xp < 0) { xp = -xp; yp = -yp; zp = -zp; }
                    // relion_reconstruct zeroes the DC term of each slice but keeps its weight
                    splat(data, weight, xp, yp, zp, x == 0 && y == 0 ? 0f : ctf[x + hx * ky]);
                }
            }
        }
        // RELION's enforceHermitianSymmetry: on the x = 0 plane a voxel and its Friedel mate pool their sums
        for (int z = -half; z <= half; z++)
            for (int y = -half; y <= half; y++) {
                if (z < 0 || (z == 0 && y <= 0)) continue;   // each pair once, DC alone
                int a = at(0, y, z), b = at(0, -y, -z);
                float d = data[a] + data[b], w = weight[a] + weight[b];
                data[a] = data[b] = d;
                weight[a] = weight[b] = w;
            }
        CtfVolume v = CtfVolume.zeros(n);
        for (int kz = 0; kz < n; kz++) {
            int fz = kz <= half ? kz : kz - n;
            for (int ky = 0; ky < n; ky++) {
                int fy = ky <= half ? ky : ky - n;
                for (int fx = 0; fx <= half; fx++) {
                    int i = at(fx, fy, fz);
                    float w = weight[i];
                    v.weights[v.index(fx, ky, kz)] = w > 0 ? data[i] / w : 0f;
                }
            }
        }
        return v;
    }

    public CtfVolume model(List<TiltCtf> tilts) { return model(tilts, workspace()); }

    /** Per-thread accumulation arrays (data and weight). */
    public float[][] workspace() { return new float[][]{new float[plane * side], new float[plane * side]}; }

    private int at(int x, int y, int z) { return x + (half + 1) * ((y + half) + side * (z + half)); }

    private void splat(float[] data, float[] weight, double xp, double yp, double zp, float value) {
        int x0 = (int) Math.floor(xp), y0 = (int) Math.floor(yp), z0 = (int) Math.floor(zp);
        double fx = xp - x0, fy = yp - y0, fz = zp - z0;
        for (int dz = 0; dz < 2; dz++) {
            int z = z0 + dz;
            double wz = dz == 0 ? 1 - fz : fz;
            if (wz == 0 || z < -half || z > half) continue;
            for (int dy = 0; dy < 2; dy++) {
                int y = y0 + dy;
                double wy = dy == 0 ? 1 - fy : fy;
                if (wy == 0 || y < -half || y > half) continue;
                for (int dx = 0; dx < 2; dx++) {
                    int x = x0 + dx;
                    double w = (dx == 0 ? 1 - fx : fx) * wy * wz;
                    if (w == 0 || x > half) continue;
                    int i = at(x, y, z);
                    data[i] += (float) (w * value);
                    weight[i] += (float) w;
                }
            }
        }
    }

    /**
     * The same model as a per-tilt STAR table for {@code relion_reconstruct --reconstruct_ctf N
     * --angpix P} (what relion_prepare_subtomograms.py writes per particle): one row per tilt with
     * the defocus, optics, the slice's Euler angles (0, −θ, 0: RELION's Y rotation has the opposite
     * sense to {@link TiltGeometry}'s), B-factor B·dose and scale cos θ. Unused with --skip_ctf_correction.
     */
    public StarTable relionStar(List<TiltCtf> tilts) {
        StarTable t = StarTable.loop("rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle", "rlnVoltage", "rlnSphericalAberration",
                "rlnAmplitudeContrast", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnCtfBfactor", "rlnCtfScalefactor");
        for (TiltCtf c : tilts)
            t.addRow(f(c.defocusU()), f(c.defocusV()), f(c.defocusAngle()), f(s.voltage()), f(s.cs()), f(s.amplitudeContrast()),
                    "0.000000", f(-c.tiltDeg()), "0.000000", f(s.bfactorPerDose() * c.dose()), f(Math.cos(Math.toRadians(c.tiltDeg()))));
        return t;
    }

    private static String f(double v) { return String.format(Locale.ROOT, "%.6f", v); }
}
