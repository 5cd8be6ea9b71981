package org.subtomo.core.geom;

import org.subtomo.core.grid.RealGrid;

import java.util.stream.IntStream;

/**
 * Imposes a point group on a real-space map: the average of the map rotated about its centre (n/2) by every
 * operator of the group, improper ones included (a Cs map becomes mirror-symmetric). Trilinear interpolation,
 * as {@link RealSpaceRotation}; the corners, which rotate out of the box, get fewer (zero) contributions, so
 * only the inscribed sphere is exactly symmetric.
 */
public final class Symmetrizer {
    private Symmetrizer() {}

    public static RealGrid symmetrise(RealGrid volume, SymmetryGroup group) {
        Matrix3[] ops = group.operators().toArray(Matrix3[]::new);
        RealGrid out = new RealGrid(volume.nx, volume.ny, volume.nz);
        int cx = volume.nx / 2, cy = volume.ny / 2, cz = volume.nz / 2;
        double norm = 1.0 / ops.length;
        // out(x) = mean over R of in(R^T x); the group is closed under inverses, so R^T runs over the group too.
        IntStream.range(0, volume.nz).parallel().forEach(z -> {
            for (int y = 0; y < volume.ny; y++) for (int x = 0; x < volume.nx; x++) {
                double px = x - cx, py = y - cy, pz = z - cz, sum = 0;
                for (Matrix3 r : ops) {
                    sum += RealSpaceRotation.sample(volume,
                            r.m00() * px + r.m10() * py + r.m20() * pz + cx,
                            r.m01() * px + r.m11() * py + r.m21() * pz + cy,
                            r.m02() * px + r.m12() * py + r.m22() * pz + cz);
                }
                out.data[out.index(x, y, z)] = (float) (sum * norm);
            }
        });
        return out;
    }
}
