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

    /**
     * Σ Re(y·conj(a)) over the first m components, as four interleaved partial sums: one running float sum waits
     * on each addition (the JIT may not reorder float sums), four keep the adder busy. Fixed order: deterministic.
     */
    static float cross(float[] y, float[] a, int m) {
        int len = 2 * m, q = 0;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (; q + 4 <= len; q += 4) {
            s0 += y[q] * a[q]; s1 += y[q + 1] * a[q + 1]; s2 += y[q + 2] * a[q + 2]; s3 += y[q + 3] * a[q + 3];
        }
        for (; q < len; q++) s0 += y[q] * a[q];
        return (s0 + s1) + (s2 + s3);
    }

    /** ½ Σ ctf²/σ² |a|² over the first m components (two interleaved partial sums, as in {@link #cross}). */
    static double power(float[] a, float[] ctf2Inv, int m) {
        float s0 = 0, s1 = 0;
        int q = 0;
        for (; q + 2 <= m; q += 2) {
            s0 += ctf2Inv[q] * (a[2 * q] * a[2 * q] + a[2 * q + 1] * a[2 * q + 1]);
            s1 += ctf2Inv[q + 1] * (a[2 * q + 2] * a[2 * q + 2] + a[2 * q + 3] * a[2 * q + 3]);
        }
        for (; q < m; q++) s0 += ctf2Inv[q] * (a[2 * q] * a[2 * q] + a[2 * q + 1] * a[2 * q + 1]);
        return 0.5 * (s0 + s1);
    }

    /**
     * Index of the smallest weight still inside the significant set: weights sorted in descending order
     * are summed until they exceed fraction·total; every weight ≥ the last accepted one is significant.
     * {@code scratch} (length ≥ count) holds the sorted copy.
     */
    static double threshold(double[] w, int count, double fraction, double total, double[] scratch) {
        double[] sorted = scratch;
        System.arraycopy(w, 0, sorted, 0, count);
        java.util.Arrays.sort(sorted, 0, count);
        double cum = 0, cut = fraction * total;
        for (int i = count - 1; i >= 0; i--) {
            cum += sorted[i];
            if (cum >= cut) return sorted[i];
        }
        return sorted[0];
    }

    /**
     * All cross terms out[o·nt + t] = Σ Re(y_t·conj(a_o)) over the first m components, 4 orientations × 2
     * shifts at a time: eight independent sums per pass keep the floating-point units busy where one
     * running sum would wait on each addition. Each sum still runs in component order, so the result
     * does not depend on the blocking.
     */
    static void crossAll(float[][] refs, int no, float[][] y, int nt, int m, double[] out) {
        int len = 2 * m;
        int o = 0;
        for (; o + 4 <= no; o += 4) {
            float[] a0 = refs[o], a1 = refs[o + 1], a2 = refs[o + 2], a3 = refs[o + 3];
            int t = 0;
            for (; t + 2 <= nt; t += 2) {
                float[] y0 = y[t], y1 = y[t + 1];
                float s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
                for (int q = 0; q < len; q++) {
                    float x0 = y0[q], x1 = y1[q];
                    float b0 = a0[q], b1 = a1[q], b2 = a2[q], b3 = a3[q];
                    s00 += b0 * x0; s01 += b0 * x1;
                    s10 += b1 * x0; s11 += b1 * x1;
                    s20 += b2 * x0; s21 += b2 * x1;
                    s30 += b3 * x0; s31 += b3 * x1;
                }
                out[o * nt + t] = s00; out[o * nt + t + 1] = s01;
                out[(o + 1) * nt + t] = s10; out[(o + 1) * nt + t + 1] = s11;
                out[(o + 2) * nt + t] = s20; out[(o + 2) * nt + t + 1] = s21;
                out[(o + 3) * nt + t] = s30; out[(o + 3) * nt + t + 1] = s31;
            }
            for (; t < nt; t++) {
                float[] y0 = y[t];
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (int q = 0; q < len; q++) {
                    float x0 = y0[q];
                    s0 += a0[q] * x0; s1 += a1[q] * x0; s2 += a2[q] * x0; s3 += a3[q] * x0;
                }
                out[o * nt + t] = s0; out[(o + 1) * nt + t] = s1; out[(o + 2) * nt + t] = s2; out[(o + 3) * nt + t] = s3;
            }
        }
        for (; o < no; o++) for (int t = 0; t < nt; t++) out[o * nt + t] = cross(y[t], refs[o], m);
    }
}
