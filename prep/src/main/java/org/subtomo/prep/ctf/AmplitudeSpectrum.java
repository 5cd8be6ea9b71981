package org.subtomo.prep.ctf;

import org.subtomo.core.fft.Fft;
import org.subtomo.core.fft.FftPlan;
import org.subtomo.core.grid.RealGrid;

import java.util.List;

/**
 * The averaged amplitude spectrum of one or more images, as CTFFIND computes it: the images are cut
 * into overlapping square tiles of the spectrum box (half a box apart, spread evenly from edge to
 * edge), each tile has its mean and linear slope (least-squares plane) removed and a cosine edge
 * taper applied, and the power spectra
 * |F|² of all tiles of all images are averaged; the amplitude is the square root of that average.
 *
 * <p>Layout: the r2c half grid of the box ({@code amp[kx + hx*ky]}, hx = box/2+1, row ky holding
 * frequency ky ≤ box/2 ? ky : ky − box), the same layout as {@link org.subtomo.core.ctf.Ctf#sampleHalf}.
 * One FFT plan per thread (from {@link Fft#plan}), reused for every tile.
 */
public final class AmplitudeSpectrum {
    public final int box;
    public final float[] amp;
    /** Number of tiles averaged. */
    public final int tiles;
    /**
     * The amplitude spectra of the tiles lying wholly in the lower and wholly in the upper half of
     * each image (along Y, the tilt axis, so both halves span the same defocus range of a tilted
     * image), or null when a half holds no whole tile (box &gt; ny/2): two measurements of the same
     * rings from disjoint pixels, whose disagreement measures the fit's own noise.
     */
    public final float[] halfA, halfB;

    private AmplitudeSpectrum(int box, float[] amp, int tiles, float[] halfA, float[] halfB) {
        this.box = box; this.amp = amp; this.tiles = tiles; this.halfA = halfA; this.halfB = halfB;
    }

    public int hx() { return box / 2 + 1; }

    /** Tile origins along one axis of length n: evenly spread, about half a box apart, covering the image. */
    static int[] tileOrigins(int n, int box) {
        if (n == box) return new int[] {0};
        int count = (int) Math.ceil((n - box) / (box / 2.0)) + 1;
        int[] o = new int[count];
        for (int i = 0; i < count; i++) o[i] = (int) Math.round((double) i * (n - box) / (count - 1));
        return o;
    }

    /** Separable taper: 1 inside, a raised cosine over {@code box/8} pixels at each edge. */
    static float[] taper(int box) {
        float[] w = new float[box];
        int e = Math.max(1, box / 8);
        for (int i = 0; i < box; i++) {
            int d = Math.min(i, box - 1 - i);
            w[i] = d >= e ? 1f : (float) (0.5 * (1 - Math.cos(Math.PI * (d + 0.5) / e)));
        }
        return w;
    }

    /** The averaged amplitude spectrum of all tiles of all images (each at least box × box). */
    public static AmplitudeSpectrum of(List<RealGrid> images, int box) { return of(images, box, 0, 1, 0); }

