package org.subtomo.core.fsc;

import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierShells;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

/**
 * Fourier shell (ring, in 2D) correlation of two maps:
 * FSC(ℓ) = Re Σ F₁F₂* / √(Σ|F₁|² · Σ|F₂|²) over the voxels of shell ℓ = round(|k|).
 * Sums run over the full sphere (Hermitian weights, see {@link FourierShells}), so a voxel and its
 * Friedel mate count as the two voxels they are; corners beyond Nyquist are left out.
 */
public final class Fsc {
    private Fsc() {}

    public static FscCurve compute(RealGrid a, RealGrid b, double pixelSize) {
        if (!a.sameShape(b)) throw new IllegalArgumentException("FSC of different shapes: " + a + " vs " + b);
        return compute(Fft.forward(a), Fft.forward(b), pixelSize);
    }

    public static FscCurve compute(FourierGrid a, FourierGrid b, double pixelSize) {
        if (!a.sameShape(b)) throw new IllegalArgumentException("FSC of different shapes: " + a + " vs " + b);
        int nShells = FourierShells.nyquistShell(a) + 1;
        double[] cross = new double[nShells], p1 = new double[nShells], p2 = new double[nShells];
        long[] count = new long[nShells];
        int[] shell = FourierShells.shellIndex(a);
        float[] x = a.data, y = b.data;
        for (int kz = 0, c = 0; kz < a.nz; kz++) for (int ky = 0; ky < a.ny; ky++) {
            for (int kx = 0; kx < a.hx; kx++, c++) {
                int s = shell[c];
                if (s >= nShells) continue;
                int w = FourierShells.hermitianWeight(kx, a.nx);
                int i = 2 * c;
                double ar = x[i], ai = x[i + 1], br = y[i], bi = y[i + 1];
                cross[s] += w * (ar * br + ai * bi);
                p1[s] += w * (ar * ar + ai * ai);
                p2[s] += w * (br * br + bi * bi);
                count[s] += w;
            }
        }
        double[] fsc = new double[nShells];
        for (int s = 0; s < nShells; s++) {
            double d = Math.sqrt(p1[s] * p2[s]);
            fsc[s] = d > 0 ? cross[s] / d : 0;
        }
        return new FscCurve(fsc, count, FourierShells.referenceSize(a), pixelSize);
    }
}
