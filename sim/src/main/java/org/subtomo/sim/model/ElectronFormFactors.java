package org.subtomo.sim.model;

import java.util.Map;

/**
 * Elastic electron scattering factors of neutral atoms as sums of five Gaussians,
 * {@code f(s) = Σ a_i exp(-b_i s²)} with {@code s = sinθ/λ = k/2} (Å⁻¹) and f in Å — the
 * parametrisation of Peng, Ren, Dudarev & Whelan (1996) Acta Cryst. A52, 257-276, fitted for
 * 0 ≤ s ≤ 2 Å⁻¹ (International Tables for Crystallography Vol. C, Table 4.3.2.2).
 *
 * <p>Only the elements of proteins and nucleic acids are tabulated. Other elements are reported by
 * the density renderer as skipped (never silently dropped): their share of the scattering is tiny
 * for the complexes we simulate.
 */
public final class ElectronFormFactors {
    private ElectronFormFactors() {}

    /** Five amplitudes a_i (Å) and widths b_i (Å²). */
    public record Gaussians(double[] a, double[] b) {
        /** f(0) = Σ a_i: the forward scattering amplitude, proportional to the atom's integrated potential. */
        public double f0() { double s = 0; for (double v : a) s += v; return s; }

        /** f at s = sinθ/λ (Å⁻¹). */
        public double at(double s) {
            double f = 0;
            for (int i = 0; i < a.length; i++) f += a[i] * Math.exp(-b[i] * s * s);
            return f;
        }
    }

    private static final Map<String, Gaussians> TABLE = Map.of(
            "H", new Gaussians(new double[]{0.0349, 0.1201, 0.1970, 0.0573, 0.1195}, new double[]{0.5347, 3.5867, 12.3471, 18.9525, 38.6269}),
            "C", new Gaussians(new double[]{0.0893, 0.2563, 0.7570, 1.0487, 0.3575}, new double[]{0.2465, 1.7100, 6.4094, 18.6113, 50.2523}),
            "N", new Gaussians(new double[]{0.1022, 0.3219, 0.7982, 0.8197, 0.1715}, new double[]{0.2451, 1.7481, 6.1925, 17.3894, 48.1431}),
            "O", new Gaussians(new double[]{0.0974, 0.2921, 0.6910, 0.6990, 0.2039}, new double[]{0.2067, 1.3815, 4.6943, 12.7105, 32.4726}),
            "P", new Gaussians(new double[]{0.2548, 0.6106, 1.4541, 2.3204, 0.8477}, new double[]{0.2908, 1.8740, 8.5176, 24.3434, 63.2996}),
            "S", new Gaussians(new double[]{0.2497, 0.5628, 1.3899, 2.1865, 0.7715}, new double[]{0.2681, 1.6711, 7.0267, 19.5377, 50.3888}));

    /** The parameters of an element (upper-case symbol), or null when not tabulated. */
    public static Gaussians of(String element) { return TABLE.get(element); }
}
