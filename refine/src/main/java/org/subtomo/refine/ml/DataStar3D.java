package org.subtomo.refine.ml;

import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarTable;

import static org.subtomo.refine.ml.ModelStarBlocks.d;

/**
 * The run_itNNN_data.star of a 3D run (refine3d, class3d): the input particles with their current poses and the
 * E-step's per-particle scores, RELION 3.1 labels, the input's optics block kept. One writer, so both stages
 * label poses and scores the same way.
 */
public final class DataStar3D {
    private DataStar3D() {}

    /** RELION's pose and score columns; a stage may add its own (e.g. rlnRandomSubset). */
    private static final String[] LABELS = {"rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnOriginXAngst", "rlnOriginYAngst",
            "rlnOriginZAngst", "rlnClassNumber", "rlnMaxValueProbDistribution", "rlnNrOfSignificantSamples", "rlnLogLikeliContribution"};

    /**
     * A copy of the input's particle rows with every particle's angles and origins (Å) from {@code data}; the
     * pre-3.1 pixel origins are dropped (they would contradict the Å ones), missing labels start at 0.
     */
    public static StarTable withPoses(ParticleStar input, ParticleData3D data, String... extraLabels) {
        StarTable t = input.rows().copy();
        for (String l : new String[]{"rlnOriginX", "rlnOriginY", "rlnOriginZ"}) t.removeColumn(l);
        for (String l : LABELS) if (!t.has(l)) t.addColumn(l, "0");
        for (String l : extraLabels) if (!t.has(l)) t.addColumn(l, "0");
        for (int i = 0; i < data.size(); i++) {
            t.set(i, "rlnAngleRot", d(data.rot[i]));
            t.set(i, "rlnAngleTilt", d(data.tilt[i]));
            t.set(i, "rlnAnglePsi", d(data.psi[i]));
            t.set(i, "rlnOriginXAngst", d(data.originX[i]));
            t.set(i, "rlnOriginYAngst", d(data.originY[i]));
            t.set(i, "rlnOriginZAngst", d(data.originZ[i]));
        }
        return t;
    }

    /** Particle i's E-step scores (max. posterior probability, significant samples, log-likelihood) from {@code r}. */
    public static void setScores(StarTable t, int i, Em3D.ParticleResults r) {
        t.set(i, "rlnMaxValueProbDistribution", d(r.pmax[i]));
        t.set(i, "rlnNrOfSignificantSamples", Integer.toString(r.nSignificant[i]));
        t.set(i, "rlnLogLikeliContribution", d(r.logLike[i]));
    }

    /** The data.star file: the input's optics block, then the particle rows under the input's block name. */
    public static StarFile file(ParticleStar input, StarTable particles) {
        StarFile out = new StarFile();
        input.optics().ifPresent(o -> out.add("optics", o.copy()));
        out.add(input.dataBlock().name(), particles);
        return out;
    }
}
