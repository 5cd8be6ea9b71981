package org.subtomo.post.postprocess;

import org.junit.jupiter.api.Test;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierShells;
import org.subtomo.core.fsc.FscCurve;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Figure-of-merit weighting per shell against its formula, and a DC "FSC" of -1 (two half maps with opposite means). */
class FscWeightingTest {
    @Test void weightsEachShellAndKeepsTheMean() {
        int n = 16;
        RealGrid g = new RealGrid(n, n, n);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < g.data.length; i++) g.data[i] = (float) r.nextGaussian();
        FourierGrid f = Fft.forward(g), orig = f.copy();
        double[] fsc = new double[n / 2 + 1];
        fsc[0] = -1;                       // what Fsc.compute gives at the origin when the two means differ in sign
        for (int s = 1; s < fsc.length; s++) fsc[s] = s <= 5 ? 0.9 - 0.15 * s : (s == 6 ? 0 : 0.3);
        FscWeighting.apply(f, new FscCurve(fsc, new long[fsc.length], n, 5));
        int[] shell = FourierShells.shellIndex(f);
        for (int i = 0; i < shell.length; i++) {
            int s = shell[i];
            double expected = s == 0 ? 1 : s <= 5 ? Math.sqrt(2 * fsc[s] / (1 + fsc[s])) : 0;   // zero from the first FSC ~ 0 on
            assertTrue(Float.isFinite(f.data[2 * i]), "component " + i + " (shell " + s + ") is not finite");
            assertEquals(expected * orig.data[2 * i], f.data[2 * i], 1e-4 * (1 + Math.abs(orig.data[2 * i])), "shell " + s);
            assertEquals(expected * orig.data[2 * i + 1], f.data[2 * i + 1], 1e-4 * (1 + Math.abs(orig.data[2 * i + 1])), "shell " + s);
        }
    }
}
