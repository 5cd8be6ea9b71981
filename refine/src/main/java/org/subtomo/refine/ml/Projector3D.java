package org.subtomo.refine.ml;

import org.subtomo.core.fft.Fft;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

/**
 * The E-step's reference sampler: the same padded, gridding-corrected transform as
 * {@link org.subtomo.core.fourier.FourierProjector} (trilinear interpolation, V̂(Aᵀk) of the map centred at
 * N/2), but stored as a full complex cube with a one-voxel margin, so that an interpolation is eight
 * neighbouring loads with no wrap-around, Hermitian folding or bounds arithmetic. Rotating references
 * is the cost of pass 2 and of local searches, and this is several times faster there.
 */
final class Projector3D {
    final int n, pad, p, side, off;
    /** Interleaved (re, im) on the padded cube with margin: an interpolation's eight corners are four pairs of adjacent pairs. */
    private final float[] v;
    private final double rMax2;

    Projector3D(RealGrid map, int pad) {
        this.n = map.nx; this.pad = pad; this.p = pad * n;
        this.side = p + 3; this.off = p / 2 + 1;
        double r = n / 2.0;
        rMax2 = r * r;
        RealGrid padded = new RealGrid(p, p, p);
        int c = n / 2;
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            double rr = Math.sqrt((double) (x - c) * (x - c) + (double) (y - c) * (y - c) + (double) (z - c) * (z - c));
            double s = rr == 0 ? 1 : Math.sin(Math.PI * rr / p) / (Math.PI * rr / p);
            padded.set(Math.floorMod(x - c, p), Math.floorMod(y - c, p), Math.floorMod(z - c, p), (float) (map.get(x, y, z) / (s * s)));
        }
        FourierGrid f = Fft.forward(padded);
        v = new float[2 * side * side * side];
        int h = p / 2;
        for (int fz = -h; fz <= h; fz++) for (int fy = -h; fy <= h; fy++) for (int fx = -h; fx <= h; fx++) {
            int ax = fx, ay = fy, az = fz;
            float sign = 1;
            if (ax < 0) { ax = -ax; ay = -ay; az = -az; sign = -1; }
            if (ax > h) continue;
            int j = f.index(ax, Math.floorMod(ay, p), Math.floorMod(az, p));
            int k = (fx + off) + side * ((fy + off) + side * (fz + off));
            v[2 * k] = f.data[j];
            v[2 * k + 1] = sign * f.data[j + 1];
        }
    }

    /** V̂ at (kx, ky, kz) cycles per original box, unnormalised; zero beyond |k| = N/2. Writes out[0..1]. */
    void interpolate(double kx, double ky, double kz, double[] out) {
        if (kx * kx + ky * ky + kz * kz > rMax2) { out[0] = 0; out[1] = 0; return; }
        double qx = kx * pad + off, qy = ky * pad + off, qz = kz * pad + off;
        int x0 = (int) qx, y0 = (int) qy, z0 = (int) qz;   // all positive: floor
        float fx = (float) (qx - x0), fy = (float) (qy - y0), fz = (float) (qz - z0);
        int s = 2 * side, s2 = 2 * side * side;
        int i = 2 * (x0 + side * y0 + side * side * z0);
        float gx = 1 - fx, gy = 1 - fy, gz = 1 - fz;
        float w000 = gx * gy * gz, w100 = fx * gy * gz, w010 = gx * fy * gz, w110 = fx * fy * gz;
        float w001 = gx * gy * fz, w101 = fx * gy * fz, w011 = gx * fy * fz, w111 = fx * fy * fz;
        out[0] = w000 * v[i] + w100 * v[i + 2] + w010 * v[i + s] + w110 * v[i + s + 2]
                + w001 * v[i + s2] + w101 * v[i + s2 + 2] + w011 * v[i + s2 + s] + w111 * v[i + s2 + s + 2];
        out[1] = w000 * v[i + 1] + w100 * v[i + 3] + w010 * v[i + s + 1] + w110 * v[i + s + 3]
                + w001 * v[i + s2 + 1] + w101 * v[i + s2 + 3] + w011 * v[i + s2 + s + 1] + w111 * v[i + s2 + s + 3];
    }

    /**
     * The reference rotated by A on the first m components: out[2i], out[2i+1] = scale·V̂(Aᵀk_i). The hot loop of
     * pass 2 and of local searches, so it works in floats on locals (no per-component call or output array) and
     * needs no radius test: components reach |k| ≤ N/2 − ½ and A is a rotation, so every sample is inside the cube.
     */
    void rotate(org.subtomo.core.geom.Matrix3 a, FourierComponents3D comp, int m, double scale, float[] out) {
        rotate(a, comp, null, m, scale, out);
    }

    /**
     * {@link #rotate(org.subtomo.core.geom.Matrix3, FourierComponents3D, int, double, float[])} on the components
     * list[0..count) only (ascending indices; list null: components 0..count−1); the other entries of out are not
     * written. A particle's own searches skip the components in its missing wedge, which score and add nothing.
     */
    void rotate(org.subtomo.core.geom.Matrix3 a, FourierComponents3D comp, int[] list, int count, double scale, float[] out) {
        rotate(new Projector3D[]{this}, a, comp, list, count, scale, new float[][]{out});
    }

    /**
     * {@link #rotate} of several references of the same box (the classes) at one orientation: out[c] = scale·V̂_c(Aᵀk).
     * The sample positions and trilinear weights are computed once for all of them, which is about half the cost
     * of a rotation. A local search rotates every class at each of a particle's orientations.
     */
    static void rotate(Projector3D[] projs, org.subtomo.core.geom.Matrix3 a, FourierComponents3D comp, int m, double scale, float[][] out) {
        rotate(projs, a, comp, null, m, scale, out);
    }

    /** The classes at once on the components list[0..count) only (as the single-reference version). */
    static void rotate(Projector3D[] projs, org.subtomo.core.geom.Matrix3 a, FourierComponents3D comp, int[] list, int count, double scale,
                       float[][] out) {
        int k = projs.length;
        Projector3D p0 = projs[0];
        for (Projector3D q : projs)
            if (q.n != comp.n || q.pad != p0.pad) throw new IllegalArgumentException("components of box " + comp.n + " for projectors of box "
                    + q.n + " (padding " + q.pad + ", " + p0.pad + ")");
        // qx = pad·(Aᵀk)_x + off: row x of Aᵀ is column 0 of A
        int pad = p0.pad;
        float b00 = (float) (pad * a.m00()), b01 = (float) (pad * a.m10()), b02 = (float) (pad * a.m20());
        float b10 = (float) (pad * a.m01()), b11 = (float) (pad * a.m11()), b12 = (float) (pad * a.m21());
        float b20 = (float) (pad * a.m02()), b21 = (float) (pad * a.m12()), b22 = (float) (pad * a.m22());
        float o = p0.off, sc = (float) scale;
        int[] kxs = comp.kx, kys = comp.ky, kzs = comp.kz;
        float[][] vs = new float[k][];
        for (int c = 0; c < k; c++) vs[c] = projs[c].v;
        int s = 2 * p0.side, s2 = 2 * p0.side * p0.side;
        for (int e = 0; e < count; e++) {
            int q = list == null ? e : list[e];
            float kx = kxs[q], ky = kys[q], kz = kzs[q];
            float qx = b00 * kx + b01 * ky + b02 * kz + o, qy = b10 * kx + b11 * ky + b12 * kz + o, qz = b20 * kx + b21 * ky + b22 * kz + o;
            int x0 = (int) qx, y0 = (int) qy, z0 = (int) qz;
            float fx = qx - x0, fy = qy - y0, fz = qz - z0;
            float gx = 1 - fx, gy = 1 - fy, gz = 1 - fz;
            int i = 2 * x0 + s * y0 + s2 * z0, j1 = i + s, j2 = i + s2, j3 = j2 + s;
            for (int c = 0; c < k; c++) {
                float[] vv = vs[c];
                float r00 = gx * vv[i] + fx * vv[i + 2], i00 = gx * vv[i + 1] + fx * vv[i + 3];
                float r10 = gx * vv[j1] + fx * vv[j1 + 2], i10 = gx * vv[j1 + 1] + fx * vv[j1 + 3];
                float r01 = gx * vv[j2] + fx * vv[j2 + 2], i01 = gx * vv[j2 + 1] + fx * vv[j2 + 3];
                float r11 = gx * vv[j3] + fx * vv[j3 + 2], i11 = gx * vv[j3 + 1] + fx * vv[j3 + 3];
                float r0 = gy * r00 + fy * r10, im0 = gy * i00 + fy * i10, r1 = gy * r01 + fy * r11, im1 = gy * i01 + fy * i11;
                float[] dst = out[c];
                dst[2 * q] = sc * (gz * r0 + fz * r1);
                dst[2 * q + 1] = sc * (gz * im0 + fz * im1);
            }
        }
    }
}
