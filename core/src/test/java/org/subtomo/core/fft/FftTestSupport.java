package org.subtomo.core.fft;

import java.util.Random;

/** Shared truth and metrics for FFT tests. */
final class FftTestSupport {
    private FftTestSupport() {}

    static float[] random(int n, long seed) {
        float[] x = new float[n];
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    /** Direct O(N^2) DFT in double, FFTW half layout, one grid: the independent truth. */
    static double[] directDft(float[] x, int off, int nx, int ny, int nz) {
        int hx = nx / 2 + 1;
        double[] c = new double[2 * hx * ny * nz];
        for (int kz = 0; kz < nz; kz++) for (int ky = 0; ky < ny; ky++) for (int kx = 0; kx < hx; kx++) {
            double re = 0, im = 0;
            for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int xx = 0; xx < nx; xx++) {
                double ph = -2 * Math.PI * ((double) kx * xx / nx + (double) ky * y / ny + (double) kz * z / nz);
                double v = x[off + xx + nx * (y + ny * z)];
                re += v * Math.cos(ph); im += v * Math.sin(ph);
            }
            int i = 2 * (kx + hx * (ky + ny * kz));
            c[i] = re; c[i + 1] = im;
        }
        return c;
    }

    static double maxAbs(float[] a) { double m = 0; for (float v : a) m = Math.max(m, Math.abs(v)); return m; }

    /** max |a-b| / max |a|: error relative to the spectrum's (or signal's) largest magnitude. */
    static double relMaxDiff(float[] a, float[] b) {
        if (a.length != b.length) throw new AssertionError("lengths " + a.length + " vs " + b.length);
        double d = 0;
        for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
        return d / maxAbs(a);
    }

    static int complexLen(int nx, int ny, int nz, int batch) { return 2 * (nx / 2 + 1) * ny * nz * batch; }
}
