package org.subtomo.core.ctf;

import java.nio.file.Path;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcWriteOptions;
import org.subtomo.core.io.mrc.MrcWriter;

/**
 * A sub-tomogram's 3D CTF model (RELION's {@code rlnCtfImage}): one real weight per Fourier voxel, the
 * CTF of every tilt inserted as a central slice, zero inside the missing wedge.
 *
 * <p>Held in the FFTW half layout of {@link FourierGrid} ({@code n/2+1} along X, one float per voxel), so
 * the likelihood engine multiplies it straight into a particle's transform. On disc RELION uses a cubic
 * box³ real volume whose origin sits at {@code n/2} and which is read at {@code −k}
 * ({@code MlOptimiser}: "the origin in the ctf_img lies half a pixel to the right of the actual
 * center"); it also accepts an FFTW half volume {@code (n/2+1)×n×n} used as it is. Both are read here;
 * {@link #write} writes the cube, the form RELION 3.1's own {@code relion_reconstruct --reconstruct_ctf}
 * makes. A CTF is real and Friedel-symmetric, so the cube's half that the half layout lacks is the
 * mirror image.
 */
public final class CtfVolume {
    public final int n;
    public final int hx;
    /** Weight at half-grid voxel {@code kx + hx*(ky + n*kz)}, rows in FFTW wrap order. */
    public final float[] weights;

    public CtfVolume(int n, float[] weights) {
        if (n < 2 || n % 2 != 0) throw new IllegalArgumentException("CTF volume box must be even, got " + n);
        this.n = n;
        this.hx = n / 2 + 1;
        if (weights.length != hx * n * n)
            throw new IllegalArgumentException("expected " + hx * n * n + " weights, got " + weights.length);
        this.weights = weights;
    }

    public static CtfVolume zeros(int n) { return new CtfVolume(n, new float[(n / 2 + 1) * n * n]); }

    /** All ones: the model of a perfect, CTF-free, wedge-free particle. */
    public static CtfVolume ones(int n) {
        CtfVolume v = zeros(n);
        java.util.Arrays.fill(v.weights, 1f);
        return v;
    }

    public int index(int kx, int ky, int kz) { return kx + hx * (ky + n * kz); }

    /** Weight at frequency (fx ≥ 0, fy, fz), fy and fz signed. */
    public float at(int fx, int fy, int fz) {
        return weights[index(fx, fy >= 0 ? fy : fy + n, fz >= 0 ? fz : fz + n)];
    }

    /** Multiplies every complex voxel of {@code f} (same box) by this weight, in place. */
    public void applyTo(FourierGrid f) {
        if (f.nx != n || f.ny != n || f.nz != n)
            throw new IllegalArgumentException("CTF volume " + n + "³ does not match " + f);
        float[] d = f.data;
        for (int i = 0; i < weights.length; i++) {
            d[2 * i] *= weights[i];
            d[2 * i + 1] *= weights[i];
        }
    }

    /** From RELION's cube: weight(k) = cube[n/2 − k]. */
    public static CtfVolume fromCentredCube(RealGrid cube) {
        int n = cube.nx;
        if (cube.ny != n || cube.nz != n) throw new IllegalArgumentException("CTF cube must be n³, got " + cube);
        CtfVolume v = zeros(n);
        int c = n / 2;
        for (int kz = 0; kz < n; kz++) {
            int fz = kz <= c ? kz : kz - n;
            for (int ky = 0; ky < n; ky++) {
                int fy = ky <= c ? ky : ky - n;
                int base = v.hx * (ky + n * kz);
                for (int fx = 0; fx < v.hx; fx++)
                    v.weights[base + fx] = cube.get(wrap(c - fx, n), wrap(c - fy, n), wrap(c - fz, n));
            }
        }
        return v;
    }

    /** RELION's cube: cube[n/2 − k] = weight(k) and, by Friedel symmetry, cube[n/2 + k] = weight(k). */
    public RealGrid toCentredCube() {
        RealGrid cube = RealGrid.cube(n);
        float[] out = cube.data;
        int c = n / 2;
        // Mirrors first, then the voxels RELION reads: on the Nyquist planes both land on index 0 and the
        // read position must win, so that a cube written here reads back exactly. Rows are addressed once
        // per (ky, kz); only x = c + n/2 wraps (to 0).
        for (int pass = 0; pass < 2; pass++) {
            int sign = pass == 0 ? 1 : -1;
            for (int kz = 0; kz < n; kz++) {
                int fz = kz <= c ? kz : kz - n;
                int zi = wrap(c + sign * fz, n);
                for (int ky = 0; ky < n; ky++) {
                    int fy = ky <= c ? ky : ky - n;
                    int row = n * (wrap(c + sign * fy, n) + n * zi);
                    int base = hx * (ky + n * kz);
                    for (int fx = 0; fx < hx; fx++) {
                        int xi = c + sign * fx;
                        if (xi == n) xi = 0;
                        out[row + xi] = weights[base + fx];
                    }
                }
            }
        }
        return cube;
    }

    private static int wrap(int i, int n) { return ((i % n) + n) % n; }

    /** Reads a cube (n³) or an FFTW half volume ((n/2+1)×n×n). */
    public static CtfVolume read(Path file) {
        RealGrid g;
        try (MrcReader r = MrcReader.open(file)) {
            g = r.readAll();
        }
        if (g.nx == g.ny && g.ny == g.nz && g.nx % 2 == 0) return fromCentredCube(g);
        if (g.ny == g.nz && g.nx == g.ny / 2 + 1 && g.ny % 2 == 0) return new CtfVolume(g.ny, g.data);
        throw InputException.inFile(file, "a 3D CTF model must be an even cube n×n×n or an FFTW half volume"
                + " (n/2+1)×n×n; this one is " + g.nx + "×" + g.ny + "×" + g.nz
                + ". Re-make it with `subtomo prepare` at the particle box size");
    }

    /** Writes RELION's cube form, atomically. */
    public void write(Path file, double pixelSize) {
        MrcWriter.write(file, toCentredCube(), MrcWriteOptions.pixelSize(pixelSize));
    }
}
