package org.subtomo.post.postprocess;

import org.junit.jupiter.api.Test;
import org.subtomo.core.fft.Fft;
import org.subtomo.post.SimulatedHalves;

import static org.junit.jupiter.api.Assertions.*;

class GuinierPlotTest {
    @Test void fitRecoversTheTruthBlur() {
        for (double b : new double[]{100, 300}) {
            SimulatedHalves s = new SimulatedHalves(64, 2, 20, b, 0, 5);
            GuinierPlot.Fit fit = GuinierPlot.of(Fft.forward(s.truth), 2).fit(10, 4.5);
            System.out.printf("Guinier fit on a map blurred by B = %.0f: B = %.1f (r = %.4f, %d shells)%n", b, -fit.bFactor(), fit.correlation(), fit.points());
            assertEquals(-b, fit.bFactor(), 0.05 * b, "sharpening B = minus the blur");
            assertTrue(fit.correlation() < -0.99);
        }
    }
}
