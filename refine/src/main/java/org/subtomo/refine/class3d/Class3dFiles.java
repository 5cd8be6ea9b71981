package org.subtomo.refine.class3d;

import org.subtomo.core.display.GreyImages;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RELION-named files of a 3D classification, per iteration NNN: {@code _itNNN_classKKK.mrc},
 * {@code _itNNN_model.star} (rlnClassDistribution, rlnEstimatedResolution, σ², τ², SSNR per class),
 * {@code _itNNN_data.star} (poses, rlnClassNumber, Pmax), {@code _itNNN_optimiser.star} (the options and
 * what {@code --continue} needs) and {@code _itNNN_classes.png} (XY, XZ, YZ central slices of every class,
 * one column per class). Numbers the next iteration depends on are shortest round-trip decimals and the
 * maps are the float maps themselves, so a continued run is bit-identical.
 */
public final class Class3dFiles {
    private Class3dFiles() {}

    public static String prefix(String root, int it) { return root + String.format(Locale.ROOT, "_it%03d", it); }

    public static Path classMap(String root, int it, int cls) { return Path.of(prefix(root, it) + String.format(Locale.ROOT, "_class%03d.mrc", cls)); }

    static String d(double v) { return ModelStarBlocks.d(v); }

    static void writeIteration(Class3dParams p, int it, MlModel m, ParticleStar input, ParticleData3D data, Em3D.ParticleResults res) {
        Path parent = Path.of(p.outputRoot()).toAbsolutePath().getParent();
        try { if (parent != null) Files.createDirectories(parent); }
        catch (IOException e) { throw new InputException(parent + ": cannot create the output directory: " + e.getMessage()); }
        String pre = prefix(p.outputRoot(), it);
        try {
            List<Path> maps = new ArrayList<>();
            for (int c = 0; c < m.classes; c++) {
                Path map = classMap(p.outputRoot(), it, c + 1);
                MrcWriter.write(map, m.refs[c], data.pixelSize);
                maps.add(map);
            }
            StarWriter.write(model(m, maps, p), Path.of(pre + "_model.star"));
            StarWriter.write(data(input, data, res), Path.of(pre + "_data.star"));
            StarWriter.write(optimiser(p, it, m, pre), Path.of(pre + "_optimiser.star"));
            writePng(m, Path.of(pre + "_classes.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(pre + ": cannot write: " + e.getMessage(), e);
        }
    }

    static StarFile model(MlModel m, List<Path> maps, Class3dParams p) {
        StarFile f = new StarFile();
        String sigmaPrior = d(p.local() ? p.sigmaAng() : 0);
        f.add("model_general", ModelStarBlocks.general(m, 3, p.tau2Fudge(), p.local() ? "1" : "0",
                "rlnSigmaPriorRotAngle", sigmaPrior, "rlnSigmaPriorTiltAngle", sigmaPrior, "rlnSigmaPriorPsiAngle", sigmaPrior));
        StarTable c = StarTable.loop("rlnReferenceImage", "rlnClassDistribution", "rlnAccuracyRotations", "rlnAccuracyTranslationsAngst",
                "rlnEstimatedResolution", "rlnOverallFourierCompleteness");
        for (int k = 0; k < m.classes; k++)
            c.addRow(maps.get(k).toString(), d(m.pdfClass[k]), "999", "999", d(m.angstrom(m.estResShell[k])), "1");
        f.add("model_classes", c);
        ModelStarBlocks.classSpectra(f, m, new double[0]);   // no half sets in classification: FSC column as RELION, zero
        ModelStarBlocks.groups(f, m);
        return f;
    }

    static StarFile data(ParticleStar input, ParticleData3D data, Em3D.ParticleResults res) {
        StarTable t = DataStar3D.withPoses(input, data);
        if (res != null)
            for (int i = 0; i < data.size(); i++) {
                t.set(i, "rlnClassNumber", Integer.toString(res.classNumber[i]));
                DataStar3D.setScores(t, i, res);
            }
        return DataStar3D.file(input, t);
    }

    static StarFile optimiser(Class3dParams p, int it, MlModel m, String pre) {
        StarTable g = StarTable.pairs();
        g.put("rlnOutputRootName", p.outputRoot());
        g.put("rlnModelStarFile", pre + "_model.star");
        g.put("rlnExperimentalDataStarFile", pre + "_data.star");
        g.put("rlnOrigExperimentalDataStarFile", p.input() == null ? "" : p.input().toString());
        g.put("rlnCurrentIteration", Integer.toString(it));
        g.put("rlnNumberOfIterations", Integer.toString(p.iterations()));
        g.put("rlnDoSplitRandomHalves", "0");
        g.put("rlnDoAutoRefine", "0");
        g.put("rlnTau2FudgeFactor", d(p.tau2Fudge()));
        g.put("rlnParticleDiameter", d(p.particleDiameter()));
        g.put("rlnWidthMaskEdge", d(p.maskEdge()));
        g.put("rlnDoCorrectCtf", p.ctf() ? "1" : "0");
        g.put("rlnInitialLowResolutionLimit", d(p.iniHigh()));
        g.put("rlnRefsAreCtfCorrected", "1");
        g.put("rlnSymmetryGroup", p.symmetry());
        g.put("rlnSolventMaskName", p.solventMask() == null ? "None" : p.solventMask().toAbsolutePath().toString());
        g.put("rlnDoSkipAlign", p.skipAlign() ? "1" : "0");
        g.put("rlnSubtomoReference", p.reference() == null ? "None" : p.reference());
        g.put("rlnSubtomoNrClasses", Integer.toString(p.classes()));
        g.put("rlnSubtomoSigmaAngles", d(p.sigmaAng()));
        g.put("rlnSubtomoHealpixOrder", Integer.toString(p.healpixOrder()));
        g.put("rlnSubtomoOffsetRangePixels", d(p.offsetRange()));
        g.put("rlnSubtomoOffsetStepPixels", d(p.offsetStep()));
        g.put("rlnRandomSeed", Long.toString(p.seed()));
        g.put("rlnSubtomoRelionSigma2", p.relionSigma2() ? "1" : "0");
        g.put("rlnSubtomoInitialSigmaOffsetAngst", d(p.sigmaOffsetAngst()));
        g.put("rlnAdaptiveOversampleOrder", Integer.toString(p.oversampling()));
        g.put("rlnSubtomoSigmaOffsetPixels", d(m.sigmaOffsetPx));
        g.put("rlnSubtomoResolutionShell", Integer.toString(m.resShell));
        g.put("rlnSubtomoCurrentRadius", Integer.toString(m.currentRadius));
        return new StarFile().add("optimiser_general", g);
    }

    /** What --continue restores. */
    record Checkpoint(Class3dParams params, MlModel model, int iteration, Path dataStar) {}

    static Checkpoint read(Path optimiserStar) {
        if (!Files.isRegularFile(optimiserStar)) throw new InputException(optimiserStar + ": no such file (--continue takes a run_itNNN_optimiser.star)");
        try {
            StarTable o = StarReader.read(optimiserStar).table("optimiser_general");
            String orig = o.get("rlnOrigExperimentalDataStarFile"), mask = o.get("rlnSolventMaskName");
            Class3dParams p = new Class3dParams(orig.isEmpty() ? null : Path.of(orig), o.get("rlnOutputRootName"), o.get("rlnSubtomoReference"),
                    o.getDouble(0, "rlnInitialLowResolutionLimit"), o.getInt(0, "rlnSubtomoNrClasses"), o.getInt(0, "rlnNumberOfIterations"),
                    o.getDouble(0, "rlnTau2FudgeFactor"), o.getInt(0, "rlnDoCorrectCtf") == 1, o.get("rlnSymmetryGroup"),
                    o.getDouble(0, "rlnParticleDiameter"), o.getDouble(0, "rlnWidthMaskEdge"), o.getInt(0, "rlnDoSkipAlign") == 1,
                    o.getDouble(0, "rlnSubtomoSigmaAngles"), mask.equals("None") ? null : Path.of(mask), o.getInt(0, "rlnSubtomoHealpixOrder"),
                    o.getDouble(0, "rlnSubtomoOffsetRangePixels"), o.getDouble(0, "rlnSubtomoOffsetStepPixels"), 1,
                    o.getLong(0, "rlnRandomSeed"), null, o.getInt(0, "rlnSubtomoRelionSigma2") == 1,
                    o.getDouble(0, "rlnSubtomoInitialSigmaOffsetAngst"), o.getInt(0, "rlnAdaptiveOversampleOrder"));
            int it = o.getInt(0, "rlnCurrentIteration");
            MlModel m = readModel(Path.of(o.get("rlnModelStarFile")));
            m.iteration = it;
            m.sigmaOffsetPx = o.getDouble(0, "rlnSubtomoSigmaOffsetPixels");
            m.resShell = o.getInt(0, "rlnSubtomoResolutionShell");
            m.currentRadius = o.getInt(0, "rlnSubtomoCurrentRadius");
            return new Checkpoint(p, m, it, Path.of(o.get("rlnExperimentalDataStarFile")));
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException(optimiserStar + ": cannot read the checkpoint: " + e.getMessage());
        }
    }

    static MlModel readModel(Path modelStar) throws IOException {
        return org.subtomo.refine.ml.ModelStar3D.read(modelStar);
    }

    /** XY, XZ and YZ central slices of every class, one column per class, labelled with the class fraction. */
    static void writePng(MlModel m, Path png) {
        List<RealGrid> images = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        String[] planes = {"XY", "XZ", "YZ"};
        for (int row = 0; row < 3; row++) for (int c = 0; c < m.classes; c++) {
            RealGrid v = m.refs[c];
            images.add(row == 0 ? GreyImages.sliceXY(v, v.nz / 2) : row == 1 ? GreyImages.sliceXZ(v, v.ny / 2) : GreyImages.sliceYZ(v, v.nx / 2));
            labels.add(row == 0 ? String.format(Locale.ROOT, "class %d %.0f%%", c + 1, 100 * m.pdfClass[c]) : planes[row]);
        }
        GreyImages.writePng(GreyImages.montage(images, m.classes, labels), png);
    }
}
