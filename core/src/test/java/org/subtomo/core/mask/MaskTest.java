package org.subtomo.core.mask;

import org.junit.jupiter.api.Test;
import org.subtomo.core.grid.RealGrid;

import static org.junit.jupiter.api.Assertions.*;

class MaskTest {

    @Test void softSphereProfile() {
        RealGrid m = SoftMasks.sphere(32, 32, 32, 8, 4);
        assertEquals(1, m.get(16, 16, 16), 0);
        assertEquals(1, m.get(16 + 8, 16, 16), 0);           // r = radius: inside
        assertEquals(0.5, m.get(16, 16 - 10, 16), 1e-6);       // half way through the edge
        assertEquals(0.5 + 0.5 * Math.cos(Math.PI * 0.25), m.get(16, 16, 16 + 9), 1e-6);
        assertEquals(0, m.get(16 + 12, 16, 16), 0);            // r = radius + width
        assertEquals(0, m.get(0, 0, 0), 0);
        // volume: ∫ mask = (4π/3)R³ + edge contribution; for a thin edge ≈ (4π/3)(R + w/2)³ (within a few %)
        double v = m.sum(), approx = 4 * Math.PI / 3 * Math.pow(8 + 2, 3);
        assertEquals(approx, v, 0.03 * approx);
    }

    @Test void circleIsCentredAtHalfBoxForOddAndEvenSizes() {
        RealGrid c = SoftMasks.circle(9, 10, 2, 0);
        assertEquals(1, c.get(4, 5), 0);
        assertEquals(1, c.get(6, 5), 0);
        assertEquals(0, c.get(7, 5), 0);
        assertEquals(1, c.get(4, 3), 0);
        assertEquals(0, c.get(4, 2), 0);
        assertEquals(13, c.sum(), 0); // lattice points with x²+y² ≤ 4
    }

    @Test void maskWithBackgroundMeanFillsOutsideWithTheOutsideMean() {
        RealGrid g = new RealGrid(24, 24, 1);
        for (int i = 0; i < g.data.length; i++) g.data[i] = 3;
        g.set(12, 12, 100); // signal in the middle must not leak into the background value
        float bg = SoftMasks.maskWithBackgroundMean(g, 5, 3);
        assertEquals(3, bg, 1e-6);
        assertEquals(100, g.get(12, 12), 1e-5);
        assertEquals(3, g.get(0, 0), 1e-6);
    }

    @Test void normalisationUsesOnlyTheBackground() {
        // background: known mean 5 and stddev 2 (deterministic ±2 alternation); inside: huge values
        int n = 40;
        double radius = 12;
        RealGrid g = new RealGrid(n, n, n);
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            double r2 = Math.pow(x - 20, 2) + Math.pow(y - 20, 2) + Math.pow(z - 20, 2);
            g.set(x, y, z, r2 > radius * radius ? 5 + (((x + y + z) & 1) == 0 ? 2 : -2) : 1000);
        }
        BackgroundNormalisation.Stats s = BackgroundNormalisation.normalise(g, radius);
        // the ± pattern is balanced up to a few voxels: mean 5 ± small, stddev 2
        assertEquals(5, s.mean(), 0.01);
        assertEquals(2, s.stddev(), 0.01);
        BackgroundNormalisation.Stats after = BackgroundNormalisation.backgroundStats(g, radius);
        assertEquals(0, after.mean(), 1e-5);
        assertEquals(1, after.stddev(), 1e-5);
        assertEquals(s.count(), after.count());
        assertEquals((1000 - s.mean()) / s.stddev(), g.get(20, 20, 20), 1e-3);
    }

    @Test void normalisationOfGaussianNoiseRecoversItsParameters() {
        java.util.Random r = new java.util.Random(42);
        RealGrid g = new RealGrid(128, 128, 1);
        for (int i = 0; i < g.data.length; i++) g.data[i] = (float) (-7 + 0.5 * r.nextGaussian());
        BackgroundNormalisation.Stats s = BackgroundNormalisation.backgroundStats(g, 40);
        // n ≈ 128² − π·40² ≈ 11360: standard errors 0.5/√n ≈ 0.005 (mean), 0.5/√(2n) ≈ 0.0033 (stddev)
        assertEquals(128 * 128 - 5025, s.count(), 0); // 5025 lattice points with r ≤ 40
        assertEquals(-7, s.mean(), 4 * 0.5 / Math.sqrt(s.count()));
        assertEquals(0.5, s.stddev(), 4 * 0.5 / Math.sqrt(2.0 * s.count()));
    }

    @Test void invertContrastAndErrors() {
        RealGrid g = new RealGrid(4, 4, 1, new float[]{1, -2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5});
        BackgroundNormalisation.invertContrast(g);
        assertEquals(-1, g.data[0], 0);
        assertEquals(2, g.data[1], 0);
        assertEquals(-5, g.data[15], 0);
        assertThrows(IllegalArgumentException.class, () -> BackgroundNormalisation.backgroundStats(g, 100));
        RealGrid flat = new RealGrid(8, 8, 1);
        assertThrows(IllegalArgumentException.class, () -> BackgroundNormalisation.normalise(flat, 2));
    }
}
