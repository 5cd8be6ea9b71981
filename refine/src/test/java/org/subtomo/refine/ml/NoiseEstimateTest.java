package org.subtomo.refine.ml;

import org.junit.jupiter.api.Test;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.geom.SymmetryGroup;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.refine.synth.SyntheticSubtomograms;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * σ² from sub-tomograms with a ±60° missing wedge, against the simulated noise variance: counting only
 * components where the CTF volume is non-zero recovers it; RELION's average over all components is low
 * by about the covered fraction of Fourier space (2/3 for ±60°).
 */
class NoiseEstimateTest {

    @Test
    void wedgeAwareSigma2MatchesTruthRelionIsBiasedLow() {
        // signal-free particles and a zero reference: every residual is noise
        SyntheticSubtomograms noiseOnly = new SyntheticSubtomograms(SyntheticSubtomograms.Params.small(12, 1.0, 5).withShift(0), false);
        int n = noiseOnly.params.n();
        double truth = noiseOnly.noiseSigma2();
        int[] all = noiseOnly.data.subset(0);
        for (boolean wedge : new boolean[]{true, false}) {
            MlModel m = ModelInit3D.initialise(noiseOnly.data, all, 1, RealGrid.cube(n), SymmetryGroup.C1, 1, 18, 10, 15, 1, wedge);
            double init = meanRatio(m.sigma2[0], truth, n);
            m.refs[0] = RealGrid.cube(n);
            EngineSettings3D st = new EngineSettings3D(0, 0, 0, 1, SymmetryGroup.C1, -1, Matrix3.IDENTITY, 15, 1, 15, 10, 6, 0.999,
                    wedge, false, 2, 8);
            Em3D.Expectation e = Em3D.expectation(m, noiseOnly.data, all, st, null);
            Em3D.updateNoiseAndPriors(m, e, st, false);
            double after = meanRatio(m.sigma2[0], truth, n);
            System.out.printf("sigma2 / truth (shells 2..%d), %s: initial %.3f, after one E/M step %.3f%n", n / 2 - 1,
                    wedge ? "CTF-non-zero components" : "all components (RELION)", init, after);
            if (wedge) {
                // the initial estimate ½(mean power − power of the mean) is RELION's, low by (n−1)/n
                double np = all.length;
                assertTrue(Math.abs(init - (np - 1) / np) < 0.05, "initial " + init);
                assertTrue(Math.abs(after - 1) < 0.05, "after " + after);
            } else {
                assertTrue(after < 0.8 && after > 0.55, "RELION-style estimate should be ~2/3 of the truth: " + after);
            }
        }
    }

    static double meanRatio(double[] sigma2, double truth, int n) {
        double s = 0;
        int c = 0;
        for (int sh = 2; sh <= n / 2 - 1; sh++) { s += sigma2[sh] / truth; c++; }
        return s / c;
    }
}
