package org.subtomo.prep.ctf;

import org.junit.jupiter.api.Test;
import org.subtomo.core.ctf.CtfParams;
import org.subtomo.core.grid.RealGrid;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The defocus gradient across a tilted image (CTFFIND's tilted-specimen problem): a 60° image of
 * 1024² px at 2 Å/px whose defocus runs ±1770 Å from the tilt axis to the edges. Plain tile averaging
 * smears the rings beyond about 10 Å; resampling each tile to the centre's defocus
 * ({@link CtfEstimator#estimate(List, double)}) restores them. With the tilt sense reversed the
 * resampling doubles the smear instead, which pins the sign to TiltGeometry's. Measured: plain fit
 * +821 Å off, fitted to 9.5 Å, FOM 0.041; with the gradient −3 Å, 4.3 Å, FOM 0.411; reversed (the
 * better of plain and wrongly resampled, both without rings at high resolution) +61 Å, 11.4 Å, FOM 0.051.
 */
class CtfTiltGradientTest {
    @Test
    void tiltedImageFitsToHigherResolutionWithTheGradient() {
        double pixel = 2, tilt = 60;
        CtfParams truth = CtfParams.of(30150, 29850, 30, 300, 2.7, 0.07).withBFactor(50);
        RealGrid img = CtfTestImages.tiltedImage(1024, pixel, truth, tilt, 1.0, 8, 21);
        CtfEstimator est = new CtfEstimator(CtfEstimator.Params.defaults(300, 2.7, 0.07, pixel).withBox(256)
                .withResolution(40, 5).withDefocusSearch(10000, 60000, 100));
        CtfFit plain = est.estimate(img);
        CtfFit corrected = est.estimate(List.of(img), tilt);
        CtfFit reversed = est.estimate(List.of(img), -tilt);
        String log = String.format(Locale.ROOT, "plain: error %+.0f Å, fitted to %.1f Å, fom %.3f; with the gradient: error %+.0f Å, fitted to %.1f Å,"
                        + " fom %.3f; tilt sense reversed: error %+.0f Å, fitted to %.1f Å, fom %.3f",
                plain.defocus() - 30000, plain.maxResolution(), plain.figureOfMerit(), corrected.defocus() - 30000, corrected.maxResolution(),
                corrected.figureOfMerit(), reversed.defocus() - 30000, reversed.maxResolution(), reversed.figureOfMerit());
        System.out.println(log);
        assertEquals(30000, corrected.defocus(), 100, log);
        assertTrue(corrected.maxResolution() < 6.5, log);
        assertTrue(corrected.maxResolution() < plain.maxResolution() - 1, log);
        assertTrue(corrected.figureOfMerit() > plain.figureOfMerit() + 0.05, log);
        assertTrue(reversed.figureOfMerit() < corrected.figureOfMerit() - 0.2 && reversed.maxResolution() > corrected.maxResolution() + 1, log);
        // an untilted image is fitted once, as before
        RealGrid flat = CtfTestImages.image(512, pixel, truth, 1.0, 22);
        assertEquals(est.estimate(flat).defocusU(), est.estimate(List.of(flat), 0).defocusU(), 0);
    }
}
