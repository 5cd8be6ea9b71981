package org.subtomo.refine.ml;

import org.junit.jupiter.api.Test;
import org.subtomo.refine.testdata.SyntheticViews;

class EngineExploreTest {
    @Test void explore() {
        SyntheticViews v = new SyntheticViews(48, 150, 0.1, 3, 42);
        for (int mode = 0; mode < 6; mode++) {
            ParticleData2D d = EngineClass2dTest.data(new SyntheticViews(48, 150, 0.1, 3, 42), 4.0);
            EngineSettings s = EngineClass2dTest.settings(2);
            MlModel m = ModelInit2D.initialise(d, 3, mode % 3, 0, 10, s.maskRadiusPx(), s.maskEdgePx());
            if (mode == 9) for (int c = 0; c < 3; c++) m.refs[c] = v.render(c, 0, 0, 0);
            Em2D.ParticleResults r = null;
            StringBuilder sb = new StringBuilder();
            for (int it = 0; it < 8; it++) { r = Em2D.iterate(m, d, mode < 3 ? s.withEarly(it == 0, it < 4) : s.withEarly(false, true), null); sb.append(String.format(" %.2f/%.2f/%.2f r%d p%.2f", m.pdfClass[0], m.pdfClass[1], m.pdfClass[2], m.resShell, m.avePmax)); }
            System.out.println("mode " + mode + " acc " + Class2dScoring.accuracy(r.classNumber, v.view, 3) + sb);
            System.out.println("tau2 " + java.util.Arrays.toString(m.tau2[0]));
            System.out.println("sig2 " + java.util.Arrays.toString(m.sigma2[0]));
            System.out.println("ssnr " + java.util.Arrays.toString(m.ssnr[0]));
        }
    }
}
