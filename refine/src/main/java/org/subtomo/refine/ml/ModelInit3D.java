package org.subtomo.refine.ml;

import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierFilters;
import org.subtomo.core.fourier.FourierShift;
import org.subtomo.core.geom.Euler;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.geom.SymmetryGroup;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.mask.SoftMasks;

import java.util.SplittableRandom;

/**
 * Start of a 3D refinement or classification:
 * <ul>
 *   <li>reference: the given map, or (de novo, {@code --ref None}) the particles inserted at random
 *       orientations (seeded, uniform on SO(3)), weighted by their 3D CTF volumes (W·X over W²), with the
 *       point group imposed; then soft-masked and low-passed to {@code iniHigh} Å (raised cosine, 2 shells;
 *       RELION's 0.07·N shells without it). With K classes and no map, each particle seeds a random class.</li>
 *   <li>τ² = ½|F|² per shell of the low-passed reference; σ² = ½(mean particle power − power of the mean
 *       particle) per shell, over the components where the CTF volume is non-zero (or all, RELION);</li>
 *   <li>class prior 1/K; σ_offset from {@code sigmaOffsetAngst}; resolution = the low-pass shell.</li>
 * </ul>
 */
public final class ModelInit3D {
    private ModelInit3D() {}

    public static MlModel initialise(ParticleData3D d, int[] subset, int classes, RealGrid reference, SymmetryGroup symmetry, long seed,
                                     double iniHighAngst, double sigmaOffsetAngst, double maskRadiusPx, double maskEdgePx,
                                     boolean wedgeSigma) {
        int n = d.n;
        if (classes < 1) throw new IllegalArgumentException("need at least one class");
        MlModel m = new MlModel(n, d.pixelSize, classes, d.groupNames);
        initialNoise(m, d, subset, wedgeSigma);
        int lowShell = iniHighAngst > 0 ? (int) Math.round(n * d.pixelSize / iniHighAngst) : (int) Math.round(0.07 * n);
        lowShell = Math.max(1, Math.min(n / 2 - 1, lowShell));
        RealGrid[] refs = new RealGrid[classes];
        if (reference != null) {
            if (reference.nx != n || reference.ny != n || reference.nz != n)
                throw new IllegalArgumentException("reference is " + reference.nx + "x" + reference.ny + "x" + reference.nz + ", particles " + n + "^3");
            for (int c = 0; c < classes; c++) refs[c] = reference.copy();
        } else {
            refs = randomOrientationAverage(d, subset, classes, symmetry, seed);
        }
        RealGrid mask = SoftMasks.sphere(n, n, n, maskRadiusPx, maskEdgePx);
        FourierComponents3D comp = Em3D.components(n);
        float[] vals = new float[2 * comp.count];
        for (int c = 0; c < classes; c++) {
            RealGrid ref = refs[c].copy();
            SoftMasks.multiply(ref, mask);
            FourierGrid f = Fft.forward(ref);
            FourierFilters.lowPass(f, lowShell, lowShell + 2);
            comp.gather(f, comp.count, vals);
            double[] t2 = shellHalfPower(vals, comp);
            for (int sh = 1; sh < t2.length; sh++) m.tau2[c][sh] = t2[sh];
            m.refs[c] = Fft.inverse(f);
            m.pdfClass[c] = 1.0 / classes;
        }
        m.sigmaOffsetPx = sigmaOffsetAngst / d.pixelSize;
        m.resShell = lowShell;
        m.currentRadius = lowShell;
        m.iteration = 0;
        return m;
    }

    /** ½·mean |V|² per shell (0..radius) over a full component list. */
    public static double[] shellHalfPower(float[] vals, FourierComponents3D comp) {
        double[] s = new double[comp.radius + 1];
        long[] cnt = comp.shellCounts();
        for (int i = 0; i < comp.count; i++) s[comp.shell[i]] += vals[2 * i] * (double) vals[2 * i] + vals[2 * i + 1] * (double) vals[2 * i + 1];
        for (int i = 0; i < s.length; i++) s[i] = cnt[i] > 0 ? s[i] / (2.0 * cnt[i]) : 0;
        return s;
    }

