package org.subtomo.refine.ml;

import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierShift;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

/**
 * M-step accumulator of one 2D class on a pad×-finer Fourier grid (RELION's backrotate2D): data
 * Σ w·CTF·X/σ² and weight Σ w·CTF²/σ², each image-frame component k splatted bilinearly at
 * pad·Aᵀk in the class frame (conjugated when folded to kx ≥ 0). {@link #reconstruct} is the
 * regularised (Wiener/MAP) estimate V = data / (weight + 1/(pad²·T·τ²)) per padded voxel, followed
 * by the inverse transform of the padded grid and windowing of the central N×N. Because data and
 * weight are splatted with the same kernel, the quotient needs no gridding (sinc²) correction.
 *
 * <p>3D counterpart (to write for Class3D/Refine3D): the same with a 3D padded half grid and
 * backrotate3D / backproject2Dto3D insertion; the reconstruction formula and SSNR are unchanged.
 */
public final class BackRotator2D {
    public final int n, pad, p, hp;
    final double[] data;    // interleaved, hp × p
    final double[] weight;  // hp × p

    public BackRotator2D(int n, int pad) {
        this.n = n; this.pad = pad; this.p = pad * n; this.hp = p / 2 + 1;
        this.data = new double[2 * hp * p];
        this.weight = new double[hp * p];
    }

    /**
     * Adds image-frame sums (components 0..m−1 of comp) taken at in-plane angle ψ: the class-frame
     * frequency of image component k is Aᵀk.
     */
    public void insert(double psi, FourierComponents comp, int m, double[] d, double[] w) {
        double c = Math.cos(psi), s = Math.sin(psi);
        for (int i = 0; i < m; i++) {
            double x = pad * (c * comp.kx[i] - s * comp.ky[i]);
            double y = pad * (s * comp.kx[i] + c * comp.ky[i]);
            double re = d[2 * i], im = d[2 * i + 1], wt = w[i];
            if (x < 0) { x = -x; y = -y; im = -im; }
            int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
            double fx = x - x0, fy = y - y0;
            splat(x0, y0, (1 - fx) * (1 - fy), re, im, wt);
            splat(x0 + 1, y0, fx * (1 - fy), re, im, wt);
            splat(x0, y0 + 1, (1 - fx) * fy, re, im, wt);
            splat(x0 + 1, y0 + 1, fx * fy, re, im, wt);
        }
    }

    private void splat(int x, int y, double f, double re, double im, double wt) {
        if (f == 0 || x >= hp) return;
        int j = x + hp * Math.floorMod(y, p);
        data[2 * j] += f * re;
        data[2 * j + 1] += f * im;
        weight[j] += f * wt;
    }

    /** The result of a reconstruction: the N×N class image and its SSNR^MAP per shell. */
    public record Result(RealGrid image, double[] ssnr) {}

    /** Below this shell no prior term is added (RELION's hidden --minres_map, 5): the lowest frequencies are not damped. */
    public static final int MINRES_MAP = 5;

    /**
     * V = data/(weight + 1/(pad²·T·τ²(ℓ))) for |k| ≤ maxShell (ℓ = round(|k_pad|/pad)), zero beyond;
     * SSNR(ℓ) = shell mean of weight·pad²·T·τ²(ℓ). As RELION: no prior term below {@link #MINRES_MAP}, and
     * where τ²(ℓ) is zero (a shell with no signal estimate yet, e.g. beyond the initial low-pass) the prior
     * term is 1000·weight, which suppresses the shell (×1/1001) until the signal there is estimated. Taking
     * the plain quotient there instead lets a whole iteration's worth of unregularised noise into the classes
     * at the start, which makes the first assignments overconfident (the random initial classes are then
     * fitted to noise and some empty out).
     */
    public Result reconstruct(double[] tau2, double tau2Fudge, int maxShell) {
        // Hermitian symmetry on the kx = 0 column: both members of a pair were stored; merge them.
        for (int y = 1; y < p / 2; y++) {
            int a = hp * y, b = hp * (p - y);
            double re = data[2 * a] + data[2 * b], im = data[2 * a + 1] - data[2 * b + 1], w = weight[a] + weight[b];
            data[2 * a] = re; data[2 * a + 1] = im; weight[a] = w;
            data[2 * b] = re; data[2 * b + 1] = -im; weight[b] = w;
        }
        FourierGrid f = new FourierGrid(p, p, 1);
        double[] ssnrSum = new double[maxShell + 1];
        long[] ssnrCount = new long[maxShell + 1];
        double scale = (double) n * n;
        for (int row = 0; row < p; row++) {
            int fy = row <= p / 2 ? row : row - p;
            for (int x = 0; x < hp; x++) {
                double r = Math.sqrt((double) x * x + (double) fy * fy) / pad;
                int sh = (int) Math.round(r);
                if (sh > maxShell) continue;
                int j = x + hp * row;
                double t2 = sh < tau2.length ? tau2[sh] : 0;
                double wt = weight[j];
                double reg = t2 > 1e-30 ? 1.0 / (pad * pad * tau2Fudge * t2) : 1000 * wt;
                if (sh < MINRES_MAP) reg = 0;
                if (wt + reg <= 0) continue;
                f.data[2 * j] = (float) (scale * data[2 * j] / (wt + reg));
                f.data[2 * j + 1] = (float) (scale * data[2 * j + 1] / (wt + reg));
                ssnrSum[sh] += wt * pad * pad * tau2Fudge * t2;
                ssnrCount[sh]++;
            }
        }
        FourierShift.originToCentre(f);
        RealGrid big = Fft.inverse(f);
        RealGrid out = RealGrid.image(n, n);
        int off = p / 2 - n / 2;
        for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) out.set(x, y, big.get(x + off, y + off));
        double[] ssnr = new double[maxShell + 1];
        for (int s = 0; s <= maxShell; s++) ssnr[s] = ssnrCount[s] > 0 ? ssnrSum[s] / ssnrCount[s] : 0;
        return new Result(out, ssnr);
    }
}
