package org.subtomo.core.fourier;

import org.junit.jupiter.api.Test;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.testutil.Maps;

import static org.junit.jupiter.api.Assertions.*;

class FourierFiltersTest {

    private static FourierGrid ones(int nx, int ny, int nz) {
        FourierGrid f = new FourierGrid(nx, ny, nz);
        for (int i = 0; i < f.data.length; i += 2) { f.data[i] = 1; f.data[i + 1] = -2; }
        return f;
    }

    @Test void relionLowPassEdgeIsCentredOnTheFilterShell() {
        // 64 px of 2 Å, 16 Å -> shell 8; width 2 shells -> cosine from shell 7 to 9, 0.5 at 8
        FourierGrid f = ones(64, 64, 64);
        FourierFilters.lowPassRelion(f, 2.0, 16.0, 2);
        assertEquals(1.0, f.re(7, 0, 0), 1e-6);
        assertEquals(0.5, f.re(8, 0, 0), 1e-6);
        assertEquals(-1.0, f.im(8, 0, 0), 1e-6);
        assertEquals(0.0, f.re(9, 0, 0), 1e-6);
        assertEquals(0.5, f.re(0, f.rowY(-8), 0), 1e-6);
        double r = Math.hypot(6, 5); // 7.81: between the edges
        assertEquals(0.5 + 0.5 * Math.cos(Math.PI * (r - 7) / 2), f.re(6, f.rowY(5), 0), 1e-6);
        assertEquals(1.0, f.re(0, 0, 0), 1e-6);
    }

    @Test void highPassWithSameEdgesIsTheComplementOfLowPass() {
        FourierGrid x = Fft.forward(Maps.whiteNoise(20, 18, 16, 1, 3));
        FourierGrid lo = x.copy(), hi = x.copy();
        FourierFilters.lowPass(lo, 3.3, 6.1);
        FourierFilters.highPass(hi, 3.3, 6.1);
        for (int i = 0; i < x.data.length; i++) assertEquals(x.data[i], lo.data[i] + hi.data[i], 1e-3);
        // and the high-pass really removes the low shells
        assertEquals(0, hi.re(0, 0, 0), 0.0);
        assertEquals(0, hi.re(3, 0, 0), 0.0);
    }

    @Test void bandPassKeepsTheBandOnly() {
        FourierGrid f = ones(64, 64, 1);
        FourierFilters.bandPassRelion(f, 1.0, 16.0, 4.0, 2); // shells 4 .. 16
        assertEquals(0, f.re(2, 0, 0), 1e-7);
        assertEquals(1, f.re(10, 0, 0), 1e-7);
        assertEquals(0, f.re(18, 0, 0), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> FourierFilters.bandPassRelion(f, 1.0, 4.0, 16.0, 2));
    }

    @Test void bFactorBroadensAGaussianByTheAnalyticAmount() {
        // FT of a Gaussian of width σ (Å) ∝ exp(−2π²σ²s²); × exp(−B s²/4) gives σ'² = σ² + B/(8π²).
        int n = 48; double p = 1.5, sigmaPx = 2.0, b = 150;
        RealGrid g = Maps.gaussian(n, n, n, n / 2, n / 2, n / 2, sigmaPx, 1);
        FourierGrid f = Fft.forward(g);
        FourierFilters.applyBFactor(f, p, b);
        RealGrid out = Fft.inverse(f);
        double s2 = sigmaPx * p * sigmaPx * p + b / (8 * Math.PI * Math.PI);
        double sigma2Px = Math.sqrt(s2) / p;
        RealGrid expected = Maps.gaussian(n, n, n, n / 2, n / 2, n / 2, sigma2Px, Math.pow(sigmaPx / sigma2Px, 3));
        assertTrue(Maps.maxAbsDiff(expected.data, out.data) < 1e-4, "diff " + Maps.maxAbsDiff(expected.data, out.data));
        // negative B undoes positive B
        FourierFilters.applyBFactor(f, p, -b);
        assertTrue(Maps.maxAbsDiff(g.data, Fft.inverse(f).data) < 1e-4);
    }
}
