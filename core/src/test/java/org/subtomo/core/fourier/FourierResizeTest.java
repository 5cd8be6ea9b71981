package org.subtomo.core.fourier;

import org.junit.jupiter.api.Test;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.testutil.Maps;

import static org.junit.jupiter.api.Assertions.*;

class FourierResizeTest {

    @Test void croppingASmoothMapKeepsMeanAndShape() {
        // σ = 3 px at 32³ (centre 16) is σ = 1.5 px at 16³ (centre 8): same object, pixels twice as big.
        RealGrid g = Maps.gaussian(32, 32, 32, 16, 16, 16, 3.0, 2.0);
        RealGrid small = FourierResize.resize(g, 16, 16, 16);
        assertEquals(g.mean(), small.mean(), 1e-6 * Math.abs(g.mean()));
        RealGrid expected = Maps.gaussian(16, 16, 16, 8, 8, 8, 1.5, 2.0);
        assertTrue(Maps.maxAbsDiff(expected.data, small.data) < 2e-3 * 2.0, "diff " + Maps.maxAbsDiff(expected.data, small.data));
    }

    @Test void paddingASmoothMapKeepsMeanAndShape() {
        RealGrid g = Maps.gaussian(20, 16, 12, 10, 8, 6, 1.5, 1.0); // tails < 1e-3 at the box edge
        RealGrid big = FourierResize.resize(g, 40, 32, 24);
        assertEquals(g.mean(), big.mean(), 1e-6 * g.mean());
        RealGrid expected = Maps.gaussian(40, 32, 24, 20, 16, 12, 3.0, 1.0);
        assertTrue(Maps.maxAbsDiff(expected.data, big.data) < 1e-3, "diff " + Maps.maxAbsDiff(expected.data, big.data));
    }

    @Test void padThenCropIsTheIdentityForAnyMap() {
        RealGrid g = Maps.whiteNoise(12, 10, 9, 1, 4);
        FourierGrid f = Fft.forward(g);
        FourierGrid back = FourierResize.resize(FourierResize.resize(f, 25, 16, 18), 12, 10, 9);
        assertTrue(Maps.maxAbsDiff(f.data, back.data) < 1e-5 * Maps.maxAbs(f.data));
        assertTrue(Maps.maxAbsDiff(g.data, Fft.inverse(back).data) < 1e-5);
    }
}
