package org.subtomo.prep.project;

import org.subtomo.core.io.imod.OrderFile;

import java.util.List;

/**
 * Protocol step 6: the .order file lists (tilt, accumulated dose) as collected, often with the
 * nominal tilts; the 3D CTF model needs a dose per image of the aligned stack, whose refined tilts
 * are in the .tlt. Each refined tilt takes the dose of the .order row with the closest angle (as
 * relion_prepare_subtomograms.py does); the largest angle mismatch is reported so that a .order
 * from another tilt series, or one with a constant tilt offset, is noticed.
 *
 * @param doses           accumulated dose (e⁻/Å²) before each stack image, stack order
 * @param orderRow        the .order row (0-based, file order) each stack image took its dose from
 * @param largestMismatch largest |refined − .order| tilt (degrees) over the stack
 * @param worstImage      stack image (0-based) with that mismatch
 * @param sharedRows      true when two stack images took their dose from the same .order row
 */
public record DoseAssignment(double[] doses, int[] orderRow, double largestMismatch, int worstImage, boolean sharedRows) {

    public static DoseAssignment assign(double[] refinedTilts, List<OrderFile.TiltDose> order) {
        int n = refinedTilts.length;
        double[] doses = new double[n];
        int[] rows = new int[n];
        double worst = 0;
        int worstImage = -1;
        boolean[] used = new boolean[order.size()];
        boolean shared = false;
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int r = 0; r < order.size(); r++) {
                double d = Math.abs(order.get(r).tiltDegrees() - refinedTilts[i]);
                if (d < bestD) { bestD = d; best = r; }
            }
            if (best < 0) { doses[i] = Double.NaN; rows[i] = -1; continue; }
            doses[i] = order.get(best).accumulatedDose();
            rows[i] = best;
            if (used[best]) shared = true;
            used[best] = true;
            if (worstImage < 0 || bestD > worst) { worst = bestD; worstImage = i; }
        }
        return new DoseAssignment(doses, rows, worst, worstImage, shared);
    }
}
