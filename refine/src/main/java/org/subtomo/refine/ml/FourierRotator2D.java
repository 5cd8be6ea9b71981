package org.subtomo.refine.ml;

import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierShift;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

/**
 * In-plane rotation of a 2D reference in Fourier space (the E-step's "rotate the class, not the
 * particle"). The N×N image is gridding-corrected (÷ sinc²(πr/(pad·N))), zero-padded to pad·N,
 * transformed and centred once; {@link #sample} then reads the rotated reference at any list of
 * components by bilinear interpolation, with Hermitian folding for kx &lt; 0.
 *
 * <p>Convention (RELION's, ZYZ Euler with rot = tilt = 0): A(ψ) = [[cosψ, sinψ], [−sinψ, cosψ]];
 * the particle's sample at k equals the reference at Aᵀk, i.e. particle(r) = reference(Aᵀr).
 * Values are normalised (÷ N²) and centred, as {@link FourierComponents#gather}.
 *
 * <p>3D counterpart: {@link org.subtomo.core.fourier.FourierProjector} (rotate3D / central slices).
 */
public final class FourierRotator2D {
    private final int n, pad, p, hp;
    private final float[] data;

    public FourierRotator2D(RealGrid image, int pad) {
        if (image.nx != image.ny || !image.is2D()) throw new IllegalArgumentException("need a square 2D image: " + image);
        this.n = image.nx; this.pad = pad; this.p = pad * n; this.hp = p / 2 + 1;
        RealGrid padded = RealGrid.image(p, p);
        int c = n / 2, cp = p / 2;
        for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            double r = Math.hypot(x - c, y - c);
            double s = sinc(Math.PI * r / p);
            padded.set(x - c + cp, y - c + cp, (float) (image.get(x, y) / (s * s)));
        }
        FourierGrid f = Fft.forward(padded);
        FourierShift.originToCentre(f);
        float norm = 1f / ((float) n * n);
        for (int i = 0; i < f.data.length; i++) f.data[i] *= norm;
        this.data = f.data;
    }

    static double sinc(double x) { return x == 0 ? 1 : Math.sin(x) / x; }

    /** Rotated reference at the first m components: out = V(Aᵀk), interleaved (re, im). */
    public void sample(double psi, FourierComponents comp, int m, float[] out) {
        double c = Math.cos(psi), s = Math.sin(psi);
        for (int i = 0; i < m; i++) {
            double x = c * comp.kx[i] - s * comp.ky[i];
            double y = s * comp.kx[i] + c * comp.ky[i];
            interpolate(pad * x, pad * y, out, 2 * i);
        }
    }

    private void interpolate(double x, double y, float[] out, int at) {
        boolean conj = false;
        if (x < 0) { x = -x; y = -y; conj = true; }
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        double fx = x - x0, fy = y - y0;
        int x1 = Math.min(x0 + 1, hp - 1);
        int r0 = Math.floorMod(y0, p), r1 = Math.floorMod(y0 + 1, p);
        int a = 2 * (x0 + hp * r0), b = 2 * (x1 + hp * r0), cc = 2 * (x0 + hp * r1), d = 2 * (x1 + hp * r1);
        double w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
        double re = w00 * data[a] + w10 * data[b] + w01 * data[cc] + w11 * data[d];
        double im = w00 * data[a + 1] + w10 * data[b + 1] + w01 * data[cc + 1] + w11 * data[d + 1];
        out[at] = (float) re;
        out[at + 1] = (float) (conj ? -im : im);
    }
}
