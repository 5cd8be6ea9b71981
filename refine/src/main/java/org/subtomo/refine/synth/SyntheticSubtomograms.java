package org.subtomo.refine.synth;

import org.subtomo.core.ctf.Ctf;
import org.subtomo.core.ctf.CtfParams;
import org.subtomo.core.ctf.CtfVolume;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierProjector;
import org.subtomo.core.fourier.FourierShift;
import org.subtomo.core.geom.Euler;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.geom.SymmetryGroup;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.refine.ml.ModelInit3D;
import org.subtomo.refine.ml.ParticleData3D;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ground truth for 3D refinement: sub-tomograms of a known map (Gaussian blobs, optionally with a
 * point group imposed exactly by replicating the blobs) at random poses, each with a tilt-series-like
 * 3D CTF volume and noise:
 * X(k) = W(k)·V(Aᵀk)·e^{−2πik·t/N} + M(k)·n(k), where M is 1 on the Fourier voxels covered by the
 * tilt range (|kz| ≤ tan(θmax)·|kx|, tilt axis y) and 0 in the missing wedge, W = M·CTF(|k|) with a
 * per-particle defocus (300 kV, Cs 2.7, 10% amplitude contrast), and n white Gaussian noise whose
 * real-space variance is var(map)/snr. In the wedge a sub-tomogram holds neither signal nor noise,
 * as in a tomogram reconstructed from a limited tilt range.
 *
 * <p>Truth noise σ² per real/imaginary part of a normalised component: {@link #noiseSigma2()}.
 */
public final class SyntheticSubtomograms {
    /** Generation parameters; defocus in Å (RELION units). */
    public record Params(int n, double pixelSize, int particles, double snr, double maxShiftPx, double tiltMaxDeg,
                         boolean ctf, double defocusMin, double defocusMax, String symmetry, int blobs, long seed) {
        public static Params small(int particles, double snr, long seed) {
            return new Params(32, 9.0, particles, snr, 2.0, 60, true, 20000, 40000, "C1", 30, seed);
        }
        public Params withCtf(boolean c) { return new Params(n, pixelSize, particles, snr, maxShiftPx, tiltMaxDeg, c, defocusMin, defocusMax, symmetry, blobs, seed); }
        public Params withSymmetry(String s) { return new Params(n, pixelSize, particles, snr, maxShiftPx, tiltMaxDeg, ctf, defocusMin, defocusMax, s, blobs, seed); }
        public Params withShift(double s) { return new Params(n, pixelSize, particles, snr, s, tiltMaxDeg, ctf, defocusMin, defocusMax, symmetry, blobs, seed); }
        public Params withTilt(double t) { return new Params(n, pixelSize, particles, snr, maxShiftPx, t, ctf, defocusMin, defocusMax, symmetry, blobs, seed); }
    }

    public final Params params;
    public final RealGrid truth;
    public final ParticleData3D data;
    public final double[] trueRot, trueTilt, truePsi, trueOx, trueOy, trueOz, defocus;
    private final double noiseVar;

    public SyntheticSubtomograms(Params p) { this(p, true); }

    /** With {@code withSignal} false the particles hold only the (wedge-limited) noise of the same variance. */
    public SyntheticSubtomograms(Params p, boolean withSignal) {
        this.params = p;
        int n = p.n(), np = p.particles();
        SplittableRandom rnd = new SplittableRandom(p.seed());
        truth = phantom(n, p.blobs(), SymmetryGroup.parse(p.symmetry()), rnd.split());
        double var = truth.stddev() * truth.stddev();
        noiseVar = p.snr() > 0 ? var / p.snr() : 0;
        FourierProjector proj = new FourierProjector(truth, 2, true);
        float[][] vols = new float[np][];
        CtfVolume[] ctfs = new CtfVolume[np];
        trueRot = new double[np]; trueTilt = new double[np]; truePsi = new double[np];
        trueOx = new double[np]; trueOy = new double[np]; trueOz = new double[np]; defocus = new double[np];
        CtfVolume wedge = wedge(n, p.tiltMaxDeg());
        for (int i = 0; i < np; i++) {
            SplittableRandom r = rnd.split();
            Matrix3 a = ModelInit3D.randomRotation(r);
            Euler e = Euler.fromMatrix(a);
            trueRot[i] = e.rotDeg(); trueTilt[i] = e.tiltDeg(); truePsi[i] = e.psiDeg();
            double[] t = ball(r, p.maxShiftPx());
            // the particle is the map moved by t: RELION's origin (centred by moving it by +origin) is −t
            trueOx[i] = -t[0] * p.pixelSize(); trueOy[i] = -t[1] * p.pixelSize(); trueOz[i] = -t[2] * p.pixelSize();
            defocus[i] = p.defocusMin() + r.nextDouble() * (p.defocusMax() - p.defocusMin());
            CtfVolume w = p.ctf() ? ctfVolume(wedge, n, p.pixelSize(), defocus[i]) : wedge;
            ctfs[i] = w;
            FourierGrid f = proj.rotate(Euler.toMatrix(e.rot(), e.tilt(), e.psi()));
            FourierShift.shift(f, t[0], t[1], t[2]);
            w.applyTo(f);
            if (!withSignal) java.util.Arrays.fill(f.data, 0f);
            if (noiseVar > 0) {
                RealGrid noise = RealGrid.cube(n);
                double sd = Math.sqrt(noiseVar);
                for (int q = 0; q < noise.data.length; q++) noise.data[q] = (float) (r.nextGaussian() * sd);
                FourierGrid nf = Fft.forward(noise);
                wedge.applyTo(nf);
                for (int q = 0; q < f.data.length; q++) f.data[q] += nf.data[q];
            }
            vols[i] = Fft.inverse(f).data;
        }
        data = new ParticleData3D(n, p.pixelSize(), vols, ctfs, new int[np], new String[]{"tomo1"});
    }

    /** Truth σ² per real/imaginary part of a normalised (÷N³) Fourier component, inside the covered region. */
    public double noiseSigma2() { int n = params.n(); return noiseVar / (2.0 * n * n * n); }

    /** Uniform point in the ball of radius r. */
    static double[] ball(SplittableRandom rnd, double r) {
        if (r <= 0) return new double[3];
        while (true) {
            double x = 2 * rnd.nextDouble() - 1, y = 2 * rnd.nextDouble() - 1, z = 2 * rnd.nextDouble() - 1;
            if (x * x + y * y + z * z <= 1) return new double[]{x * r, y * r, z * r};
        }
    }

    /** Sum of Gaussian blobs (σ 0.9-1.8 px) inside 0.3·N of the centre; with a point group, every blob is replicated by each operator. */
    public static RealGrid phantom(int n, int blobs, SymmetryGroup group, SplittableRandom rnd) {
        List<double[]> list = new ArrayList<>();
        double rmax = 0.3 * n;
        int base = group.rotations().size() > 1 ? Math.max(2, blobs / 3) : blobs;
        for (int b = 0; b < base; b++) {
            double[] c = ball(rnd, rmax);
            if (group.rotations().size() > 1) { c[0] += 0.15 * n * 0.5; }
            double sigma = 0.9 + 0.9 * rnd.nextDouble(), amp = 0.5 + rnd.nextDouble();   // detail out to ~2-3 px
            for (Matrix3 r : group.rotations()) {
                double[] q = r.apply(c);
                list.add(new double[]{q[0], q[1], q[2], sigma, amp});
            }
        }
        RealGrid g = RealGrid.cube(n);
        int h = n / 2;
        for (double[] b : list) {
            double s2 = 2 * b[3] * b[3];
            int lo = (int) Math.floor(-4 * b[3]), hi = (int) Math.ceil(4 * b[3]);
            int cx = (int) Math.round(b[0]), cy = (int) Math.round(b[1]), cz = (int) Math.round(b[2]);
            for (int z = cz + lo; z <= cz + hi; z++) for (int y = cy + lo; y <= cy + hi; y++) for (int x = cx + lo; x <= cx + hi; x++) {
                int X = x + h, Y = y + h, Z = z + h;
                if (X < 0 || Y < 0 || Z < 0 || X >= n || Y >= n || Z >= n) continue;
                double d2 = (x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1]) + (z - b[2]) * (z - b[2]);
                g.data[g.index(X, Y, Z)] += (float) (b[4] * Math.exp(-d2 / s2));
            }
        }
        return g;
    }

    /** 1 on voxels covered by tilts within ±θmax about y (|kz| ≤ tan θmax·|kx|, plus kx = kz = 0), 0 in the wedge. */
    public static CtfVolume wedge(int n, double tiltMaxDeg) {
        CtfVolume v = CtfVolume.zeros(n);
        double t = Math.tan(Math.toRadians(tiltMaxDeg));
        for (int kz = 0; kz < n; kz++) {
            int fz = kz <= n / 2 ? kz : kz - n;
            for (int ky = 0; ky < n; ky++) for (int fx = 0; fx < v.hx; fx++) {
                boolean covered = (fx == 0 && fz == 0) || Math.abs(fz) <= t * fx + 1e-9;
                v.weights[v.index(fx, ky, kz)] = covered ? 1f : 0f;
            }
        }
        return v;
    }

    /** The wedge times the (isotropic) CTF of one defocus. */
    public static CtfVolume ctfVolume(CtfVolume wedge, int n, double pixelSize, double defocusAngst) {
        Ctf ctf = new Ctf(CtfParams.of(defocusAngst, defocusAngst, 0, 300, 2.7, 0.1));
        CtfVolume v = CtfVolume.zeros(n);
        for (int kz = 0; kz < n; kz++) {
            int fz = kz <= n / 2 ? kz : kz - n;
            for (int ky = 0; ky < n; ky++) {
                int fy = ky <= n / 2 ? ky : ky - n;
                for (int fx = 0; fx < v.hx; fx++) {
                    int j = v.index(fx, ky, kz);
                    if (wedge.weights[j] == 0f) continue;
                    double s = Math.sqrt((double) fx * fx + (double) fy * fy + (double) fz * fz) / (n * pixelSize);
                    float c = (float) ctf.value(s, 0);
                    v.weights[j] = c == 0f ? 1e-6f : c;   // keep "covered" distinguishable from the wedge
                }
            }
        }
        return v;
    }
}
