package org.subtomo.core.fourier;

import org.junit.jupiter.api.Test;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.testutil.Maps;

import static org.junit.jupiter.api.Assertions.*;

class FourierShiftTest {

    @Test void integerShiftIsACircularRoll() {
        for (int[] s : new int[][]{{12, 9, 8}, {16, 16, 1}, {7, 10, 5}}) {
            RealGrid g = Maps.whiteNoise(s[0], s[1], s[2], 1, 11);
            FourierGrid f = Fft.forward(g);
            FourierShift.shift(f, 3, -2, 5);
            RealGrid rolled = RealCentring.roll(g, 3, -2, 5);
            assertTrue(Maps.maxAbsDiff(rolled.data, Fft.inverse(f).data) < 1e-4, java.util.Arrays.toString(s));
        }
    }

    @Test void twoHalfPixelShiftsMakeOnePixel() {
        RealGrid g = Maps.whiteNoise(10, 12, 6, 1, 5);
        FourierGrid twice = Fft.forward(g), once = twice.copy();
        FourierShift.shift(twice, 0.5, 0.5, -0.5);
        FourierShift.shift(twice, 0.5, 0.5, -0.5);
        FourierShift.shift(once, 1, 1, -1);
        double scale = Maps.maxAbs(once.data);
        assertTrue(Maps.maxAbsDiff(once.data, twice.data) < 1e-5 * scale);
    }

    @Test void fractionalShiftMovesABandLimitedGaussian() {
        int n = 32;
        RealGrid g = Maps.gaussian(n, n, n, 16, 16, 16, 2.0, 1);
        FourierGrid f = Fft.forward(g);
        FourierShift.shift(f, 0.3, -1.7, 2.25);
        RealGrid expected = Maps.gaussian(n, n, n, 16.3, 14.3, 18.25, 2.0, 1);
        assertTrue(Maps.maxAbsDiff(expected.data, Fft.inverse(f).data) < 1e-4);
    }

    @Test void originToCentreIsAShiftByHalfABox() {
        for (int[] s : new int[][]{{8, 6, 4}, {7, 9, 5}, {10, 10, 1}}) {
            RealGrid g = Maps.whiteNoise(s[0], s[1], s[2], 1, 2);
            FourierGrid f = Fft.forward(g);
            FourierShift.originToCentre(f);
            RealGrid rolled = RealCentring.roll(g, s[0] / 2, s[1] / 2, s[2] / 2);
            assertTrue(Maps.maxAbsDiff(rolled.data, Fft.inverse(f).data) < 1e-4, java.util.Arrays.toString(s));
        }
    }

    @Test void checkerboardMovesTheSpectrumByHalfABox() {
        int nx = 8, ny = 6;
        RealGrid g = Maps.whiteNoise(nx, ny, 1, 1, 9);
        FourierGrid f = Fft.forward(g);
        RealGrid cb = g.copy();
        RealCentring.checkerboard(cb);
        FourierGrid fc = Fft.forward(cb);
        for (int ky = 0; ky < ny; ky++) for (int kx = 0; kx < fc.hx; kx++) {
            double[] want = Maps.at(f, wrap(kx - nx / 2, nx), wrap(fc.freqY(ky) - ny / 2, ny), 0);
            assertEquals(want[0], fc.re(kx, ky, 0), 1e-4);
            assertEquals(want[1], fc.im(kx, ky, 0), 1e-4);
        }
    }

    /** signed frequency in the FFT range (-(n-1)/2 .. n/2) */
    private static int wrap(int f, int n) { int m = Math.floorMod(f, n); return m <= n / 2 ? m : m - n; }
}
