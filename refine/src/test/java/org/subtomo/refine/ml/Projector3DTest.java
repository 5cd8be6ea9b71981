package org.subtomo.refine.ml;

import org.junit.jupiter.api.Test;
import org.subtomo.core.fourier.FourierProjector;
import org.subtomo.core.grid.RealGrid;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The engine's fast sampler gives core's FourierProjector values (same padding, gridding, interpolation). */
class Projector3DTest {
    @Test
    void matchesFourierProjector() {
        int n = 24;
        SplittableRandom r = new SplittableRandom(4);
        RealGrid map = RealGrid.cube(n);
        for (int i = 0; i < map.data.length; i++) map.data[i] = (float) r.nextGaussian();
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
}
