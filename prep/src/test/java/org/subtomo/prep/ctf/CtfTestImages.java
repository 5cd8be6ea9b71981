package org.subtomo.prep.ctf;

import org.subtomo.core.ctf.Ctf;
import org.subtomo.core.ctf.CtfParams;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

import java.util.SplittableRandom;

/** Synthetic tilt images with a known CTF. */
final class CtfTestImages {
    private CtfTestImages() {}

    /**
     * 1/f-coloured Gaussian signal filtered by the CTF (with a B-factor envelope), plus independent
     * white noise at the given signal-to-noise variance ratio, plus a linear ramp (background slope).
     */
    static RealGrid image(int n, double pixel, CtfParams ctf, double snr, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        RealGrid sig = RealGrid.image(n, n);
        for (int i = 0; i < sig.data.length; i++) sig.data[i] = (float) gauss(rnd);
        FourierGrid f = Fft.forward(sig);
        float[] c = new Ctf(ctf).sampleHalf(n, n, pixel, Ctf.Mode.VALUE);
        int hx = n / 2 + 1;
        for (int ky = 0; ky < n; ky++) {
            int fy = ky <= n / 2 ? ky : ky - n;
            for (int kx = 0; kx < hx; kx++) {
                double s = Math.hypot(kx, fy) / (n * pixel);
                double colour = 1 / (1 + s * 40); // 1/f-like above 1/40 Å
                int i = kx + hx * ky;
                f.data[2 * i] *= (float) (c[i] * colour);
                f.data[2 * i + 1] *= (float) (c[i] * colour);
            }
        }
        RealGrid out = Fft.inverse(f);
        double var = 0;
        for (float v : out.data) var += v * v;
        var /= out.data.length;
        double sn = Math.sqrt(var / snr);
        double ramp = 3 * Math.sqrt(var + sn * sn);
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
                out.data[x + n * y] += (float) (sn * gauss(rnd) + ramp * (x + 0.5 * y) / n + 10);
        return out;
    }

    static RealGrid noise(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        RealGrid g = RealGrid.image(n, n);
        for (int i = 0; i < g.data.length; i++) g.data[i] = (float) gauss(rnd);
        return g;
    }

    static double gauss(SplittableRandom r) {
        double u = r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** Difference of two angles modulo 180°, in [0, 90]. */
    static double angleDiff(double a, double b) {
        double d = Math.abs(((a - b) % 180 + 180) % 180);
        return Math.min(d, 180 - d);
    }
}
