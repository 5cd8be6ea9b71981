package org.subtomo.sim.sample;

import org.subtomo.core.grid.RealGrid;

/**
 * Potential maps of the junk a template matcher picks as false positives: colloidal gold fiducials
 * (10 nm beads; mean inner potential of gold ≈ 30 V, four times protein's ≈ 7 V) and ice
 * contamination blobs (≈ 4.5 V). Uniform balls with a one-voxel cosine edge.
 */
public final class JunkMaps {
    private JunkMaps() {}

    /** Map value (Å⁻²) giving a mean inner potential in volts: V / 47.878 V·Å². */
    static double densityForPotential(double volts) { return volts / org.subtomo.sim.physics.ElectronOptics.VOLTS_PER_DENSITY; }

    public static RealGrid gold(int box, double radiusPx) { return ball(box, radiusPx, densityForPotential(30)); }

    public static RealGrid ice(int box, double radiusPx) { return ball(box, radiusPx, densityForPotential(4.5)); }

    static RealGrid ball(int box, double radius, double value) {
        RealGrid g = RealGrid.cube(box);
        int c = box / 2;
        for (int z = 0; z < box; z++) for (int y = 0; y < box; y++) for (int x = 0; x < box; x++) {
            double r = Math.sqrt((double) (x - c) * (x - c) + (double) (y - c) * (y - c) + (double) (z - c) * (z - c));
            double w = r <= radius - 0.5 ? 1 : r >= radius + 0.5 ? 0 : 0.5 * (1 + Math.cos(Math.PI * (r - radius + 0.5)));
            g.set(x, y, z, (float) (value * w));
        }
        return g;
    }
}
