package org.subtomo.post.postprocess;

import org.subtomo.core.display.LinePlot;
import org.subtomo.core.fsc.FscCurve;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.AtomicFiles;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;
import org.subtomo.core.mask.SoftMasks;
import org.subtomo.post.HalfMaps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes what RELION's relion_postprocess writes for {@code --o ROOT}: ROOT.mrc (sharpened),
 * ROOT_masked.mrc, ROOT_automask.mrc (when made here), ROOT.star (blocks general, fsc, guinier with
 * RELION's labels), ROOT_fsc.xml (EMDB FSC format) and, instead of RELION's EPS, ROOT_fsc.png/.svg and
 * ROOT_guinier.png/.svg.
 */
public final class PostprocessOutputs {
    private PostprocessOutputs() {}

    public static List<Path> write(PostprocessResult r, HalfMaps halves, PostprocessParameters p) {
        Path root = p.outputRoot();
        try {
            Path dir = root.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            List<Path> out = new ArrayList<>();
            double a = r.pixelSize();
            Path post = sibling(root, ".mrc"), masked = sibling(root, "_masked.mrc");
            MrcWriter.write(post, r.sharpened(), a);
            out.add(post);
            RealGrid m = r.sharpened().copy();
            SoftMasks.multiply(m, r.mask());
            MrcWriter.write(masked, m, a);
            out.add(masked);
            Path maskFile = p.mask();
            if (r.maskMadeHere()) {
                maskFile = sibling(root, "_automask.mrc");
                MrcWriter.write(maskFile, r.mask(), a);
                out.add(maskFile);
            }
            Path star = sibling(root, ".star");
            StarWriter.write(star(r, halves, maskFile), star);
            out.add(star);
            Path xml = sibling(root, "_fsc.xml");
            AtomicFiles.writeString(xml, FscXml.toXml(r.corrected(), "subtomo masked-corrected FSC"));
            out.add(xml);
            LinePlot fsc = fscPlot(r);
            Path fscPng = sibling(root, "_fsc.png"), fscSvg = sibling(root, "_fsc.svg");
            fsc.writePng(fscPng); fsc.writeSvg(fscSvg);
            out.add(fscPng); out.add(fscSvg);
            LinePlot g = guinierPlot(r);
            Path gPng = sibling(root, "_guinier.png"), gSvg = sibling(root, "_guinier.svg");
            g.writePng(gPng); g.writeSvg(gSvg);
            out.add(gPng); out.add(gSvg);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + root + "*: " + e.getMessage(), e);
        }
    }

    /** ROOT + suffix, e.g. PostProcess/run1/postprocess + "_masked.mrc". */
    public static Path sibling(Path root, String suffix) {
        Path name = root.getFileName();
        return root.resolveSibling(name + suffix);
    }

    static StarFile star(PostprocessResult r, HalfMaps halves, Path maskFile) {
        StarTable general = StarTable.pairs();
        general.put("rlnFinalResolution", f6(r.resolution()));
        general.put("rlnBfactorUsedForSharpening", f6(r.bFactor()));
        general.put("rlnUnfilteredMapHalf1", String.valueOf(halves.file1()));
        general.put("rlnUnfilteredMapHalf2", String.valueOf(halves.file2()));
        // rlnParticleBoxFractionSolventMask left out: RELION's value is not the mask's volume fraction (measured
        // 1.42 for a mask filling 35% of the box) and we do not write a label with a different meaning
        general.put("rlnMaskName", String.valueOf(maskFile));
        general.put("rlnRandomiseFrom", f6(Postprocess.angstrom(r.corrected(), r.randomisedFromShell())));
        if (r.fit() != null) {
            general.put("rlnFittedSlopeGuinierPlot", f6(r.fit().slope()));
            general.put("rlnFittedInterceptGuinierPlot", f6(r.fit().intercept()));
            // RELION writes r² here (measured: 0.9461 for a fit with r = −0.9727)
            general.put("rlnCorrelationFitGuinierPlot", f6(r.fit().correlation() * r.fit().correlation()));
        }
        StarTable fsc = StarTable.loop("rlnSpectralIndex", "rlnResolution", "rlnAngstromResolution",
                "rlnFourierShellCorrelationCorrected", "rlnFourierShellCorrelationUnmaskedMaps",
                "rlnFourierShellCorrelationMaskedMaps", "rlnCorrectedFourierShellCorrelationPhaseRandomizedMaskedMaps");
        FscCurve c = r.corrected();
        for (int s = 0; s < c.shells(); s++)
            fsc.addRow(String.valueOf(s), f6(Postprocess.inverseAngstrom(c, s)), f6(Postprocess.angstrom(c, s)),
                    f6(c.fsc()[s]), f6(r.unmasked().fsc()[s]), f6(r.masked().fsc()[s]), f6(r.randomisedMasked().fsc()[s]));
        List<String> labels = new ArrayList<>(List.of("rlnResolutionSquared", "rlnLogAmplitudesOriginal"));
        if (r.guinierMtf() != null) labels.add("rlnLogAmplitudesMTFCorrected");
        labels.add("rlnLogAmplitudesWeighted");
        labels.add("rlnLogAmplitudesSharpened");
        if (r.fit() != null) labels.add("rlnLogAmplitudesIntercept");
        StarTable guinier = StarTable.loop(labels);
        GuinierPlot g0 = r.guinierOriginal();
        for (int s = 0; s < g0.s2().length; s++) {
            List<String> row = new ArrayList<>(List.of(e6(g0.s2()[s]), f6(g0.lnAmplitude()[s])));
            if (r.guinierMtf() != null) row.add(f6(r.guinierMtf().lnAmplitude()[s]));
            row.add(f6(r.guinierWeighted().lnAmplitude()[s]));
            row.add(f6(r.guinierSharpened().lnAmplitude()[s]));
            if (r.fit() != null) row.add(f6(r.fit().intercept()));
            guinier.addRow(row);
        }
        return new StarFile().add("general", general).add("fsc", fsc).add("guinier", guinier);
    }

    static LinePlot fscPlot(PostprocessResult r) {
        FscCurve c = r.corrected();
        int n = c.shells();
        double[] x = new double[n];
        for (int s = 0; s < n; s++) x[s] = c.frequency(s);
        return new LinePlot(String.format(Locale.ROOT, "FSC: %.2f Å at 0.143", r.resolution()), "resolution (Å)", "FSC")
                .resolutionAxis()
                .series("corrected", x, c.fsc())
                .series("unmasked", x, r.unmasked().fsc())
                .series("masked", x, r.masked().fsc())
                .series("phase-randomised masked", x, r.randomisedMasked().fsc())
                .referenceLine(0.143, "0.143").yRange(-0.1, 1.05);
    }

    static LinePlot guinierPlot(PostprocessResult r) {
        LinePlot p = new LinePlot(String.format(Locale.ROOT, "Guinier plot: B = %.1f Å²", r.bFactor()), "s² (1/Å²)", "ln |F|");
        addGuinier(p, "original", r.guinierOriginal());
        if (r.guinierMtf() != null) addGuinier(p, "MTF-corrected", r.guinierMtf());
        addGuinier(p, "weighted", r.guinierWeighted());
        addGuinier(p, "sharpened", r.guinierSharpened());
        if (r.fit() != null) {
            GuinierPlot g = r.guinierOriginal();
            double xMax = g.s2()[g.s2().length - 1];
            p.series("fit", new double[]{0, xMax}, new double[]{r.fit().intercept(), r.fit().intercept() + r.fit().slope() * xMax});
        }
        return p;
    }

    /** Skips shell 0 and empty shells (−99), which would squash the plot. */
    private static void addGuinier(LinePlot p, String name, GuinierPlot g) {
        int n = g.s2().length;
        double[] x = new double[n - 1], y = new double[n - 1];
        for (int s = 1; s < n; s++) {
            x[s - 1] = g.s2()[s];
            y[s - 1] = g.lnAmplitude()[s] == -99 ? Double.NaN : g.lnAmplitude()[s];
        }
        p.series(name, x, y);
    }

    static String f6(double v) { return String.format(Locale.ROOT, "%.6f", v); }
    static String e6(double v) { return String.format(Locale.ROOT, "%.6e", v); }
}
