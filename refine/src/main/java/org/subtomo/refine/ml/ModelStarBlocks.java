package org.subtomo.refine.ml;

import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarTable;

import java.util.Locale;

/**
 * The blocks of a RELION {@code _model.star} that class2d, class3d and refine3d write alike: the general
 * block, per-class spectra (SSNR, τ², optionally the gold-standard FSC) and per-group σ² noise spectra.
 * Each stage adds its own model_classes table. Numbers are shortest round-trip decimals so that
 * {@code --continue} restores them exactly ({@link ModelStar3D} reads them back).
 */
public final class ModelStarBlocks {
    private ModelStarBlocks() {}

    /** Shortest round-trip decimal; NaN as 0 and infinities as ±999, as RELION prints undefined resolutions. */
    public static String d(double v) { return Double.isFinite(v) ? Double.toString(v) : (Double.isNaN(v) ? "0" : v > 0 ? "999" : "-999"); }

    /**
     * model_general for a model of the given dimensionality; {@code priorPairs} (label, value, ...) follow
     * rlnOrientationalPriorMode, e.g. the σ of local searches.
     */
    public static StarTable general(MlModel m, int dimensionality, double tau2Fudge, String priorMode, String... priorPairs) {
        StarTable g = StarTable.pairs();
        g.put("rlnReferenceDimensionality", Integer.toString(dimensionality));
        g.put("rlnDataDimensionality", Integer.toString(dimensionality));
        g.put("rlnOriginalImageSize", Integer.toString(m.n));
        g.put("rlnCurrentResolution", d(m.angstrom(m.resShell)));
        g.put("rlnCurrentImageSize", Integer.toString(2 * m.currentRadius));
        g.put("rlnPaddingFactor", "2");
        g.put("rlnPixelSize", d(m.pixelSize));
        g.put("rlnNrClasses", Integer.toString(m.classes));
        g.put("rlnNrGroups", Integer.toString(m.groupNames.length));
        g.put("rlnTau2FudgeFactor", d(tau2Fudge));
        g.put("rlnNormCorrectionAverage", "1");
        g.put("rlnSigmaOffsetsAngst", d(m.sigmaOffsetPx * m.pixelSize));
        g.put("rlnOrientationalPriorMode", priorMode);
        for (int i = 0; i + 1 < priorPairs.length; i += 2) g.put(priorPairs[i], priorPairs[i + 1]);
        g.put("rlnLogLikelihood", d(m.logLikelihood));
        g.put("rlnAveragePmax", d(m.avePmax));
        return g;
    }

    /**
     * model_class_N per class: SSNR and τ² per shell, with rlnGoldStandardFsc when {@code fsc} is given
     * (shells beyond it written as 0); {@code fsc == null} leaves the column out (2D classification).
     */
    public static void classSpectra(StarFile f, MlModel m, double[] fsc) {
        for (int k = 0; k < m.classes; k++) {
            StarTable t = fsc == null
                    ? StarTable.loop("rlnSpectralIndex", "rlnResolution", "rlnAngstromResolution", "rlnSsnrMap", "rlnReferenceTau2")
                    : StarTable.loop("rlnSpectralIndex", "rlnResolution", "rlnAngstromResolution", "rlnSsnrMap", "rlnGoldStandardFsc", "rlnReferenceTau2");
            for (int s = 0; s < m.shells(); s++) {
                String idx = Integer.toString(s), res = d(s / (m.n * m.pixelSize)), ang = d(m.angstrom(s));
                if (fsc == null) t.addRow(idx, res, ang, d(m.ssnr[k][s]), d(m.tau2[k][s]));
                else t.addRow(idx, res, ang, d(m.ssnr[k][s]), s < fsc.length ? d(fsc[s]) : "0", d(m.tau2[k][s]));
            }
            f.add(String.format(Locale.ROOT, "model_class_%d", k + 1), t);
        }
    }

    /** model_groups and model_group_N (σ² noise per shell) for every group. */
    public static void groups(StarFile f, MlModel m) {
        StarTable gr = StarTable.loop("rlnGroupNumber", "rlnGroupName", "rlnGroupNrParticles", "rlnGroupScaleCorrection");
        for (int q = 0; q < m.groupNames.length; q++) gr.addRow(Integer.toString(q + 1), m.groupNames[q], "0", "1");
        f.add("model_groups", gr);
        for (int q = 0; q < m.groupNames.length; q++) {
            StarTable t = StarTable.loop("rlnSpectralIndex", "rlnResolution", "rlnSigma2Noise");
            for (int s = 0; s < m.shells(); s++) t.addRow(Integer.toString(s), d(s / (m.n * m.pixelSize)), d(m.sigma2[q][s]));
            f.add(String.format(Locale.ROOT, "model_group_%d", q + 1), t);
        }
    }
}
