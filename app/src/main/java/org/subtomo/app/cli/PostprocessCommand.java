package org.subtomo.app.cli;

import org.subtomo.post.postprocess.AutoMask;
import org.subtomo.post.postprocess.Postprocess;
import org.subtomo.post.postprocess.PostprocessParameters;
import org.subtomo.post.postprocess.PostprocessResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code subtomo postprocess}: masked, corrected FSC, resolution and sharpening (protocol step 24; RELION's options). */
@Command(name = "postprocess", mixinStandardHelpOptions = true,
        description = {"Post-process two half maps (protocol step 24): automask or given mask, mask-corrected FSC (Chen et al. 2013),",
                "resolution at FSC 0.143, MTF division, FSC weighting and B-factor sharpening (Rosenthal & Henderson 2003).",
                "Writes ROOT.mrc, ROOT_masked.mrc, ROOT_automask.mrc, ROOT.star, ROOT_fsc.xml (EMDB) and FSC/Guinier plots (PNG, SVG)."})
public final class PostprocessCommand implements Callable<Integer> {
    @Option(names = "--i", required = true, paramLabel = "MRC", description = "half map 1, e.g. Refine3D/run1_half1_class001_unfil.mrc") Path half1;
    @Option(names = "--i2", paramLabel = "MRC", description = "half map 2 (default: --i with half1 replaced by half2)") Path half2;
    @Option(names = "--o", paramLabel = "ROOT", defaultValue = "postprocess", description = "output root, e.g. PostProcess/run1/postprocess (${DEFAULT-VALUE})") Path output;
    @Option(names = "--angpix", defaultValue = "-1", description = "pixel size in A (default: from the MRC header)") double angpix;
    @Option(names = "--mask", paramLabel = "MRC", description = "solvent mask, values in [0,1] (default: make an automask)") Path mask;
    @Option(names = "--lowpass", defaultValue = "15", description = "automask: low-pass the average of the halves to this resolution, A (${DEFAULT-VALUE}; 0 = none)") double maskLowPass;
    @Option(names = {"--ini_mask_threshold", "--inimask_threshold"}, defaultValue = "0.02", description = "automask: binarise at this density (${DEFAULT-VALUE})") double threshold;
    @Option(names = "--extend_inimask", defaultValue = "3", description = "automask: grow the binary mask by this many pixels (${DEFAULT-VALUE})") double extend;
    @Option(names = "--width_mask_edge", defaultValue = "6", description = "automask: width of the cosine soft edge, pixels (${DEFAULT-VALUE})") double edge;
    @Option(names = "--mtf", paramLabel = "STAR", description = "detector MTF (rlnResolutionInversePixel, rlnMtfValue); without it B-factor sharpening stands in") Path mtf;
    @Option(names = "--mtf_angpix", defaultValue = "-1", description = "detector pixel size in A (default: the map's)") double mtfAngpix;
    @Option(names = "--auto_bfac", description = "fit the B-factor on the Guinier plot (Rosenthal & Henderson)") boolean autoBfac;
    @Option(names = "--autob_lowres", defaultValue = "10", description = "B-factor fit from this resolution, A (${DEFAULT-VALUE})") double autobLowres;
    @Option(names = "--autob_highres", defaultValue = "0", description = "B-factor fit up to this resolution, A (0: the FSC 0.143 resolution)") double autobHighres;
    @Option(names = "--adhoc_bfac", defaultValue = "0", description = "B-factor to sharpen with, A^2, e.g. -200 (when not --auto_bfac)") double adhocBfac;
    @Option(names = "--skip_fsc_weighting", description = "no sqrt(2FSC/(1+FSC)) weighting (then give --low_pass)") boolean skipFscWeighting;
    @Option(names = "--low_pass", defaultValue = "0", description = "final low-pass, A (0: none; negative: at the resolution)") double lowPass;
    @Option(names = "--randomize_at_fsc", defaultValue = "0.8", description = "randomise phases from where the unmasked FSC drops below this (${DEFAULT-VALUE})") double randomizeAtFsc;
    @Option(names = "--randomize_at_A", defaultValue = "-1", description = "randomise phases from this resolution, A (if positive)") double randomizeAtA;
    @Option(names = "--random_seed", defaultValue = "0", description = "seed of the phase randomisation (${DEFAULT-VALUE})") long seed;

    @Override public Integer call() {
        // about ten transforms of one size: FFTW's MEASURE planning would cost more than it saves (measured at 128³:
        // 1.05 s vs 0.52 s CPU for the first run, the same 0.23 s after); honour an explicit choice
        org.subtomo.core.fft.FftwBackend.preferEstimatePlanner();
        PostprocessParameters p = new PostprocessParameters(half1, half2, output, angpix, mask, new AutoMask(maskLowPass, threshold, extend, edge),
                mtf, mtfAngpix, autoBfac, autobLowres, autobHighres, adhocBfac, skipFscWeighting, lowPass, randomizeAtFsc, randomizeAtA, seed);
        PostprocessResult r = Postprocess.run(p);
        System.out.printf(Locale.ROOT, "resolution (corrected FSC = 0.143): %.2f A (interpolated %.2f A); phases randomised from %.2f A%n",
                r.resolution(), r.resolutionInterpolated(), r.randomisedFromShell() == 0 ? 999 : r.corrected().resolution(r.randomisedFromShell()));
        if (r.fit() != null)
            System.out.printf(Locale.ROOT, "B-factor (Guinier fit over %d shells, r = %.3f): %.1f A^2%n", r.fit().points(), r.fit().correlation(), r.bFactor());
        else System.out.printf(Locale.ROOT, "B-factor applied: %.1f A^2%n", r.bFactor());
        for (String n : r.notes()) System.out.println("note: " + n);
        for (Path f : r.outputs()) System.out.println("wrote " + f);
        return 0;
    }
}
