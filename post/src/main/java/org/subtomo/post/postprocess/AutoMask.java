package org.subtomo.post.postprocess;

import org.subtomo.core.error.InputException;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierFilters;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

/**
 * A solvent mask made from the map itself, as relion_mask_create does (protocol step 24): low-pass
 * the map, binarise at a density threshold (≥ threshold is inside), grow the binary mask by
 * {@code extend} pixels (voxels closer than that to it, strictly), then add a raised-cosine edge of
 * {@code softEdge} pixels: 0.5 + 0.5·cos(π·d/w) at distance d &lt; w from the grown mask. Distances are
 * exact Euclidean ({@link DistanceTransform}), so the result equals RELION's brute-force search
 * voxel for voxel, in linear instead of O(n·w³) time.
 *
 * @param lowPass   Å; ≤ 0 for none (RELION's filter with a 2-shell edge)
 * @param threshold density at which to binarise
 * @param extend    pixels to grow the binary mask (≥ 0)
 * @param softEdge  width of the cosine edge in pixels (≥ 0)
 */
public record AutoMask(double lowPass, double threshold, double extend, double softEdge) {

    public AutoMask {
        if (extend < 0) throw new InputException("--extend_inimask must be >= 0 pixels, got " + extend);
        if (softEdge < 0) throw new InputException("--width_mask_edge must be >= 0 pixels, got " + softEdge);
    }

    /** The mask for {@code map} (pixel size in Å, used by the low-pass). */
    public RealGrid compute(RealGrid map, double pixelSize) {
        RealGrid filtered = map;
        if (lowPass > 0) {
            FourierGrid f = Fft.forward(map);
            FourierFilters.lowPassRelion(f, pixelSize, lowPass, 2);
            filtered = Fft.inverse(f);
        }
        int n = map.size();
        boolean[] seed = new boolean[n];
        for (int i = 0; i < n; i++) seed[i] = filtered.data[i] >= threshold;
        boolean[] grown = seed;
        if (extend > 0) {
            double[] d2 = DistanceTransform.squared(seed, map.nx, map.ny, map.nz);
            double e2 = extend * extend;
            grown = new boolean[n];
            for (int i = 0; i < n; i++) grown[i] = d2[i] < e2;
        }
        RealGrid mask = new RealGrid(map.nx, map.ny, map.nz);
        double[] d2 = softEdge > 0 ? DistanceTransform.squared(grown, map.nx, map.ny, map.nz) : null;
        double w2 = softEdge * softEdge;
        for (int i = 0; i < n; i++) {
            if (grown[i]) mask.data[i] = 1;
            else if (d2 != null && d2[i] < w2) mask.data[i] = (float) (0.5 + 0.5 * Math.cos(Math.PI * Math.sqrt(d2[i]) / softEdge));
        }
        return mask;
    }

    /** Voxels with value ≥ 0.5 (a size that compares masks made by different programs). */
    public static long voxelsAtLeastHalf(RealGrid mask) {
        long c = 0;
        for (float v : mask.data) if (v >= 0.5f) c++;
        return c;
    }
}
