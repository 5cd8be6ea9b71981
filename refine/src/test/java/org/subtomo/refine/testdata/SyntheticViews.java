package org.subtomo.refine.testdata;

import org.subtomo.core.grid.RealGrid;

import java.util.SplittableRandom;

/**
 * Ground truth for 2D classification tests: a few distinct "views" (sums of Gaussian blobs),
 * particles = view rotated by ψ (RELION's convention: particle(r) = view(Aᵀ(r − t)), A = R(ψ)) and
 * shifted by t, plus white Gaussian noise at a given SNR (signal variance / noise variance over
 * the box).
 */
public final class SyntheticViews {
    public final int n;
    public final double[][][] blobs;   // [view][blob] = {x, y, sigma, amplitude}
    public final float[][] images;
    public final int[] view;
    public final double[] psiDeg, tx, ty;
    public final double noiseSigma;

    public SyntheticViews(int n, int particles, double snr, double maxShift, long seed) {
        this.n = n;
        blobs = new double[][][]{
                {{-8.7, -5, 3.0, 1}, {8.7, -5, 3.0, 1}, {0, 10, 3.0, 1}},                // triangle
                {{-10, 0, 3.5, 1.2}, {10, 0, 3.5, 1.2}, {0, 0, 2.0, 0.5}},               // dumbbell
                {{0, 0, 5.0, 1.3}, {0, -12, 2.5, 1.0}},                                   // big blob + satellite
        };
        SplittableRandom r = new SplittableRandom(seed);
        images = new float[particles][];
        view = new int[particles];
        psiDeg = new double[particles]; tx = new double[particles]; ty = new double[particles];
        double signalVar = 0;
        float[][] clean = new float[particles][];
        for (int i = 0; i < particles; i++) {
            view[i] = i % blobs.length;
            psiDeg[i] = r.nextDouble() * 360;
            double rad = maxShift * Math.sqrt(r.nextDouble()), ang = r.nextDouble() * 2 * Math.PI;
            tx[i] = rad * Math.cos(ang); ty[i] = rad * Math.sin(ang);
            clean[i] = render(view[i], psiDeg[i], tx[i], ty[i]).data;
            RealGrid g = new RealGrid(n, n, 1, clean[i]);
            double sd = g.stddev();
            signalVar += sd * sd;
        }
        signalVar /= particles;
        noiseSigma = Math.sqrt(signalVar / snr);
        for (int i = 0; i < particles; i++) {
            float[] im = clean[i].clone();
            for (int q = 0; q < im.length; q++) im[q] += (float) (r.nextGaussian() * noiseSigma);
            images[i] = im;
        }
    }

    /** View v rotated by ψ and shifted by (sx, sy): blob centre b goes to A·b + t. */
    public RealGrid render(int v, double psiDegrees, double sx, double sy) {
        RealGrid g = RealGrid.image(n, n);
        double p = Math.toRadians(psiDegrees), c = Math.cos(p), s = Math.sin(p);
        for (double[] b : blobs[v]) {
            double bx = c * b[0] + s * b[1] + sx, by = -s * b[0] + c * b[1] + sy;
            double inv = 1 / (2 * b[2] * b[2]);
            for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
                double dx = x - n / 2 - bx, dy = y - n / 2 - by;
                g.data[x + n * y] += (float) (b[3] * Math.exp(-(dx * dx + dy * dy) * inv));
            }
        }
        return g;
    }

    /** Best correlation of an image with view v over ψ (3° steps) and shifts (1 px, ±2 px): {cc, ψ, sx, sy}. */
    public double[] bestAlignment(RealGrid img, int v) {
        double[] best = {-2, 0, 0, 0};
        for (double psi = 0; psi < 360; psi += 3) for (double sy = -2; sy <= 2; sy += 1) for (double sx = -2; sx <= 2; sx += 1) {
            double cc = correlation(img, render(v, psi, sx, sy));
            if (cc > best[0]) best = new double[]{cc, psi, sx, sy};
        }
        return best;
    }

    public static double correlation(RealGrid a, RealGrid b) {
        double ma = a.mean(), mb = b.mean(), sab = 0, saa = 0, sbb = 0;
        for (int q = 0; q < a.data.length; q++) {
            double x = a.data[q] - ma, y = b.data[q] - mb;
            sab += x * y; saa += x * x; sbb += y * y;
        }
        return sab / Math.sqrt(saa * sbb + 1e-300);
    }
}
