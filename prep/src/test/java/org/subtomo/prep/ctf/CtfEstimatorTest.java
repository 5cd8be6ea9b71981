package org.subtomo.prep.ctf;

import org.junit.jupiter.api.Test;
import org.subtomo.core.ctf.CtfParams;
import org.subtomo.core.grid.RealGrid;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class CtfEstimatorTest {
    static CtfEstimator.Params params(double pixel) {
        return CtfEstimator.Params.defaults(300, 2.7, 0.07, pixel).withBox(256)
                .withResolution(40, 2.2 * pixel).withDefocusSearch(10000, 60000, 200);
    }

    @Test
    void recoversDefocusAndAstigmatism() {
        SplittableRandom rnd = new SplittableRandom(7);
        double worstRel = 0, worstAngle = 0;
        StringBuilder log = new StringBuilder();
        for (int t = 0; t < 6; t++) {
            double pixel = 2 + 3 * rnd.nextDouble();
            double df = 20000 + 30000 * rnd.nextDouble();
            double astig = t < 2 ? 0 : 300 + 200 * rnd.nextDouble();
            double ang = 180 * rnd.nextDouble();
            CtfParams truth = CtfParams.of(df + astig / 2, df - astig / 2, ang, 300, 2.7, 0.07).withBFactor(100);
            RealGrid img = CtfTestImages.image(astig > 0 ? 1536 : 1024, pixel, truth, 1.0, 100 + t);
            long t0 = System.nanoTime();
            CtfFit fit = new CtfEstimator(params(pixel)).estimate(img);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            double errU = Math.abs(fit.defocusU() - truth.defocusU()), errV = Math.abs(fit.defocusV() - truth.defocusV());
            double tol = Math.max(150, 0.01 * df);
            log.append(String.format(Locale.ROOT, "px %.2f df %.0f astig %.0f ang %.1f -> U %.0f (%+.0f) V %.0f (%+.0f) ang %.1f fom %.3f res %.1f %d ms%n",
                    pixel, df, astig, ang, fit.defocusU(), fit.defocusU() - truth.defocusU(), fit.defocusV(), fit.defocusV() - truth.defocusV(),
                    fit.defocusAngle(), fit.figureOfMerit(), fit.maxResolution(), ms));
            worstRel = Math.max(worstRel, Math.max(errU, errV) / df);
            assertTrue(errU <= tol && errV <= tol, log.toString());
            if (astig >= 300) {
                worstAngle = Math.max(worstAngle, CtfTestImages.angleDiff(fit.defocusAngle(), ang));
                assertTrue(CtfTestImages.angleDiff(fit.defocusAngle(), ang) <= 5, log.toString());
            }
            assertTrue(fit.fitted(), log.toString());
        }
        System.out.print(log);
        System.out.printf(Locale.ROOT, "worst defocus error %.2f%%, worst angle error %.1f°%n", 100 * worstRel, worstAngle);
    }
}
