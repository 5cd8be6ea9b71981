package org.subtomo.core.fft;

import org.jtransforms.fft.FloatFFT_1D;
import org.jtransforms.fft.FloatFFT_2D;
import org.jtransforms.fft.FloatFFT_3D;

/**
 * Pure-Java fallback (JTransforms), used when FFTW3 is not installed. Correct first: the real
 * transform goes through a full complex transform and keeps the half FFTW stores.
 */
public final class JavaFftBackend implements FftBackend {
    @Override public String name() { return "jtransforms"; }

    @Override public FftPlan plan(int nx, int ny, int nz, int batch) { return new Plan(nx, ny, nz, batch); }

    private static final class Plan implements FftPlan {
        private final int nx, ny, nz, batch, hx;
        private final FloatFFT_1D f1; private final FloatFFT_2D f2; private final FloatFFT_3D f3;
        private final float[] work;

        Plan(int nx, int ny, int nz, int batch) {
            this.nx = nx; this.ny = ny; this.nz = nz; this.batch = batch; this.hx = nx / 2 + 1;
            if (nz > 1) { f3 = new FloatFFT_3D(nz, ny, nx); f2 = null; f1 = null; }
            else if (ny > 1) { f2 = new FloatFFT_2D(ny, nx); f3 = null; f1 = null; }
            else { f1 = new FloatFFT_1D(nx); f2 = null; f3 = null; }
            work = new float[2 * nx * ny * nz];
        }

        public int nx() { return nx; } public int ny() { return ny; } public int nz() { return nz; } public int batch() { return batch; }

        private void fwd(float[] a) { if (f3 != null) f3.complexForward(a); else if (f2 != null) f2.complexForward(a); else f1.complexForward(a); }
        private void inv(float[] a) { if (f3 != null) f3.complexInverse(a, true); else if (f2 != null) f2.complexInverse(a, true); else f1.complexInverse(a, true); }

        @Override public void forward(float[] real, float[] complex) {
            int n = nx * ny * nz, rows = ny * nz;
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < n; i++) { work[2 * i] = real[b * n + i]; work[2 * i + 1] = 0f; }
                fwd(work);
                int off = b * 2 * hx * rows;
                for (int r = 0; r < rows; r++)
                    System.arraycopy(work, 2 * r * nx, complex, off + 2 * r * hx, 2 * hx);
            }
        }

        @Override public void inverse(float[] complex, float[] real) {
            int n = nx * ny * nz;
            int off0 = 0;
            for (int b = 0; b < batch; b++, off0 += 2 * hx * ny * nz) {
                // Rebuild the full spectrum from the half with Hermitian symmetry: F(-k) = conj F(k).
                for (int z = 0; z < nz; z++) {
                    int mz = (nz - z) % nz;
                    for (int y = 0; y < ny; y++) {
                        int my = (ny - y) % ny;
                        int dst = 2 * nx * (y + ny * z);
                        System.arraycopy(complex, off0 + 2 * hx * (y + ny * z), work, dst, 2 * hx);
                        for (int x = hx; x < nx; x++) {
                            int src = off0 + 2 * ((nx - x) + hx * (my + ny * mz));
                            work[dst + 2 * x] = complex[src];
                            work[dst + 2 * x + 1] = -complex[src + 1];
                        }
                    }
                }
                inv(work);
                for (int i = 0; i < n; i++) real[b * n + i] = work[2 * i];
            }
        }
    }
}
