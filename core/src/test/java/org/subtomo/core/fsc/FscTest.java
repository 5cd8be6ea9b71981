package org.subtomo.core.fsc;

import org.junit.jupiter.api.Test;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierShells;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.testutil.Maps;

import static org.junit.jupiter.api.Assertions.*;

class FscTest {

    @Test void identicalMapsCorrelatePerfectly() {
        RealGrid g = Maps.whiteNoise(24, 24, 24, 1, 1);
        FscCurve c = Fsc.compute(g, g.copy(), 1.2);
        for (int s = 0; s < c.shells(); s++) assertEquals(1, c.fsc()[s], 1e-9, "shell " + s);
        assertFalse(c.crosses(0.143));
        assertEquals(2.4, c.resolutionAt(0.143), 1e-12); // never crosses: Nyquist
        // 2D too, and the RealGrid path equals the FourierGrid path; a sign flip gives −1
        RealGrid img = Maps.whiteNoise(30, 30, 1, 1, 2), neg = img.copy();
        for (int i = 0; i < neg.data.length; i++) neg.data[i] = -neg.data[i];
        FscCurve frc = Fsc.compute(Fft.forward(img), Fft.forward(neg), 1.0);
        for (int s = 0; s < frc.shells(); s++) assertEquals(-1, frc.fsc()[s], 1e-9);
        assertArrayEquals(frc.fsc(), Fsc.compute(img, neg, 1.0).fsc(), 0);
    }

    @Test void independentNoiseIsUncorrelatedWithVarianceOneOverShellCount() {
        FscCurve c = Fsc.compute(Maps.whiteNoise(48, 48, 48, 1, 10), Maps.whiteNoise(48, 48, 48, 3, 11), 1.0);
        int outside3Sigma = 0, n = 0;
        double chi2 = 0;
        for (int s = 2; s < c.shells(); s++) {
            double sigma = 1 / Math.sqrt(c.counts()[s]);
            if (Math.abs(c.fsc()[s]) > 3 * sigma) outside3Sigma++;
            chi2 += Math.pow(c.fsc()[s] / sigma, 2);
            n++;
        }
        // 23 shells: expect 0.06 beyond 3σ; mean of (FSC/σ)² should be 1 (chi² with 23 dof: 5–95 % ≈ 0.57–1.53)
        assertTrue(outside3Sigma <= 1, "shells beyond 3σ: " + outside3Sigma);
        assertEquals(1.0, chi2 / n, 0.6, "mean (FSC/σ)²");
    }

    @Test void signalPlusIndependentNoiseGivesSnrOverOnePlusSnr() {
        int n = 64;
        double a = 30, l = 5; // SNR(ℓ) = a·exp(−ℓ/l)
        FourierGrid signal = Fft.forward(Maps.whiteNoise(n, n, n, 1, 20));
        int[] shell = FourierShells.shellIndex(signal);
        for (int c = 0; c < shell.length; c++) {
            float g = (float) Math.sqrt(a * Math.exp(-shell[c] / l)); // amplitude gain: power × SNR
            signal.data[2 * c] *= g; signal.data[2 * c + 1] *= g;
        }
        FourierGrid h1 = Fft.forward(Maps.whiteNoise(n, n, n, 1, 21)), h2 = Fft.forward(Maps.whiteNoise(n, n, n, 1, 22));
        for (int i = 0; i < h1.data.length; i++) { h1.data[i] += signal.data[i]; h2.data[i] += signal.data[i]; }
        FscCurve c = Fsc.compute(h1, h2, 1.5);
        for (int s = 2; s < c.shells(); s++) {
            double snr = a * Math.exp(-s / l), rho = snr / (1 + snr);
            double sigma = (1 - rho * rho) / Math.sqrt(c.counts()[s]); // large-sample std of a correlation
            assertEquals(rho, c.fsc()[s], 4 * sigma + 1e-3, "shell " + s);
        }
        // crossings: SNR = 1 at ℓ = l·ln a (0.5), SNR = 0.143/0.857 at ℓ = l·ln(a·0.857/0.143)
        double l05 = l * Math.log(a), l0143 = l * Math.log(a * (1 - 0.143) / 0.143);
        assertEquals(n * 1.5 / l05, c.resolution05(), n * 1.5 / l05 * 0.5 / l05);        // within half a shell
        assertEquals(n * 1.5 / l0143, c.resolution0143(), n * 1.5 / l0143 * 0.5 / l0143);
    }

    @Test void thresholdCrossingIsInterpolatedLinearlyInFrequency() {
        FscCurve c = new FscCurve(new double[]{1, 0.9, 0.6, 0.4, 0.1, 0.05}, new long[6], 100, 2.0);
        // 0.5 lies half way between shell 2 (0.6) and 3 (0.4): frequency 2.5/(N·p)
        assertEquals(200 / 2.5, c.resolutionAt(0.5), 1e-9);
        // 0.143: between 0.4 (shell 3) and 0.1 (shell 4) at t = 0.257/0.3
        assertEquals(200 / (3 + 0.257 / 0.3), c.resolutionAt(0.143), 1e-9);
        assertEquals(200 / 3.0, c.lastShellResolution(0.143), 1e-9);
        assertEquals(4, c.firstShellBelow(0.143));
        assertEquals(-1, c.firstShellBelow(0.01));
        assertEquals(40, c.resolution(5), 1e-12);
    }
}
