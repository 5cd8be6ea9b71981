package org.subtomo.post.postprocess;

import org.subtomo.core.fourier.FourierShells;
import org.subtomo.core.fsc.FscCurve;
import org.subtomo.core.grid.FourierGrid;

/**
 * Rosenthal &amp; Henderson's (2003) figure-of-merit weighting of the averaged map: each shell times
 * √(2·FSC/(1+FSC)), the expected correlation of the full map with the truth. As RELION does, shells
 * from the first one where the FSC drops to ~0 (below 1e-4) onwards are set to zero. The origin (shell 0, the
 * map's mean) keeps weight 1: its "FSC" is the sign of a product of two numbers, and with -1 the weight
 * √(2·FSC/(1+FSC)) was NaN and made the whole sharpened map NaN (seen on the demo's low-resolution half maps).
 */
public final class FscWeighting {
    private FscWeighting() {}

    public static double weight(double fsc) { return Math.sqrt(2 * fsc / (1 + fsc)); }

    /** In place. {@code fsc} must have the transform's shells. */
    public static void apply(FourierGrid f, FscCurve fsc) {
        double[] c = fsc.fsc();
        int last = 0;
        for (int s = 1; s < c.length && c[s] >= 1e-4; s++) last = s;
        float[] w = new float[c.length];
        w[0] = 1;
        for (int s = 1; s <= last; s++) w[s] = (float) weight(Math.min(c[s], 1));
        int[] shell = FourierShells.shellIndex(f);
        float[] d = f.data;
        for (int i = 0; i < shell.length; i++) {
            float ws = shell[i] < w.length ? w[shell[i]] : 0;
            d[2 * i] *= ws; d[2 * i + 1] *= ws;
        }
    }
}
