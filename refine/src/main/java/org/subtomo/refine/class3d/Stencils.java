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
    final int[] x0, y0, z0;          // cell corner; y0, z0 already wrapped into 0..p−1
    final float[] fx, fy, fz;
    final boolean[] conj;
    /** Component of each entry: entries are sorted by grid cell, so reads and splats sweep the grid in memory order. */
    final int[] order;

    Stencils(Matrix3 a, FourierComponents3D comp, int m, int pad) {
        this.m = m; this.p = pad * comp.n; this.hp = p / 2 + 1;
        x0 = new int[m]; y0 = new int[m]; z0 = new int[m];
        fx = new float[m]; fy = new float[m]; fz = new float[m];
        conj = new boolean[m];
        this.order = new int[m];
        int[] cx = new int[m], cy = new int[m], cz = new int[m];
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
            gx[i] = (float) (x - ix); gy[i] = (float) (y - iy); gz[i] = (float) (z - iz);
            cx[i] = ix; cy[i] = Math.floorMod(iy, p); cz[i] = Math.floorMod(iz, p);
            key[i] = ((long) (cx[i] + hp * (cy[i] + (long) p * cz[i])) << 32) | i;
        }
        java.util.Arrays.sort(key);
        for (int t = 0; t < m; t++) {
            int i = (int) key[t];
            order[t] = i;
            x0[t] = cx[i]; y0[t] = cy[i]; z0[t] = cz[i];
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

    /** V(Aᵀk)·norm for the first m' ≤ m components from a padded transform. */
    void read(float[] grid, double norm, int mm, float[] out) {
        for (int i = 0; i < m; i++) {
            int c = order[i];
            if (c >= mm) continue;
            int x = x0[i], y = y0[i], z = z0[i], y1 = y + 1 == p ? 0 : y + 1, z1 = z + 1 == p ? 0 : z + 1;
            double gx = fx[i], gy = fy[i], gz = fz[i], re = 0, im = 0;
            for (int dz = 0; dz < 2; dz++) {
                double wz = dz == 0 ? 1 - gz : gz;
                if (wz == 0) continue;
                int zz = dz == 0 ? z : z1;
                for (int dy = 0; dy < 2; dy++) {
                    double wyz = wz * (dy == 0 ? 1 - gy : gy);
                    if (wyz == 0) continue;
                    int row = hp * ((dy == 0 ? y : y1) + p * zz);
                    for (int dx = 0; dx < 2; dx++) {
                        double w = wyz * (dx == 0 ? 1 - gx : gx);
                        if (w == 0) continue;
                        int j = 2 * (x + dx + row);
                        re += w * grid[j];
                        im += w * grid[j + 1];
                    }
                }
            }
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
            int x = x0[i], y = y0[i], z = z0[i], y1 = y + 1 == p ? 0 : y + 1, z1 = z + 1 == p ? 0 : z + 1;
            double gx = fx[i], gy = fy[i], gz = fz[i], re = d[2 * c], im = conj[i] ? -d[2 * c + 1] : d[2 * c + 1], wt = w[c];
            for (int dz = 0; dz < 2; dz++) {
                double wz = dz == 0 ? 1 - gz : gz;
                int zz = dz == 0 ? z : z1;
                for (int dy = 0; dy < 2; dy++) {
                    double wyz = wz * (dy == 0 ? 1 - gy : gy);
                    int row = hp * ((dy == 0 ? y : y1) + p * zz);
                    for (int dx = 0; dx < 2; dx++) {
                        double f = wyz * (dx == 0 ? 1 - gx : gx);
                        int xx = x + dx;
                        if (f == 0 || xx >= hp) continue;
                        int j = xx + row;
                        data[2 * j] += f * re;
                        data[2 * j + 1] += f * im;
                        weight[j] += f * wt;
                    }
                }
            }
        }
    }
}
