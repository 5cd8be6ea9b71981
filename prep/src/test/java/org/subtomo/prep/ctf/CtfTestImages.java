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

    /**
     * A flat specimen tilted by {@code tiltDeg} about Y: the same 1/f-coloured texture everywhere, but
     * column u (pixels from the centre) filtered by the CTF at defocus + u·pixel·tan θ (TiltGeometry's
     * height of the mid-plane), built from strips of {@code strip} columns, plus white noise at the
     * given signal-to-noise variance ratio.
     */
    static RealGrid tiltedImage(int n, double pixel, CtfParams ctf, double tiltDeg, double snr, int strip, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        RealGrid sig = RealGrid.image(n, n);
        for (int i = 0; i < sig.data.length; i++) sig.data[i] = (float) gauss(rnd);
        FourierGrid white = Fft.forward(sig);
        RealGrid out = RealGrid.image(n, n);
        int hx = n / 2 + 1;
        double slope = pixel * Math.tan(Math.toRadians(tiltDeg));
        for (int x0 = 0; x0 < n; x0 += strip) {
            double delta = (x0 + strip / 2.0 - n / 2.0) * slope;
            CtfParams local = new CtfParams(ctf.defocusU() + delta, ctf.defocusV() + delta, ctf.defocusAngle(), ctf.voltage(), ctf.cs(),
                    ctf.amplitudeContrast(), ctf.phaseShift(), ctf.bFactor(), ctf.scale());
            float[] c = new Ctf(local).sampleHalf(n, n, pixel, Ctf.Mode.VALUE);
            FourierGrid f = new FourierGrid(n, n, 1);
            for (int ky = 0; ky < n; ky++) {
                int fy = ky <= n / 2 ? ky : ky - n;
                for (int kx = 0; kx < hx; kx++) {
                    double colour = 1 / (1 + Math.hypot(kx, fy) / (n * pixel) * 40);
                    int i = kx + hx * ky;
                    f.data[2 * i] = (float) (white.data[2 * i] * c[i] * colour);
                    f.data[2 * i + 1] = (float) (white.data[2 * i + 1] * c[i] * colour);
                }
            }
            RealGrid part = Fft.inverse(f);
            for (int y = 0; y < n; y++)
                for (int x = x0; x < Math.min(n, x0 + strip); x++) out.data[x + n * y] = part.data[x + n * y];
        }
        double var = 0;
        for (float v : out.data) var += v * v;
        var /= out.data.length;
        double sn = Math.sqrt(var / snr);
        for (int i = 0; i < out.data.length; i++) out.data[i] += (float) (sn * gauss(rnd) + 10);
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
