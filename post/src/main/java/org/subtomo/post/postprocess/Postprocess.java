package org.subtomo.post.postprocess;

import org.subtomo.core.error.InputException;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierFilters;
import org.subtomo.core.fourier.FourierShells;
import org.subtomo.core.fsc.Fsc;
import org.subtomo.core.fsc.FscCurve;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.mask.SoftMasks;
import org.subtomo.post.ChenCorrection;
import org.subtomo.post.HalfMaps;
import org.subtomo.post.PhaseRandomisation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Post-processing of two half maps (protocol step 24), in RELION's order: FSC of the unmasked halves;
 * the mask (given, or the automask of the average); FSC of the masked halves and of the masked halves
 * with phases randomised beyond where the unmasked FSC drops below {@code --randomize_at_fsc}; the
 * Chen-corrected FSC and the resolution at 0.143; then the average of the halves is divided by the
 * MTF, FSC-weighted, sharpened with the fitted (or given) B-factor, low-passed, and masked.
 */
public final class Postprocess {
    private Postprocess() {}

    /** Reads the inputs, computes, writes every output under the root; the entry point of the CLI. */
    public static PostprocessResult run(PostprocessParameters p) {
        HalfMaps halves = HalfMaps.read(p.half1(), p.half2(), p.pixelSize());
        RealGrid mask = p.mask() == null ? null : readMask(p.mask(), halves);
        MtfCurve mtf = p.mtf() == null ? null : MtfCurve.read(p.mtf());
        PostprocessResult r = compute(halves, mask, mtf, p);
        return r.withOutputs(PostprocessOutputs.write(r, halves, p));
    }

    static RealGrid readMask(Path file, HalfMaps halves) {
        RealGrid m;
        try (MrcReader r = MrcReader.open(file)) { m = r.readAll(); }
        if (!m.sameShape(halves.half1()))
            throw InputException.inFile(file, "mask is " + m.nx + " x " + m.ny + " x " + m.nz + " but the half maps are "
                    + halves.boxSize() + "³; make the mask on the same box");
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (float v : m.data) { min = Math.min(min, v); max = Math.max(max, v); }
        if (min < -1e-3 || max > 1 + 1e-3)
            throw InputException.inFile(file, String.format("values run from %.3g to %.3g; a solvent mask holds values "
                    + "in [0, 1] (1 = protein); make one with relion_mask_create or leave --mask out for an automask", min, max));
        return m;
    }

