package org.subtomo.prep.ctf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.ctf.CtfParams;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriteOptions;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.fft.Fft;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

class CtfTiltSeriesTest {
    static final double PIXEL = 3.5;
    static final double[] TILTS = {-45, -30, 0, 30, 45};

    static CtfParams truth(int i) { return CtfParams.of(30200 + 400 * i, 29800 + 400 * i, 40, 300, 2.7, 0.07).withBFactor(100); }

    static List<RealGrid> series(int n, double snr, long seed) {
        List<RealGrid> s = new ArrayList<>();
        for (int i = 0; i < TILTS.length; i++) s.add(CtfTestImages.image(n, PIXEL, truth(i), snr, seed + i));
        return s;
    }

    static TiltSeriesCtf.Options options() {
        return TiltSeriesCtf.Options.of(CtfEstimatorTest.params(PIXEL)).withThreads(2);
    }

    @Test
    void oneFitPerTiltAndLowerTiltDefoci() {
        List<RealGrid> imgs = series(512, 1.0, 40);
        List<CtfFit> fits = TiltSeriesCtf.estimate(imgs, TILTS, options(), null);
        assertEquals(TILTS.length, fits.size());
        for (int i = 0; i < fits.size(); i++) {
            double err = fits.get(i).defocus() - (truth(i).defocusU() + truth(i).defocusV()) / 2;
            System.out.printf(Locale.ROOT, "tilt %+.0f: defocus %.0f (error %+.0f Å), fom %.3f%n", TILTS[i], fits.get(i).defocus(), err, fits.get(i).figureOfMerit());
            assertEquals(0, err, 300);
            assertFalse(fits.get(i).fromLowerTilts());
        }
        List<CtfFit> lower = TiltSeriesCtf.estimate(imgs, TILTS, options().withLowerTiltDefoci(true, 31), null);
        double mu = (fits.get(1).defocusU() + fits.get(2).defocusU() + fits.get(3).defocusU()) / 3;
        double mv = (fits.get(1).defocusV() + fits.get(2).defocusV() + fits.get(3).defocusV()) / 3;
        for (int i : new int[] {0, 4}) {
            assertTrue(lower.get(i).fromLowerTilts());
            assertEquals(mu, lower.get(i).defocusU(), 1e-6);
            assertEquals(mv, lower.get(i).defocusV(), 1e-6);
            assertEquals(fits.get(i).figureOfMerit(), lower.get(i).figureOfMerit(), 1e-12);
        }
        for (int i : new int[] {1, 2, 3}) assertEquals(fits.get(i).ctf(), lower.get(i).ctf()); // deterministic, untouched
        assertThrows(InputException.class, () -> TiltSeriesCtf.useLowerTiltDefoci(fits, TILTS, -1 + 0.5));
    }

