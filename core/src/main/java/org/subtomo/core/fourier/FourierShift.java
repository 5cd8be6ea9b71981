package org.subtomo.core.fourier;

import org.subtomo.core.grid.FourierGrid;

/**
 * Translations as Fourier phase ramps. Shifting a map by d (pixels, the content moves towards +d:
 * g(r) = f(r − d)) multiplies its transform by exp(−2πi·(kx·dx/nx + ky·dy/ny + kz·dz/nz)). Integer
 * shifts are circular rolls; fractional shifts are exact band-limited (sinc) interpolation.
 *
 * <p>At the Nyquist planes of even sizes a fractional shift yields a complex value that a real map
 * cannot hold; it is kept as is here (so that two half-pixel shifts compose exactly to one pixel in
 * Fourier space) and its imaginary part is dropped by the inverse r2c transform.
 */
public final class FourierShift {
    private FourierShift() {}

    /** In place: moves the content of the map by (dx, dy, dz) pixels. */
    public static void shift(FourierGrid f, double dx, double dy, double dz) {
        // Separable phase: e^{-2πi(a+b+c)} = e^{-2πia}·e^{-2πib}·e^{-2πic}, one small table per axis.
        double[] px = phaseTable(f.hx, f.nx, dx, false, f);
        double[] py = phaseTable(f.ny, f.ny, dy, true, f);
        double[] pz = phaseTable(f.nz, f.nz, dz, true, f);
        float[] d = f.data;
        int i = 0;
        for (int kz = 0; kz < f.nz; kz++) {
            double zr = pz[2 * kz], zi = pz[2 * kz + 1];
            for (int ky = 0; ky < f.ny; ky++) {
                double yr = py[2 * ky], yi = py[2 * ky + 1];
                double yzr = yr * zr - yi * zi, yzi = yr * zi + yi * zr;
                for (int kx = 0; kx < f.hx; kx++, i += 2) {
                    double xr = px[2 * kx], xi = px[2 * kx + 1];
                    double cr = xr * yzr - xi * yzi, ci = xr * yzi + xi * yzr;
                    double re = d[i], im = d[i + 1];
                    d[i] = (float) (re * cr - im * ci);
                    d[i + 1] = (float) (re * ci + im * cr);
                }
            }
        }
    }

    /** (cos, sin) of −2π·freq·shift/n for each stored row; wrapped axes use signed frequencies. */
    private static double[] phaseTable(int rows, int n, double s, boolean wrapped, FourierGrid f) {
        double[] t = new double[2 * rows];
        for (int k = 0; k < rows; k++) {
            int freq = wrapped ? (k <= n / 2 ? k : k - n) : k;
            // reduce freq·s modulo n first: keeps the angle small and exact for integer shifts
            double turns = (freq * s / n) % 1.0;
            double a = -2 * Math.PI * turns;
            t[2 * k] = Math.cos(a);
            t[2 * k + 1] = Math.sin(a);
        }
        return t;
    }

    /**
     * In place: moves the origin from voxel 0 to the box centre n/2 (and back — it is its own inverse
     * for even sizes), i.e. a shift by (nx/2, ny/2, nz/2). For even sizes this is the sign flip
     * (−1)^(kx+ky+kz), done without trigonometry; odd sizes use the general phase ramp.
     */
    public static void originToCentre(FourierGrid f) {
        if (f.nx % 2 != 0 || f.ny % 2 != 0 || f.nz % 2 != 0 && f.nz != 1) {
            shift(f, f.nx / 2, f.ny / 2, f.nz / 2);
            return;
        }
        float[] d = f.data;
        int i = 0;
        for (int kz = 0; kz < f.nz; kz++) for (int ky = 0; ky < f.ny; ky++) {
            // signed and stored indices have the same parity for even sizes
            int start = (ky + kz) & 1;
            for (int kx = 0; kx < f.hx; kx++, i += 2) {
                if (((kx + start) & 1) != 0) { d[i] = -d[i]; d[i + 1] = -d[i + 1]; }
            }
        }
    }
}
