package org.subtomo.core.fourier;

import org.subtomo.core.grid.FourierGrid;

/**
 * Resolution shells of a Fourier half grid.
 *
 * <p>Shell ℓ holds the voxels with {@code round(|k|) == ℓ}, |k| in cycles per box (RELION's
 * definition, reference §"Shell ℓ = round(|k|)"). For a cubic box that is the plain integer radius.
 * For a non-cubic box (e.g. a 64x48 image) frequencies along each axis are first rescaled to the
 * <em>largest</em> dimension {@code N = max(nx, ny, nz)}: |k| = N·sqrt((fx/nx)² + (fy/ny)² + (fz/nz)²),
 * so that shell ℓ always means the same spatial frequency ℓ/(N·p) Å⁻¹ in every direction. (RELION
 * uses raw integer indices for non-square images, which mixes resolutions; we do not copy that.)
 *
 * <p>Hermitian weight: the half layout stores each pair (k, −k) once for 0 &lt; kx &lt; nx/2, but the
 * planes kx = 0 (and kx = nx/2 for even nx) hold both members of their pairs. Counting the former
 * twice and the latter once makes every shell sum equal to the sum over the full Fourier grid
 * (so Parseval holds exactly and shell counts are full-sphere voxel counts).
 */
public final class FourierShells {
    private FourierShells() {}

    /** Reference size N = max(nx, ny, nz) that shells are measured in. */
    public static int referenceSize(FourierGrid f) { return referenceSize(f.nx, f.ny, f.nz); }

    public static int referenceSize(int nx, int ny, int nz) { return Math.max(nx, Math.max(ny, nz)); }

    /** Highest shell that is complete in every direction: N/2 along the largest axis (Nyquist). */
    public static int nyquistShell(FourierGrid f) { return referenceSize(f) / 2; }

    /** Number of full-grid voxels one stored column kx stands for (see class comment). */
    public static int hermitianWeight(int kx, int nx) {
        return (kx == 0 || (nx % 2 == 0 && kx == nx / 2)) ? 1 : 2;
    }

    /** |k|² in shells² of the stored voxel at column kx, signed frequencies fy, fz. */
    public static double radius2(FourierGrid f, int kx, int fy, int fz) {
        double n = referenceSize(f);
        double ax = n / f.nx, ay = n / f.ny, az = n / f.nz;
        return ax * ax * kx * kx + ay * ay * fy * fy + az * az * fz * fz;
    }

    /** Shell index of every stored complex value, in storage order (hx * ny * nz entries). */
    public static int[] shellIndex(FourierGrid f) {
        int[] out = new int[f.complexSize()];
        Axes a = Axes.of(f);
        int i = 0;
        for (int kz = 0; kz < f.nz; kz++) {
            double rz = a.z2[kz];
            for (int ky = 0; ky < f.ny; ky++) {
                double ryz = rz + a.y2[ky];
                for (int kx = 0; kx < f.hx; kx++) out[i++] = (int) Math.round(Math.sqrt(ryz + a.x2[kx]));
            }
        }
        return out;
    }

    /**
     * Resolution in Å of shell ℓ for a box of {@code boxSize} pixels of {@code pixelSize} Å: N·p/ℓ.
     * Shell 0 is the mean, resolution infinite.
     */
    public static double resolutionAngstrom(int shell, int boxSize, double pixelSize) {
        return shell == 0 ? Double.POSITIVE_INFINITY : boxSize * pixelSize / shell;
    }

    /** Continuous shell radius (cycles per box) of a resolution in Å: N·p/d. */
    public static double shellOfResolution(double resolutionAngstrom, int boxSize, double pixelSize) {
        return boxSize * pixelSize / resolutionAngstrom;
    }

    /** Full-sphere voxel count per shell 0..nyquistShell (corners beyond Nyquist dropped). */
    public static long[] shellCounts(FourierGrid f) {
        int nShells = nyquistShell(f) + 1;
        long[] n = new long[nShells];
        Axes a = Axes.of(f);
        for (int kz = 0; kz < f.nz; kz++) for (int ky = 0; ky < f.ny; ky++) {
            double ryz = a.z2[kz] + a.y2[ky];
            for (int kx = 0; kx < f.hx; kx++) {
                int s = (int) Math.round(Math.sqrt(ryz + a.x2[kx]));
                if (s < nShells) n[s] += hermitianWeight(kx, f.nx);
            }
        }
        return n;
    }

    /**
     * Mean power |F|² per shell 0..nyquistShell, averaged over the full sphere (Hermitian weights).
     * This is the radially averaged power spectrum; RELION's σ² and τ² are this divided by 2
     * (per real/imaginary component) and by the appropriate normalisation.
     */
    public static double[] powerSpectrum(FourierGrid f) {
        int nShells = nyquistShell(f) + 1;
        double[] sum = new double[nShells];
        long[] n = new long[nShells];
        Axes a = Axes.of(f);
        float[] d = f.data;
        int i = 0;
        for (int kz = 0; kz < f.nz; kz++) for (int ky = 0; ky < f.ny; ky++) {
            double ryz = a.z2[kz] + a.y2[ky];
            for (int kx = 0; kx < f.hx; kx++, i += 2) {
                int s = (int) Math.round(Math.sqrt(ryz + a.x2[kx]));
                if (s >= nShells) continue;
                int w = hermitianWeight(kx, f.nx);
                double re = d[i], im = d[i + 1];
                sum[s] += w * (re * re + im * im);
                n[s] += w;
            }
        }
        for (int s = 0; s < nShells; s++) sum[s] = n[s] > 0 ? sum[s] / n[s] : 0;
        return sum;
    }

    /** Mean amplitude |F| per shell 0..nyquistShell (e.g. for a Guinier plot). */
    public static double[] radialAmplitude(FourierGrid f) {
        int nShells = nyquistShell(f) + 1;
        double[] sum = new double[nShells];
        long[] n = new long[nShells];
        Axes a = Axes.of(f);
        float[] d = f.data;
        int i = 0;
        for (int kz = 0; kz < f.nz; kz++) for (int ky = 0; ky < f.ny; ky++) {
            double ryz = a.z2[kz] + a.y2[ky];
            for (int kx = 0; kx < f.hx; kx++, i += 2) {
                int s = (int) Math.round(Math.sqrt(ryz + a.x2[kx]));
                if (s >= nShells) continue;
                int w = hermitianWeight(kx, f.nx);
                sum[s] += w * Math.hypot(d[i], d[i + 1]);
                n[s] += w;
            }
        }
        for (int s = 0; s < nShells; s++) sum[s] = n[s] > 0 ? sum[s] / n[s] : 0;
        return sum;
    }

    /**
     * Per-axis squared radius contributions in shells², indexed by storage row/column, so that
     * hot loops compute |k|² with two additions and no per-voxel division.
     */
    record Axes(double[] x2, double[] y2, double[] z2) {
        static Axes of(FourierGrid f) {
            double n = referenceSize(f);
            double[] x2 = new double[f.hx], y2 = new double[f.ny], z2 = new double[f.nz];
            for (int kx = 0; kx < f.hx; kx++) { double v = kx * n / f.nx; x2[kx] = v * v; }
            for (int ky = 0; ky < f.ny; ky++) { double v = f.freqY(ky) * n / f.ny; y2[ky] = v * v; }
            for (int kz = 0; kz < f.nz; kz++) { double v = f.freqZ(kz) * n / f.nz; z2[kz] = v * v; }
            return new Axes(x2, y2, z2);
        }
    }
}
