package org.subtomo.core.fft;

import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * A 1D JTransforms transform of one length, in single precision when the length factors into
 * 2, 3 and 5 (JTransforms' mixed-radix path, accurate to ~1e-7), otherwise in double precision:
 * for other lengths JTransforms falls back to Bluestein's algorithm, whose float version loses
 * 2 digits (1e-5 relative error at n = 127), more than our cross-backend tolerance allows.
 * Such box sizes are rare, so the double route's extra cost rarely matters.
 */
final class Line1D {
    private final int n;
    private final FloatFFT_1D f;
    private final DoubleFFT_1D d;
    private final double[] buf;

    Line1D(int n) {
        this.n = n;
        if (smooth(n)) { f = new FloatFFT_1D(n); d = null; buf = null; }
        else { f = null; d = new DoubleFFT_1D(n); buf = new double[2 * n]; }
    }

    static boolean smooth(int n) {
        for (int p : new int[]{2, 3, 5}) while (n % p == 0) n /= p;
        return n == 1;
    }

    /** JTransforms' packed real forward transform of a[0..n). */
    void realForward(float[] a) {
        if (f != null) { f.realForward(a); return; }
        for (int i = 0; i < n; i++) buf[i] = a[i];
        d.realForward(buf);
        for (int i = 0; i < n; i++) a[i] = (float) buf[i];
    }

    /** Inverse of {@link #realForward}, scaled by 1/n. */
    void realInverse(float[] a) {
        if (f != null) { f.realInverse(a, true); return; }
        for (int i = 0; i < n; i++) buf[i] = a[i];
        d.realInverse(buf, true);
        for (int i = 0; i < n; i++) a[i] = (float) buf[i];
    }

    /** Complex transform of n interleaved values at a[off..off+2n); inverse scales by 1/n. */
    void complex(float[] a, int off, boolean inverse) {
        if (f != null) {
            if (inverse) f.complexInverse(a, off, true); else f.complexForward(a, off);
            return;
        }
        for (int i = 0; i < 2 * n; i++) buf[i] = a[off + i];
        if (inverse) d.complexInverse(buf, true); else d.complexForward(buf);
        for (int i = 0; i < 2 * n; i++) a[off + i] = (float) buf[i];
    }
}
