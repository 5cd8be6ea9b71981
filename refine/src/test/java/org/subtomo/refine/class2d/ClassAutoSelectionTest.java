package org.subtomo.refine.class2d;

import org.junit.jupiter.api.Test;
import org.subtomo.core.grid.RealGrid;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The automatic 2D class choice on analytic class averages: particles kept, gold and ice rejected. */
class ClassAutoSelectionTest {
    static final int N = 48;

    /** A blurred blob of radius r (px) with an off-centre lobe, the look of a particle class. */
    static RealGrid particle(double r, double amp, long seed) {
        RealGrid g = RealGrid.image(N, N);
        Random rnd = new Random(seed);
        double lx = N / 2 + 3 * rnd.nextGaussian(), ly = N / 2 + 3 * rnd.nextGaussian();
        for (int y = 0; y < N; y++)
            for (int x = 0; x < N; x++) {
                double d2 = Math.pow(x - N / 2, 2) + Math.pow(y - N / 2, 2);
                double l2 = Math.pow(x - lx, 2) + Math.pow(y - ly, 2);
                g.set(x, y, (float) (amp * (Math.exp(-d2 / (2 * r * r)) + 0.5 * Math.exp(-l2 / 8)) + 0.02 * rnd.nextGaussian()));
            }
        return g;
    }

    /** A uniform disc (gold bead) or a ring (ice blob with a dark fringe) of radius r. */
    static RealGrid disc(double r, double amp, boolean ring) {
        RealGrid g = RealGrid.image(N, N);
        for (int y = 0; y < N; y++)
            for (int x = 0; x < N; x++) {
                double d = Math.hypot(x - N / 2, y - N / 2);
                double v = d < r ? 1 : Math.exp(-(d - r) * (d - r) / 2);
                if (ring) v = Math.exp(-(d - r) * (d - r) / 4) - 0.3 * Math.exp(-(d - r - 4) * (d - r - 4) / 4);
                g.set(x, y, (float) (amp * v));
            }
        return g;
    }

    @Test void keepsParticlesRejectsGoldAndIce() {
        RealGrid[] classes = {particle(4, 1, 1), particle(4.5, 0.8, 2), disc(9, 6, false), disc(11, 0.8, true),
                particle(4, 0.5, 3), RealGrid.image(N, N)};
        double[] dist = {0.45, 0.38, 0.05, 0.05, 0.07, 0.0};
        ClassAutoSelection.Verdict[] v = ClassAutoSelection.select(classes, dist);
        boolean[] expected = {true, true, false, false, true, true};
        for (int c = 0; c < classes.length; c++) assertEquals(expected[c], v[c].selected(), v[c].toString());
        assertTrue(v[2].contrastRatio() > 3, "gold is far denser than protein: " + v[2]);
        assertTrue(v[3].shapeCorrelation() < 0.8, "ice ring has another radial profile: " + v[3]);
    }

    @Test void thresholdsAreHonoured() {
        RealGrid[] classes = {particle(4, 1, 1), disc(9, 6, false)};
        double[] dist = {0.9, 0.1};
        assertFalse(ClassAutoSelection.select(classes, dist)[1].selected());
        // with no contrast limit and no shape requirement everything is kept
        assertTrue(ClassAutoSelection.select(classes, dist, -1, Double.POSITIVE_INFINITY)[1].selected());
    }

    @Test void refusesMismatchedInput() {
        assertThrows(IllegalArgumentException.class,
                () -> ClassAutoSelection.select(new RealGrid[]{RealGrid.image(N, N)}, new double[]{0.5, 0.5}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassAutoSelection.select(new RealGrid[]{RealGrid.image(N, N)}, new double[]{0}));
    }
}
