package org.subtomo.core.mask;

import org.subtomo.core.grid.RealGrid;

/**
 * RELION's particle normalisation: the background — voxels strictly outside a circle (2D) or
 * sphere (3D) of radius {@code bgRadius} pixels around (nx/2, ny/2, nz/2) — is brought to mean 0
 * and standard deviation 1 (population stddev). {@link #normaliseWithRamp} first subtracts a
 * least-squares plane fitted to the background, as RELION does by default for 2D images
 * ({@code relion_preprocess --norm} without {@code --no_ramp}). Dust removal is not done here.
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

    /**
     * RELION's {@code subtractBackgroundRamp}, in place, 2D only: fits the plane a·x + b·y + c (x, y relative to
     * (nx/2, ny/2)) by least squares to the background pixels (r &gt; bgRadius) and subtracts it from every
     * pixel. Returns {a, b, c}.
     */
    public static double[] subtractBackgroundRamp(RealGrid g, double bgRadius) {
        if (!g.is2D()) throw new IllegalArgumentException("background ramp subtraction is for 2D images only (as in RELION), got " + g);
        double r2Max = bgRadius * bgRadius;
        int cx = g.nx / 2, cy = g.ny / 2;
        // normal equations of min Σ (a x + b y + c − v)²
        double sxx = 0, sxy = 0, sx = 0, syy = 0, sy = 0, n = 0, sxv = 0, syv = 0, sv = 0;
        for (int y = 0; y < g.ny; y++) for (int x = 0; x < g.nx; x++) {
            double dx = x - cx, dy = y - cy;
            if (dx * dx + dy * dy <= r2Max) continue;
            double v = g.get(x, y);
            sxx += dx * dx; sxy += dx * dy; sx += dx; syy += dy * dy; sy += dy; n++;
            sxv += dx * v; syv += dy * v; sv += v;
        }
        if (n < 3) throw new IllegalArgumentException("too few background pixels outside radius " + bgRadius + " to fit a plane in " + g);
        double[] abc = solve3(new double[][]{{sxx, sxy, sx}, {sxy, syy, sy}, {sx, sy, n}}, new double[]{sxv, syv, sv});
        for (int y = 0; y < g.ny; y++) for (int x = 0; x < g.nx; x++)
            g.set(x, y, (float) (g.get(x, y) - (abc[0] * (x - cx) + abc[1] * (y - cy) + abc[2])));
        return abc;
    }

    /** RELION's default 2D normalisation: {@link #subtractBackgroundRamp}, then {@link #normalise}. */
    public static Stats normaliseWithRamp(RealGrid g, double bgRadius) {
        subtractBackgroundRamp(g, bgRadius);
        return normalise(g, bgRadius);
    }

    /** Solves m·v = r (3×3) by Gaussian elimination with partial pivoting. */
    private static double[] solve3(double[][] m, double[] r) {
        for (int c = 0; c < 3; c++) {
            int p = c;
            for (int k = c + 1; k < 3; k++) if (Math.abs(m[k][c]) > Math.abs(m[p][c])) p = k;
            double[] t = m[c]; m[c] = m[p]; m[p] = t;
            double u = r[c]; r[c] = r[p]; r[p] = u;
            if (m[c][c] == 0) throw new IllegalArgumentException("background pixels do not determine a plane");
            for (int k = c + 1; k < 3; k++) {
                double f = m[k][c] / m[c][c];
                for (int j = c; j < 3; j++) m[k][j] -= f * m[c][j];
                r[k] -= f * r[c];
            }
        }
        double[] v = new double[3];
        for (int c = 2; c >= 0; c--) {
            double s = r[c];
            for (int j = c + 1; j < 3; j++) s -= m[c][j] * v[j];
            v[c] = s / m[c][c];
        }
        return v;
    }
}
