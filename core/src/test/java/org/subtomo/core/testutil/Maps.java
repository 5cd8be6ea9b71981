package org.subtomo.core.testutil;

import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

import java.util.Random;

/** Synthetic maps with known analytic properties for tests. */
public final class Maps {
    private Maps() {}

    public static RealGrid whiteNoise(int nx, int ny, int nz, double sigma, long seed) {
        RealGrid g = new RealGrid(nx, ny, nz);
        Random r = new Random(seed);
        for (int i = 0; i < g.data.length; i++) g.data[i] = (float) (sigma * r.nextGaussian());
        return g;
    }

    /** Adds amp·exp(−|r−c|²/(2σ²)) (pixels) to g. */
    public static void addGaussian(RealGrid g, double cx, double cy, double cz, double sigma, double amp) {
        double k = -1 / (2 * sigma * sigma);
        for (int z = 0; z < g.nz; z++) for (int y = 0; y < g.ny; y++) for (int x = 0; x < g.nx; x++) {
            double dx = x - cx, dy = y - cy, dz = z - cz;
            g.data[g.index(x, y, z)] += (float) (amp * Math.exp(k * (dx * dx + dy * dy + dz * dz)));
        }
    }

    public static RealGrid gaussian(int nx, int ny, int nz, double cx, double cy, double cz, double sigma, double amp) {
        RealGrid g = new RealGrid(nx, ny, nz);
        addGaussian(g, cx, cy, cz, sigma, amp);
        return g;
    }

    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("length " + a.length + " vs " + b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    public static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** F at any signed frequency (fx may be negative: Hermitian conjugate of the mirror); {re, im}. */
    public static double[] at(FourierGrid f, int fx, int fy, int fz) {
        boolean conj = fx < 0;
        if (conj) { fx = -fx; fy = -fy; fz = -fz; }
        int i = f.index(fx, Math.floorMod(fy, f.ny), Math.floorMod(fz, f.nz));
        return new double[]{f.data[i], conj ? -f.data[i + 1] : f.data[i + 1]};
    }

    /** Relative RMS difference ‖a − b‖ / ‖b‖ (b the reference). */
    public static double relRms(RealGrid a, RealGrid b) {
        if (!a.sameShape(b)) throw new IllegalArgumentException(a + " vs " + b);
        double d = 0, t = 0;
        for (int i = 0; i < a.data.length; i++) {
            double e = a.data[i] - (double) b.data[i];
            d += e * e; t += b.data[i] * (double) b.data[i];
        }
        return Math.sqrt(d / t);
    }

    /** Pearson correlation of two grids' values. */
    public static double correlation(RealGrid a, RealGrid b) {
        if (!a.sameShape(b)) throw new IllegalArgumentException(a + " vs " + b);
        double ma = a.mean(), mb = b.mean(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.data.length; i++) {
            double x = a.data[i] - ma, y = b.data[i] - mb;
            sab += x * y; saa += x * x; sbb += y * y;
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
