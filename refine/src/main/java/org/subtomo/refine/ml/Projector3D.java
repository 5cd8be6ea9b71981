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
    private final float[] re, im;
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
        re = new float[side * side * side];
        im = new float[side * side * side];
        int h = p / 2;
        for (int fz = -h; fz <= h; fz++) for (int fy = -h; fy <= h; fy++) for (int fx = -h; fx <= h; fx++) {
            int ax = fx, ay = fy, az = fz;
            float sign = 1;
            if (ax < 0) { ax = -ax; ay = -ay; az = -az; sign = -1; }
            if (ax > h) continue;
            int j = f.index(ax, Math.floorMod(ay, p), Math.floorMod(az, p));
            int k = (fx + off) + side * ((fy + off) + side * (fz + off));
            re[k] = f.data[j];
            im[k] = sign * f.data[j + 1];
        }
    }

    /** V̂ at (kx, ky, kz) cycles per original box, unnormalised; zero beyond |k| = N/2. Writes out[0..1]. */
    void interpolate(double kx, double ky, double kz, double[] out) {
        if (kx * kx + ky * ky + kz * kz > rMax2) { out[0] = 0; out[1] = 0; return; }
        double qx = kx * pad + off, qy = ky * pad + off, qz = kz * pad + off;
        int x0 = (int) qx, y0 = (int) qy, z0 = (int) qz;   // all positive: floor
        float fx = (float) (qx - x0), fy = (float) (qy - y0), fz = (float) (qz - z0);
        int s = side, s2 = side * side;
        int i = x0 + s * y0 + s2 * z0;
        float gx = 1 - fx, gy = 1 - fy, gz = 1 - fz;
        float w000 = gx * gy * gz, w100 = fx * gy * gz, w010 = gx * fy * gz, w110 = fx * fy * gz;
        float w001 = gx * gy * fz, w101 = fx * gy * fz, w011 = gx * fy * fz, w111 = fx * fy * fz;
        out[0] = w000 * re[i] + w100 * re[i + 1] + w010 * re[i + s] + w110 * re[i + s + 1]
                + w001 * re[i + s2] + w101 * re[i + s2 + 1] + w011 * re[i + s2 + s] + w111 * re[i + s2 + s + 1];
        out[1] = w000 * im[i] + w100 * im[i + 1] + w010 * im[i + s] + w110 * im[i + s + 1]
                + w001 * im[i + s2] + w101 * im[i + s2 + 1] + w011 * im[i + s2 + s] + w111 * im[i + s2 + s + 1];
    }
}
