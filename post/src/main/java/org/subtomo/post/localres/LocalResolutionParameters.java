package org.subtomo.post.localres;

import java.nio.file.Path;

/**
 * {@code subtomo localres}: RELION's option names ({@code relion_postprocess --locres}).
 *
 * @param half1        --i: unfiltered half map 1
 * @param half2        --i2: null = the name of half 1 with "half1" replaced by "half2"
 * @param mask         --mask: solvent mask; local resolution is estimated at sampled points where it is ≥ 0.5
 * @param outputRoot   --o: ROOT → ROOT_locres.mrc, ROOT_locres_histogram.png/.svg, ROOT_locres.txt
 * @param pixelSize    --angpix (Å); ≤ 0 = from the headers
 * @param sampling     --locres_sampling (Å): spacing of the sampled points
 * @param maskRadius   --locres_maskrad (Å): radius of each spherical window; ≤ 0 = sampling / 2
 * @param edgeWidth    --locres_edgwidth (Å): its soft edge; ≤ 0 = sampling
 * @param randomiseAt  --locres_randomize_at (Å): phases randomised beyond this for the Chen correction
 * @param minRes       --locres_minres (Å): the coarsest value written
 * @param randomSeed   --random_seed
 * @param adHocBFactor --adhoc_bfac (Å²): sharpening of the locally filtered map (0 = none)
 */
public record LocalResolutionParameters(Path half1, Path half2, Path mask, Path outputRoot, double pixelSize,
                                        double sampling, double maskRadius, double edgeWidth,
                                        double randomiseAt, double minRes, long randomSeed, double adHocBFactor) {

    public static LocalResolutionParameters defaults(Path half1, Path mask, Path outputRoot) {
        return new LocalResolutionParameters(half1, null, mask, outputRoot, -1, 25, -1, -1, 25, 50, 0, 0);
    }

    public double effectiveMaskRadius() { return maskRadius > 0 ? maskRadius : sampling / 2; }
    public double effectiveEdgeWidth() { return edgeWidth > 0 ? edgeWidth : sampling; }

    public LocalResolutionParameters withPixelSize(double a) { return new LocalResolutionParameters(half1, half2, mask, outputRoot, a, sampling, maskRadius, edgeWidth, randomiseAt, minRes, randomSeed, adHocBFactor); }
    public LocalResolutionParameters withHalf2(Path h) { return new LocalResolutionParameters(half1, h, mask, outputRoot, pixelSize, sampling, maskRadius, edgeWidth, randomiseAt, minRes, randomSeed, adHocBFactor); }
    public LocalResolutionParameters withWindows(double samplingA, double radiusA, double edgeA) { return new LocalResolutionParameters(half1, half2, mask, outputRoot, pixelSize, samplingA, radiusA, edgeA, randomiseAt, minRes, randomSeed, adHocBFactor); }
    public LocalResolutionParameters withRandomisation(double atA, long seed) { return new LocalResolutionParameters(half1, half2, mask, outputRoot, pixelSize, sampling, maskRadius, edgeWidth, atA, minRes, seed, adHocBFactor); }
    public LocalResolutionParameters withMinRes(double a) { return new LocalResolutionParameters(half1, half2, mask, outputRoot, pixelSize, sampling, maskRadius, edgeWidth, randomiseAt, a, randomSeed, adHocBFactor); }
    public LocalResolutionParameters withAdHocBFactor(double b) { return new LocalResolutionParameters(half1, half2, mask, outputRoot, pixelSize, sampling, maskRadius, edgeWidth, randomiseAt, minRes, randomSeed, b); }
}
