package org.subtomo.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierProjector;
import org.subtomo.core.fourier.FourierShift;
import org.subtomo.core.fsc.Fsc;
import org.subtomo.core.fsc.FscCurve;
import org.subtomo.core.geom.Euler;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.sim.sample.TiltScheme;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The simulator's promise: sub-tomograms cut from its tomograms at the true positions, rotated back
 * by the true orientations and averaged, give back the true map.
 */
class GroundTruthRecoveryTest {
    static SimulationParameters small() {
        SimulationParameters d = SimulationParameters.defaults();
        return new SimulationParameters(null, 1, 40, 0.0, "B", 0, 0, 8.0, 32, 160, 48, 300,
                TiltScheme.Kind.DOSE_SYMMETRIC, 60, 3, 3.0, d.voltage(), d.cs(), d.q(), 30000, 1000, 200, d.bFactor(), d.inelasticMfp(), 3);
    }

    @Test void averagingAtTruePosesRecoversTheTruthMap(@TempDir Path dir) throws Exception {
        recover(small(), dir, "uniform ice");
    }

    /** The same with the amorphous-ice texture (the simulate default): extra structural noise, same promise. */
    @Test void averagingAtTruePosesRecoversTheTruthMapWithIceTexture(@TempDir Path dir) throws Exception {
        recover(small().withIceNoise(1), dir, "ice texture");
    }

    static void recover(SimulationParameters p, Path dir, String label) throws Exception {
        ProjectSimulator.Summary s = ProjectSimulator.run(p, dir, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(40, s.particles());
        RealGrid truth = MrcReader.read(dir.resolve("truth/class001.mrc").toString());
        StarTable rows = StarReader.read(dir.resolve("truth/particles.star")).table("particles");
        int b = p.box();
        RealGrid sum = RealGrid.cube(b);
        try (MrcReader tomo = MrcReader.open(dir.resolve("Tomograms/tomo01/tomo01.mrc"))) {
            for (int r = 0; r < rows.rowCount(); r++) {
                double x = rows.getDouble(r, "rlnCoordinateX"), y = rows.getDouble(r, "rlnCoordinateY"), z = rows.getDouble(r, "rlnCoordinateZ");
                long ix = Math.round(x), iy = Math.round(y), iz = Math.round(z);
                RealGrid w = tomo.readWindow((int) ix - b / 2, (int) iy - b / 2, (int) iz - b / 2, b, b, b, 0f);
                for (int i = 0; i < w.data.length; i++) w.data[i] = -w.data[i];   // particles are dark in the tomogram
                FourierGrid f = Fft.forward(w);
                FourierShift.shift(f, ix - x, iy - y, iz - z);                   // true centre to the box centre
                Euler e = Euler.ofDegrees(rows.getDouble(r, "rlnAngleRot"), rows.getDouble(r, "rlnAngleTilt"), rows.getDouble(r, "rlnAnglePsi"));
                // particle(x) = truth(Aᵀx), so truth(x) = particle(A x): rotate the particle by Aᵀ.
                RealGrid back = Fft.inverse(new FourierProjector(Fft.inverse(f), 2, true).rotate(e.toMatrix().transpose()));
                for (int i = 0; i < sum.data.length; i++) sum.data[i] += back.data[i];
            }
        }
        FscCurve fsc = Fsc.compute(sum, truth, p.pixelSize());
        double res = fsc.resolutionAt(0.5);
        System.out.printf("ground-truth recovery (%s): FSC(average of 40 at true poses, truth) = 0.5 at %.1f Å (Nyquist %.1f Å)%n", label, res, 2 * p.pixelSize());
        // Without CTF correction the average is reliable up to the first CTF zero (~25 Å at 3 µm);
        // beyond it particles at different defoci cancel. 40 Å at 0.5 proves geometry, hand and scale.
        assertTrue(res < 40, "FSC 0.5 at " + res + " Å");
        assertTrue(fsc.fsc()[2] > 0.9, "low-resolution agreement " + fsc.fsc()[2]);
    }

    @Test void badOptionsAreOneLineErrors(@TempDir Path dir) {
        SimulationParameters d = SimulationParameters.defaults();
        InputException e = assertThrows(InputException.class, () -> new SimulationParameters(null, 1, 10, 0, "B", 0, 0, 5, 48, 400, 120, 450,
                TiltScheme.Kind.DOSE_SYMMETRIC, 95, 3, 3, 300, 2.7, 0.1, 35000, 2000, 300, 50, 3500, 0).validate());
        assertTrue(e.getMessage().startsWith("--tilt_max"), e.getMessage());
        e = assertThrows(InputException.class, () -> new SimulationParameters(null, 1, 10, 0, "B", 0, 0, 5, 48, 400, 120, 450,
                TiltScheme.Kind.DOSE_SYMMETRIC, 60, 3, -1, 300, 2.7, 0.1, 35000, 2000, 300, 50, 3500, 0).validate());
        assertTrue(e.getMessage().startsWith("--dose_per_tilt"), e.getMessage());
        e = assertThrows(InputException.class, () -> new SimulationParameters(null, 1, 10, 0, "B", 0, 0, 5, 256, 200, 120, 450,
                TiltScheme.Kind.DOSE_SYMMETRIC, 60, 3, 3, 300, 2.7, 0.1, 35000, 2000, 300, 50, 3500, 0).validate());
        assertTrue(e.getMessage().contains("larger than the tomogram"), e.getMessage());
        SimulationParameters ok = small();
        e = assertThrows(InputException.class, () -> ok.withTrials(true, 250, 0).validate());
        assertTrue(e.getMessage().startsWith("--trial_dose"), e.getMessage());
        e = assertThrows(InputException.class, () -> ok.withSirtLike(-1).validate());
        assertTrue(e.getMessage().startsWith("--sirt_like"), e.getMessage());
        e = assertThrows(InputException.class, () -> ok.withIceNoise(-1).validate());
        assertTrue(e.getMessage().startsWith("--ice_noise"), e.getMessage());
    }
}
