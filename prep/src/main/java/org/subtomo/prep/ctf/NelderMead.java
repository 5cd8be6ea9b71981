package org.subtomo.prep.ctf;

import java.util.function.ToDoubleFunction;

/** A small Nelder–Mead simplex minimiser (standard coefficients 1, 2, ½, ½). */
final class NelderMead {
    private NelderMead() {}

    static double[] minimise(ToDoubleFunction<double[]> f, double[] x0, double[] step, int maxEval, double tol) {
        int n = x0.length;
        double[][] s = new double[n + 1][];
        double[] fv = new double[n + 1];
        s[0] = x0.clone();
        for (int i = 0; i < n; i++) { s[i + 1] = x0.clone(); s[i + 1][i] += step[i]; }
        for (int i = 0; i <= n; i++) fv[i] = f.applyAsDouble(s[i]);
        int evals = n + 1;
        while (evals < maxEval) {
            // order: best first
            for (int i = 1; i <= n; i++) {
                for (int j = i; j > 0 && fv[j] < fv[j - 1]; j--) {
                    double t = fv[j]; fv[j] = fv[j - 1]; fv[j - 1] = t;
                    double[] ts = s[j]; s[j] = s[j - 1]; s[j - 1] = ts;
                }
            }
            if (Math.abs(fv[n] - fv[0]) <= tol * (Math.abs(fv[0]) + 1e-12)) break;
            double[] c = new double[n];
            for (int i = 0; i < n; i++) for (int k = 0; k < n; k++) c[k] += s[i][k] / n;
            double[] xr = along(c, s[n], -1);
            double fr = f.applyAsDouble(xr); evals++;
            if (fr < fv[0]) {
                double[] xe = along(c, s[n], -2);
                double fe = f.applyAsDouble(xe); evals++;
                if (fe < fr) { s[n] = xe; fv[n] = fe; } else { s[n] = xr; fv[n] = fr; }
            } else if (fr < fv[n - 1]) {
                s[n] = xr; fv[n] = fr;
            } else {
                boolean outside = fr < fv[n];
                double[] xc = along(c, outside ? xr : s[n], 0.5);
                double fc = f.applyAsDouble(xc); evals++;
                if (fc < Math.min(fr, fv[n])) { s[n] = xc; fv[n] = fc; }
                else {
                    for (int i = 1; i <= n; i++) {
                        for (int k = 0; k < n; k++) s[i][k] = s[0][k] + 0.5 * (s[i][k] - s[0][k]);
                        fv[i] = f.applyAsDouble(s[i]); evals++;
                    }
                }
            }
        }
        int bi = 0;
        for (int i = 1; i <= n; i++) if (fv[i] < fv[bi]) bi = i;
        return s[bi];
    }

    /** c + t·(x − c). */
    private static double[] along(double[] c, double[] x, double t) {
        double[] o = new double[c.length];
        for (int k = 0; k < c.length; k++) o[k] = c[k] + t * (x[k] - c[k]);
        return o;
    }
}
