package org.subtomo.refine.class2d;

import org.subtomo.core.display.GreyImages;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.AtomicFiles;
import org.subtomo.core.io.mrc.ImageRef;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcStackWriter;
import org.subtomo.core.io.mrc.MrcWriteOptions;
import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;
import org.subtomo.refine.ml.Em2D;
import org.subtomo.refine.ml.MlModel;
import org.subtomo.refine.ml.ModelStarBlocks;
import org.subtomo.refine.ml.ParticleData2D;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * RELION-named iteration files of a 2D classification: {@code _itNNN_classes.mrcs},
 * {@code _itNNN_model.star}, {@code _itNNN_data.star}, {@code _itNNN_optimiser.star} and a PNG
 * montage {@code _itNNN_classes.png}. Numbers the next iteration depends on are written as
 * shortest round-trip decimals (Double.toString), so {@code --continue} restores them exactly.
 */
public final class Class2dFiles {
    private Class2dFiles() {}

    public static String prefix(String root, int it) { return root + String.format(Locale.ROOT, "_it%03d", it); }

    static String d(double v) { return ModelStarBlocks.d(v); }

    public static void writeIteration(String root, MlModel m, ParticleStar input, ParticleData2D data, Em2D.ParticleResults res,
                                      Class2dParams p) {
        String pre = prefix(root, m.iteration);
        Path classes = Path.of(pre + "_classes.mrcs");
        MrcStackWriter.write(classes, MrcWriteOptions.pixelSize(m.pixelSize), sink -> { for (RealGrid g : m.refs) sink.append(g); });
        try {
            StarWriter.write(model(m, classes, p), Path.of(pre + "_model.star"));
            StarWriter.write(data(input, data, res), Path.of(pre + "_data.star"));
            StarWriter.write(optimiser(root, m, p), Path.of(pre + "_optimiser.star"));
            writeMontage(m, Path.of(pre + "_classes.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(pre + ": cannot write: " + e.getMessage(), e);
        }
    }

    static StarFile model(MlModel m, Path classes, Class2dParams p) {
        StarFile f = new StarFile();
        f.add("model_general", ModelStarBlocks.general(m, 2, p.tau2Fudge(), "0"));
        StarTable c = StarTable.loop("rlnReferenceImage", "rlnClassDistribution", "rlnAccuracyRotations",
                "rlnAccuracyTranslationsAngst", "rlnEstimatedResolution", "rlnOverallFourierCompleteness");
        for (int k = 0; k < m.classes; k++) {
            c.addRow(ImageRef.image(classes, k).toString(), d(m.pdfClass[k]), "999", "999",
                    d(m.angstrom(m.estResShell[k])), "1");
        }
        f.add("model_classes", c);
        ModelStarBlocks.classSpectra(f, m, null);
        ModelStarBlocks.groups(f, m);
        return f;
    }

    static StarFile data(ParticleStar input, ParticleData2D data, Em2D.ParticleResults res) {
        StarFile out = new StarFile();
        input.optics().ifPresent(o -> out.add("optics", o.copy()));
        StarTable t = input.rows().copy();
        t.removeColumn("rlnOriginX");
        t.removeColumn("rlnOriginY");
        String[] labels = {"rlnClassNumber", "rlnAnglePsi", "rlnOriginXAngst", "rlnOriginYAngst", "rlnMaxValueProbDistribution",
                "rlnNrOfSignificantSamples", "rlnLogLikeliContribution"};
        for (String l : labels) if (!t.has(l)) t.addColumn(l, "0");
        for (int i = 0; i < data.size(); i++) {
            if (res != null) {
                t.set(i, "rlnClassNumber", Integer.toString(res.classNumber[i]));
                t.set(i, "rlnAnglePsi", d(res.psiDeg[i]));
                t.set(i, "rlnMaxValueProbDistribution", d(res.pmax[i]));
                t.set(i, "rlnNrOfSignificantSamples", Integer.toString(res.nSignificant[i]));
                t.set(i, "rlnLogLikeliContribution", d(res.logLike[i]));
            }
            t.set(i, "rlnOriginXAngst", d(data.originXAngst[i]));
            t.set(i, "rlnOriginYAngst", d(data.originYAngst[i]));
        }
        out.add(input.dataBlock().name(), t);
        return out;
    }

    static StarFile optimiser(String root, MlModel m, Class2dParams p) {
        String pre = prefix(root, m.iteration);
        StarTable g = StarTable.pairs();
        g.put("rlnOutputRootName", root);
        g.put("rlnModelStarFile", pre + "_model.star");
        g.put("rlnExperimentalDataStarFile", pre + "_data.star");
        g.put("rlnOrigExperimentalDataStarFile", p.input() == null ? "" : p.input().toString());
        g.put("rlnCurrentIteration", Integer.toString(m.iteration));
        g.put("rlnNumberOfIterations", Integer.toString(p.iterations()));
        g.put("rlnTau2FudgeFactor", d(p.tau2Fudge()));
        g.put("rlnParticleDiameter", d(p.particleDiameter()));
        g.put("rlnWidthMaskEdge", d(p.maskEdge()));
        g.put("rlnDoZeroMask", p.zeroMask() ? "1" : "0");
        g.put("rlnStrictHighResExpectation", d(p.strictHighresExp()));
        g.put("rlnDoCorrectCtf", p.ctf() ? "1" : "0");
        g.put("rlnPsiStep", d(p.psiStep()));
        g.put("rlnOffsetRange", d(p.offsetRange()));
        g.put("rlnOffsetStep", d(p.offsetStep()));
        g.put("rlnInitialLowResolutionLimit", d(p.iniHigh()));
        g.put("rlnAdaptiveOversampleFraction", d(p.adaptiveFraction()));
        g.put("rlnRandomSeed", Long.toString(p.seed()));
        g.put("rlnSubtomoFixPriorIterations", Integer.toString(p.fixPriorIters()));
        g.put("rlnSubtomoInitialSigmaOffsetAngst", d(p.sigmaOffsetAngst()));
        // exact state for --continue (Å·px conversions are not exact in binary)
        g.put("rlnSubtomoSigmaOffsetPixels", d(m.sigmaOffsetPx));
        return new StarFile().add("optimiser_general", g);
    }

    /** What --continue restores: settings, model and the data file with the current offsets. */
    public record Checkpoint(Class2dParams params, MlModel model, Path dataStar) {}

    public static Checkpoint read(Path optimiserStar) {
        try {
            if (!Files.isRegularFile(optimiserStar)) throw new InputException(optimiserStar + ": no such file");
            StarTable o = StarReader.read(optimiserStar).table("optimiser_general");
            String root = o.get("rlnOutputRootName");
            String origInput = o.get("rlnOrigExperimentalDataStarFile");
            Class2dParams p = new Class2dParams(origInput.isEmpty() ? null : Path.of(origInput), root, 0,
                    o.getInt(0, "rlnNumberOfIterations"), o.getDouble(0, "rlnTau2FudgeFactor"), o.getDouble(0, "rlnParticleDiameter"),
                    o.getDouble(0, "rlnWidthMaskEdge"), o.getInt(0, "rlnDoZeroMask") == 1, o.getDouble(0, "rlnStrictHighResExpectation"),
                    o.getInt(0, "rlnDoCorrectCtf") == 1, o.getDouble(0, "rlnPsiStep"), o.getDouble(0, "rlnOffsetRange"),
                    o.getDouble(0, "rlnOffsetStep"), o.getDouble(0, "rlnInitialLowResolutionLimit"),
                    o.getDouble(0, "rlnSubtomoInitialSigmaOffsetAngst"), o.getInt(0, "rlnSubtomoFixPriorIterations"),
                    o.getDouble(0, "rlnAdaptiveOversampleFraction"), 1, o.getLong(0, "rlnRandomSeed"), optimiserStar);
            int iteration = o.getInt(0, "rlnCurrentIteration");
            Path modelStar = Path.of(o.get("rlnModelStarFile"));
            Path dataStar = Path.of(o.get("rlnExperimentalDataStarFile"));
            StarFile mf = StarReader.read(modelStar);
            StarTable g = mf.table("model_general");
            int n = g.getInt(0, "rlnOriginalImageSize");
            double pixel = g.getDouble(0, "rlnPixelSize");
            StarTable cls = mf.table("model_classes");
            int k = cls.rowCount();
            StarTable groups = mf.table("model_groups");
            String[] names = new String[groups.rowCount()];
            for (int q = 0; q < names.length; q++) names[q] = groups.get(q, "rlnGroupName");
            MlModel m = new MlModel(n, pixel, k, names);
            m.iteration = iteration;
            m.resShell = (int) Math.round(n * pixel / g.getDouble(0, "rlnCurrentResolution"));
            m.currentRadius = g.getInt(0, "rlnCurrentImageSize") / 2;
            m.sigmaOffsetPx = o.has("rlnSubtomoSigmaOffsetPixels") ? o.getDouble(0, "rlnSubtomoSigmaOffsetPixels")
                    : g.getDouble(0, "rlnSigmaOffsetsAngst") / pixel;
            m.logLikelihood = g.getDouble(0, "rlnLogLikelihood");
            m.avePmax = g.getDouble(0, "rlnAveragePmax");
            for (int c = 0; c < k; c++) {
                m.pdfClass[c] = cls.getDouble(c, "rlnClassDistribution");
                ImageRef ref = ImageRef.parse(cls.get(c, "rlnReferenceImage"));
                m.refs[c] = MrcReader.read(ref);
                double res = cls.getDouble(c, "rlnEstimatedResolution");
                m.estResShell[c] = Double.isFinite(res) && res > 0 ? (int) Math.round(n * pixel / res) : 0;
                StarTable t = mf.table(String.format(Locale.ROOT, "model_class_%d", c + 1));
                for (int s = 0; s < m.shells(); s++) { m.tau2[c][s] = t.getDouble(s, "rlnReferenceTau2"); m.ssnr[c][s] = t.getDouble(s, "rlnSsnrMap"); }
            }
            for (int q = 0; q < names.length; q++) {
                StarTable t = mf.table(String.format(Locale.ROOT, "model_group_%d", q + 1));
                for (int s = 0; s < m.shells(); s++) m.sigma2[q][s] = t.getDouble(s, "rlnSigma2Noise");
            }
            return new Checkpoint(p.withClasses(k), m, dataStar);
        } catch (IOException e) {
            throw new InputException(optimiserStar + ": cannot read the checkpoint: " + e.getMessage());
        }
    }

    /** Class averages sorted by class distribution (largest first), labelled with class number and share. */
    static void writeMontage(MlModel m, Path png) {
        Integer[] order = new Integer[m.classes];
        for (int c = 0; c < order.length; c++) order[c] = c;
        Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -m.pdfClass[c]).thenComparingInt(c -> c));
        List<RealGrid> images = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int c : order) {
            images.add(m.refs[c]);
            labels.add(String.format(Locale.ROOT, "%d: %.1f%%", c + 1, 100 * m.pdfClass[c]));
        }
        GreyImages.writePng(GreyImages.montage(images, (int) Math.ceil(Math.sqrt(m.classes)), labels), png);
    }
}
