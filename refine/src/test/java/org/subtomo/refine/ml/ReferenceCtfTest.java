package org.subtomo.refine.ml;

import org.junit.jupiter.api.Test;
import org.subtomo.core.ctf.CtfVolume;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.geom.SymmetryGroup;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.refine.synth.SyntheticSubtomograms;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reference that is not CTF-corrected (RELION's --ctf_corrected_ref absent) already carries the CTF: here
 * CTF·V, as an average of particles of one defocus without CTF correction. Compared without the particles'
 * CTF ({@code ctfOnReference = false}) the residual of the E-step is the noise, so σ² comes out at the
 * simulated noise variance; treated as CTF-corrected, the CTF is applied twice (W·CTF·V against W·V, with
 * CTF ≈ 0.1 at low resolution and sign flips beyond the first zero) and σ² absorbs the mismatch.
 */
class ReferenceCtfTest {

    @Test
    void uncorrectedReferenceIsComparedWithoutTheCtf() {
        // one defocus (2 µm) at 4 Å/px: the CTF crosses zero near shells 6.5 and 9 of the 32-px box (a larger defocus
        // delocalises CTF·V beyond the box, and its interpolated rotations are then off by more than the noise)
        SyntheticSubtomograms s = new SyntheticSubtomograms(new SyntheticSubtomograms.Params(32, 4.0, 16, 1.0, 0, 60, true, 20000, 20000,
                "C1", 30, 11));
        ParticleData3D d = s.data;
        for (int i = 0; i < d.size(); i++) { d.rot[i] = s.trueRot[i]; d.tilt[i] = s.trueTilt[i]; d.psi[i] = s.truePsi[i]; }
        int n = 32;
        CtfVolume ctf = SyntheticSubtomograms.ctfVolume(CtfVolume.ones(n), n, 4.0, 20000);
        FourierGrid f = Fft.forward(s.truth.copy());
        ctf.applyTo(f);
        RealGrid uncorrected = Fft.inverse(f);
        int[] all = d.subset(0);
        double truth = s.noiseSigma2();
        double[] ratio = new double[3];
        for (int k = 0; k < 3; k++) {
            boolean onRef = k != 1;
            RealGrid ref = k == 2 ? s.truth : uncorrected;
            MlModel m = ModelInit3D.initialise(d, all, 1, ref, SymmetryGroup.C1, 1, 8.5, 10, 15, 1, true);
            m.refs[0] = ref.copy();
            // local search around the true poses (HEALPix order 5, σ 1°): the residual left is the noise
            EngineSettings3D st = new EngineSettings3D(5, 0, 0, 1, SymmetryGroup.C1, 1.0, Matrix3.IDENTITY, 15, 1, 15, 10, 15, 0.999,
                    true, false, 2, 8, onRef, EngineSettings3D.DEFAULT_MAX_SIGNIFICANT);
            Em3D.Expectation e = Em3D.expectation(m, d, all, st, null);
            Em3D.updateNoiseAndPriors(m, e, st, false);
            double sum = 0;
            for (int sh = 2; sh <= 9; sh++) sum += m.sigma2[0][sh] / truth;
            ratio[k] = sum / 8;
        }
        String msg = String.format("sigma2/truth, shells 2..9, CTF.V reference: treated as CTF-corrected %.3f, as not corrected %.3f; "
                + "truth V as corrected %.3f", ratio[0], ratio[1], ratio[2]);
        System.out.println(msg);
        assertTrue(Math.abs(ratio[1] - 1) < 0.15, msg);
        assertTrue(ratio[0] > 1.5, msg);
    }
}
