package org.subtomo.core.fft;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.subtomo.core.fft.FftTestSupport.*;

/** FFTW and pure Java agree (relative to the spectrum's largest magnitude) on realistic sizes. */
class FftCrossBackendTest {
    @Test void backendsAgree() {
        FftBackend fftw = FftwBackendTest.fftw(), java = new JavaFftBackend();
        int[][] sizes = {{64, 64, 64, 1}, {65, 63, 31, 1}, {100, 90, 1, 1}, {127, 128, 1, 1}, {128, 128, 1, 16},
                {45, 45, 1, 7}, {48, 40, 36, 2}, {256, 1, 1, 3}};
        for (int[] s : sizes) {
            int nx = s[0], ny = s[1], nz = s[2], batch = s[3];
            String what = nx + "x" + ny + "x" + nz + " batch " + batch;
            float[] x = random(nx * ny * nz * batch, nx * 31L + ny);
            float[] cf = new float[complexLen(nx, ny, nz, batch)], cj = cf.clone();
            float[] rf = new float[x.length], rj = new float[x.length];
            try (FftPlan pf = fftw.plan(nx, ny, nz, batch); FftPlan pj = java.plan(nx, ny, nz, batch)) {
                pf.forward(x, cf); pj.forward(x, cj);
                double d = relMaxDiff(cf, cj);
                assertTrue(d < 1e-5, what + " forward differs by " + d);
                pf.inverse(cf, rf); pj.inverse(cf, rj);   // same input to both inverses
                d = relMaxDiff(rf, rj);
                assertTrue(d < 1e-5, what + " inverse differs by " + d);
            }
        }
    }
}
