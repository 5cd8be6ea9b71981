package org.subtomo.sim.sample;

import org.junit.jupiter.api.Test;
import org.subtomo.core.error.InputException;
import org.subtomo.core.geom.Matrix3;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class SampleLayoutTest {
    @Test void objectsDoNotOverlapAndStayInTheSlab() {
        List<SampleLayout.Placed> p = SampleLayout.place(400, 400, 120, 60, 32, new int[]{60, 20}, new double[]{12, 10},
                5, 3, 5, 6, new SplittableRandom(7));
        assertEquals(90, p.size());
        assertEquals(60, p.stream().filter(o -> o.species() == 0).count());
        for (int i = 0; i < p.size(); i++) {
            SampleLayout.Placed a = p.get(i);
            assertTrue(a.z() >= 60 - 30 + a.radiusPx() - 1e-9 && a.z() <= 60 + 30 - a.radiusPx() + 1e-9, "inside the slab");
            assertTrue(a.x() >= 32 && a.x() <= 400 - 32);
            for (int j = i + 1; j < p.size(); j++) {
                SampleLayout.Placed b = p.get(j);
                double d = Math.sqrt(Math.pow(a.x() - b.x(), 2) + Math.pow(a.y() - b.y(), 2) + Math.pow(a.z() - b.z(), 2));
                assertTrue(d >= a.radiusPx() + b.radiusPx() - 1e-9);
            }
        }
        // Same seed, same sample.
        assertEquals(p, SampleLayout.place(400, 400, 120, 60, 32, new int[]{60, 20}, new double[]{12, 10}, 5, 3, 5, 6, new SplittableRandom(7)));
    }

    @Test void impossiblePackingIsAClearError() {
        InputException e = assertThrows(InputException.class, () -> SampleLayout.place(100, 100, 60, 40, 10,
                new int[]{500}, new double[]{15}, 0, 0, 0, 0, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("fewer particles"), e.getMessage());
    }

    /** Uniform on SO(3): the rotated z axis is uniform on the sphere (mean cos = 0, mean cos² = 1/3), and R is orthonormal. */
    @Test void rotationsAreUniformAndProper() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 20000;
        double c = 0, c2 = 0, trace = 0;
        for (int i = 0; i < n; i++) {
            Matrix3 r = RandomRotations.uniform(rng);
            assertEquals(1.0, r.determinant(), 1e-9);
            assertTrue(r.times(r.transpose()).maxAbsDiff(Matrix3.IDENTITY) < 1e-9);
            c += r.m22(); c2 += r.m22() * r.m22(); trace += r.m00() + r.m11() + r.m22();
        }
        assertEquals(0, c / n, 4 * Math.sqrt(1.0 / 3 / n));
        assertEquals(1.0 / 3, c2 / n, 0.01);
        // Haar measure: E[trace] = 0 (uniform Euler angles would give a bias), sd of trace = 1.
        assertEquals(0, trace / n, 4 / Math.sqrt(n));
    }
}
