package org.subtomo.refine.ml;

import org.junit.jupiter.api.Test;
import org.subtomo.core.fsc.Fsc;
import org.subtomo.core.fsc.FscCurve;
import org.subtomo.core.geom.Euler;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.geom.SymmetryGroup;
import org.subtomo.refine.synth.SyntheticSubtomograms;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One 3D E-step against the true map recovers the simulated poses; results do not depend on --j. */
class Em3DPoseTest {

    static EngineSettings3D settings(int threads) {
        return new EngineSettings3D(2, 1, 2, 2, SymmetryGroup.C1, -1, Matrix3.IDENTITY, 13, 3, 10, 10, 6, 0.999, true, false, threads, 8);
    }

    static double medianAngularErrorDeg(SyntheticSubtomograms s, Em3D.ParticleResults r, int[] subset, SymmetryGroup g) {
        double[] err = new double[subset.length];
        for (int q = 0; q < subset.length; q++) {
            int i = subset[q];
            Matrix3 t = Euler.ofDegrees(s.trueRot[i], s.trueTilt[i], s.truePsi[i]).toMatrix();
            Matrix3 e = Euler.ofDegrees(r.rot[i], r.tilt[i], r.psi[i]).toMatrix();
            err[q] = Math.toDegrees(Euler.distance(t, e, g));
        }
        Arrays.sort(err);
        return err[err.length / 2];
    }

    @Test
    void recoversPosesAndOffsetsAndIsThreadIndependent() {
        SyntheticSubtomograms s = new SyntheticSubtomograms(SyntheticSubtomograms.Params.small(40, 0.5, 11));
        int[] all = s.data.subset(0);
        MlModel m = ModelInit3D.initialise(s.data, all, 1, s.truth, SymmetryGroup.C1, 1, 18, 10, 13, 3, true);
        Em3D.Expectation e1 = Em3D.expectation(m, s.data, all, settings(1), null);
        double med = medianAngularErrorDeg(s, e1.results, all, SymmetryGroup.C1);
        double[] shiftErr = new double[all.length];
        for (int i : all) {
            double dx = e1.results.originX[i] - s.trueOx[i], dy = e1.results.originY[i] - s.trueOy[i], dz = e1.results.originZ[i] - s.trueOz[i];
            shiftErr[i] = Math.sqrt(dx * dx + dy * dy + dz * dz) / s.params.pixelSize();
        }
        Arrays.sort(shiftErr);
        System.out.printf("Em3D one E-step, 40 particles, fine step 7.5 deg: median angular error %.2f deg, median shift error %.2f px%n",
                med, shiftErr[shiftErr.length / 2]);
        assertTrue(med < 4.5, "median angular error " + med + " deg should be well below the 7.5 deg fine step");
        assertTrue(shiftErr[shiftErr.length / 2] < 1.0, "median shift error " + shiftErr[shiftErr.length / 2] + " px");

        // the reconstruction from the E-step sums resembles the truth
        e1.classes[0].enforceHermitian();
        RealGridHolder.check(e1, s);

        Em3D.Expectation e2 = Em3D.expectation(m, s.data, all, settings(2), null);
        assertArrayEquals(e1.results.rot, e2.results.rot);
        assertArrayEquals(e1.results.originZ, e2.results.originZ);
        e2.classes[0].enforceHermitian();
        assertArrayEquals(e1.classes[0].data, e2.classes[0].data);
        assertArrayEquals(e1.classes[0].weight, e2.classes[0].weight);
        assertArrayEquals(e1.sigmaSum[0], e2.sigmaSum[0]);
        assertEquals(e1.logLikelihood, e2.logLikelihood);
    }

    /** FSC of the unregularised reconstruction against the truth map. */
    static final class RealGridHolder {
        static void check(Em3D.Expectation e, SyntheticSubtomograms s) {
            BackProjector3D.Result r = e.classes[0].reconstruct(null, 1, s.params.n() / 2 - 1);
            FscCurve f = Fsc.compute(r.map(), s.truth, s.params.pixelSize());
            System.out.printf("reconstruction vs truth: FSC 0.5 at %.1f A%n", f.resolution05());
            assertTrue(f.fsc()[4] > 0.8, "FSC at shell 4 = " + f.fsc()[4]);
        }
    }
}
