package org.subtomo.prep.ctf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.ctf.CtfParams;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

class CtfEstimatorMoreTest {
    @Test
    void findsPhaseShift() {
        double pixel = 3;
        CtfParams truth = CtfParams.of(30000, 30000, 0, 300, 2.7, 0.07).withPhaseShift(70).withBFactor(100);
        RealGrid img = CtfTestImages.image(1024, pixel, truth, 1.0, 11);
        CtfEstimator.Params p = CtfEstimatorTest.params(pixel).withPhaseShift(true, 0, 180, 10);
        CtfFit fit = new CtfEstimator(p).estimate(img);
        String msg = String.format(Locale.ROOT, "U %.0f V %.0f phase %.1f fom %.3f", fit.defocusU(), fit.defocusV(), fit.phaseShift(), fit.figureOfMerit());
        System.out.println("phase-shift case: " + msg);
        assertEquals(70, fit.phaseShift(), 10, msg);
        assertEquals(30000, fit.defocus(), 300, msg);
    }

    @Test
    void pureNoiseScoresLowAndFitsNothing() {
        double pixel = 3;
        CtfFit fit = new CtfEstimator(CtfEstimatorTest.params(pixel)).estimate(CtfTestImages.noise(1024, 5));
        CtfFit good = new CtfEstimator(CtfEstimatorTest.params(pixel))
                .estimate(CtfTestImages.image(1024, pixel, CtfParams.of(25000, 25000, 0, 300, 2.7, 0.07).withBFactor(100), 1.0, 3));
        System.out.printf(Locale.ROOT, "noise: fom %.3f res %.1f; signal: fom %.3f res %.1f%n",
                fit.figureOfMerit(), fit.maxResolution(), good.figureOfMerit(), good.maxResolution());
        assertTrue(fit.figureOfMerit() < 0.1, "noise FOM " + fit.figureOfMerit());
        assertTrue(!fit.fitted() || fit.maxResolution() > 25, "noise fit resolution " + fit.maxResolution());
        assertTrue(good.figureOfMerit() > 0.3 && good.maxResolution() < 10);
    }

    @Test
    void writesDiagnostics(@TempDir Path dir) throws Exception {
        double pixel = 3;
        CtfFit fit = new CtfEstimator(CtfEstimatorTest.params(pixel))
                .estimate(CtfTestImages.image(1024, pixel, CtfParams.of(25500, 24500, 30, 300, 2.7, 0.07).withBFactor(100), 1.0, 4));
        Path png = dir.resolve("fit.png"), svg = dir.resolve("fit.svg");
        CtfPlots.writeDiagnosticPng(fit, png);
        CtfPlots.writeProfileSvg(fit, svg);
        String keep = System.getenv("SUBTOMO_CTF_DIAG"); // a folder to keep the files in, for a look
        if (keep != null) { CtfPlots.writeDiagnosticPng(fit, Path.of(keep, "fit.png")); CtfPlots.writeProfileSvg(fit, Path.of(keep, "fit.svg")); }
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(256, img.getWidth());
        assertEquals(256, img.getHeight());
        String text = Files.readString(svg);
        assertTrue(text.startsWith("<svg") && text.contains("polyline"));
        assertEquals(fit.profile().frequency().length, 129);
    }

    @Test
    void badParametersAreOneLineInputErrors() {
        var d = CtfEstimator.Params.defaults(300, 2.7, 0.07, 4);
        assertOneLine(() -> d.withResolution(40, 6), "Nyquist");
        assertOneLine(() -> d.withResolution(8, 10), "coarser");
        assertOneLine(() -> d.withBox(100).withBox(63), "even");
        assertOneLine(() -> d.withDefocusSearch(50000, 10000, 100), "defocus range");
        assertOneLine(() -> d.withDefocusSearch(10000, 50000, 0), "defocus step");
        assertOneLine(() -> CtfEstimator.Params.defaults(0, 2.7, 0.07, 4), "voltage");
        assertOneLine(() -> CtfEstimator.Params.defaults(300, 2.7, 1.2, 4), "amplitude contrast");
        assertOneLine(() -> d.withBox(64).withResolution(200, 10), "too coarse");
        assertOneLine(() -> new CtfEstimator(d).estimate(RealGrid.image(300, 300)), "smaller than the spectrum box");
    }

    private static void assertOneLine(org.junit.jupiter.api.function.Executable e, String part) {
        InputException ex = assertThrows(InputException.class, e);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
    }
}
