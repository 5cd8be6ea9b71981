package org.subtomo.post.postprocess;

import org.subtomo.core.fourier.FourierShells;
import org.subtomo.core.fsc.FscCurve;
import org.subtomo.core.grid.FourierGrid;

/**
 * Rosenthal &amp; Henderson's (2003) figure-of-merit weighting of the averaged map: each shell times
 * √(2·FSC/(1+FSC)), the expected correlation of the full map with the truth. As RELION does, shells
 * from the first one where the FSC drops to ~0 (below 1e-4) onwards are set to zero.
 */
public final class FscWeighting {
    private FscWeighting() {}

    public static double weight(double fsc) { return Math.sqrt(2 * fsc / (1 + fsc)); }

    /** In place. {@code fsc} must have the transform's shells. */
    public static void apply(FourierGrid f, FscCurve fsc) {
        double[] c = fsc.fsc();
        int last = 0;
        for (int s = 0; s < c.length && c[s] >= 1e-4; s++) last = s;
        float[] w = new float[c.length];
        for (int s = 0; s <= last; s++) w[s] = (float) weight(c[s]);
        int[] shell = FourierShells.shellIndex(f);
        float[] d = f.data;
        for (int i = 0; i < shell.length; i++) {
            float ws = shell[i] < w.length ? w[shell[i]] : 0;
            d[2 * i] *= ws; d[2 * i + 1] *= ws;
        }
    }
}
