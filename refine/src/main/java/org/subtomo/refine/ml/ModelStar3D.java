package org.subtomo.refine.ml;

import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a 3D run's {@code _model.star} (RELION labels: general, classes, per-class τ²/SSNR, per-group σ²)
 * and its class maps back into an {@link MlModel}, for {@code --continue} of refine3d and class3d.
 */
public final class ModelStar3D {
    private ModelStar3D() {}

    public static MlModel read(Path modelStar) throws IOException {
        StarFile mf = StarReader.read(modelStar);
        StarTable g = mf.table("model_general");
        int n = g.getInt(0, "rlnOriginalImageSize");
        double pixel = g.getDouble(0, "rlnPixelSize");
        StarTable cls = mf.table("model_classes");
        StarTable groups = mf.table("model_groups");
        String[] names = new String[groups.rowCount()];
        for (int q = 0; q < names.length; q++) names[q] = groups.get(q, "rlnGroupName");
        MlModel m = new MlModel(n, pixel, cls.rowCount(), names);
        m.logLikelihood = g.getDouble(0, "rlnLogLikelihood");
        m.avePmax = g.getDouble(0, "rlnAveragePmax");
        for (int c = 0; c < m.classes; c++) {
            m.pdfClass[c] = cls.getDouble(c, "rlnClassDistribution");
            Path ref = Path.of(cls.get(c, "rlnReferenceImage"));
            try (MrcReader r = MrcReader.open(ref)) { m.refs[c] = r.readAll(); }
            double res = cls.getDouble(c, "rlnEstimatedResolution");
            m.estResShell[c] = Double.isFinite(res) && res > 0 && res < 1e6 ? (int) Math.round(n * pixel / res) : 0;
            StarTable t = mf.table(String.format(Locale.ROOT, "model_class_%d", c + 1));
            for (int s = 0; s < m.shells(); s++) { m.tau2[c][s] = t.getDouble(s, "rlnReferenceTau2"); m.ssnr[c][s] = t.getDouble(s, "rlnSsnrMap"); }
        }
        for (int q = 0; q < names.length; q++) {
            StarTable t = mf.table(String.format(Locale.ROOT, "model_group_%d", q + 1));
            for (int s = 0; s < m.shells(); s++) m.sigma2[q][s] = t.getDouble(s, "rlnSigma2Noise");
        }
        return m;
    }
}
