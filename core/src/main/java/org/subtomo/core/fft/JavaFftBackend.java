package org.subtomo.core.fft;

/**
 * Pure-Java fallback, used when FFTW3 is not installed. Built from JTransforms' 1D transforms ({@link Line1D}):
 * a real FFT along each X row (half the work of a complex one, and straight into FFTW's half
 * layout), then complex FFTs along Y and Z over only the nx/2+1 stored columns. Roughly half the
 * arithmetic of the old route (full complex 3D transform, then dropping half).
 *
 * <p>Strided columns (Y, Z) are gathered a block of {@link #BLOCK} adjacent columns at a time, so
 * each cache line fetched from the grid is used fully. Only 1D transforms of box-edge length are
 * used, so JTransforms never starts its own threads: one plan = one thread, callers parallelise.
 */
public final class JavaFftBackend implements FftBackend {
    @Override public String name() { return "jtransforms"; }

    @Override public String describe() { return "pure Java (JTransforms 1D, real X + complex Y/Z)"; }

    @Override public FftPlan plan(int nx, int ny, int nz, int batch) { return new Plan(nx, ny, nz, batch); }

    /** Adjacent complex columns gathered together: 8 x 8 bytes = one 64-byte cache line. */
    static final int BLOCK = 8;

    private static final class Plan implements FftPlan {
        private final int nx, ny, nz, batch, hx;
        private final Line1D fx, fy, fz;
        private final float[] row, work, cols;

        Plan(int nx, int ny, int nz, int batch) {
            if (nx < 1 || ny < 1 || nz < 1 || batch < 1) throw new IllegalArgumentException("bad FFT size " + nx + "x" + ny + "x" + nz + " batch " + batch);
            this.nx = nx; this.ny = ny; this.nz = nz; this.batch = batch; this.hx = nx / 2 + 1;
            fx = nx > 1 ? new Line1D(nx) : null;
            fy = ny > 1 ? new Line1D(ny) : null;
            fz = nz > 1 ? new Line1D(nz) : null;
            row = new float[Math.max(nx, 2)];
            work = new float[2 * hx * ny * nz];          // inverse only: the input must stay untouched
            cols = new float[BLOCK * 2 * Math.max(ny, nz)];
        }

        @Override public int nx() { return nx; }
        @Override public int ny() { return ny; }
        @Override public int nz() { return nz; }
        @Override public int batch() { return batch; }

        @Override public void forward(float[] real, float[] complex) {
            int n = nx * ny * nz, m = 2 * hx * ny * nz, rows = ny * nz;
            check(real, complex, n, m);
            for (int b = 0; b < batch; b++) {
                int ro = b * n, co = b * m;
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(real, ro + r * nx, row, 0, nx);
                    if (fx != null) fx.realForward(row);
                    unpack(row, complex, co + 2 * hx * r);
                }
                if (fy != null) for (int z = 0; z < nz; z++) columns(complex, co + 2 * hx * ny * z, hx, ny, hx, fy, false);
                if (fz != null) columns(complex, co, hx * ny, nz, hx * ny, fz, false);
            }
        }

        @Override public void inverse(float[] complex, float[] real) {
            int n = nx * ny * nz, m = 2 * hx * ny * nz, rows = ny * nz;
            check(real, complex, n, m);
            for (int b = 0; b < batch; b++) {
                int ro = b * n, co = b * m;
                System.arraycopy(complex, co, work, 0, m);
                if (fz != null) columns(work, 0, hx * ny, nz, hx * ny, fz, true);
                if (fy != null) for (int z = 0; z < nz; z++) columns(work, 2 * hx * ny * z, hx, ny, hx, fy, true);
                for (int r = 0; r < rows; r++) {
                    pack(work, 2 * hx * r, row);
                    if (fx != null) fx.realInverse(row);
                    System.arraycopy(row, 0, real, ro + r * nx, nx);
                }
            }
        }

        /**
         * JTransforms' packed real layout → FFTW half row. Packed: a[2k], a[2k+1] = Re, Im of bin k,
         * except a[1] holds Re[n/2] (n even) or Im[(n-1)/2] (n odd, whose Re sits in a[n-1]).
         */
        private void unpack(float[] a, float[] c, int off) {
            c[off] = a[0]; c[off + 1] = 0f;
            if (nx == 1) return;
            int last = (nx - 1) / 2;                   // last bin with both Re and Im in place (exclusive for odd)
            if ((nx & 1) == 0) {
                for (int k = 1; k < nx / 2; k++) { c[off + 2 * k] = a[2 * k]; c[off + 2 * k + 1] = a[2 * k + 1]; }
                c[off + nx] = a[1]; c[off + nx + 1] = 0f;
            } else {
                for (int k = 1; k < last; k++) { c[off + 2 * k] = a[2 * k]; c[off + 2 * k + 1] = a[2 * k + 1]; }
                c[off + 2 * last] = a[nx - 1]; c[off + 2 * last + 1] = a[1];
            }
        }

        /** Inverse of {@link #unpack}; the imaginary parts of bins 0 and n/2 are dropped, as FFTW's c2r does. */
        private void pack(float[] c, int off, float[] a) {
            a[0] = c[off];
            if (nx == 1) return;
            int last = (nx - 1) / 2;
            if ((nx & 1) == 0) {
                for (int k = 1; k < nx / 2; k++) { a[2 * k] = c[off + 2 * k]; a[2 * k + 1] = c[off + 2 * k + 1]; }
                a[1] = c[off + nx];
            } else {
                for (int k = 1; k < last; k++) { a[2 * k] = c[off + 2 * k]; a[2 * k + 1] = c[off + 2 * k + 1]; }
                a[nx - 1] = c[off + 2 * last]; a[1] = c[off + 2 * last + 1];
            }
        }

        /**
         * Complex 1D transforms of length {@code len} on {@code count} adjacent columns: column c's
         * element j is the complex number at float index base + 2*(c + j*stride). Inverse scales by 1/len.
         */
        private void columns(float[] a, int base, int count, int len, int stride, Line1D f, boolean inverse) {
            float[] t = cols;
            for (int c0 = 0; c0 < count; c0 += BLOCK) {
                int w = Math.min(BLOCK, count - c0), seg = 2 * len;
                for (int j = 0; j < len; j++) {        // gather: contiguous reads of 2w floats per j
                    int src = base + 2 * (c0 + j * stride);
                    for (int c = 0; c < w; c++) { t[c * seg + 2 * j] = a[src + 2 * c]; t[c * seg + 2 * j + 1] = a[src + 2 * c + 1]; }
                }
                for (int c = 0; c < w; c++) {
                    f.complex(t, c * seg, inverse);
                }
                for (int j = 0; j < len; j++) {        // scatter back
                    int dst = base + 2 * (c0 + j * stride);
                    for (int c = 0; c < w; c++) { a[dst + 2 * c] = t[c * seg + 2 * j]; a[dst + 2 * c + 1] = t[c * seg + 2 * j + 1]; }
                }
            }
        }

        private void check(float[] real, float[] complex, int n, int m) {
            if (real.length < (long) n * batch || complex.length < (long) m * batch)
                throw new IllegalArgumentException("FFT " + nx + "x" + ny + "x" + nz + " batch " + batch + " needs "
                        + (long) n * batch + " real and " + (long) m * batch + " complex floats, got " + real.length + " and " + complex.length);
        }
    }
}
