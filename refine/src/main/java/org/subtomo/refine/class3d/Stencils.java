package org.subtomo.refine.class3d;

import org.subtomo.core.fft.Fft;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.refine.ml.BackProjector3D;
import org.subtomo.refine.ml.FourierComponents3D;

/**
 * Trilinear stencils of one particle at its fixed pose: for each Fourier component k, the cell of the 2×-padded
 * half grid holding pad·Aᵀk (folded to kx ≥ 0) and the fractions inside it. With fixed poses they are computed
 * once and serve both reading every class at Aᵀk (the E-step) and splatting into the class accumulators (the
 * M-step), instead of recomputing the rotation and eight wrapped indices per component, per class and per
 * iteration. Reads and splats are those of {@link org.subtomo.core.fourier.FourierProjector#interpolate} and
 * {@link BackProjector3D#insert} (same grid, same weights).
 */
final class Stencils {
    final int m, p, hp;
    /**
     * Complex index of the cell corner (x0, y0, z0) in the half grid, and the index steps to its y + 1 and
     * z + 1 neighbours (wrapped: −(p − 1) rows or planes at the edge), so a read or splat is eight fixed
     * offsets from one index with no wrap-around arithmetic or branches in the loop.
     */
    final int[] base, stepY, stepZ;
    final float[] fx, fy, fz;
    final boolean[] conj;
    /** Component of each entry: entries are sorted by grid cell, so reads and splats sweep the grid in memory order. */
    final int[] order;

    Stencils(Matrix3 a, FourierComponents3D comp, int m, int pad) {
        this.m = m; this.p = pad * comp.n; this.hp = p / 2 + 1;
        base = new int[m]; stepY = new int[m]; stepZ = new int[m];
        fx = new float[m]; fy = new float[m]; fz = new float[m];
        conj = new boolean[m];
        this.order = new int[m];
        int[] cb = new int[m], cy = new int[m], cz = new int[m];
        float[] gx = new float[m], gy = new float[m], gz = new float[m];
        boolean[] cj = new boolean[m];
        long[] key = new long[m];
        for (int i = 0; i < m; i++) {
            double kx = comp.kx[i], ky = comp.ky[i], kz = comp.kz[i];
            double x = pad * (a.m00() * kx + a.m10() * ky + a.m20() * kz);
            double y = pad * (a.m01() * kx + a.m11() * ky + a.m21() * kz);
            double z = pad * (a.m02() * kx + a.m12() * ky + a.m22() * kz);
            if (x < 0) { x = -x; y = -y; z = -z; cj[i] = true; }
            int ix = (int) Math.floor(x), iy = (int) Math.floor(y), iz = (int) Math.floor(z);
            // |k| < N/2 − ½ keeps x + 1 inside the half grid (x ≤ p/2): no column wraps
            if (ix + 1 >= hp) throw new IllegalStateException("component beyond the half grid: x = " + x);
            gx[i] = (float) (x - ix); gy[i] = (float) (y - iy); gz[i] = (float) (z - iz);
            int y0 = Math.floorMod(iy, p), z0 = Math.floorMod(iz, p);
            cb[i] = ix + hp * (y0 + p * z0);
            cy[i] = hp * ((y0 + 1 == p ? 0 : y0 + 1) - y0);
            cz[i] = hp * p * ((z0 + 1 == p ? 0 : z0 + 1) - z0);
            key[i] = ((long) cb[i] << 32) | i;
        }
        java.util.Arrays.sort(key);
        for (int t = 0; t < m; t++) {
            int i = (int) key[t];
            order[t] = i;
            base[t] = cb[i]; stepY[t] = cy[i]; stepZ[t] = cz[i];
            fx[t] = gx[i]; fy[t] = gy[i]; fz[t] = gz[i];
            conj[t] = cj[i];
        }
    }

    static long bytesPerComponent() { return 4 * 4 + 3 * 4 + 1; }

