package org.subtomo.refine.ml;

/**
 * The translational part of the E-step for one particle: the particle transform pre-multiplied, once
 * per candidate shift t, by e^{+2πik·t/N}·CTF/σ², so that each (orientation, shift) score is a single
 * dot product with the rotated reference:
 * D = Σ|X|²/2σ² + Σ CTF²|A|²/2σ² − Σ Re(X·e^{2πik·t/N}·CTF·Ā)/σ² (the first term is pose independent).
 */
final class ShiftSearch {
    private ShiftSearch() {}

    /** out = z·phase·ctfInv on the first m components (complex × complex × real). */
    static void premultiply(float[] z, float[] phase, float[] ctfInv, int m, float[] out) {
        for (int q = 0; q < m; q++) {
            float a = z[2 * q], b = z[2 * q + 1], c = phase[2 * q], e = phase[2 * q + 1], f = ctfInv[q];
            out[2 * q] = (a * c - b * e) * f;
            out[2 * q + 1] = (a * e + b * c) * f;
        }
    }

    /** Σ Re(y·conj(a)) over the first m components. */
    static float cross(float[] y, float[] a, int m) {
        float s = 0;
        for (int q = 0; q < 2 * m; q++) s += y[q] * a[q];
        return s;
    }

    /** ½ Σ ctf²/σ² |a|² over the first m components. */
    static double power(float[] a, float[] ctf2Inv, int m) {
        float s = 0;
        for (int q = 0; q < m; q++) s += ctf2Inv[q] * (a[2 * q] * a[2 * q] + a[2 * q + 1] * a[2 * q + 1]);
        return 0.5 * s;
    }

    /**
     * Index of the smallest weight still inside the significant set: weights sorted in descending order
     * are summed until they exceed fraction·total; every weight ≥ the last accepted one is significant.
     */
    static double threshold(double[] w, int count, double fraction, double total) {
        double[] sorted = java.util.Arrays.copyOf(w, count);
        java.util.Arrays.sort(sorted);
        double cum = 0, cut = fraction * total;
        for (int i = count - 1; i >= 0; i--) {
            cum += sorted[i];
            if (cum >= cut) return sorted[i];
        }
        return sorted[0];
    }
}
