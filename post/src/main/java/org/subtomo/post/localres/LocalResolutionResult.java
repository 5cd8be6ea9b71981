package org.subtomo.post.localres;

import org.subtomo.core.grid.RealGrid;

import java.nio.file.Path;
import java.util.List;

/**
 * @param map        local resolution (Å) per voxel; 0 where no window reaches
 * @param filtered   the average of the halves (sharpened with --adhoc_bfac) low-passed to the local resolution
 * @param points     number of sampled points (window centres)
 * @param inMask     local resolution of the voxels with mask ≥ 0.5, sorted
 * @param windowBox  box (pixels) each window's FSC is computed in
 */
public record LocalResolutionResult(RealGrid map, RealGrid filtered, int points, float[] inMask, int windowBox, double pixelSize,
                                    String summary, List<Path> outputs) {

    public double percentile(double q) {
        if (inMask.length == 0) return Double.NaN;
        int i = (int) Math.min(inMask.length - 1, Math.max(0, Math.round(q * (inMask.length - 1))));
        return inMask[i];
    }

    public double median() { return percentile(0.5); }

    public LocalResolutionResult withOutputs(List<Path> files) {
        return new LocalResolutionResult(map, filtered, points, inMask, windowBox, pixelSize, summary, List.copyOf(files));
    }
}