    /** A class map's gridding-corrected, centred, padded transform (FourierProjector's grid), for {@link #read}. */
    static float[] paddedTransform(RealGrid map, int pad) {
        int n = map.nx, np = pad * n, c = n / 2;
        RealGrid padded = new RealGrid(np, np, np);
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            double rr = Math.sqrt((double) (x - c) * (x - c) + (double) (y - c) * (y - c) + (double) (z - c) * (z - c));
            double s = rr == 0 ? 1 : Math.sin(Math.PI * rr / np) / (Math.PI * rr / np);
            padded.set(Math.floorMod(x - c, np), Math.floorMod(y - c, np), Math.floorMod(z - c, np), (float) (map.get(x, y, z) / (s * s)));
        }
        return Fft.forward(padded).data;
    }

    /**
     * V(Aᵀk)·norm for the first m' ≤ m components from a padded transform. The eight terms are summed in the
     * order (z, y, x) of {@link org.subtomo.core.fourier.FourierProjector#interpolate}; a zero weight adds an
     * exact zero, so skipping nothing gives the same sums.
     */
    void read(float[] grid, double norm, int mm, float[] out) {
        for (int i = 0; i < m; i++) {
            int c = order[i];
            if (c >= mm) continue;
            int j = 2 * base[i], sy = 2 * stepY[i], sz = 2 * stepZ[i];
            int j01 = j + sy, j10 = j + sz, j11 = j10 + sy;
            double gx = fx[i], gy = fy[i], gz = fz[i], hx = 1 - gx, hy = 1 - gy, hz = 1 - gz;
            double w00 = hz * hy, w01 = hz * gy, w10 = gz * hy, w11 = gz * gy;
            double a = w00 * hx, b = w00 * gx, d = w01 * hx, e = w01 * gx, f = w10 * hx, g = w10 * gx, h = w11 * hx, k = w11 * gx;
            double re = a * grid[j] + b * grid[j + 2] + d * grid[j01] + e * grid[j01 + 2]
                    + f * grid[j10] + g * grid[j10 + 2] + h * grid[j11] + k * grid[j11 + 2];
            double im = a * grid[j + 1] + b * grid[j + 3] + d * grid[j01 + 1] + e * grid[j01 + 3]
                    + f * grid[j10 + 1] + g * grid[j10 + 3] + h * grid[j11 + 1] + k * grid[j11 + 3];
            out[2 * c] = (float) (re * norm);
            out[2 * c + 1] = (float) ((conj[i] ? -im : im) * norm);
        }
    }

    /** Adds d (2m', interleaved) and w (m') on the first m' components, as {@link BackProjector3D#insert}. */
    void splat(BackProjector3D bp, int mm, double[] d, double[] w) {
        double[] data = bp.dataArray(), weight = bp.weightArray();
        for (int i = 0; i < m; i++) {
            int c = order[i];
            if (c >= mm) continue;
            int j00 = base[i], sy = stepY[i], j10 = j00 + stepZ[i];
            double gx = fx[i], gy = fy[i], gz = fz[i], hx = 1 - gx, hy = 1 - gy, hz = 1 - gz;
            double re = d[2 * c], im = conj[i] ? -d[2 * c + 1] : d[2 * c + 1], wt = w[c];
            add(data, weight, j00, (hz * hy) * hx, (hz * hy) * gx, re, im, wt);
            add(data, weight, j00 + sy, (hz * gy) * hx, (hz * gy) * gx, re, im, wt);
            add(data, weight, j10, (gz * hy) * hx, (gz * hy) * gx, re, im, wt);
            add(data, weight, j10 + sy, (gz * gy) * hx, (gz * gy) * gx, re, im, wt);
        }
    }

    /** Two x-neighbours j, j + 1 with weights f0, f1 (adding an exact zero where a weight is 0). */
    private static void add(double[] data, double[] weight, int j, double f0, double f1, double re, double im, double wt) {
        data[2 * j] += f0 * re;
        data[2 * j + 1] += f0 * im;
        weight[j] += f0 * wt;
        data[2 * j + 2] += f1 * re;
        data[2 * j + 3] += f1 * im;
        weight[j + 1] += f1 * wt;
    }
}
