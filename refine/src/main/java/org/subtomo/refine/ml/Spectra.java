package org.subtomo.refine.ml;

/** Shell statistics over component lists (normalised, per real/imaginary part as in RELION). */
public final class Spectra {
    private Spectra() {}

    /** ½·mean |V|² per shell 0..comp.radius (shell 0 left 0): τ² of a class, σ² of a noise image. */
    public static double[] halfPower(float[] values, FourierComponents comp) {
        double[] sum = new double[comp.radius + 1];
        long[] cnt = comp.shellCounts();
        for (int i = 0; i < comp.count; i++) {
            double re = values[2 * i], im = values[2 * i + 1];
            sum[comp.shell[i]] += re * re + im * im;
        }
        for (int s = 0; s < sum.length; s++) sum[s] = cnt[s] > 0 ? sum[s] / (2.0 * cnt[s]) : 0;
        return sum;
    }

    /** Replaces non-positive entries from shell 1 on by the nearest positive neighbour (RELION's fix). */
    public static void fillNonPositive(double[] s) {
        for (int i = 1; i < s.length; i++) {
            if (s[i] > 0) continue;
            double v = 0;
            for (int d = 1; d < s.length && v <= 0; d++) {
                if (i - d >= 1 && s[i - d] > 0) v = s[i - d];
                else if (i + d < s.length && s[i + d] > 0) v = s[i + d];
            }
            s[i] = v > 0 ? v : 1e-12;
        }
        if (s.length > 1 && s[0] <= 0) s[0] = s[1];
    }
}
