package org.subtomo.refine.ml;

import java.util.ArrayList;
import java.util.List;

/**
 * 3D translational search grid (pixels, relative to a particle's current offset): points j·step with
 * |j| ≤ ceil(range/step) per axis inside the sphere of radius range (RELION's rule; range 5 / step 2
 * gives 81 points), and the phase factors e^{+2πi k·t/N} that un-shift a particle by t. Phases are
 * products of three per-axis tables, so an arbitrary (oversampled) shift costs two complex products
 * per component instead of a sine and a cosine.
 */
public final class TranslationGrid3D {
    public final double[] x, y, z;
    public final int size;
    public final double step;

    public TranslationGrid3D(double range, double step) {
        if (step <= 0) throw new IllegalArgumentException("offset step must be > 0: " + step);
        this.step = step;
        int m = range <= 0 ? 0 : (int) Math.ceil(range / step - 1e-9);
        List<double[]> pts = new ArrayList<>();
        for (int k = -m; k <= m; k++) for (int j = -m; j <= m; j++) for (int i = -m; i <= m; i++) {
            double tx = i * step, ty = j * step, tz = k * step;
            if (tx * tx + ty * ty + tz * tz <= range * range + 1e-9) pts.add(new double[]{tx, ty, tz});
        }
        size = pts.size();
        x = new double[size]; y = new double[size]; z = new double[size];
        for (int t = 0; t < size; t++) { x[t] = pts.get(t)[0]; y[t] = pts.get(t)[1]; z[t] = pts.get(t)[2]; }
    }

    /** e^{+2πi(k·d)/N} for the first m components (multiplying by it moves content by −d), into out (2m). */
    public static void phases(FourierComponents3D comp, int m, double dx, double dy, double dz, float[] out) {
        int r = comp.radius + 1, w = 2 * r + 1;
        double[] px = axis(comp.n, r, dx), py = axis(comp.n, r, dy), pz = axis(comp.n, r, dz);
        for (int i = 0; i < m; i++) {
            int a = 2 * (comp.kx[i] + r), b = 2 * (comp.ky[i] + r), c = 2 * (comp.kz[i] + r);
            double yr = py[b] * pz[c] - py[b + 1] * pz[c + 1], yi = py[b] * pz[c + 1] + py[b + 1] * pz[c];
            out[2 * i] = (float) (px[a] * yr - px[a + 1] * yi);
            out[2 * i + 1] = (float) (px[a] * yi + px[a + 1] * yr);
        }
        assert w > 0;
    }

    private static double[] axis(int n, int r, double d) {
        double[] t = new double[2 * (2 * r + 1)];
        for (int k = -r; k <= r; k++) {
            double turns = (k * d / n) % 1.0;
            double a = 2 * Math.PI * turns;
            t[2 * (k + r)] = Math.cos(a);
            t[2 * (k + r) + 1] = Math.sin(a);
        }
        return t;
    }
}
