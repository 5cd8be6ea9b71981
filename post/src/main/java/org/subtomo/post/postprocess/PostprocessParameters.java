package org.subtomo.post.postprocess;

import java.nio.file.Path;

/**
 * What {@code subtomo postprocess} does, with RELION's option names in the comments.
 *
 * @param half1            --i: unfiltered half map 1
 * @param half2            --i2: half map 2; null = the name of half 1 with "half1" replaced by "half2"
 * @param outputRoot       --o: ROOT → ROOT.mrc, ROOT_masked.mrc, ROOT.star, ROOT_fsc.xml, ...
 * @param pixelSize        --angpix (Å); ≤ 0 = from the MRC headers
 * @param mask             --mask: a solvent mask (values in [0,1]); null = make one with {@code autoMask}
 * @param autoMask         --lowpass/--ini_mask_threshold/--extend_inimask/--width_mask_edge
 * @param mtf              --mtf: RELION MTF STAR file, or null (then B-factor sharpening stands in)
 * @param mtfPixelSize     --mtf_angpix: detector pixel (Å); ≤ 0 = same as the map
 * @param autoBFactor      --auto_bfac: fit B from the Guinier plot
 * @param autoBLowRes      --autob_lowres (Å), default 10
 * @param autoBHighRes     --autob_highres (Å); ≤ 0 = the resolution
 * @param adHocBFactor     --adhoc_bfac (Å², e.g. −200); used when not auto
 * @param skipFscWeighting --skip_fsc_weighting
 * @param lowPass          --low_pass (Å): &gt; 0 there; &lt; 0 at the resolution; 0 none (as RELION, even with --skip_fsc_weighting)
 * @param randomiseAtFsc   --randomize_at_fsc: randomise phases from where the unmasked FSC drops below this
 * @param randomiseAtA     --randomize_at_A: if &gt; 0, randomise from this resolution instead
 * @param randomSeed       --random_seed
 */
public record PostprocessParameters(Path half1, Path half2, Path outputRoot, double pixelSize,
                                    Path mask, AutoMask autoMask, Path mtf, double mtfPixelSize,
                                    boolean autoBFactor, double autoBLowRes, double autoBHighRes, double adHocBFactor,
                                    boolean skipFscWeighting, double lowPass,
                                    double randomiseAtFsc, double randomiseAtA, long randomSeed) {

    public static final AutoMask DEFAULT_AUTOMASK = new AutoMask(15, 0.02, 3, 6);

    /** RELION's defaults around the given files. */
    public static PostprocessParameters defaults(Path half1, Path outputRoot) {
        return new PostprocessParameters(half1, null, outputRoot, -1, null, DEFAULT_AUTOMASK, null, -1,
                false, 10, 0, 0, false, 0, 0.8, -1, 0);
    }

    public PostprocessParameters withHalf2(Path p) { return new PostprocessParameters(half1, p, outputRoot, pixelSize, mask, autoMask, mtf, mtfPixelSize, autoBFactor, autoBLowRes, autoBHighRes, adHocBFactor, skipFscWeighting, lowPass, randomiseAtFsc, randomiseAtA, randomSeed); }
    public PostprocessParameters withPixelSize(double a) { return new PostprocessParameters(half1, half2, outputRoot, a, mask, autoMask, mtf, mtfPixelSize, autoBFactor, autoBLowRes, autoBHighRes, adHocBFactor, skipFscWeighting, lowPass, randomiseAtFsc, randomiseAtA, randomSeed); }
    public PostprocessParameters withMask(Path m) { return new PostprocessParameters(half1, half2, outputRoot, pixelSize, m, autoMask, mtf, mtfPixelSize, autoBFactor, autoBLowRes, autoBHighRes, adHocBFactor, skipFscWeighting, lowPass, randomiseAtFsc, randomiseAtA, randomSeed); }
    public PostprocessParameters withAutoMask(AutoMask a) { return new PostprocessParameters(half1, half2, outputRoot, pixelSize, mask, a, mtf, mtfPixelSize, autoBFactor, autoBLowRes, autoBHighRes, adHocBFactor, skipFscWeighting, lowPass, randomiseAtFsc, randomiseAtA, randomSeed); }
    public PostprocessParameters withMtf(Path m, double angpix) { return new PostprocessParameters(half1, half2, outputRoot, pixelSize, mask, autoMask, m, angpix, autoBFactor, autoBLowRes, autoBHighRes, adHocBFactor, skipFscWeighting, lowPass, randomiseAtFsc, randomiseAtA, randomSeed); }
    public PostprocessParameters withAutoBFactor(double lowRes, double highRes) { return new PostprocessParameters(half1, half2, outputRoot, pixelSize, mask, autoMask, mtf, mtfPixelSize, true, lowRes, highRes, adHocBFactor, skipFscWeighting, lowPass, randomiseAtFsc, randomiseAtA, randomSeed); }
    public PostprocessParameters withAdHocBFactor(double b) { return new PostprocessParameters(half1, half2, outputRoot, pixelSize, mask, autoMask, mtf, mtfPixelSize, false, autoBLowRes, autoBHighRes, b, skipFscWeighting, lowPass, randomiseAtFsc, randomiseAtA, randomSeed); }
    public PostprocessParameters withSkipFscWeighting(boolean s) { return new PostprocessParameters(half1, half2, outputRoot, pixelSize, mask, autoMask, mtf, mtfPixelSize, autoBFactor, autoBLowRes, autoBHighRes, adHocBFactor, s, lowPass, randomiseAtFsc, randomiseAtA, randomSeed); }
    public PostprocessParameters withLowPass(double a) { return new PostprocessParameters(half1, half2, outputRoot, pixelSize, mask, autoMask, mtf, mtfPixelSize, autoBFactor, autoBLowRes, autoBHighRes, adHocBFactor, skipFscWeighting, a, randomiseAtFsc, randomiseAtA, randomSeed); }
    public PostprocessParameters withRandomisation(double atFsc, double atA, long seed) { return new PostprocessParameters(half1, half2, outputRoot, pixelSize, mask, autoMask, mtf, mtfPixelSize, autoBFactor, autoBLowRes, autoBHighRes, adHocBFactor, skipFscWeighting, lowPass, atFsc, atA, seed); }
}
