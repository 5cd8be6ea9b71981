package org.subtomo.refine.ml;

import java.util.ArrayList;
import java.util.List;

/**
 * Translational search grid (pixels, relative to a particle's current offset): points j·step with
 * |j| ≤ ceil(range/step) per axis, kept inside the circle of radius range (RELION's rule), plus the
 * phase tables e^{+2πi k·t/N} over a component list that "un-shift" a particle by t.
 * Range 5 / step 2 gives 21 points in 2D. 3D: the same with a z axis (sphere).
 */
public final class TranslationGrid {
    public final double[] x, y;
    public final int size;

    public TranslationGrid(double range, double step) {
        if (step <= 0) throw new IllegalArgumentException("offset step must be > 0: " + step);
        int m = range <= 0 ? 0 : (int) Math.ceil(range / step - 1e-9);
        List<double[]> pts = new ArrayList<>();
        for (int j = -m; j <= m; j++) for (int i = -m; i <= m; i++) {
            double tx = i * step, ty = j * step;
            if (tx * tx + ty * ty <= range * range + 1e-9) pts.add(new double[]{tx, ty});
        }
        size = pts.size();
        x = new double[size]; y = new double[size];
        for (int t = 0; t < size; t++) { x[t] = pts.get(t)[0]; y[t] = pts.get(t)[1]; }
    }

    /**
     * Phase tables [t][2·m]: e^{−2πi(kx·tx + ky·ty)/N} for the first m components: multiplying by table t moves
     * the content by +t, RELION's sense of an origin (the particle is centred by moving it by +rlnOrigin), so a
     * particle centred on origin o and moved by table t is centred on the origin o + t.
     */
    public float[][] originTables(FourierComponents comp, int m) {
        float[][] out = new float[size][2 * m];
        for (int t = 0; t < size; t++) phases(comp, m, -x[t], -y[t], out[t]);
        return out;
    }

    /** Phase tables [t][2·m]: e^{+2πi(kx·tx + ky·ty)/N} for the first m components. */
    public float[][] phaseTables(FourierComponents comp, int m) {
        float[][] out = new float[size][2 * m];
        for (int t = 0; t < size; t++) phases(comp, m, x[t], y[t], out[t]);
        return out;
    }

    /** e^{+2πi(kx·dx + ky·dy)/N} for the first m components: multiplying by it moves content by −d. */
    public static void phases(FourierComponents comp, int m, double dx, double dy, float[] out) {
        int n = comp.n;
        for (int i = 0; i < m; i++) {
            double turns = (comp.kx[i] * dx + comp.ky[i] * dy) / n;
            turns -= Math.floor(turns);
            double a = 2 * Math.PI * turns;
            out[2 * i] = (float) Math.cos(a);
            out[2 * i + 1] = (float) Math.sin(a);
        }
    }
}
