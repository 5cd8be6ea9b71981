package org.subtomo.core.mask;

import org.subtomo.core.grid.RealGrid;

/**
 * RELION's particle normalisation: the background — voxels strictly outside a circle (2D) or
 * sphere (3D) of radius {@code bgRadius} pixels around (nx/2, ny/2, nz/2) — is brought to mean 0
 * and standard deviation 1 (population stddev). RELION's optional ramp (plane) subtraction and
 * dust removal are not done here.
 */
public final class BackgroundNormalisation {
    private BackgroundNormalisation() {}

    public record Stats(double mean, double stddev, long count) {}

    /** Mean and population stddev of the voxels with r > bgRadius. */
    public static Stats backgroundStats(RealGrid g, double bgRadius) {
        double r2Max = bgRadius * bgRadius;
        int cx = g.nx / 2, cy = g.ny / 2, cz = g.nz / 2, i = 0;
        double sum = 0, sum2 = 0;
        long n = 0;
        // two sums in one pass, in double: float data of any realistic size stays accurate
        for (int z = 0; z < g.nz; z++) for (int y = 0; y < g.ny; y++) {
            double ryz = (double) (y - cy) * (y - cy) + (double) (z - cz) * (z - cz);
            for (int x = 0; x < g.nx; x++, i++) {
                if (ryz + (double) (x - cx) * (x - cx) > r2Max) {
                    double v = g.data[i];
                    sum += v; sum2 += v * v; n++;
                }
            }
        }
        if (n == 0) throw new IllegalArgumentException("no background voxels outside radius " + bgRadius + " in " + g);
        double mean = sum / n;
        return new Stats(mean, Math.sqrt(Math.max(0, sum2 / n - mean * mean)), n);
    }

    /** In place: (x − bg mean)/bg stddev over the whole grid. Returns the statistics used. */
    public static Stats normalise(RealGrid g, double bgRadius) {
        Stats s = backgroundStats(g, bgRadius);
        if (!(s.stddev() > 0)) throw new IllegalArgumentException("background is flat (stddev 0); cannot normalise " + g);
        float mean = (float) s.mean(), inv = (float) (1 / s.stddev());
        for (int i = 0; i < g.data.length; i++) g.data[i] = (g.data[i] - mean) * inv;
        return s;
    }

    /** In place: x → −x (RELION's --invert_contrast: dark protein becomes white). */
    public static void invertContrast(RealGrid g) {
        for (int i = 0; i < g.data.length; i++) g.data[i] = -g.data[i];
    }
}
