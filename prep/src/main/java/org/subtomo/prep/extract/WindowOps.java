package org.subtomo.prep.extract;

import org.subtomo.core.fourier.FourierResize;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.mask.BackgroundNormalisation;

/**
 * The per-particle image operations, in RELION's order: (project along Z) → Fourier rescale →
 * normalise the background (outside a sphere, or circle for 2D, of {@code bgRadius} output
 * pixels) → invert contrast. RELION's ramp subtraction is not done (RELION skips it for 3D too).
 */
public final class WindowOps {
    private WindowOps() {}

    /** The sum along Z: a 2D image of nx × ny (the projection RELION's --project3d writes). */
    public static RealGrid sumAlongZ(RealGrid g) {
        RealGrid p = RealGrid.image(g.nx, g.ny);
        int plane = g.nx * g.ny;
        double[] acc = new double[plane];
        for (int z = 0; z < g.nz; z++) {
            int off = z * plane;
            for (int i = 0; i < plane; i++) acc[i] += g.data[off + i];
        }
        for (int i = 0; i < plane; i++) p.data[i] = (float) acc[i];
        return p;
    }

    /**
     * Replaces NaN voxels (outside the tomogram, read with a NaN fill) by the mean of the others,
     * so a kept edge particle has a flat background there instead of a step to zero.
     */
    public static void fillOutside(RealGrid g) {
        double sum = 0;
        long n = 0;
        for (float v : g.data) if (!Float.isNaN(v)) { sum += v; n++; }
        float mean = n == 0 ? 0f : (float) (sum / n);
        for (int i = 0; i < g.data.length; i++) if (Float.isNaN(g.data[i])) g.data[i] = mean;
    }

    /**
     * Rescale (when {@code size} differs from the grid's), normalise (when {@code bgRadius} is not
     * NaN) and invert. Returns the processed grid (a new one when rescaled, else {@code g} itself).
     */
    public static RealGrid finish(RealGrid g, int size, double bgRadius, boolean invert) {
        RealGrid out = g;
        if (size != g.nx) out = FourierResize.resize(g, size, size, g.is2D() ? 1 : size);
        if (!Double.isNaN(bgRadius)) BackgroundNormalisation.normalise(out, bgRadius);
        if (invert) BackgroundNormalisation.invertContrast(out);
        return out;
    }
}
