package org.subtomo.sim.tilt;

import org.subtomo.core.ctf.Ctf;
import org.subtomo.core.ctf.CtfParams;
import org.subtomo.core.ctf.ExposureFilter;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierProjector;
import org.subtomo.core.fourier.FourierShift;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.geom.TiltGeometry;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.sim.physics.ElectronOptics;
import org.subtomo.sim.sample.SampleLayout;
import org.subtomo.sim.sample.Species;
import org.subtomo.sim.sample.TiltScheme;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Forward model of an aligned tilt series (tilt axis = Y, geometry of {@link TiltGeometry}).
 *
 * <p>For every tilt and every object: the object's potential, rotated by its orientation and by the
 * tilt, is projected along the beam as a central slice of its padded 3D transform (exact up to
 * interpolation, unlike real-space rotation). The projected potential becomes a phase shift
 * (interaction constant σ(V)); the weak-phase image contrast is {@code −2·CTF ⊗ φ} with RELION's
 * CTF (positive at low frequency, so particles are dark in the raw image) evaluated at the
 * object's own defocus (the tilt's defocus plus its height in the tilted specimen). Each object's
 * spectrum is attenuated by the exposure filter for the dose it had received (Grant & Grigorieff
 * 2015) and placed with sub-pixel accuracy by a Fourier phase shift.
 *
 * <p>The image is then {@code N·(1 − 2·CTF⊗φ)} with N the electrons per pixel after inelastic
 * losses in the ice, {@code N = dose·p²·exp(−t/(λ_in cosθ))} (thickness-dependent signal loss at
 * high tilt, zero-loss energy filter), plus shot noise (Poisson; Gaussian with the same variance
 * above 30 e⁻/pixel). Simplifications: the defocus gradient across one particle is neglected, and
 * the solvent is a uniform phase plus white fluctuations ({@link #icePhaseRms}).
 *
 * <p>Solvent: amorphous ice is not a uniform phase; its density fluctuations give every image the
 * white-ish phase texture on which CTFFIND sees Thon rings even where there are no particles. It is
 * modelled as white Gaussian phase noise per pixel whose variance grows with the number of water
 * molecules in the column, i.e. with the path length t/cos θ and the pixel area: rms
 * {@code iceNoise · 0.015 · √(t/cos θ) / pixel} rad (t and pixel in Å; ≈ 0.064 rad per 5 Å pixel through
 * 45 nm at {@code iceNoise} 1). The constant is a model choice, not a measurement: it is the smallest
 * that let the CTF of 3 e⁻/Å² tilt images of only 192² pixels be fitted (median error 300 Å for
 * |tilt| ≤ 30°; 0.005 gave no fit at all), where real 4k images fit with far weaker ice texture. The noise passes the tilt's CTF
 * at the image centre's defocus (the defocus gradient across a tilted image is neglected for the ice).
 */
public final class TiltSeriesSimulator {
    private TiltSeriesSimulator() {}

    /**
     * Electron dose per image (e⁻/Å²), sample thickness and inelastic mean free path (Å), and
     * whether to add shot noise (off only for tests that compare with analytic images).
     */
    public record Exposure(double dosePerTilt, double thicknessA, double inelasticMfpA, boolean shotNoise, double iceNoise) {
        public Exposure(double dosePerTilt, double thicknessA, double inelasticMfpA, boolean shotNoise) { this(dosePerTilt, thicknessA, inelasticMfpA, shotNoise, 0); }
        public Exposure(double dosePerTilt, double thicknessA, double inelasticMfpA) { this(dosePerTilt, thicknessA, inelasticMfpA, true, 0); }
    }

    /** Rms phase (rad) per pixel of the amorphous-ice fluctuations through thickness t (Å) at tilt θ (see the class notes). */
    public static double icePhaseRms(double iceNoise, double thicknessA, double cosTilt, double pixelSize) {
        return iceNoise * 0.015 * Math.sqrt(thicknessA / cosTilt) / pixelSize;
    }

    /**
     * The ice's contrast in one image: white Gaussian phase of rms {@code rms}, through the CTF (and the
     * exposure filter at {@code dose}), as {@code CTF ⊗ φ} on the image grid.
     */
    public static float[] iceContrast(int nu, int nv, double rms, TiltImageCtf c, Optics optics, double dose, SplittableRandom rng) {
        RealGrid phase = new RealGrid(nu, nv, 1);
        for (int i = 0; i < phase.data.length; i++) phase.data[i] = (float) (rms * gaussian(rng));
        FourierGrid f = Fft.forward(phase);
        Ctf ctf = new Ctf(CtfParams.of(c.defocusU(), c.defocusV(), c.defocusAngle(), optics.voltageKv(), optics.csMm(), optics.amplitudeContrast()));
        float[] values = ctf.sampleHalf(nu, nv, optics.pixelSize(), Ctf.Mode.VALUE);
        for (int ky = 0; ky < nv; ky++) {
            double sy = f.freqY(ky) / (nv * optics.pixelSize());
            for (int kx = 0; kx < f.hx; kx++) {
                double sx = kx / (nu * optics.pixelSize());
                int i = kx + f.hx * ky;
                double w = (kx == 0 && ky == 0) ? 0 : values[i] * ExposureFilter.attenuation(Math.hypot(sx, sy), dose, optics.voltageKv());
                f.data[2 * i] *= (float) w;
                f.data[2 * i + 1] *= (float) w;
            }
        }
        return Fft.inverse(f).data;
    }

    /** Raw counts per pixel (nu × nv × tilts, stack order = the scheme's) and electrons per pixel per tilt. */
    public record Result(RealGrid counts, double[] electronsPerPixel) {}

    /**
     * @param speciesIndex species of each object in {@code objects}
     * @param tomoNx,tomoNy,tomoNz tomogram size the object coordinates refer to; images are tomoNx × tomoNy
     */
    public static Result simulate(List<Species> species, List<SampleLayout.Placed> objects, int[] speciesIndex,
                                  TiltScheme scheme, List<TiltImageCtf> ctfs, Optics optics, Exposure exposure,
                                  int tomoNx, int tomoNy, int tomoNz, long seed) {
        int nu = tomoNx, nv = tomoNy, nt = scheme.size();
        FourierProjector[] projectors = species.stream().map(s -> new FourierProjector(s.map(), 2, true)).toArray(FourierProjector[]::new);
        RealGrid counts = new RealGrid(nu, nv, nt);
        double[] electrons = new double[nt];
        double phaseScale = ElectronOptics.phasePerProjectedDensity(optics.voltageKv()) * optics.pixelSize();
        IntStream.range(0, nt).parallel().forEach(t -> {
            TiltScheme.Tilt tilt = scheme.tilts().get(t);
            TiltGeometry geom = TiltGeometry.of(tilt.angleDeg());
            Matrix3 toBeam = geom.specimenToBeam();
            // Mid-exposure dose: the image integrates from priorDose to priorDose + dosePerTilt.
            double dose = tilt.priorDose() + 0.5 * exposure.dosePerTilt();
            float[] contrast = new float[nu * nv];
            for (int o = 0; o < objects.size(); o++) {
                SampleLayout.Placed obj = objects.get(o);
                FourierProjector proj = projectors[speciesIndex[o]];
                int b = proj.size;
                double xr = obj.x() - tomoNx / 2, yr = obj.y() - tomoNy / 2, zr = obj.z() - tomoNz / 2;
                FourierGrid f = proj.project(toBeam.times(obj.rotation()));
                double dDefocus = geom.particleDefocus(0, xr, zr, optics.pixelSize());
                TiltImageCtf c = ctfs.get(t);
                Ctf ctf = new Ctf(CtfParams.of(c.defocusU() + dDefocus, c.defocusV() + dDefocus, c.defocusAngle(),
                        optics.voltageKv(), optics.csMm(), optics.amplitudeContrast()));
                float[] ctfValues = ctf.sampleHalf(b, b, optics.pixelSize(), Ctf.Mode.VALUE);
                for (int ky = 0; ky < b; ky++) {
                    double sy = f.freqY(ky) / (b * optics.pixelSize());
                    for (int kx = 0; kx < f.hx; kx++) {
                        double sx = kx / (b * optics.pixelSize());
                        int i = kx + f.hx * ky;
                        double w = phaseScale * ctfValues[i] * ExposureFilter.attenuation(Math.hypot(sx, sy), dose, optics.voltageKv());
                        f.data[2 * i] *= (float) w;
                        f.data[2 * i + 1] *= (float) w;
                    }
                }
                double u = geom.u(xr, zr) + nu / 2, v = yr + nv / 2;
                int iu = (int) Math.floor(u), iv = (int) Math.floor(v);
                FourierShift.shift(f, u - iu, v - iv, 0);
                RealGrid patch = Fft.inverse(f);
                addPatch(contrast, nu, nv, patch, iu - b / 2, iv - b / 2);
            }
            if (exposure.iceNoise() > 0) {
                float[] ice = iceContrast(nu, nv, icePhaseRms(exposure.iceNoise(), exposure.thicknessA(), geom.cos(), optics.pixelSize()),
                        ctfs.get(t), optics, dose, new SplittableRandom(seed * 7_000_003L + 17 * t + 5));
                for (int i = 0; i < contrast.length; i++) contrast[i] += ice[i];
            }
            double n = exposure.dosePerTilt() * optics.pixelSize() * optics.pixelSize()
                    * Math.exp(-exposure.thicknessA() / (geom.cos() * exposure.inelasticMfpA()));
            electrons[t] = n;
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + t);
            int off = t * nu * nv;
            for (int i = 0; i < nu * nv; i++) {
                double mean = exposure.shotNoise() ? Math.max(0, n * (1 - 2 * contrast[i])) : n * (1 - 2 * contrast[i]);
                counts.data[off + i] = (float) (exposure.shotNoise() ? shotNoise(mean, rng) : mean);
            }
        });
        return new Result(counts, electrons);
    }

    /**
     * The protocol's .trial stack (step 12): for tilt i (stack order) images 2i and 2i+1, taken on fresh
     * areas beside the region of interest along the tilt axis, at the tilt's defocus − and + {@code offset}
     * (Å), each with {@code trialDose} e⁻/Å². They hold the ice texture (factor {@code exposure.iceNoise()},
     * or 1 when the tilt series has uniform ice: a trial image must have something to fit) and shot noise,
     * no particles; the path-length signal loss of the tilt applies.
     */
    public static RealGrid trialImages(TiltScheme scheme, List<TiltImageCtf> ctfs, Optics optics, Exposure exposure,
                                       int nu, int nv, double offset, double trialDose, long seed) {
        int nt = scheme.size();
        RealGrid out = new RealGrid(nu, nv, 2 * nt);
        double ice = exposure.iceNoise() > 0 ? exposure.iceNoise() : 1;
        IntStream.range(0, 2 * nt).parallel().forEach(j -> {
            int t = j / 2;
            TiltGeometry geom = TiltGeometry.of(scheme.tilts().get(t).angleDeg());
            TiltImageCtf c = ctfs.get(t);
            double d = j % 2 == 0 ? -offset : offset;
            TiltImageCtf shifted = new TiltImageCtf(c.defocusU() + d, c.defocusV() + d, c.defocusAngle());
            SplittableRandom rng = new SplittableRandom(seed * 9_000_011L + j);
            float[] contrast = iceContrast(nu, nv, icePhaseRms(ice, exposure.thicknessA(), geom.cos(), optics.pixelSize()),
                    shifted, optics, 0.5 * trialDose, rng);
            double n = trialDose * optics.pixelSize() * optics.pixelSize() * Math.exp(-exposure.thicknessA() / (geom.cos() * exposure.inelasticMfpA()));
            int off = j * nu * nv;
            for (int i = 0; i < nu * nv; i++) {
                double mean = Math.max(0, n * (1 - 2 * contrast[i]));
                out.data[off + i] = (float) (exposure.shotNoise() ? shotNoise(mean, rng) : mean);
            }
        });
        return out;
    }

    /** Adds {@code patch} (b × b) into the image with its corner at (u0, v0), clipped to the image. */
    static void addPatch(float[] image, int nu, int nv, RealGrid patch, int u0, int v0) {
        int b = patch.nx;
        for (int y = Math.max(0, -v0); y < b && v0 + y < nv; y++) {
            int row = nu * (v0 + y), prow = b * y;
            for (int x = Math.max(0, -u0); x < b && u0 + x < nu; x++) image[row + u0 + x] += patch.data[prow + x];
        }
    }

    /** A Poisson count with this mean: exact (Knuth) for small means, Gaussian with equal variance above 30. */
    static double shotNoise(double mean, SplittableRandom rng) {
        if (mean <= 0) return 0;
        if (mean > 30) return Math.max(0, mean + Math.sqrt(mean) * gaussian(rng));
        double limit = Math.exp(-mean), p = 1;
        int k = -1;
        do { k++; p *= rng.nextDouble(); } while (p > limit);
        return k;
    }

    static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble(), u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(Math.max(u1, 1e-300))) * Math.cos(2 * Math.PI * u2);
    }
}
