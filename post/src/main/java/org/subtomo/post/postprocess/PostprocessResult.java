package org.subtomo.post.postprocess;

import org.subtomo.core.fsc.FscCurve;
import org.subtomo.core.grid.RealGrid;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of post-processing.
 *
 * @param resolution          Å, last shell before the corrected FSC drops below 0.143 (RELION's rule)
 * @param resolutionInterpolated Å, the 0.143 crossing interpolated between shells
 * @param bFactor             Å² applied to sharpen (0 when none)
 * @param fit                 the Guinier fit (null unless --auto_bfac)
 * @param randomisedFromShell first phase-randomised shell
 * @param sharpened           the sharpened, filtered average (ROOT.mrc)
 * @param mask                the mask used (given or automatic)
 * @param maskMadeHere        true when {@code mask} is the automask
 * @param notes               what the user should know (MTF stand-in, warnings)
 * @param outputs             files written (empty when only computed)
 */
public record PostprocessResult(double resolution, double resolutionInterpolated, double bFactor, GuinierPlot.Fit fit,
                                int randomisedFromShell, double pixelSize,
                                FscCurve unmasked, FscCurve masked, FscCurve randomisedMasked, FscCurve corrected,
                                GuinierPlot guinierOriginal, GuinierPlot guinierMtf, GuinierPlot guinierWeighted,
                                GuinierPlot guinierSharpened,
                                RealGrid sharpened, RealGrid mask, boolean maskMadeHere, double solventFraction,
                                List<String> notes, List<Path> outputs) {

    public PostprocessResult withOutputs(List<Path> files) {
        return new PostprocessResult(resolution, resolutionInterpolated, bFactor, fit, randomisedFromShell, pixelSize,
                unmasked, masked, randomisedMasked, corrected, guinierOriginal, guinierMtf, guinierWeighted,
                guinierSharpened, sharpened, mask, maskMadeHere, solventFraction, notes, List.copyOf(files));
    }
}
