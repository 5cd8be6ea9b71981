package org.subtomo.refine.refine3d;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.geom.SymmetryGroup;
import org.subtomo.core.geom.Symmetrizer;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.refine.ml.Em3D;
import org.subtomo.refine.ml.EngineSettings3D;
import org.subtomo.refine.ml.MlModel;
import org.subtomo.refine.ml.ModelInit3D;
import org.subtomo.refine.synth.Refine3dScore;
import org.subtomo.refine.synth.SyntheticProjectWriter;
import org.subtomo.refine.synth.SyntheticSubtomograms;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An icosahedral particle (RELION's I3 setting: 5-fold on z, as the HBV capsid example) refines with --sym I3:
 * the global search covers the asymmetric unit only (1/60 of the C1 orientations), the map is I3-symmetric and
 * matches the truth.
 */
class Refine3dIcosahedralTest {

    @Test
    void icosahedralParticleRefinesOverTheAsymmetricUnit(@TempDir Path tmp) {
        SyntheticSubtomograms s = new SyntheticSubtomograms(SyntheticSubtomograms.Params.small(24, 0.5, 31).withSymmetry("I3"));
        Path star = SyntheticProjectWriter.write(s, tmp.resolve("proj"));

        // the orientations one coarse E-step scores per particle, I3 against C1 (same data, model and order)
        int[] few = {0, 1, 2, 3};
        MlModel m = ModelInit3D.initialise(s.data, few, 1, s.truth, SymmetryGroup.C1, 1, 40, 10, 12, 3, true);
        long[] count = new long[2];
        String[] groups = {"I3", "C1"};
        for (int g = 0; g < 2; g++) {
            EngineSettings3D st = new EngineSettings3D(2, 0, 0, 1, SymmetryGroup.parse(groups[g]), -1, Matrix3.IDENTITY, 12, 3, 4, 10, 4,
                    0.999, true, false, 2, 8);
            long before = Em3D.N_COARSE_ORI.sum();
            Em3D.expectation(m, s.data, few, st, null);
            count[g] = (Em3D.N_COARSE_ORI.sum() - before) / few.length;
        }
        double ratio = (double) count[1] / count[0];

        Refine3dParams p = Refine3dParams.defaults(star, tmp.resolve("out/run").toString()).withReference(tmp.resolve("proj/truth.mrc").toString())
                .withIniHigh(40).withDiameter(250).withSampling("I3", 2, 2, 2, 4).withIterations(4).withThreads(2)
                .withReferenceHandling(false, true, false);
        long t0 = System.nanoTime();
        Refine3d.Result r = Refine3d.run(p, new PrintStream(new ByteArrayOutputStream()));
        double sec = (System.nanoTime() - t0) / 1e9;
        RealGrid map;
        try (MrcReader rd = MrcReader.open(r.finalMap())) { map = rd.readAll(); }
        double cc = Refine3dSymmetryTest.correlationInSphere(map, Symmetrizer.symmetrise(map, SymmetryGroup.parse("I3")), 12);
        Refine3dScore.Score sc = Refine3dScore.score(tmp.resolve("proj/truth.mrc"), tmp.resolve("proj/truth_particles.star"), r.finalMap(),
                tmp.resolve("out/run_data.star"), "I3");
        System.out.printf("sym I3, 24 particles: coarse orientations per particle I3 %d, C1 %d (ratio %.1f); map vs its I3-symmetrised self "
                        + "cc %.4f; vs truth FSC 0.5 at %.1f A, 0.143 at %.1f A; median angular error %.2f deg; half maps FSC 0.143 at %.1f A; %.0f s%n",
                count[0], count[1], ratio, cc, sc.fsc05(), sc.fsc0143(), sc.medianAngularErrorDeg(), r.halfMapFsc().resolution0143(), sec);
        assertTrue(ratio > 45 && ratio < 80, "the I3 search should be ~1/60 of C1's: " + count[0] + " vs " + count[1]);
        assertTrue(cc > 0.98, "map is not I3-symmetric: cc " + cc);
        assertTrue(sc.fsc05() < 3.5 * 9.0, "FSC 0.5 vs truth at " + sc.fsc05() + " A, expected better than 3.5 px");
        assertTrue(sc.medianAngularErrorDeg() < 6, "median angular error " + sc.medianAngularErrorDeg());
    }
}
