package org.subtomo.core.mask;

import org.junit.jupiter.api.Test;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.testutil.Maps;

import static org.junit.jupiter.api.Assertions.*;

/** Analytic checks of the background plane fit ({@link BackgroundNormalisation#subtractBackgroundRamp}). */
class BackgroundRampTest {

    /** A plane plus anything inside the radius: the fit recovers the plane exactly and the background becomes 0. */
    @Test
    void exactPlaneIsRecoveredAndRemoved() {
        RealGrid g = RealGrid.image(48, 40);
        for (int y = 0; y < g.ny; y++) for (int x = 0; x < g.nx; x++) g.set(x, y, (float) (0.02 * (x - 24) - 0.03 * (y - 20) + 5));
        Maps.addGaussian(g, 24, 20, 0, 3, 10); // the particle: negligible beyond r = 15 (exp(-12.5)·10 = 4e-5)
        double[] abc = BackgroundNormalisation.subtractBackgroundRamp(g, 15);
        assertArrayEquals(new double[]{0.02, -0.03, 5}, abc, 1e-5);
        for (int y = 0; y < g.ny; y++) for (int x = 0; x < g.nx; x++) {
            double dx = x - 24, dy = y - 20;
            if (dx * dx + dy * dy > 15 * 15) assertEquals(0, g.get(x, y), 1e-4, "background at " + x + "," + y);
        }
        assertEquals(10, g.get(24, 20), 1e-4, "the particle is kept");
    }

    /** With noise: after normaliseWithRamp the background has mean 0, stddev 1 and no remaining slope. */
    @Test
    void normaliseWithRampLeavesFlatUnitBackground() {
        RealGrid g = Maps.whiteNoise(64, 64, 1, 2.0, 3);
        for (int y = 0; y < g.ny; y++) for (int x = 0; x < g.nx; x++) g.data[g.index(x, y, 0)] += (float) (0.5 * x + 0.25 * y - 7);
        BackgroundNormalisation.normaliseWithRamp(g, 20);
        BackgroundNormalisation.Stats s = BackgroundNormalisation.backgroundStats(g, 20);
        assertEquals(0, s.mean(), 1e-5);
        assertEquals(1, s.stddev(), 1e-5);
        double[] again = BackgroundNormalisation.subtractBackgroundRamp(g.copy(), 20);
        assertArrayEquals(new double[]{0, 0, 0}, again, 1e-5);
    }

    @Test
    void rampIsRejectedFor3d() {
        assertThrows(IllegalArgumentException.class, () -> BackgroundNormalisation.subtractBackgroundRamp(RealGrid.cube(8), 2));
    }
}
