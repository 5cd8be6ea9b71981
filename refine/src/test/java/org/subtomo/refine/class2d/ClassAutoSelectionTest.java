package org.subtomo.refine.class2d;

import org.junit.jupiter.api.Test;
import org.subtomo.core.grid.RealGrid;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The automatic 2D class choice on analytic class averages: particles of both sizes kept, gold and ice rejected. */
class ClassAutoSelectionTest {
    static final int N = 48;

    /** A Gaussian blob of width s (px) centred at (cx, cy) with an off-centre lobe and a little noise: a particle class. */
    static RealGrid particle(double s, double amp, double cx, double cy, long seed) {
        RealGrid g = RealGrid.image(N, N);
        Random rnd = new Random(seed);
        double lx = cx + 2 * rnd.nextGaussian(), ly = cy + 2 * rnd.nextGaussian();
        for (int y = 0; y < N; y++)
            for (int x = 0; x < N; x++) {
                double d2 = Math.pow(x - cx, 2) + Math.pow(y - cy, 2);
                double l2 = Math.pow(x - lx, 2) + Math.pow(y - ly, 2);
                g.set(x, y, (float) (amp * (Math.exp(-d2 / (2 * s * s)) + 0.5 * Math.exp(-l2 / 8)) + 0.02 * amp * rnd.nextGaussian()));
            }
        return g;
    }

    /** A uniform disc of radius r (gold bead, ice blob), optionally with a dark fringe. */
    static RealGrid disc(double r, double amp, boolean fringe) {
        RealGrid g = RealGrid.image(N, N);
        for (int y = 0; y < N; y++)
            for (int x = 0; x < N; x++) {
                double d = Math.hypot(x - N / 2, y - N / 2);
                double v = d <= r ? 1 : 0;
                if (fringe) v -= 0.3 * Math.exp(-(d - r - 2) * (d - r - 2) / 2);
                g.set(x, y, (float) (amp * v));
            }
        return g;
    }

    @Test void extentIsTheRadiusOfGyrationOfTheSquaredDensity() {
        // squared Gaussian of width s = Gaussian of variance s^2/2 per axis: radius of gyration s
        RealGrid blob = RealGrid.image(N, N);
        for (int y = 0; y < N; y++) for (int x = 0; x < N; x++)
            blob.set(x, y, (float) Math.exp(-(Math.pow(x - 24, 2) + Math.pow(y - 24, 2)) / (2 * 16.0)));
        assertEquals(4.0, ClassAutoSelection.moments(blob)[0], 0.02);
        // uniform disc of radius R: R / sqrt(2) (pixelised: within 3%)
        assertEquals(12 / Math.sqrt(2), ClassAutoSelection.moments(disc(12, 1, false))[0], 0.03 * 12 / Math.sqrt(2));
        // about the density's own centre: the same blob drawn 6 px off centre has the same extent
        RealGrid off = RealGrid.image(N, N);
        for (int y = 0; y < N; y++) for (int x = 0; x < N; x++)
            off.set(x, y, (float) Math.exp(-(Math.pow(x - 30, 2) + Math.pow(y - 21, 2)) / (2 * 16.0)));
        assertEquals(4.0, ClassAutoSelection.moments(off)[0], 0.02);
        // a constant background (unflattened class) is subtracted: no change
        RealGrid lifted = blob.copy();
        for (int q = 0; q < lifted.data.length; q++) lifted.data[q] += 0.3f;
        assertEquals(4.0, ClassAutoSelection.moments(lifted)[0], 0.05);
    }

    @Test void keepsBothSpeciesRejectsGoldAndIce() {
        RealGrid[] classes = {particle(4, 1, 24, 24, 1), particle(4.5, 0.8, 25, 23, 2), disc(9, 6, true), disc(15, 0.4, true),
                particle(3, 0.35, 24, 24, 3), particle(3.5, 0.4, 22, 26, 4), RealGrid.image(N, N)};
        double[] dist = {0.30, 0.25, 0.05, 0.05, 0.20, 0.15, 0.0};
        ClassAutoSelection.Verdict[] v = ClassAutoSelection.select(classes, dist);
        boolean[] expected = {true, true, false, false, true, true, true};
        for (int c = 0; c < classes.length; c++) assertEquals(expected[c], v[c].selected(), v[c].toString());
        assertTrue(v[2].contrastRatio() > 4 && v[2].extentRatio() < 2, "gold: dense, not large: " + v[2]);
        assertTrue(v[3].extentRatio() > 2 && v[3].contrastRatio() < 4, "ice: large, not dense: " + v[3]);
        assertTrue(v[4].contrastRatio() < 0.7, "the small species is fainter, and kept: " + v[4]);
    }

    @Test void medianIsTheParticlesEvenWithMuchJunk() {
        // 40% gold: the weighted median is still a particle class, so gold is rejected and particles kept
        RealGrid[] classes = {particle(4, 1, 24, 24, 1), disc(9, 6, true)};
        ClassAutoSelection.Verdict[] v = ClassAutoSelection.select(classes, new double[]{0.6, 0.4});
        assertTrue(v[0].selected(), v[0].toString());
        assertFalse(v[1].selected(), v[1].toString());
    }

    @Test void thresholdsAreHonoured() {
        RealGrid[] classes = {particle(4, 1, 24, 24, 1), disc(9, 6, false), disc(15, 0.8, false)};
        double[] dist = {0.8, 0.1, 0.1};
        ClassAutoSelection.Verdict[] v = ClassAutoSelection.select(classes, dist);
        assertFalse(v[1].selected());
        assertFalse(v[2].selected());
        ClassAutoSelection.Verdict[] all = ClassAutoSelection.select(classes, dist, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        for (ClassAutoSelection.Verdict a : all) assertTrue(a.selected(), "no limits: everything kept: " + a);
    }

    @Test void refusesMismatchedInput() {
        assertThrows(IllegalArgumentException.class,
                () -> ClassAutoSelection.select(new RealGrid[]{RealGrid.image(N, N)}, new double[]{0.5, 0.5}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassAutoSelection.select(new RealGrid[]{RealGrid.image(N, N)}, new double[]{0}));
    }
}
