package org.subtomo.post;

import org.junit.jupiter.api.Test;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierShells;
import org.subtomo.core.fsc.Fsc;
import org.subtomo.core.fsc.FscCurve;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.testutil.Maps;

import static org.junit.jupiter.api.Assertions.*;

class PhaseRandomisationTest {
    final RealGrid map = Maps.whiteNoise(32, 32, 32, 1, 7);

    @Test void keepsAmplitudesAndLowShellsAndDecorrelatesBeyond() {
        int shell = 6;
        RealGrid r = PhaseRandomisation.beyond(map, shell, 42);
        FourierGrid a = Fft.forward(map), b = Fft.forward(r);
        int[] shells = FourierShells.shellIndex(a);
        double worstAmp = 0, worstBelow = 0;
        for (int c = 0; c < a.complexSize(); c++) {
            double ampA = Math.hypot(a.data[2 * c], a.data[2 * c + 1]), ampB = Math.hypot(b.data[2 * c], b.data[2 * c + 1]);
            worstAmp = Math.max(worstAmp, Math.abs(ampA - ampB) / (ampA + 1e-3));
            double r2 = radius2(a, c);
            if (r2 < shell * shell)
                worstBelow = Math.max(worstBelow, Math.hypot(a.data[2 * c] - b.data[2 * c], a.data[2 * c + 1] - b.data[2 * c + 1]));
        }
        assertTrue(worstAmp < 1e-3, "amplitudes kept (the randomised map is real, so its transform is Hermitian): " + worstAmp);
        assertTrue(worstBelow < 1e-2, "shells below " + shell + " untouched: " + worstBelow);
        FscCurve fsc = Fsc.compute(map, r, 1);
        for (int s = 1; s < shell - 1; s++) assertEquals(1, fsc.fsc()[s], 1e-4, "shell " + s);
        double mean = 0;
        for (int s = shell + 1; s <= 16; s++) { mean += fsc.fsc()[s]; assertTrue(Math.abs(fsc.fsc()[s]) < 0.25, "shell " + s + ": " + fsc.fsc()[s]); }
        assertEquals(0, mean / (16 - shell), 0.05, "mean FSC beyond the randomised shell");
        assertNotNull(shells);
    }

    @Test void seedGivesTheSameMapAndAnotherSeedAnother() {
        RealGrid a = PhaseRandomisation.beyond(map, 4, 1), b = PhaseRandomisation.beyond(map, 4, 1), c = PhaseRandomisation.beyond(map, 4, 2);
        assertArrayEquals(a.data, b.data);
        assertTrue(Maps.maxAbsDiff(a.data, c.data) > 0.1);
    }

    private static double radius2(FourierGrid f, int c) {
        int kx = c % f.hx, ky = (c / f.hx) % f.ny, kz = c / (f.hx * f.ny);
        return FourierShells.radius2(f, kx, f.freqY(ky), f.freqZ(kz));
    }
}
