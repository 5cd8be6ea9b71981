package org.subtomo.sim.tomo;

import org.junit.jupiter.api.Test;
import org.subtomo.core.geom.TiltGeometry;
import org.subtomo.core.grid.RealGrid;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The SIRT-like filter against real SIRT iterations on a small 2D case (one Y row, 64×64 XZ slice,
 * ±60° in 3° steps): SIRT with the forward projector that is the exact transpose of the back-projection
 * of {@link WeightedBackProjection} and step α = Δθ/n, N iterations from zero, against one filtered
 * back-projection with {@code sirtIterations = N}.
 */
class SirtLikeFilterTest {
    static final int N = 64;

    static double[] tilts() {
        double[] t = new double[41];
        for (int i = 0; i < t.length; i++) t[i] = -60 + 3 * i;
        return t;
    }

    /** Zero-mean phantom: blobs of both signs and a bar, in the XZ plane (ny = 1). */
    static RealGrid phantom() {
        RealGrid g = new RealGrid(N, 1, N);
        double[][] blobs = {{20, 30, 3, 1}, {40, 22, 2, -0.8}, {34, 40, 5, 0.6}, {26, 44, 1.5, 1.2}};
        for (int z = 0; z < N; z++)
            for (int x = 0; x < N; x++) {
                double v = 0;
                for (double[] b : blobs) v += b[3] * Math.exp(-((x - b[0]) * (x - b[0]) + (z - b[1]) * (z - b[1])) / (2 * b[2] * b[2]));
                if (x >= 16 && x < 48 && z >= 18 && z < 21) v += 0.5;
                g.data[x + N * z] = (float) v;
            }
        double mean = 0;
        for (float f : g.data) mean += f;
        mean /= g.data.length;
        for (int i = 0; i < g.data.length; i++) g.data[i] -= (float) mean;
        return g;
    }

    /** A: linear-interpolation ray sums, the transpose of WeightedBackProjection's smearing. */
    static float[][] project(float[] slice, double[] tilts) {
        float[][] p = new float[tilts.length][N];
        double c = N / 2;
        for (int t = 0; t < tilts.length; t++) {
            TiltGeometry g = TiltGeometry.of(tilts[t]);
            for (int z = 0; z < N; z++)
                for (int x = 0; x < N; x++) {
                    double u = g.u(x - c, z - c) + c;
                    int i = (int) Math.floor(u);
                    if (i < 0 || i + 1 >= N) continue;
                    double f = u - i;
                    p[t][i] += (float) ((1 - f) * slice[x + N * z]);
                    p[t][i + 1] += (float) (f * slice[x + N * z]);
                }
        }
        return p;
    }

    /** Aᵀ: plain back-projection. */
    static float[] backProject(float[][] p, double[] tilts) {
        float[] out = new float[N * N];
        double c = N / 2;
        for (int t = 0; t < tilts.length; t++) {
            TiltGeometry g = TiltGeometry.of(tilts[t]);
            for (int z = 0; z < N; z++)
                for (int x = 0; x < N; x++) {
                    double u = g.u(x - c, z - c) + c;
                    int i = (int) Math.floor(u);
                    if (i < 0 || i + 1 >= N) continue;
                    double f = u - i;
                    out[x + N * z] += (float) ((1 - f) * p[t][i] + f * p[t][i + 1]);
                }
        }
        return out;
    }

    static float[] sirt(float[][] b, double[] tilts, int iterations) {
        double alpha = Math.toRadians(3) / N;
        float[] x = new float[N * N];
        for (int k = 0; k < iterations; k++) {
            float[][] r = project(x, tilts);
            for (int t = 0; t < r.length; t++) for (int i = 0; i < N; i++) r[t][i] = b[t][i] - r[t][i];
            float[] g = backProject(r, tilts);
            for (int i = 0; i < x.length; i++) x[i] += (float) (alpha * g[i]);
        }
        return x;
    }

    static float[] filtered(float[][] b, double[] tilts, int iterations) {
        RealGrid series = new RealGrid(N, 1, tilts.length);
        for (int t = 0; t < tilts.length; t++) System.arraycopy(b[t], 0, series.data, t * N, N);
        return WeightedBackProjection.reconstruct(series, tilts, N, N, new WeightedBackProjection.Options(1.0, true, iterations)).data;
    }

    /** Correlation inside the central disk (radius 24), means removed. */
    static double correlation(float[] a, float[] b) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = 0;
        for (int z = 0; z < N; z++)
            for (int x = 0; x < N; x++) {
                if ((x - 32) * (x - 32) + (z - 32) * (z - 32) > 24 * 24) continue;
                int i = x + N * z;
                sa += a[i]; sb += b[i]; saa += a[i] * a[i]; sbb += b[i] * b[i]; sab += a[i] * b[i]; n++;
            }
        double cov = sab - sa * sb / n, va = saa - sa * sa / n, vb = sbb - sb * sb / n;
        return cov / Math.sqrt(va * vb);
    }

    @Test
    void filterMatchesSirtIterations() {
        double[] tilts = tilts();
        float[][] b = project(phantom().data, tilts);
        float[] wbp = filtered(b, tilts, 0);
        for (int iterations : new int[]{3, 5, 10}) {
            float[] sirt = sirt(b, tilts, iterations), like = filtered(b, tilts, iterations);
            double cc = correlation(sirt, like), ccWbp = correlation(sirt, wbp);
            double scale = 0, norm = 0, dLike = 0, dWbp = 0;
            for (int i = 0; i < sirt.length; i++) {
                scale += sirt[i] * like[i]; norm += like[i] * like[i];
                dLike += (sirt[i] - like[i]) * (sirt[i] - like[i]); dWbp += (sirt[i] - wbp[i]) * (sirt[i] - wbp[i]);
            }
            double ratio = Math.sqrt(dLike / dWbp);
            System.out.printf(Locale.ROOT, "%2d SIRT iterations: correlation with the SIRT-like filter %.4f (least-squares scale %.3f), with plain WBP %.4f;"
                    + " |SIRT - filter| / |SIRT - WBP| = %.2f%n", iterations, cc, scale / norm, ccWbp, ratio);
            assertTrue(cc > 0.985, iterations + " iterations: " + cc);
            // few iterations: SIRT is far from WBP (a smooth phantom converges by ~10), and the filter must follow it
            if (iterations == 3) assertTrue(ratio < 0.6 && ccWbp < 0.985, "the filter must be closer to SIRT than WBP is: ratio " + ratio);
            assertEquals(1, scale / norm, 0.15);
        }
    }

    @Test
    void factorIsOneAtLowFrequencyAndDampsTheHighOnes() {
        assertEquals(1, WeightedBackProjection.sirtFactor(1, 10), 1e-12);
        assertEquals(1 - Math.pow(0.9, 10), WeightedBackProjection.sirtFactor(10, 10), 1e-12);
        assertEquals(1, WeightedBackProjection.sirtFactor(30, 0), 0);
        assertTrue(WeightedBackProjection.sirtFactor(30, 5) < 0.2);
    }
}
