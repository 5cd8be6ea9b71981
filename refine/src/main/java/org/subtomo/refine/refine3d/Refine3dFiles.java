package org.subtomo.refine.refine3d;

import org.subtomo.core.display.GreyImages;
import org.subtomo.core.display.LinePlot;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.refine.ml.DataStar3D;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;
import org.subtomo.refine.ml.Em3D;
import org.subtomo.refine.ml.MlModel;
import org.subtomo.refine.ml.ModelStarBlocks;
import org.subtomo.refine.ml.ParticleData3D;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * RELION-named files of a 3D auto-refinement. Per iteration NNN: {@code _itNNN_half{1,2}_class001.mrc},
 * {@code _itNNN_half{1,2}_model.star}, {@code _itNNN_data.star}, {@code _itNNN_optimiser.star} and
 * {@code _itNNN_half1_class001.png} (central slices and the gold-standard FSC). Final:
 * {@code _class001.mrc}, {@code _half{1,2}_class001_unfil.mrc}, {@code _data.star}, {@code _model.star}
 * (and {@code _class001.png}). Numbers the next iteration depends on are written as shortest round-trip
 * decimals, so {@code --continue} restores the state exactly.
 */
public final class Refine3dFiles {
    private Refine3dFiles() {}

    public static String prefix(String root, int it) { return root + String.format(Locale.ROOT, "_it%03d", it); }

    static String d(double v) { return ModelStarBlocks.d(v); }

    static void ensureDir(String root) {
        Path parent = Path.of(root).toAbsolutePath().getParent();
        try { if (parent != null) Files.createDirectories(parent); }
        catch (IOException e) { throw new InputException(parent + ": cannot create the output directory: " + e.getMessage()); }
    }

