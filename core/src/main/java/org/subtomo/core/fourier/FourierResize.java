package org.subtomo.core.fourier;

import org.subtomo.core.fft.Fft;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

/**
 * Fourier cropping (down-sampling: fewer, larger pixels) and padding (up-sampling by sinc
 * interpolation). The field of view stays the same; the pixel size becomes p·n/n'.
 *
 * <p>Frequencies present in both boxes are copied by signed index; the rest are dropped (crop) or
 * zero (pad). Values are multiplied by N'/N (voxel counts) so that, with the project's forward
 * unnormalised / inverse 1/N convention, real-space densities keep their magnitude (mean and peak
 * heights of a smooth map are unchanged). Nyquist components are copied as they are, not split
 * between ±n/2; that matters only for maps with power at Nyquist.
 */
public final class FourierResize {
    private FourierResize() {}

    /** The transform of the same field of view sampled on an nx × ny × nz grid. */
    public static FourierGrid resize(FourierGrid f, int nx, int ny, int nz) {
        FourierGrid out = new FourierGrid(nx, ny, nz);
        float scale = (float) ((double) nx * ny * nz / ((double) f.nx * f.ny * f.nz));
        int hx = Math.min(out.hx, f.hx);
        // A frequency exists in a box of size n if it lies in [-(n-1)/2 ... n/2] (FFT convention).
        int yLo = Math.max(-(f.ny - 1) / 2, -(ny - 1) / 2), yHi = Math.min(f.ny / 2, ny / 2);
        int zLo = Math.max(-(f.nz - 1) / 2, -(nz - 1) / 2), zHi = Math.min(f.nz / 2, nz / 2);
        for (int fz = zLo; fz <= zHi; fz++) for (int fy = yLo; fy <= yHi; fy++) {
            int src = f.index(0, f.rowY(fy), f.rowZ(fz)), dst = out.index(0, out.rowY(fy), out.rowZ(fz));
            for (int j = 0; j < 2 * hx; j++) out.data[dst + j] = f.data[src + j] * scale;
        }
        return out;
    }

    /** Real-space convenience: the map resampled onto an nx × ny × nz grid (same field of view). */
    public static RealGrid resize(RealGrid g, int nx, int ny, int nz) {
        return Fft.inverse(resize(Fft.forward(g), nx, ny, nz));
    }
}
