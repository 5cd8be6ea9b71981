package org.subtomo.core.fft;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fallback backend against a direct DFT (independent truth) and its own inverse. */
class JavaFftBackendTest {
    @Test void forwardMatchesDirectDftAndInverseRoundTrips() {
        int nx = 6, ny = 5, nz = 4, hx = nx / 2 + 1;
        float[] x = new float[nx * ny * nz];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        FftPlan p = new JavaFftBackend().plan(nx, ny, nz, 1);
        float[] c = new float[2 * hx * ny * nz];
        p.forward(x, c);
        for (int kz = 0; kz < nz; kz++) for (int ky = 0; ky < ny; ky++) for (int kx = 0; kx < hx; kx++) {
            double re = 0, im = 0;
            for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int xx = 0; xx < nx; xx++) {
                double ph = -2 * Math.PI * ((double) kx * xx / nx + (double) ky * y / ny + (double) kz * z / nz);
                double v = x[xx + nx * (y + ny * z)];
                re += v * Math.cos(ph); im += v * Math.sin(ph);
            }
            int i = 2 * (kx + hx * (ky + ny * kz));
            assertEquals(re, c[i], 1e-4); assertEquals(im, c[i + 1], 1e-4);
        }
        float[] back = new float[x.length];
        p.inverse(c, back);
        for (int i = 0; i < x.length; i++) assertEquals(x[i], back[i], 1e-5);
    }
}
