package org.subtomo.core.fourier;

import org.subtomo.core.fft.Fft;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

/**
 * The padded Fourier transform of a cubic map, for sampling at arbitrary frequencies: central
 * slices (2D projections of the rotated map) and whole rotated volumes.
 *
 * <p>Construction: the map (N³, centre N/2) is placed in a box pad·N wide with its centre moved to
 * voxel 0, then transformed. Zero padding makes the transform pad× finer, so trilinear interpolation
 * between its samples is accurate; moving the centre to voxel 0 removes the (−1)^k alternation a
 * centred object has, so neighbouring samples are smooth. Trilinear interpolation multiplies the
 * real-space map by sinc²(π·r/(pad·N)); {@code griddingCorrect} divides the map by that first, as
 * RELION's {@code Projector::griddingCorrect} does. Samples exactly on the padded grid (identity,
 * 90° rotations) are then off by that factor, so leave it off for such uses.
 *
 * <p>Rotation convention: {@link #project(Matrix3)} and {@link #rotate(Matrix3)} give the map
 * rotated by A, V'(r) = V(Aᵀr), whose transform is V̂(Aᵀk) — RELION's {@code project(f2d, A)}.
 * Results are in the project's FFTW convention (origin at N/2, unnormalised), so they equal
 * {@code Fft.forward} of the real-space projection/rotation, up to the frequencies beyond N/2
 * (dropped: only the sphere |k| ≤ N/2 is filled).
 */
public final class FourierProjector {
    /** Size N of the original map. */
    public final int size;
    public final int pad;
    private final int np;
    private final FourierGrid data;
    private final double rMax2;

    public FourierProjector(RealGrid map, int pad, boolean griddingCorrect) {
        if (map.nx != map.ny || map.nx != map.nz) throw new IllegalArgumentException("projector needs a cubic map, got " + map);
        if (pad < 1) throw new IllegalArgumentException("padding factor must be >= 1: " + pad);
        this.size = map.nx;
        this.pad = pad;
        this.np = pad * size;
        double r = size / 2.0;
        this.rMax2 = r * r;
        RealGrid padded = new RealGrid(np, np, np);
        int c = size / 2;
        for (int z = 0; z < size; z++) for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) {
            float v = map.get(x, y, z);
            if (griddingCorrect) {
                double rr = Math.sqrt((double) (x - c) * (x - c) + (double) (y - c) * (y - c) + (double) (z - c) * (z - c));
                double s = sinc(Math.PI * rr / np);
                v /= (float) (s * s);
            }
            padded.set(Math.floorMod(x - c, np), Math.floorMod(y - c, np), Math.floorMod(z - c, np), v);
        }
        this.data = Fft.forward(padded);
    }

    private static double sinc(double x) { return x == 0 ? 1 : Math.sin(x) / x; }

    /**
     * The transform of the centred map at frequency (kx, ky, kz) in cycles per original box, by
     * trilinear interpolation; zero beyond |k| = N/2. Writes {re, im} to out (length ≥ 2).
     */
    public void interpolate(double kx, double ky, double kz, double[] out) {
        if (kx * kx + ky * ky + kz * kz > rMax2) { out[0] = 0; out[1] = 0; return; }
        // Hermitian symmetry: only kx ≥ 0 is stored; F(−k) = conj F(k).
        boolean conj = kx < 0;
        if (conj) { kx = -kx; ky = -ky; kz = -kz; }
        double qx = kx * pad, qy = ky * pad, qz = kz * pad;
        int x0 = (int) Math.floor(qx), y0 = (int) Math.floor(qy), z0 = (int) Math.floor(qz);
        double fx = qx - x0, fy = qy - y0, fz = qz - z0;
        double re = 0, im = 0;
        for (int dz = 0; dz < 2; dz++) {
            double wz = dz == 0 ? 1 - fz : fz;
            if (wz == 0) continue;
            for (int dy = 0; dy < 2; dy++) {
                double wyz = wz * (dy == 0 ? 1 - fy : fy);
                if (wyz == 0) continue;
                for (int dx = 0; dx < 2; dx++) {
                    double w = wyz * (dx == 0 ? 1 - fx : fx);
                    if (w == 0) continue;
                    int ix = x0 + dx, iy = y0 + dy, iz = z0 + dz;
                    int i;
                    double sign = 1;
                    if (ix <= np / 2) {
                        i = data.index(ix, Math.floorMod(iy, np), Math.floorMod(iz, np));
                    } else { // column beyond the stored half: its Friedel mate, conjugated
                        i = data.index(np - ix, Math.floorMod(-iy, np), Math.floorMod(-iz, np));
                        sign = -1;
                    }
                    re += w * data.data[i];
                    im += w * sign * data.data[i + 1];
                }
            }
        }
        out[0] = re;
        out[1] = conj ? -im : im;
    }

    /**
     * The 2D transform (N×N half grid) of the projection along Z of the map rotated by A: the
     * central slice V̂(Aᵀ(kx, ky, 0)).
     */
    public FourierGrid project(Matrix3 a) {
        FourierGrid out = new FourierGrid(size, size, 1);
        double[] v = new double[2];
        for (int ky = 0; ky < size; ky++) {
            int fy = out.freqY(ky);
            for (int kx = 0; kx < out.hx; kx++) {
                // Aᵀ(kx, fy, 0): the first two rows of Aᵀ are A's first two columns
                interpolate(a.m00() * kx + a.m10() * fy, a.m01() * kx + a.m11() * fy, a.m02() * kx + a.m12() * fy, v);
                int i = out.index(kx, ky, 0);
                out.data[i] = (float) v[0];
                out.data[i + 1] = (float) v[1];
            }
        }
        FourierShift.originToCentre(out); // from origin at voxel 0 to origin at N/2
        return out;
    }

    /** The 3D transform (N³ half grid) of the map rotated by A: V̂(Aᵀk). */
    public FourierGrid rotate(Matrix3 a) {
        FourierGrid out = new FourierGrid(size, size, size);
        double[] v = new double[2];
        for (int kz = 0; kz < size; kz++) {
            int fz = out.freqZ(kz);
            for (int ky = 0; ky < size; ky++) {
                int fy = out.freqY(ky);
                // Aᵀk = kx·(col 0 of A)ᵀ … : constant part from fy, fz hoisted out of the inner loop
                double bx = a.m10() * fy + a.m20() * fz, by = a.m11() * fy + a.m21() * fz, bz = a.m12() * fy + a.m22() * fz;
                for (int kx = 0; kx < out.hx; kx++) {
                    interpolate(bx + a.m00() * kx, by + a.m01() * kx, bz + a.m02() * kx, v);
                    int i = out.index(kx, ky, kz);
                    out.data[i] = (float) v[0];
                    out.data[i + 1] = (float) v[1];
                }
            }
        }
        FourierShift.originToCentre(out);
        return out;
    }
}
