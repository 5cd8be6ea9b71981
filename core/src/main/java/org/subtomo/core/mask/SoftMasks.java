package org.subtomo.core.mask;

import org.subtomo.core.grid.RealGrid;

/**
 * Spherical (3D) and circular (2D) masks with a raised-cosine edge, centred at voxel (nx/2, ny/2,
 * nz/2). Value 1 for r ≤ radius, 0 for r ≥ radius + width, and 0.5 + 0.5·cos(π(r − radius)/width)
 * in between — RELION's soft edge (softMaskOutsideMap). Radii and widths are in pixels.
 */
public final class SoftMasks {
    private SoftMasks() {}

    public static RealGrid sphere(int nx, int ny, int nz, double radius, double edgeWidth) {
        if (radius < 0 || edgeWidth < 0) throw new IllegalArgumentException("radius and edge width must be >= 0");
        RealGrid m = new RealGrid(nx, ny, nz);
        double outer = radius + edgeWidth, r2In = radius * radius, r2Out = outer * outer;
        int cx = nx / 2, cy = ny / 2, cz = nz / 2, i = 0;
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) {
            double ryz = (double) (y - cy) * (y - cy) + (double) (z - cz) * (z - cz);
            for (int x = 0; x < nx; x++, i++) {
                double r2 = ryz + (double) (x - cx) * (x - cx);
                if (r2 <= r2In) m.data[i] = 1;
                else if (r2 < r2Out) m.data[i] = (float) (0.5 + 0.5 * Math.cos(Math.PI * (Math.sqrt(r2) - radius) / edgeWidth));
                // else 0
            }
        }
        return m;
    }

    public static RealGrid circle(int nx, int ny, double radius, double edgeWidth) {
        return sphere(nx, ny, 1, radius, edgeWidth);
    }

    /** In place: map ·= mask. */
    public static void multiply(RealGrid map, RealGrid mask) {
        requireSameShape(map, mask);
        for (int i = 0; i < map.data.length; i++) map.data[i] *= mask.data[i];
    }

    /** In place: map = mask·map + (1 − mask)·background, so the outside takes a flat value, not 0. */
    public static void applyWithBackground(RealGrid map, RealGrid mask, float background) {
        requireSameShape(map, mask);
        for (int i = 0; i < map.data.length; i++) {
            float m = mask.data[i];
            map.data[i] = m * map.data[i] + (1 - m) * background;
        }
    }

    /**
     * RELION's default particle masking: a soft sphere whose outside is filled with the background
     * mean, the mean being weighted by (1 − mask) so it is taken where the mask is not. Returns that
     * background value.
     */
    public static float maskWithBackgroundMean(RealGrid map, double radius, double edgeWidth) {
        RealGrid mask = sphere(map.nx, map.ny, map.nz, radius, edgeWidth);
        double sum = 0, weight = 0;
        for (int i = 0; i < map.data.length; i++) {
            double w = 1 - mask.data[i];
            sum += w * map.data[i];
            weight += w;
        }
        float bg = weight > 0 ? (float) (sum / weight) : 0f;
        applyWithBackground(map, mask, bg);
        return bg;
    }

    private static void requireSameShape(RealGrid a, RealGrid b) {
        if (!a.sameShape(b)) throw new IllegalArgumentException("shape mismatch: " + a + " vs " + b);
    }
}
