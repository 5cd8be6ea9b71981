package org.subtomo.refine.ml;

import org.junit.jupiter.api.Test;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.refine.testdata.SyntheticViews;

import static org.junit.jupiter.api.Assertions.*;

/** The engine alone on synthetic views: classification accuracy, class averages, poses. */
class EngineClass2dTest {

    static ParticleData2D data(SyntheticViews v, double pixel) {
        int np = v.images.length;
        return new ParticleData2D(v.n, pixel, v.images, new int[np], new String[]{"group1"}, null, new double[np], new double[np]);
    }

    static EngineSettings settings(int threads) {
        return new EngineSettings(6, 4, 2, 2, 19, 4, true, 0, 10, 0.999, threads, 0, 16, false, false);
    }

    @Test void classifiesThreeViews() {
        SyntheticViews v = new SyntheticViews(48, 150, 0.1, 3, 42);
        ParticleData2D d = data(v, 4.0);
        EngineSettings s = settings(2);
        MlModel m = ModelInit2D.initialise(d, 3, 0, 0, 10, s.maskRadiusPx(), s.maskEdgePx());
        Em2D.ParticleResults r = null;
        long t0 = System.nanoTime();
        for (int it = 0; it < 15; it++) {
            r = Em2D.iterate(m, d, s, null);
            System.out.printf("it %d res %d r %d pdf %s sOff %.2f pmax %.3f LL %.1f%n", m.iteration, m.resShell, m.currentRadius,
                    java.util.Arrays.toString(m.pdfClass), m.sigmaOffsetPx, m.avePmax, m.logLikelihood);
        }
        System.out.printf("time %.2f s%n", (System.nanoTime() - t0) / 1e9);
        double acc = Class2dScoring.accuracy(r.classNumber, v.view, 3);
        System.out.println("accuracy " + acc);
        for (int c = 0; c < 3; c++) {
            int best = 0; double bcc = -2;
            for (int vv = 0; vv < 3; vv++) { double cc = v.bestAlignment(m.refs[c], vv)[0]; if (cc > bcc) { bcc = cc; best = vv; } }
            System.out.printf("class %d -> view %d cc %.3f%n", c + 1, best, bcc);
        }
        double noise = v.noiseSigma * v.noiseSigma / (2.0 * 48 * 48 * 48 * 48) ;
        System.out.println("sigma2 expected " + noise + " got " + java.util.Arrays.toString(m.sigma2[0]));
        assertTrue(acc >= 0.9, "accuracy " + acc);
    }
}
