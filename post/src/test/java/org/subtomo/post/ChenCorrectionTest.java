package org.subtomo.post;

import org.junit.jupiter.api.Test;
import org.subtomo.core.fsc.FscCurve;

import static org.junit.jupiter.api.Assertions.*;

class ChenCorrectionTest {
    static FscCurve curve(double... v) { return new FscCurve(v, new long[v.length], 16, 2); }

    @Test void formulaBeyondTheMarginAndMaskedBelowIt() {
        FscCurve t = curve(1, 0.99, 0.95, 0.9, 0.8, 0.6, 0.5, 0.3, 0.1);
        FscCurve n = curve(1, 0.99, 0.95, 0.5, 0.4, 0.2, 0.2, 0.4, -0.1);
        FscCurve c = ChenCorrection.correct(t, n, 3);
        // shells < 3 + 2 keep FSC_t
        for (int s = 0; s < 5; s++) assertEquals(t.fsc()[s], c.fsc()[s], 0, "shell " + s);
        assertEquals((0.6 - 0.2) / 0.8, c.fsc()[5], 1e-12);
        assertEquals((0.5 - 0.2) / 0.8, c.fsc()[6], 1e-12);
        assertEquals((0.3 - 0.4) / 0.6, c.fsc()[7], 1e-12, "FSC_n > FSC_t: negative, as RELION 3.1.3 writes it");
        assertEquals((0.1 + 0.1) / 1.1, c.fsc()[8], 1e-12);
    }

    @Test void randomisationShellIsTheFirstBelowTheThreshold() {
        assertEquals(4, ChenCorrection.randomisationShell(curve(1, 0.95, 0.9, 0.81, 0.79, 0.5), 0.8));
        assertEquals(-1, ChenCorrection.randomisationShell(curve(1, 0.95, 0.9, 0.85), 0.8));
    }
}