    public static void writeIteration(Refine3dParams p, Refine3dState st, MlModel[] models, ParticleStar input, ParticleData3D data,
                                      Em3D.ParticleResults[] res) {
        ensureDir(p.outputRoot());
        String pre = prefix(p.outputRoot(), st.iteration);
        try {
            for (int h = 0; h < 2; h++) {
                Path map = Path.of(pre + "_half" + (h + 1) + "_class001.mrc");
                MrcWriter.write(map, models[h].refs[0], data.pixelSize);
                StarWriter.write(model(models[h], map, p, st), Path.of(pre + "_half" + (h + 1) + "_model.star"));
            }
            StarWriter.write(data(input, data, res), Path.of(pre + "_data.star"));
            StarWriter.write(optimiser(p, st, models, pre), Path.of(pre + "_optimiser.star"));
            writePng(models[0].refs[0], st.fsc, data, "iteration " + st.iteration, Path.of(pre + "_half1_class001.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(pre + ": cannot write: " + e.getMessage(), e);
        }
    }

    public static Path writeFinal(Refine3dParams p, Refine3dState st, MlModel[] models, ParticleStar input, ParticleData3D data,
                                  Em3D.ParticleResults[] res, RealGrid finalMap, RealGrid[] unfil) {
        ensureDir(p.outputRoot());
        String root = p.outputRoot();
        Path map = Path.of(root + "_class001.mrc");
        try {
            MrcWriter.write(map, finalMap, data.pixelSize);
            for (int h = 0; h < 2; h++) MrcWriter.write(Path.of(root + "_half" + (h + 1) + "_class001_unfil.mrc"), unfil[h], data.pixelSize);
            StarWriter.write(data(input, data, res), Path.of(root + "_data.star"));
            StarWriter.write(model(models[0], map, p, st), Path.of(root + "_model.star"));
            writePng(finalMap, st.fsc, data, "final", Path.of(root + "_class001.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot write: " + e.getMessage(), e);
        }
        return map;
    }

    static StarFile model(MlModel m, Path map, Refine3dParams p, Refine3dState st) {
        StarFile f = new StarFile();
        f.add("model_general", ModelStarBlocks.general(m, 3, p.tau2Fudge(), "0"));
        StarTable c = StarTable.loop("rlnReferenceImage", "rlnClassDistribution", "rlnAccuracyRotations", "rlnAccuracyTranslationsAngst",
                "rlnEstimatedResolution", "rlnOverallFourierCompleteness");
        for (int k = 0; k < m.classes; k++)
            c.addRow(map.toString(), d(m.pdfClass[k]), d(st.accuracyRotDeg), d(st.accuracyTransPx * m.pixelSize), d(m.angstrom(m.estResShell[k])), "1");
        f.add("model_classes", c);
        ModelStarBlocks.classSpectra(f, m, st.fsc);
        ModelStarBlocks.groups(f, m);
        return f;
    }

    static StarFile data(ParticleStar input, ParticleData3D data, Em3D.ParticleResults[] res) {
        StarTable t = DataStar3D.withPoses(input, data, "rlnRandomSubset");
        for (int i = 0; i < data.size(); i++) {
            t.set(i, "rlnRandomSubset", Integer.toString(data.randomSubset[i]));
            t.set(i, "rlnClassNumber", "1");
            if (res != null) DataStar3D.setScores(t, i, res[data.randomSubset[i] - 1]);   // each half's own E-step
        }
        return DataStar3D.file(input, t);
    }

    static StarFile optimiser(Refine3dParams p, Refine3dState st, MlModel[] models, String pre) {
        StarTable g = StarTable.pairs();
        g.put("rlnOutputRootName", p.outputRoot());
        g.put("rlnModelStarFile", pre + "_half1_model.star");
        g.put("rlnModelStarFile2", pre + "_half2_model.star");
        g.put("rlnExperimentalDataStarFile", pre + "_data.star");
        g.put("rlnOrigExperimentalDataStarFile", p.input() == null ? "" : p.input().toString());
        g.put("rlnCurrentIteration", Integer.toString(st.iteration));
        g.put("rlnNumberOfIterations", Integer.toString(p.iterations()));
        g.put("rlnDoSplitRandomHalves", "1");
        g.put("rlnDoAutoRefine", "1");
        g.put("rlnTau2FudgeFactor", d(p.tau2Fudge()));
        g.put("rlnParticleDiameter", d(p.particleDiameter()));
        g.put("rlnWidthMaskEdge", d(p.maskEdge()));
        g.put("rlnDoCorrectCtf", p.ctf() ? "1" : "0");
        g.put("rlnInitialLowResolutionLimit", d(p.iniHigh()));
        // after the first M-step the references are reconstructions, CTF-corrected whatever the start was
        g.put("rlnRefsAreCtfCorrected", st.iteration >= 1 || p.ctfCorrectedRef() ? "1" : "0");
        g.put("rlnSolventMaskName", p.solventMask() == null ? "None" : p.solventMask().toString());
        g.put("rlnSubtomoRefCorrectGreyscale", p.refCorrectGreyscale() ? "1" : "0");
        g.put("rlnSymmetryGroup", p.symmetry());
        g.put("rlnSubtomoReference", p.reference() == null ? "None" : p.reference());
        g.put("rlnSubtomoFirstIterCc", p.firstIterCc() ? "1" : "0");
        g.put("rlnSubtomoInitialHealpixOrder", Integer.toString(p.healpixOrder()));
        g.put("rlnSubtomoInitialOffsetRange", d(p.offsetRange()));
        g.put("rlnSubtomoInitialOffsetStep", d(p.offsetStep()));
        g.put("rlnAutoLocalSearchesHealpixOrder", Integer.toString(p.autoLocalHealpixOrder()));
        g.put("rlnRandomSeed", Long.toString(p.seed()));
        g.put("rlnSubtomoRelionSigma2", p.relionSigma2() ? "1" : "0");
        g.put("rlnSubtomoInitialSigmaOffsetAngst", d(p.sigmaOffsetAngst()));
        g.put("rlnAdaptiveOversampleFraction", d(p.adaptiveFraction()));
        g.put("rlnAdaptiveOversampleOrder", Integer.toString(p.oversampling()));
        g.put("rlnIncrementImageSize", Integer.toString(p.incrShells()));
        g.put("rlnSubtomoMaxSignificant", Integer.toString(p.maxSignificant()));
        // auto-refine state
        g.put("rlnNumberOfIterWithoutResolutionGain", Integer.toString(st.itersWithoutResolutionGain));
        g.put("rlnNumberOfIterWithoutChangingAssignments", Integer.toString(st.itersWithoutLargeChanges));
        g.put("rlnChangesOptimalOrientations", d(st.changesOrient));
        g.put("rlnChangesOptimalOffsets", d(st.changesOffsets));
        g.put("rlnSmallestChangesOrientations", d(st.smallestChangesOrient));
        g.put("rlnSmallestChangesOffsets", d(st.smallestChangesOffsets));
        g.put("rlnHasConverged", st.converged ? "1" : "0");
        g.put("rlnSubtomoHealpixOrder", Integer.toString(st.healpixOrder));
        g.put("rlnSubtomoOffsetRangePixels", d(st.offsetRange));
        g.put("rlnSubtomoOffsetStepPixels", d(st.offsetStep));
        g.put("rlnSubtomoLocalSearches", st.local ? "1" : "0");
        g.put("rlnSubtomoSigmaAngles", d(st.localSigmaDeg));
        g.put("rlnSubtomoBestResolutionShell", Integer.toString(st.bestResolutionShell));
        g.put("rlnSubtomoAccuracyRotations", d(st.accuracyRotDeg));
        g.put("rlnSubtomoAccuracyTranslationsPixels", d(st.accuracyTransPx));
        for (int h = 0; h < 2; h++) {
            g.put("rlnSubtomoSigmaOffsetPixelsHalf" + (h + 1), d(models[h].sigmaOffsetPx));
            g.put("rlnSubtomoResolutionShellHalf" + (h + 1), Integer.toString(models[h].resShell));
            g.put("rlnSubtomoCurrentRadiusHalf" + (h + 1), Integer.toString(models[h].currentRadius));
        }
        return new StarFile().add("optimiser_general", g);
    }

    /** What --continue restores. */
    public record Checkpoint(Refine3dParams params, MlModel[] models, Refine3dState state, Path dataStar) {}

    public static Checkpoint read(Path optimiserStar) {
        if (!Files.isRegularFile(optimiserStar)) throw new InputException(optimiserStar + ": no such file");
        try {
            StarTable o = StarReader.read(optimiserStar).table("optimiser_general");
            String orig = o.get("rlnOrigExperimentalDataStarFile");
            Refine3dParams p = new Refine3dParams(orig.isEmpty() ? null : Path.of(orig), o.get("rlnOutputRootName"), o.get("rlnSubtomoReference"),
                    o.getDouble(0, "rlnInitialLowResolutionLimit"), o.getInt(0, "rlnSubtomoFirstIterCc") == 1, o.getInt(0, "rlnDoCorrectCtf") == 1,
                    o.getDouble(0, "rlnParticleDiameter"), o.getDouble(0, "rlnWidthMaskEdge"), o.get("rlnSymmetryGroup"),
                    o.getInt(0, "rlnSubtomoInitialHealpixOrder"), o.getDouble(0, "rlnSubtomoInitialOffsetRange"),
                    o.getDouble(0, "rlnSubtomoInitialOffsetStep"), o.getInt(0, "rlnAutoLocalSearchesHealpixOrder"),
                    o.getDouble(0, "rlnTau2FudgeFactor"), 1, o.getInt(0, "rlnNumberOfIterations"), o.getLong(0, "rlnRandomSeed"),
                    o.getInt(0, "rlnSubtomoRelionSigma2") == 1, null, o.getDouble(0, "rlnSubtomoInitialSigmaOffsetAngst"),
                    o.getDouble(0, "rlnAdaptiveOversampleFraction"), o.getInt(0, "rlnAdaptiveOversampleOrder"),
                    o.has("rlnSubtomoRefCorrectGreyscale") && o.getInt(0, "rlnSubtomoRefCorrectGreyscale") == 1,
                    !o.has("rlnRefsAreCtfCorrected") || o.getInt(0, "rlnRefsAreCtfCorrected") == 1,
                    !o.has("rlnSolventMaskName") || o.get("rlnSolventMaskName").equals("None") ? null : Path.of(o.get("rlnSolventMaskName")),
                    o.has("rlnIncrementImageSize") ? o.getInt(0, "rlnIncrementImageSize") : Refine3dParams.DEFAULT_INCR_SHELLS,
                    o.has("rlnSubtomoMaxSignificant") ? o.getInt(0, "rlnSubtomoMaxSignificant") : org.subtomo.refine.ml.EngineSettings3D.DEFAULT_MAX_SIGNIFICANT);
            Refine3dState st = new Refine3dState();
            st.iteration = o.getInt(0, "rlnCurrentIteration");
            st.itersWithoutResolutionGain = o.getInt(0, "rlnNumberOfIterWithoutResolutionGain");
            st.itersWithoutLargeChanges = o.getInt(0, "rlnNumberOfIterWithoutChangingAssignments");
            st.changesOrient = o.getDouble(0, "rlnChangesOptimalOrientations");
            st.changesOffsets = o.getDouble(0, "rlnChangesOptimalOffsets");
            st.smallestChangesOrient = o.getDouble(0, "rlnSmallestChangesOrientations");
            st.smallestChangesOffsets = o.getDouble(0, "rlnSmallestChangesOffsets");
            st.converged = o.getInt(0, "rlnHasConverged") == 1;
            st.healpixOrder = o.getInt(0, "rlnSubtomoHealpixOrder");
            st.offsetRange = o.getDouble(0, "rlnSubtomoOffsetRangePixels");
            st.offsetStep = o.getDouble(0, "rlnSubtomoOffsetStepPixels");
            st.local = o.getInt(0, "rlnSubtomoLocalSearches") == 1;
            st.localSigmaDeg = o.getDouble(0, "rlnSubtomoSigmaAngles");
            st.bestResolutionShell = o.getInt(0, "rlnSubtomoBestResolutionShell");
            st.accuracyRotDeg = o.getDouble(0, "rlnSubtomoAccuracyRotations");
            st.accuracyTransPx = o.getDouble(0, "rlnSubtomoAccuracyTranslationsPixels");
            MlModel[] models = new MlModel[2];
            for (int h = 0; h < 2; h++) {
                models[h] = readModel(Path.of(o.get(h == 0 ? "rlnModelStarFile" : "rlnModelStarFile2")));
                models[h].iteration = st.iteration;
                models[h].sigmaOffsetPx = o.getDouble(0, "rlnSubtomoSigmaOffsetPixelsHalf" + (h + 1));
                models[h].resShell = o.getInt(0, "rlnSubtomoResolutionShellHalf" + (h + 1));
                models[h].currentRadius = o.getInt(0, "rlnSubtomoCurrentRadiusHalf" + (h + 1));
            }
            StarTable fscT = StarReader.read(Path.of(o.get("rlnModelStarFile"))).table("model_class_1");
            st.fsc = new double[fscT.rowCount()];
            for (int s = 0; s < st.fsc.length; s++) st.fsc[s] = fscT.getDouble(s, "rlnGoldStandardFsc");
            return new Checkpoint(p, models, st, Path.of(o.get("rlnExperimentalDataStarFile")));
        } catch (IOException e) {
            throw new InputException(optimiserStar + ": cannot read the checkpoint: " + e.getMessage());
        }
    }

    static MlModel readModel(Path modelStar) throws IOException {
        return org.subtomo.refine.ml.ModelStar3D.read(modelStar);
    }

    /** Central slices of the map (4× enlarged) beside the gold-standard FSC curve, one PNG. */
    static void writePng(RealGrid map, double[] fsc, ParticleData3D d, String title, Path png) {
        BufferedImage slices = GreyImages.centralSlices(map);
        int scale = Math.max(1, 256 / Math.max(1, map.nx));
        int sw = slices.getWidth() * scale, sh = slices.getHeight() * scale;
        LinePlot plot = new LinePlot("Gold-standard FSC, " + title, "resolution (A)", "FSC").resolutionAxis().yRange(-0.1, 1.05)
                .referenceLine(0.143, "0.143").referenceLine(0.5, "0.5");
        if (fsc.length > 1) {
            double[] x = new double[fsc.length - 1], y = new double[fsc.length - 1];
            for (int s = 1; s < fsc.length; s++) { x[s - 1] = s / (d.n * d.pixelSize); y[s - 1] = fsc[s]; }
            plot.series("half 1 vs half 2", x, y);
        }
        BufferedImage curve = plot.toImage();
        BufferedImage out = new BufferedImage(sw + curve.getWidth(), Math.max(sh, curve.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(slices, 0, 0, sw, sh, null);
        g.drawImage(curve, sw, 0, null);
        g.dispose();
        GreyImages.writePng(out, png);
    }
}
