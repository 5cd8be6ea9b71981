package org.subtomo.sim.tilt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.ctf.ElectronWavelength;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierShells;
import org.subtomo.core.geom.TiltGeometry;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.sim.ProjectSimulator;
import org.subtomo.sim.SimulationParameters;
import org.subtomo.sim.sample.TiltScheme;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The .trial stack of {@code subtomo simulate --trials}: two images per tilt at its defocus ∓ offset, with the trial dose. */
class TrialImagesTest {
    static final double P = 4.0, Q = 0.07;

    /** Noise-free trial images: the power spectrum of image 2i vanishes at the zeros of defocus − offset, 2i+1 at + offset. */
    @Test void trialImagesHaveTheirOwnDefocusAndDose() {
        int n = 256;
        double defocus = 15000, offset = 2500, trialDose = 3, thickness = 400, mfp = 3500;
        TiltScheme scheme = TiltScheme.of(TiltScheme.Kind.UNIDIRECTIONAL, 30, 30, 3);   // -30, 0, 30
        List<TiltImageCtf> ctfs = List.of(new TiltImageCtf(defocus, defocus, 0), new TiltImageCtf(defocus, defocus, 0), new TiltImageCtf(defocus, defocus, 0));
        RealGrid trials = TiltSeriesSimulator.trialImages(scheme, ctfs, new Optics(300, 0, Q, P),
                new TiltSeriesSimulator.Exposure(3, thickness, mfp, false, 1), n, n, offset, trialDose, 4);
        assertEquals(6, trials.nz);
        double lambda = ElectronWavelength.angstrom(300);
        for (int j = 0; j < 6; j++) {
            RealGrid img = new RealGrid(n, n, 1);
            double electrons = trialDose * P * P * Math.exp(-thickness / (TiltGeometry.of(scheme.tilts().get(j / 2).angleDeg()).cos() * mfp));
            double mean = 0;
            for (int i = 0; i < n * n; i++) { img.data[i] = (float) (trials.data[j * n * n + i] / electrons - 1); mean += trials.data[j * n * n + i]; }
            assertEquals(electrons, mean / (n * n), 0.01 * electrons, "mean counts = trial dose × pixel area × ice transmission");
            double[] power = FourierShells.powerSpectrum(Fft.forward(img));
            double own = j % 2 == 0 ? defocus - offset : defocus + offset, other = j % 2 == 0 ? defocus + offset : defocus - offset;
            double atOwn = 0, atOther = 0;
            for (int k = 1; k <= 3; k++) {
                atOwn += power[shell(k, own, lambda, n)];
                atOther += power[shell(k, other, lambda, n)];
            }
            assertTrue(atOwn < 0.2 * atOther, "image " + j + ": power at its own zeros " + atOwn + " vs the other defocus' zeros " + atOther);
        }
    }

    static int shell(int k, double defocus, double lambda, int n) {
        return (int) Math.round(Math.sqrt((k * Math.PI - Math.asin(Q)) / (Math.PI * lambda * defocus)) * n * P);
    }

    @Test void projectHasTheTrialStackAndItsTruth(@TempDir Path dir) throws Exception {
        SimulationParameters p = new SimulationParameters(null, 1, 4, 0, "B", 0, 0, 8.0, 24, 96, 32, 250, TiltScheme.Kind.DOSE_SYMMETRIC,
                60, 10, 3, 300, 2.7, 0.1, 30000, 1000, 200, 50, 3500, 3).withIceNoise(1).withTrials(true, 300, 2);
        ProjectSimulator.run(p, dir, System.out);
        try (MrcReader r = MrcReader.open(dir.resolve("Tomograms/tomo01/tomo01.trial"))) {
            assertEquals(26, r.header().imageCount());   // 13 tilts × 2
        }
        StarTable trials = StarReader.read(dir.resolve("truth/trials.star")).blocks().get(0).table();
        StarTable tilts = StarReader.read(dir.resolve("truth/tilts.star")).blocks().get(0).table();
        assertEquals(26, trials.rowCount());
        for (int k = 0; k < 13; k++) {
            assertEquals(tilts.getDouble(k, "rlnDefocusU") - 300, trials.getDouble(2 * k, "rlnDefocusU"), 0.02);
            assertEquals(tilts.getDouble(k, "rlnDefocusU") + 300, trials.getDouble(2 * k + 1, "rlnDefocusU"), 0.02);
            assertEquals(tilts.getDouble(k, "rlnAngleTilt"), trials.getDouble(2 * k, "rlnAngleTilt"), 1e-6);
            assertEquals(2, trials.getDouble(2 * k, "subtomoTrialDose"), 1e-9);
        }
    }
}
