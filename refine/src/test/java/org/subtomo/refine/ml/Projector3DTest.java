package org.subtomo.refine.ml;

import org.junit.jupiter.api.Test;
import org.subtomo.core.fourier.FourierProjector;
import org.subtomo.core.grid.RealGrid;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The engine's fast sampler gives core's FourierProjector values (same padding, gridding, interpolation). */
class Projector3DTest {
    /** An n³ map of independent Gaussian values. */
    static RealGrid noise(int n, SplittableRandom r) {
        RealGrid map = RealGrid.cube(n);
        for (int i = 0; i < map.data.length; i++) map.data[i] = (float) r.nextGaussian();
        return map;
    }

    @Test
    void matchesFourierProjector() {
        int n = 24;
        SplittableRandom r = new SplittableRandom(4);
        RealGrid map = noise(n, r);
        FourierProjector ref = new FourierProjector(map, 2, true);
        Projector3D fast = new Projector3D(map, 2);
        double[] a = new double[2], b = new double[2];
        double scale = 0;
        for (int i = 0; i < 2000; i++) {
            double kx = (r.nextDouble() - 0.5) * n, ky = (r.nextDouble() - 0.5) * n, kz = (r.nextDouble() - 0.5) * n;
            if (kx * kx + ky * ky + kz * kz > 0.24 * n * n) continue;   // inside the sphere, away from Nyquist
            ref.interpolate(kx, ky, kz, a);
            fast.interpolate(kx, ky, kz, b);
            scale = Math.max(scale, Math.hypot(a[0], a[1]));
            assertEquals(a[0], b[0], 1e-3 * Math.max(1, Math.hypot(a[0], a[1])), "re at " + kx + "," + ky + "," + kz);
            assertEquals(a[1], b[1], 1e-3 * Math.max(1, Math.hypot(a[0], a[1])), "im at " + kx + "," + ky + "," + kz);
        }
        assertEquals(true, scale > 1, "non-trivial values");
    }

    /** The batch rotation (floats, no radius test) gives the per-point sampler's values at Aᵀk on every component. */
    @Test
    void rotateMatchesPointSampler() {
        int n = 32;
        SplittableRandom r = new SplittableRandom(9);
        Projector3D proj = new Projector3D(noise(n, r), 2);
        FourierComponents3D comp = Em3D.components(n);
        float[] out = new float[2 * comp.count];
        double[] v = new double[2];
        for (int rep = 0; rep < 5; rep++) {
            org.subtomo.core.geom.Matrix3 a = org.subtomo.core.geom.Euler.toMatrix(r.nextDouble() * 6.28, Math.acos(2 * r.nextDouble() - 1), r.nextDouble() * 6.28);
            double scale = 0.37;
            proj.rotate(a, comp, comp.count, scale, out);
            double maxErr = 0, maxVal = 0;
            for (int i = 0; i < comp.count; i++) {
                double kx = comp.kx[i], ky = comp.ky[i], kz = comp.kz[i];
                proj.interpolate(a.m00() * kx + a.m10() * ky + a.m20() * kz, a.m01() * kx + a.m11() * ky + a.m21() * kz,
                        a.m02() * kx + a.m12() * ky + a.m22() * kz, v);
                maxErr = Math.max(maxErr, Math.hypot(out[2 * i] - scale * v[0], out[2 * i + 1] - scale * v[1]));
                maxVal = Math.max(maxVal, scale * Math.hypot(v[0], v[1]));
            }
            assertEquals(true, maxVal > 1, "non-trivial values");
            assertEquals(0, maxErr / maxVal, 1e-5, "largest difference relative to the largest value");
        }
    }

    /** Several classes rotated at once give each class's own rotation exactly (same float operations). */
    @Test
    void classesAtOnceEqualOneAtATime() {
        int n = 24;
        SplittableRandom r = new SplittableRandom(11);
        Projector3D[] projs = new Projector3D[3];
        for (int c = 0; c < 3; c++) {
            projs[c] = new Projector3D(noise(n, r), 2);
        }
        FourierComponents3D comp = Em3D.components(n);
        org.subtomo.core.geom.Matrix3 a = org.subtomo.core.geom.Euler.toMatrix(0.3, 1.1, -2.0);
        float[][] all = new float[3][2 * comp.count];
        Projector3D.rotate(projs, a, comp, comp.count, 0.5, all);
        for (int c = 0; c < 3; c++) {
            float[] one = new float[2 * comp.count];
            projs[c].rotate(a, comp, comp.count, 0.5, one);
            org.junit.jupiter.api.Assertions.assertArrayEquals(one, all[c], "class " + c);
        }
    }

    /** On a component list, the listed entries equal the full rotation's and the others are left as they were. */
    @Test
    void listedComponentsOnly() {
        int n = 16;
        SplittableRandom r = new SplittableRandom(12);
        Projector3D proj = new Projector3D(noise(n, r), 2);
        FourierComponents3D comp = Em3D.components(n);
        org.subtomo.core.geom.Matrix3 a = org.subtomo.core.geom.Euler.toMatrix(1.3, 0.4, 2.2);
        float[] full = new float[2 * comp.count];
        proj.rotate(a, comp, comp.count, 1.0, full);
        int[] list = new int[comp.count];
        int count = 0;
        for (int q = 0; q < comp.count; q++) if (q % 3 != 1) list[count++] = q;
        float[] part = new float[2 * comp.count];
        java.util.Arrays.fill(part, 7f);
        proj.rotate(a, comp, list, count, 1.0, part);
        for (int q = 0; q < comp.count; q++) {
            boolean listed = q % 3 != 1;
            assertEquals(listed ? full[2 * q] : 7f, part[2 * q], 0f, "re " + q);
            assertEquals(listed ? full[2 * q + 1] : 7f, part[2 * q + 1], 0f, "im " + q);
        }
    }
}
