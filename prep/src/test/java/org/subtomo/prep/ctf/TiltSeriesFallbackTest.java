package org.subtomo.prep.ctf;

import org.junit.jupiter.api.Test;
import org.subtomo.core.ctf.CtfParams;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The tilt series' error estimates and lower-tilt fallback on fits with known values. */
class TiltSeriesFallbackTest {
    /** A fitted (or not) isotropic fit at this defocus with these half-image estimates. */
    static CtfFit fit(double df, boolean fitted, double halfA, double halfB) {
        return new CtfFit(df, df, 0, 0, 0.1, fitted ? 10 : Double.POSITIVE_INFINITY, false, halfA, halfB, Double.NaN, null, null,
                CtfParams.of(df, df, 0, 300, 2.7, 0.07));
    }

    @Test
    void errorsArePooledOverNeighboursInTilt() {
        double[] tilts = {-20, -10, 0, 10, 20, 40};
        List<CtfFit> fits = new ArrayList<>();
        for (int i = 0; i < tilts.length; i++) fits.add(fit(30000, true, 30000 - 100, 30000 + 100));   // |A − B| = 200 -> variance 200²/4
        fits.set(5, fit(30000, true, 28000, 32000));
        List<CtfFit> out = TiltSeriesCtf.withDefocusErrors(fits, tilts);
        // the five tilts nearest 0° all have |A − B| = 200: error = √(100² / median(χ²₁))
        assertEquals(100 / Math.sqrt(0.4549), out.get(2).defocusError(), 1e-6);
        // 40° pools with 20°, 10°, −20°, −10° (the last five in |tilt|): the median is still 200
        assertEquals(100 / Math.sqrt(0.4549), out.get(5).defocusError(), 1e-6);
        // without halves: unknown
        assertTrue(Double.isNaN(TiltSeriesCtf.withDefocusErrors(List.of(fit(30000, true, Double.NaN, Double.NaN)), new double[] {0}).get(0).defocusError()));
    }

    @Test
    void imprecisePoorOrWrongTiltsTakeTheWeightedLowerTiltMean() {
        double[] tilts = {-60, -50, -40, -20, -10, 0, 10, 20, 40, 50, 60};
        double[] df = {45000, 31000, 31500, 30100, 29900, 30000, 30200, 36000, 29000, 30050, 30100};
        double[] err = {100, 80, 1000, 200, 50, 50, 50, 100, 1000, 80, 100};
        boolean[] fitted = {true, false, true, true, true, true, true, true, true, true, true};
        List<CtfFit> fits = new ArrayList<>();
        for (int i = 0; i < tilts.length; i++) fits.add(fit(df[i], fitted[i], Double.NaN, Double.NaN).withDefocusError(err[i]));
        List<String> notes = new ArrayList<>();
        List<CtfFit> out = TiltSeriesCtf.fallBackWhereImprecise(fits, tilts, 30, notes);
        // reference: |tilt| <= 30, less the 36000 outlier at 20°; weighted by 1/error²
        double[] ref = {30100, 29900, 30000, 30200}, w = {1 / 200.0 / 200, 1 / 50.0 / 50, 1 / 50.0 / 50, 1 / 50.0 / 50};
        double sw = 0, swd = 0;
        for (int k = 0; k < 4; k++) { sw += w[k]; swd += w[k] * ref[k]; }
        double mean = swd / sw, ss = 0;
        for (int k = 0; k < 4; k++) ss += w[k] * (ref[k] - mean) * (ref[k] - mean);
        double spread = Math.sqrt(ss / sw * 4 / 3);
        boolean[] expectFallBack = {true, true, true, false, false, false, false, true, true, false, false};
        // −60: 15000 Å off (a wrong ring); −50: no ring; ±40: ±1000 Å > spread; 20°: the reference outlier;
        // 50°: precise enough (80 Å < spread) and consistent; 60°: 100 Å error ≈ spread but not worse -> kept
        for (int i = 0; i < tilts.length; i++) {
            CtfFit f = out.get(i);
            assertEquals(expectFallBack[i], f.fromLowerTilts(), "tilt " + tilts[i] + " (spread " + spread + ")");
            if (expectFallBack[i]) {
                assertEquals(mean, f.defocus(), 1e-6);
                assertEquals(spread, f.defocusError(), 1e-6);
            } else {
                assertEquals(df[i], f.defocus(), 0);
            }
        }
        assertEquals(5, notes.size(), String.join("\n", notes));
        assertTrue(notes.get(0).startsWith("image 1 (-60.0°)"), notes.get(0));
        assertTrue(notes.get(1).contains("no Thon ring"), notes.get(1));
        // RELION's explicit option still replaces every tilt beyond the threshold by the plain mean
        List<CtfFit> relion = TiltSeriesCtf.useLowerTiltDefoci(fits, tilts, 30);
        assertEquals((30100 + 29900 + 30000 + 30200 + 36000) / 5.0, relion.get(9).defocus(), 1e-6);
    }

    @Test
    void fewerThanThreeReferenceFitsChangeNothing() {
        double[] tilts = {-45, 0, 45};
        List<CtfFit> fits = List.of(fit(50000, false, Double.NaN, Double.NaN).withDefocusError(1000), fit(30000, true, Double.NaN, Double.NaN)
                .withDefocusError(50), fit(20000, true, Double.NaN, Double.NaN).withDefocusError(3000));
        List<String> notes = new ArrayList<>();
        assertEquals(fits, TiltSeriesCtf.fallBackWhereImprecise(fits, tilts, 30, notes));
        assertTrue(notes.isEmpty());
    }
}