    /**
     * The same for images of a flat specimen tilted by {@code tiltDeg} about the Y axis, whose defocus
     * at the image centre is near {@code defocus} (Å): a tile centred u pixels from the centre sees
     * defocus Δf + u·p·tan θ ({@link org.subtomo.core.geom.TiltGeometry}'s height), so its rings are
     * denser or sparser than at the centre and would smear in the average; each tile's power spectrum is
     * resampled radially by √(Δf / (Δf + δ)), which puts its rings where Δf has them (the Cs term,
     * under 0.1 rad at 1/8 Å, is not rescaled). With tiltDeg 0 or defocus 0 this is {@link #of(List, int)}.
     */
    public static AmplitudeSpectrum of(List<RealGrid> images, int box, double tiltDeg, double pixelSize, double defocus) {
        int hx = box / 2 + 1;
        double[] power = new double[hx * box], powerA = new double[hx * box], powerB = new double[hx * box];
        float[] tile = new float[box * box];
        float[] f = new float[2 * hx * box];
        float[] w = taper(box);
        float[] tp = new float[hx * box], moved = new float[hx * box];
        FftPlan plan = Fft.plan(box, box, 1, 1);
        int count = 0, countA = 0, countB = 0;
        for (RealGrid img : images) {
            int[] ys = tileOrigins(img.ny, box), xs = tileOrigins(img.nx, box);
            if (!img.is2D() || img.nx < box || img.ny < box)
                throw new IllegalArgumentException("image " + img + " smaller than the spectrum box " + box);
            for (int iy = 0; iy < ys.length; iy++) {
                int y0 = ys[iy];
                for (int ix = 0; ix < xs.length; ix++) {
                    int x0 = xs[ix];
                    boolean inA = y0 + box <= img.ny / 2, inB = y0 >= img.ny - img.ny / 2;
                    // remove the least-squares plane (mean and slopes: a tilted image's gradient
                    // would otherwise put a cross of power along its direction)
                    double sum = 0, sx = 0, sy = 0, c = (box - 1) / 2.0;
                    for (int y = 0; y < box; y++) {
                        int src = x0 + img.nx * (y0 + y);
                        double rowSum = 0;
                        for (int x = 0; x < box; x++) {
                            double v = img.data[src + x];
                            rowSum += v;
                            sx += v * (x - c);
                        }
                        sum += rowSum;
                        sy += rowSum * (y - c);
                    }
                    double nn = (double) box * box, var = nn * (box * (double) box - 1) / 12.0;
                    double mean = sum / nn, gx = sx / var, gy = sy / var;
                    for (int y = 0; y < box; y++) {
                        int src = x0 + img.nx * (y0 + y);
                        float wy = w[y];
                        double rowBase = mean + gy * (y - c);
                        for (int x = 0; x < box; x++)
                            tile[x + box * y] = (float) ((img.data[src + x] - rowBase - gx * (x - c)) * wy * w[x]);
                    }
                    plan.forward(tile, f);
                    for (int i = 0; i < tp.length; i++) {
                        double re = f[2 * i], im = f[2 * i + 1];
                        tp[i] = (float) (re * re + im * im);
                    }
                    double delta = x0 + box / 2.0 - img.nx / 2.0;
                    delta *= pixelSize * Math.tan(Math.toRadians(tiltDeg));
                    float[] use = defocus > 0 && delta != 0 ? rescale(tp, box, Math.sqrt(defocus / Math.max(defocus + delta, 0.1 * defocus)), moved) : tp;
                    for (int i = 0; i < power.length; i++) {
                        double pw = use[i];
                        power[i] += pw;
                        if (inA) powerA[i] += pw;
                        if (inB) powerB[i] += pw;
                    }
                    count++;
                    if (inA) countA++;
                    if (inB) countB++;
                }
            }
        }
        float[] amp = new float[power.length];
        for (int i = 0; i < amp.length; i++) amp[i] = (float) Math.sqrt(power[i] / count);
        amp[0] = 0; // DC carries only what the mean removal left
        float[] a = null, b = null;
        if (countA > 0 && countB > 0) {
            a = new float[power.length];
            b = new float[power.length];
            for (int i = 1; i < amp.length; i++) {
                a[i] = (float) Math.sqrt(powerA[i] / countA);
                b[i] = (float) Math.sqrt(powerB[i] / countB);
            }
        }
        return new AmplitudeSpectrum(box, amp, count, a, b);
    }

    /** out(k) = in(k·f) on the half grid (bilinear; Friedel mates for kx &lt; 0; 0 beyond the grid). */
    static float[] rescale(float[] in, int box, double f, float[] out) {
        int hx = box / 2 + 1;
        for (int ky = 0; ky < box; ky++) {
            int fy = ky <= box / 2 ? ky : ky - box;
            for (int kx = 0; kx < hx; kx++) {
                double x = kx * f, y = fy * f;
                int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
                double tx = x - x0, ty = y - y0;
                double v = 0;
                for (int dy = 0; dy < 2; dy++)
                    for (int dx = 0; dx < 2; dx++) {
                        double wgt = (dx == 0 ? 1 - tx : tx) * (dy == 0 ? 1 - ty : ty);
                        if (wgt == 0) continue;
                        v += wgt * at(in, box, x0 + dx, y0 + dy);
                    }
                out[kx + hx * ky] = (float) v;
            }
        }
        return out;
    }

    /** Power at integer frequency (kx, ky) of a half grid, through Friedel symmetry; 0 outside. */
    private static float at(float[] half, int box, int kx, int ky) {
        if (kx < 0) { kx = -kx; ky = -ky; }
        if (kx > box / 2 || ky > box / 2 || ky < -box / 2) return 0;
        return half[kx + (box / 2 + 1) * (ky >= 0 ? ky : ky + box)];
    }
}