    /** σ²(group, shell) = ½·(E|X|² − |E X|²) per component, averaged over the shell's components. */
    static void initialNoise(MlModel m, ParticleData3D d, int[] subset, boolean wedgeSigma) {
        int n = d.n, groups = d.groupNames.length;
        FourierComponents3D comp = Em3D.components(n);
        int cnt = comp.count;
        double[][] sr = new double[groups][cnt], si = new double[groups][cnt], pw = new double[groups][cnt], nv = new double[groups][cnt];
        float[] vals = new float[2 * cnt], w = new float[cnt];
        for (int i : subset) {
            FourierGrid f = Fft.forward(new RealGrid(n, n, n, d.volume(i).clone()));
            FourierShift.shift(f, d.originX[i] / d.pixelSize, d.originY[i] / d.pixelSize, d.originZ[i] / d.pixelSize);   // RELION: centred = moved by +origin
            comp.gather(f, cnt, vals);
            if (d.hasCtf) comp.gatherReal(d.ctf(i).weights, cnt, w); else java.util.Arrays.fill(w, 1f);
            int g = d.group[i];
            for (int q = 0; q < cnt; q++) {
                if (wedgeSigma && w[q] == 0f) continue;
                sr[g][q] += vals[2 * q]; si[g][q] += vals[2 * q + 1];
                pw[g][q] += vals[2 * q] * (double) vals[2 * q] + vals[2 * q + 1] * (double) vals[2 * q + 1];
                nv[g][q]++;
            }
        }
        for (int g = 0; g < groups; g++) {
            double[] s = new double[n / 2 + 1];
            long[] c = new long[n / 2 + 1];
            for (int q = 0; q < cnt; q++) {
                double k = nv[g][q];
                if (k < 2) continue;
                double mr = sr[g][q] / k, mi = si[g][q] / k;
                s[comp.shell[q]] += 0.5 * (pw[g][q] / k - mr * mr - mi * mi);
                c[comp.shell[q]]++;
            }
            for (int sh = 1; sh <= n / 2 - 1; sh++) m.sigma2[g][sh] = c[sh] > 0 ? s[sh] / c[sh] : 0;
            m.sigma2[g][n / 2] = m.sigma2[g][n / 2 - 1];
            Spectra.fillNonPositive(m.sigma2[g]);
        }
    }

    /** A uniformly random rotation (Shoemake's quaternion method). */
    public static Matrix3 randomRotation(SplittableRandom r) {
        double u1 = r.nextDouble(), u2 = r.nextDouble() * 2 * Math.PI, u3 = r.nextDouble() * 2 * Math.PI;
        double a = Math.sqrt(1 - u1), b = Math.sqrt(u1);
        double qx = a * Math.sin(u2), qy = a * Math.cos(u2), qz = b * Math.sin(u3), qw = b * Math.cos(u3);
        return new Matrix3(1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy - qz * qw), 2 * (qx * qz + qy * qw),
                2 * (qx * qy + qz * qw), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz - qx * qw),
                2 * (qx * qz - qy * qw), 2 * (qy * qz + qx * qw), 1 - 2 * (qx * qx + qy * qy));
    }

    static RealGrid[] randomOrientationAverage(ParticleData3D d, int[] subset, int classes, SymmetryGroup symmetry, long seed) {
        int n = d.n;
        FourierComponents3D comp = Em3D.components(n);
        int cnt = comp.count;
        BackProjector3D[] bp = new BackProjector3D[classes];
        for (int c = 0; c < classes; c++) bp[c] = new BackProjector3D(n, 2);
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] vals = new float[2 * cnt], w = new float[cnt];
        double[] dd = new double[2 * cnt], ww = new double[cnt];
        for (int i : subset) {
            Matrix3 a = randomRotation(rnd);
            int c = classes > 1 ? rnd.nextInt(classes) : 0;
            FourierGrid f = Fft.forward(new RealGrid(n, n, n, d.volume(i).clone()));
            FourierShift.shift(f, d.originX[i] / d.pixelSize, d.originY[i] / d.pixelSize, d.originZ[i] / d.pixelSize);   // RELION: centred = moved by +origin
            comp.gather(f, cnt, vals);
            if (d.hasCtf) comp.gatherReal(d.ctf(i).weights, cnt, w); else java.util.Arrays.fill(w, 1f);
            for (int q = 0; q < cnt; q++) { dd[2 * q] = w[q] * vals[2 * q]; dd[2 * q + 1] = w[q] * vals[2 * q + 1]; ww[q] = w[q] * (double) w[q]; }
            bp[c].insert(a, comp, cnt, dd, ww);
        }
        RealGrid[] out = new RealGrid[classes];
        for (int c = 0; c < classes; c++) {
            bp[c].enforceHermitian();
            bp[c].symmetrise(symmetry, n / 2 - 1);
            out[c] = bp[c].reconstruct(null, 1, n / 2 - 1).map();
        }
        return out;
    }

    /**
     * De novo start shared by both half sets: all particles inserted at random orientations (seeded), the
     * point group imposed, unregularised; {@link #initialise} then masks and low-passes it.
     */
    public static RealGrid denovoReference(ParticleData3D d, int[] subset, SymmetryGroup symmetry, long seed) {
        return randomOrientationAverage(d, subset, 1, symmetry, seed)[0];
    }

    /** Euler angles in degrees {rot, tilt, psi} of a matrix. */
    public static double[] degrees(Matrix3 a) {
        Euler e = Euler.fromMatrix(a);
        return new double[]{e.rotDeg(), e.tiltDeg(), e.psiDeg()};
    }
}