    @Test
    void trialImagesAreAveragedPerTilt() {
        List<RealGrid> trials = new ArrayList<>();
        for (int i = 0; i < TILTS.length; i++) {
            trials.add(CtfTestImages.image(512, PIXEL, truth(i), 0.5, 100 + 2 * i));
            trials.add(CtfTestImages.image(512, PIXEL, truth(i), 0.5, 101 + 2 * i));
        }
        List<CtfFit> fits = TiltSeriesCtf.estimateFromTrials(trials, TILTS, options(), null);
        assertEquals(TILTS.length, fits.size());
        CtfEstimator est = new CtfEstimator(options().params());
        for (int i = 0; i < TILTS.length; i++) {
            // the fit of tilt i is the fit of the averaged spectrum of trial images 2i and 2i+1 (tilt-aware: ±30°, ±45° resampled)
            assertEquals(est.estimate(List.of(trials.get(2 * i), trials.get(2 * i + 1)), TILTS[i]).defocusU(), fits.get(i).defocusU(), 1e-9);
            assertEquals(truth(i).defocusU() - 200, fits.get(i).defocus(), 300);
        }
        assertEquals(2 * AmplitudeSpectrum.of(List.of(trials.get(0)), 256).tiles,
                AmplitudeSpectrum.of(List.of(trials.get(0), trials.get(1)), 256).tiles);
        InputException e = assertThrows(InputException.class, () -> TiltSeriesCtf.estimateFromTrials(trials.subList(0, 9), TILTS, options(), null));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void starFromStackReadsBack(@TempDir Path dir) throws Exception {
        List<RealGrid> imgs = series(512, 1.0, 70);
        Path stack = dir.resolve("tomo1.mrcs");
        MrcWriter.writeStack(stack, imgs, MrcWriteOptions.pixelSize(PIXEL));
        List<CtfFit> fits = TiltSeriesCtf.estimate(stack, null, TILTS, options(), null);
        Path star = dir.resolve("tomo1_ctffind.star");
        TiltSeriesCtf.writeStar(star, "tomo1.mrcs", fits, options().params());
        StarTable t = StarReader.read(star).blocks().get(0).table();
        assertEquals(TILTS.length, t.rowCount());
        for (int i = 0; i < TILTS.length; i++) {
            assertEquals((i + 1) + "@tomo1.mrcs", t.get(i, "rlnMicrographName"));
            assertEquals(fits.get(i).defocusU(), t.getDouble(i, "rlnDefocusU"), 1e-3);
            assertEquals(fits.get(i).defocusV(), t.getDouble(i, "rlnDefocusV"), 1e-3);
            assertEquals(fits.get(i).defocusAngle(), t.getDouble(i, "rlnDefocusAngle"), 1e-3);
            assertEquals(300, t.getDouble(i, "rlnVoltage"), 0);
            assertEquals(PIXEL, t.getDouble(i, "rlnDetectorPixelSize") * 1e4 / t.getDouble(i, "rlnMagnification"), 1e-9);
            assertTrue(t.getDouble(i, "rlnCtfMaxResolution") < 20);
        }
        List<Path> diag = TiltSeriesCtf.writeDiagnostics(dir, "tomo1_ctffind", fits);
        assertEquals(2 * TILTS.length, diag.size());
        for (Path d : diag) assertTrue(java.nio.file.Files.size(d) > 100, d.toString());
        InputException e = assertThrows(InputException.class, () -> TiltSeriesCtf.estimate(stack, null, new double[] {0, 1}, options(), null));
        assertTrue(e.getMessage().contains("tomo1.mrcs"), e.getMessage());
    }

    /** SUBTOMO_BENCH=1: ms per 4k × 4k image (box 512, 40–8 Å, 0.5–8 µm), single thread. */
    @Test
    @EnabledIfEnvironmentVariable(named = "SUBTOMO_BENCH", matches = ".+")
    void speed4k() {
        double pixel = 2.5;
        RealGrid img = CtfTestImages.image(4096, pixel, CtfParams.of(30000, 29700, 20, 300, 2.7, 0.07).withBFactor(100), 0.2, 9);
        CtfEstimator est = new CtfEstimator(CtfEstimator.Params.defaults(300, 2.7, 0.07, pixel));
        est.estimate(img); // warm-up
        int reps = 3;
        long t0 = System.nanoTime();
        CtfFit f = null;
        for (int r = 0; r < reps; r++) f = est.estimate(img);
        double ms = (System.nanoTime() - t0) / 1e6 / reps;
        long t1 = System.nanoTime();
        AmplitudeSpectrum sp = AmplitudeSpectrum.of(List.of(img), 512);
        double msSpec = (System.nanoTime() - t1) / 1e6;
        System.out.printf(Locale.ROOT, "4k image (%s FFT): %.0f ms per image (spectrum %.0f ms, %d tiles); U %.0f V %.0f ang %.1f fom %.3f res %.1f%n",
                Fft.backend().getClass().getSimpleName(), ms, msSpec, sp.tiles, f.defocusU(), f.defocusV(), f.defocusAngle(), f.figureOfMerit(), f.maxResolution());
    }
}
