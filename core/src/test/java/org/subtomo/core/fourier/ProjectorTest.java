package org.subtomo.core.fourier;

import org.junit.jupiter.api.Test;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.testutil.Maps;

import static org.junit.jupiter.api.Assertions.*;

class ProjectorTest {
    static final int N = 32, C = N / 2;
    /** Blob centres relative to the box centre: asymmetric, so any wrong axis or sign shows. */
    static final double[][] BLOBS = {{0, 0, 0, 1.0}, {6, 0, 0, 0.8}, {0, -4, 2, 0.6}, {-3, 3, -5, 0.5}};
    static final double SIGMA = 2.0;

    static RealGrid blobs(Matrix3 a) {
        RealGrid g = new RealGrid(N, N, N);
        double[] p = new double[3];
        for (double[] b : BLOBS) {
            a.apply(b[0], b[1], b[2], p); // rotating the map by A moves a blob at b to A·b
            Maps.addGaussian(g, C + p[0], C + p[1], C + p[2], SIGMA, b[3]);
        }
        return g;
    }

    /** Analytic projection along Z of the rotated blob map: each 3D Gaussian integrates to a 2D one × √(2π)σ. */
    static RealGrid analyticProjection(Matrix3 a) {
        RealGrid g = new RealGrid(N, N, 1);
        double[] p = new double[3];
        for (double[] b : BLOBS) {
            a.apply(b[0], b[1], b[2], p);
            Maps.addGaussian(g, C + p[0], C + p[1], 0, SIGMA, b[3] * Math.sqrt(2 * Math.PI) * SIGMA);
        }
        return g;
    }

    static RealGrid sumAlongZ(RealGrid v) {
        RealGrid p = new RealGrid(v.nx, v.ny, 1);
        for (int z = 0; z < v.nz; z++) for (int y = 0; y < v.ny; y++) for (int x = 0; x < v.nx; x++) p.data[x + v.nx * y] += v.get(x, y, z);
        return p;
    }

    /** Rotation by angle (radians) about a unit axis (Rodrigues); a local helper, not an Euler class. */
    static Matrix3 axisAngle(double ux, double uy, double uz, double t) {
        double n = Math.sqrt(ux * ux + uy * uy + uz * uz);
        ux /= n; uy /= n; uz /= n;
        double c = Math.cos(t), s = Math.sin(t), k = 1 - c;
        return new Matrix3(c + ux * ux * k, ux * uy * k - uz * s, ux * uz * k + uy * s,
                uy * ux * k + uz * s, c + uy * uy * k, uy * uz * k - ux * s,
                uz * ux * k - uy * s, uz * uy * k + ux * s, c + uz * uz * k);
    }

    static double relErr(RealGrid want, RealGrid got) { return Maps.maxAbsDiff(want.data, got.data) / Maps.maxAbs(want.data); }

    @Test void identitySliceIsTheTransformOfTheZProjection() {
        RealGrid map = blobs(Matrix3.IDENTITY);
        FourierGrid want = Fft.forward(sumAlongZ(map));
        for (int pad : new int[]{1, 2}) {
            FourierGrid got = new FourierProjector(map, pad, false).project(Matrix3.IDENTITY);
            // on-grid samples: exact except the dropped corners |k| > N/2, where a σ = 2 px blob has ~nothing
            assertTrue(Maps.maxAbsDiff(want.data, got.data) < 1e-4 * Maps.maxAbs(want.data), "pad " + pad);
        }
    }

    @Test void ninetyDegreesAboutYProjectsAlongX() {
        RealGrid map = blobs(Matrix3.IDENTITY);
        Matrix3 ry = new Matrix3(0, 0, 1, 0, 1, 0, -1, 0, 0);
        // V'(x, y, z) = V(−z, y, x) about the centre, so P(x, y) = Σ_u V(u, y, z = x)
        RealGrid want = new RealGrid(N, N, 1);
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int u = 0; u < N; u++) want.data[z + N * y] += map.get(u, y, z);
        RealGrid got = Fft.inverse(new FourierProjector(map, 2, false).project(ry));
        assertTrue(relErr(want, got) < 1e-4, "err " + relErr(want, got));
    }

    @Test void ninetyDegreesAboutZIsAnIndexPermutation() {
        RealGrid map = blobs(Matrix3.IDENTITY);
        Matrix3 rz = new Matrix3(0, -1, 0, 1, 0, 0, 0, 0, 1);
        // V'(r) = V(Rzᵀr): V'(x, y, z) = V(y, 2c − x, z) in indices (map vanishes at the edge index 0)
        RealGrid want = new RealGrid(N, N, N);
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = 1; x < N; x++) want.set(x, y, z, map.get(y, 2 * C - x, z));
        RealGrid got = Fft.inverse(new FourierProjector(map, 2, false).rotate(rz));
        assertTrue(relErr(want, got) < 1e-4, "err " + relErr(want, got));
        // and it agrees with rotating the blobs analytically
        assertTrue(relErr(blobs(rz), got) < 1e-4);
    }

    @Test void obliqueProjectionMatchesTheAnalyticRotatedMapAndGriddingCorrectionHelps() {
        RealGrid map = blobs(Matrix3.IDENTITY);
        Matrix3 a = axisAngle(1, 2, -0.5, Math.toRadians(37));
        RealGrid want = analyticProjection(a);
        double plain = relErr(want, Fft.inverse(new FourierProjector(map, 2, false).project(a)));
        double corrected = relErr(want, Fft.inverse(new FourierProjector(map, 2, true).project(a)));
        double unpadded = relErr(want, Fft.inverse(new FourierProjector(map, 1, true).project(a)));
        double pad4 = relErr(want, Fft.inverse(new FourierProjector(map, 4, true).project(a)));
        // trilinear error falls as 1/pad²: measured 0.056 (pad 1), 0.011 (pad 2), 0.0023 (pad 4); 0.025 uncorrected at pad 2
        assertTrue(corrected < 0.015, "pad 2 + gridding correction: " + corrected);
        assertTrue(pad4 < 0.003, "pad 4 + gridding correction: " + pad4);
        assertTrue(corrected < plain, "gridding correction must reduce the error: " + corrected + " vs " + plain);
        assertTrue(corrected < unpadded, "padding must reduce the error: " + corrected + " vs " + unpadded);
    }

    @Test void obliqueRotationMatchesTheAnalyticRotatedMap() {
        RealGrid map = blobs(Matrix3.IDENTITY);
        Matrix3 a = axisAngle(-0.3, 1, 0.8, Math.toRadians(-71));
        double err = relErr(blobs(a), Fft.inverse(new FourierProjector(map, 2, true).rotate(a)));
        assertTrue(err < 0.01, "err " + err);
    }

    @Test void interpolationIsHermitian() {
        FourierProjector p = new FourierProjector(Maps.whiteNoise(N, N, N, 1, 3), 2, false);
        double[] a = new double[2], b = new double[2];
        double[][] ks = {{3.3, -2.7, 5.1}, {0.4, 7.2, -1.9}, {-0.2, 0.3, 0.1}, {15.2, 3.1, -2.2}};
        for (double[] k : ks) {
            p.interpolate(k[0], k[1], k[2], a);
            p.interpolate(-k[0], -k[1], -k[2], b);
            assertEquals(a[0], b[0], 1e-4 * Math.abs(a[0]) + 1e-3);
            assertEquals(a[1], -b[1], 1e-4 * Math.abs(a[1]) + 1e-3);
        }
        p.interpolate(20, 0, 0, a); // beyond N/2
        assertEquals(0, a[0], 0);
    }
}
