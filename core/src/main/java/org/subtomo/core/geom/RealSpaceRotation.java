package org.subtomo.core.geom;

import org.subtomo.core.grid.RealGrid;

import java.util.stream.IntStream;

/**
 * Rotating a real-space grid about its centre voxel {@code (nx/2, ny/2, nz/2)} with trilinear interpolation.
 *
 * <p>Convention (the same as {@link Euler}'s): {@code rotate(in, R)} moves the content at centred position p to
 * {@code R p}, i.e. {@code out(x) = in(R^T x)}. So {@code rotate(reference, A)} with A an orientation's matrix
 * gives the reference as seen in that particle's frame. Samples falling outside the grid read as 0 (each of
 * the 8 neighbours outside the grid contributes 0, so the edge fades linearly). Works for 2D images too
 * (nz = 1) when R keeps z = 0, i.e. an in-plane rotation.
 */
public final class RealSpaceRotation {
    private RealSpaceRotation() {}

    /** A new grid: {@code in} rotated by {@code r} about its centre. Parallel over z; deterministic. */
    public static RealGrid rotate(RealGrid in, Matrix3 r) {
        RealGrid out = new RealGrid(in.nx, in.ny, in.nz);
        Matrix3 rt = r.transpose();
        int cx = in.nx / 2, cy = in.ny / 2, cz = in.nz / 2;
        IntStream.range(0, in.nz).parallel().forEach(z -> {
            for (int y = 0; y < in.ny; y++) for (int x = 0; x < in.nx; x++) {
                double px = x - cx, py = y - cy, pz = z - cz;
                double sx = rt.m00() * px + rt.m01() * py + rt.m02() * pz;
                double sy = rt.m10() * px + rt.m11() * py + rt.m12() * pz;
                double sz = rt.m20() * px + rt.m21() * py + rt.m22() * pz;
                out.data[out.index(x, y, z)] = (float) sample(in, sx + cx, sy + cy, sz + cz);
            }
        });
        return out;
    }

    /** Trilinear interpolation of {@code g} at voxel coordinates (x, y, z); voxels outside the grid count as 0. */
    public static double sample(RealGrid g, double x, double y, double z) {
        // Snap values within rounding noise of an integer onto it, so that exact rotations (90°, mirrors) stay exact.
        x = snap(x); y = snap(y); z = snap(z);
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y), z0 = (int) Math.floor(z);
        double fx = x - x0, fy = y - y0, fz = z - z0;
        double v = 0;
        for (int dz = 0; dz <= 1; dz++) {
            double wz = dz == 0 ? 1 - fz : fz;
            int zz = z0 + dz;
            if (wz == 0 || zz < 0 || zz >= g.nz) continue;
            for (int dy = 0; dy <= 1; dy++) {
                double wy = dy == 0 ? 1 - fy : fy;
                int yy = y0 + dy;
                if (wy == 0 || yy < 0 || yy >= g.ny) continue;
                int row = g.nx * (yy + g.ny * zz);
                for (int dx = 0; dx <= 1; dx++) {
                    double wx = dx == 0 ? 1 - fx : fx;
                    int xx = x0 + dx;
                    if (wx == 0 || xx < 0 || xx >= g.nx) continue;
                    v += wz * wy * wx * g.data[row + xx];
                }
            }
        }
        return v;
    }

    private static double snap(double v) {
        double r = Math.rint(v);
        return Math.abs(v - r) < 1e-9 ? r : v;
    }
}