    /** Everything except file output. {@code mask} null = automask; {@code mtf} may be null. */
    public static PostprocessResult compute(HalfMaps halves, RealGrid mask, MtfCurve mtf, PostprocessParameters p) {
        double angpix = halves.pixelSize();
        int n = halves.boxSize();
        List<String> notes = new ArrayList<>();
        FourierGrid f1 = Fft.forward(halves.half1()), f2 = Fft.forward(halves.half2());
        FscCurve unmasked = Fsc.compute(f1, f2, angpix);

        boolean made = mask == null;
        if (made) mask = p.autoMask().compute(halves.average(), angpix);
        double maskSum = mask.sum();
        if (!(maskSum > 0)) throw emptyMask(halves, p, made);

        RealGrid m1 = halves.half1().copy(), m2 = halves.half2().copy();
        SoftMasks.multiply(m1, mask); SoftMasks.multiply(m2, mask);
        FscCurve masked = Fsc.compute(m1, m2, angpix);

        int nyquist = n / 2;
        int from;
        if (p.randomiseAtA() > 0) from = Math.max(1, (int) Math.round(n * angpix / p.randomiseAtA()));
        else {
            from = ChenCorrection.randomisationShell(unmasked, p.randomiseAtFsc());
            if (from < 0)
                throw new InputException(String.format("the unmasked FSC between %s and %s never drops below %.2f "
                        + "(--randomize_at_fsc), so there is no resolution to randomise phases from: check that the two "
                        + "half maps come from independent halves of the data, or give --randomize_at_A",
                        halves.file1(), halves.file2(), p.randomiseAtFsc()));
        }
        FscCurve randomised;
        if (from <= nyquist) {
            RealGrid r1 = randomised(f1, from, p.randomSeed()), r2 = randomised(f2, from, p.randomSeed() + 1);
            SoftMasks.multiply(r1, mask); SoftMasks.multiply(r2, mask);
            randomised = Fsc.compute(r1, r2, angpix);
        } else {
            randomised = masked; // nothing randomised: the correction leaves every shell as masked
        }
        // The troubleshooting row: a masked FSC that never drops below the threshold is a mask problem when the
        // masked phase-randomised halves still correlate (the mask itself makes the correlation); when they
        // do not, the map simply has signal to Nyquist.
        if (!masked.crosses(p.randomiseAtFsc()) && meanBeyond(randomised, from + ChenCorrection.MARGIN_SHELLS) > 0.5)
            throw new InputException(String.format("the masked FSC never drops below %.2f: the %s mask is unsuitable "
                    + "(all black, or so small or sharp that it correlates the halves at every resolution). "
                    + "Adjust --ini_mask_threshold/--extend_inimask/--width_mask_edge (look at the mask over the map), "
                    + "or make a mask with relion_mask_create and give it with --mask (protocol step 24, troubleshooting)",
                    p.randomiseAtFsc(), made ? "automatic" : "given"));

        FscCurve corrected = ChenCorrection.correct(masked, randomised, from);
        double resolution = corrected.lastShellResolution(0.143);
        double resolutionInterp = corrected.resolutionAt(0.143);
        int resShell = corrected.firstShellBelow(0.143);
        if (resShell > 0 && resShell - 1 <= from + ChenCorrection.MARGIN_SHELLS && from <= nyquist)
            notes.add("the FSC drops below 0.143 within " + ChenCorrection.MARGIN_SHELLS + " shells of where phases were randomised ("
                    + fmt(n * angpix / from) + " Å); the correction cannot act there: lower --randomize_at_fsc");
        if (resShell < 0)
            notes.add("the corrected FSC never drops below 0.143: the resolution is limited by Nyquist (" + fmt(2 * angpix)
                    + " Å); the map may hold more detail at a smaller pixel size");
        if (resShell > 0 && randomised.fsc()[resShell - 1] > 0.1 && from <= nyquist)
            notes.add(String.format("the phase-randomised masked FSC is %.2f at the resolution: the mask is too tight or too sharp; "
                    + "extend it or widen its soft edge", randomised.fsc()[resShell - 1]));

        // Sharpen the average of the unmasked halves.
        FourierGrid avg = f1.copy();
        for (int i = 0; i < avg.data.length; i++) avg.data[i] = 0.5f * (f1.data[i] + f2.data[i]);
        GuinierPlot gOriginal = GuinierPlot.of(avg, angpix), gMtf = null;
        if (mtf != null) {
            mtf.divide(avg, p.mtfPixelSize() > 0 ? angpix / p.mtfPixelSize() : 1);
            gMtf = GuinierPlot.of(avg, angpix);
        } else {
            notes.add("no MTF given (--mtf): B-factor sharpening stands in for the detector's MTF correction");
        }
        if (!p.skipFscWeighting()) FscWeighting.apply(avg, corrected);
        GuinierPlot gWeighted = GuinierPlot.of(avg, angpix);

        double b = 0;
        GuinierPlot.Fit fit = null;
        if (p.autoBFactor()) {
            double high = p.autoBHighRes() > 0 ? p.autoBHighRes() : resolution;
            fit = gWeighted.fit(p.autoBLowRes(), high);
            if (fit.points() < 2 || Double.isNaN(fit.slope()))
                throw new InputException(String.format("the automatic B-factor fit has %d shell(s) between --autob_lowres %s Å "
                        + "and %s Å; at this resolution give a B-factor with --adhoc_bfac (e.g. -200) or lower --autob_lowres",
                        fit.points(), fmt(p.autoBLowRes()), fmt(high)));
            b = fit.bFactor();
            if (b > 0) notes.add(String.format("the fitted B-factor is positive (%.1f Å²): the map would be blurred, not sharpened; "
                    + "the resolution may be too low for a Guinier fit, consider --adhoc_bfac", b));
        } else if (p.adHocBFactor() != 0) {
            b = p.adHocBFactor();
        }
        if (b != 0) FourierFilters.applyBFactor(avg, angpix, b);
        FourierFilters.lowPass(avg, nyquist, nyquist); // RELION sharpens up to Nyquist and drops the corners
        GuinierPlot gSharpened = GuinierPlot.of(avg, angpix);
        if (p.lowPass() > 0) FourierFilters.lowPassRelion(avg, angpix, p.lowPass(), 2);
        else if (p.lowPass() < 0) FourierFilters.lowPassRelion(avg, angpix, resolution, 2);
        else if (p.skipFscWeighting())
            notes.add("without FSC weighting and --low_pass the map keeps sharpened noise beyond the resolution (as RELION's does); "
                    + "give --low_pass -1 to filter at the resolution");
        RealGrid sharpened = Fft.inverse(avg);

        double solventFraction = maskSum / mask.size();
        return new PostprocessResult(resolution, resolutionInterp, b, fit, from, angpix, unmasked, masked, randomised, corrected,
                gOriginal, gMtf, gWeighted, gSharpened, sharpened, mask, made, solventFraction, List.copyOf(notes), List.of());
    }

    /** Mean of the curve over shells ≥ from (0 when there are none). */
    static double meanBeyond(FscCurve c, int from) {
        double sum = 0;
        int k = 0;
        for (int s = Math.max(1, from); s < c.shells(); s++) { sum += c.fsc()[s]; k++; }
        return k == 0 ? 0 : sum / k;
    }

    private static RealGrid randomised(FourierGrid f, int shell, long seed) {
        FourierGrid c = f.copy();
        PhaseRandomisation.beyond(c, shell, seed);
        return Fft.inverse(c);
    }

    private static InputException emptyMask(HalfMaps halves, PostprocessParameters p, boolean made) {
        if (!made) return InputException.inFile(p.mask(), "the mask is empty (all zero); give a mask that is 1 on the particle");
        RealGrid avg = halves.average();
        double max = -Double.MAX_VALUE;
        for (float v : avg.data) max = Math.max(max, v);
        return new InputException(String.format("the automask is empty: no voxel of the average of the half maps (low-passed to %s Å) "
                + "reaches --ini_mask_threshold %s (the unfiltered average peaks at %.4g, mean %.4g, sd %.4g). Lower the threshold "
                + "to where the map looks noise-free around the particle in ChimeraX, or give a mask with --mask "
                + "(protocol step 24, troubleshooting)", fmt(p.autoMask().lowPass()), fmt(p.autoMask().threshold()),
                max, avg.mean(), avg.stddev()));
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format("%.4g", v);
    }

    /** Resolution in Å of shell ℓ in RELION's tables: 999 for shell 0. */
    static double angstrom(FscCurve c, int shell) { return shell == 0 ? 999 : c.resolution(shell); }

    /** RELION's rlnResolution column: 1/Å, with 1/999 for shell 0. */
    static double inverseAngstrom(FscCurve c, int shell) { return 1 / angstrom(c, shell); }

    static int nyquist(FourierGrid f) { return FourierShells.nyquistShell(f); }
}
