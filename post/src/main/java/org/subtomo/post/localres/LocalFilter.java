package org.subtomo.post.localres;

import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierFilters;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

/**
 * A map low-passed voxel by voxel to its local resolution (RELION's {@code _locres_filtered.mrc}): the map
 * is low-passed (RELION's raised-cosine filter) at a ladder of resolutions spaced {@code step} Å apart
 * over the range the local-resolution map spans, and each voxel takes the linear interpolation between
 * the two rungs around its own value. One FFT and one inverse per rung instead of one per voxel or window.
 */
public final class LocalFilter {
    private LocalFilter() {}

    /** At most this many rungs: the step grows for wide ranges, so a 128³ map costs ~80 FFTs at most. */
    public static final int MAX_RUNGS = 40;

    /** {@link #apply(RealGrid, RealGrid, double, double)} with 0.5 Å rungs, or wider ones for wide ranges. */
    public static RealGrid apply(RealGrid map, RealGrid localRes, double pixelSize) {
        double lo = Double.MAX_VALUE, hi = 0;
        for (float v : localRes.data) if (v > 0) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        return apply(map, localRes, pixelSize, Math.max(0.5, (hi - lo) / (MAX_RUNGS - 1)));
    }

    /** {@code map} filtered to {@code localRes} (Å per voxel; voxels ≤ 0 are set to 0). */
    public static RealGrid apply(RealGrid map, RealGrid localRes, double pixelSize, double step) {
        if (!map.sameShape(localRes)) throw new IllegalArgumentException("map and local resolution differ in shape");
        double lo = Double.MAX_VALUE, hi = 0;
        for (float v : localRes.data) if (v > 0) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        RealGrid out = new RealGrid(map.nx, map.ny, map.nz);
        if (hi == 0) return out;
        lo = Math.max(lo, 2 * pixelSize);
        int rungs = Math.max(1, (int) Math.ceil((hi - lo) / step) + 1);
        FourierGrid f = Fft.forward(map);
        RealGrid below = null; // the rung at the finer resolution of the current pair
        for (int r = 0; r < rungs; r++) {
            double res = lo + r * step;
            FourierGrid c = f.copy();
            FourierFilters.lowPassRelion(c, pixelSize, res, 2);
            RealGrid g = Fft.inverse(c);
            for (int i = 0; i < out.data.length; i++) {
                float v = localRes.data[i];
                if (v <= 0) continue;
                if (r == 0 && v <= res) out.data[i] = g.data[i];
                else if (below != null && v > res - step && v <= res) {
                    double t = (v - (res - step)) / step;
                    out.data[i] = (float) ((1 - t) * below.data[i] + t * g.data[i]);
                } else if (r == rungs - 1 && v > res) out.data[i] = g.data[i];
            }
            below = g;
        }
        return out;
    }
}
