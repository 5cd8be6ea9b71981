package org.subtomo.core.fsc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierShells;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.testutil.Maps;
import org.subtomo.core.testutil.Relion;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Independent truth for the FSC: {@code relion_image_handler --i a --fsc b} prints RELION's FSC table
 * (data_fsc, about 6 digits). Shells are the same (ℓ = round(|k|), 0..N/2). RELION sums over the stored half
 * transform, each stored voxel once, whereas {@link Fsc} weights the kx = 0 (and Nyquist) planes to count the
 * full sphere (each Friedel pair twice, so the kx = 0 plane is not under-weighted by half). On these noisy maps
 * that moves values by up to 6.5e-3 (well inside the FSC's own noise, ~1/√voxels per shell). The test checks
 * both: RELION's numbers equal a half-grid (RELION-weighted) sum to print precision (1.5e-6 measured), and equal
 * {@link Fsc#compute} within the size of that weighting difference, with the same 0.5 and 0.143 crossings.
 */
class RelionFscTest {
    static final int N = 48;
    static final double PIX = 2.5;

    @Test
    void fscMatchesRelions(@TempDir Path dir) throws Exception {
        Relion.require("relion_image_handler");
        RealGrid signal = RealGrid.cube(N);
        int c = N / 2;
        Maps.addGaussian(signal, c + 4, c - 3, c + 2, 2.0, 1.0);
        Maps.addGaussian(signal, c - 6, c + 5, c - 4, 3.0, 0.6);
        Maps.addGaussian(signal, c + 1, c + 8, c + 7, 1.2, 0.8);
        RealGrid a = noisy(signal, 0.05, 1), b = noisy(signal, 0.05, 2);
        MrcWriter.write(dir.resolve("a.mrc"), a, PIX);
        MrcWriter.write(dir.resolve("b.mrc"), b, PIX);

        String out = Relion.run(dir, "relion_image_handler", "--i", "a.mrc", "--fsc", "b.mrc", "--angpix", "" + PIX);
        StarTable t = StarReader.parse(out.substring(out.indexOf("data_fsc") - 1), null).table("fsc");

        FscCurve ours = Fsc.compute(a, b, PIX);
        double[] halfGrid = relionWeighted(Fft.forward(a), Fft.forward(b));
        assertEquals(ours.shells(), t.rowCount(), "shell count");
        double maxOurs = 0, maxHalf = 0;
        StringBuilder report = new StringBuilder("shell  RELION   ours     half-grid\n");
        for (int r = 0; r < t.rowCount(); r++) {
            int shell = t.getInt(r, "rlnSpectralIndex");
            assertEquals(r, shell);
            double theirs = t.getDouble(r, "rlnFourierShellCorrelation");
            if (shell > 0) assertEquals(ours.resolution(shell), t.getDouble(r, "rlnAngstromResolution"), 1e-4, "resolution of shell " + shell);
            report.append(String.format("%3d  %8.5f %8.5f %8.5f%n", shell, theirs, ours.fsc()[shell], halfGrid[shell]));
            if (shell == 0) continue; // RELION prints 1 for DC
            maxOurs = Math.max(maxOurs, Math.abs(theirs - ours.fsc()[shell]));
            maxHalf = Math.max(maxHalf, Math.abs(theirs - halfGrid[shell]));
        }
        report.append(String.format("max |RELION − ours| %.2e, max |RELION − half-grid sum| %.2e%n", maxOurs, maxHalf));
        System.out.print(report);
        assertTrue(maxHalf < 2e-5, () -> "RELION's FSC is not the half-grid sum:\n" + report);
        assertTrue(maxOurs < 1e-2, () -> "FSC differs from RELION's beyond the weighting difference:\n" + report);
        // same 0.143 / 0.5 crossings
        assertEquals(firstBelow(t, 0.5), ours.firstShellBelow(0.5), "0.5 crossing shell");
        assertEquals(firstBelow(t, 0.143), ours.firstShellBelow(0.143), "0.143 crossing shell");
    }

    static int firstBelow(StarTable t, double thr) {
        for (int r = 1; r < t.rowCount(); r++) if (t.getDouble(r, "rlnFourierShellCorrelation") < thr) return r;
        return -1;
    }

    static RealGrid noisy(RealGrid s, double sigma, long seed) {
        RealGrid g = s.copy();
        Random rnd = new Random(seed);
        for (int i = 0; i < g.data.length; i++) g.data[i] += (float) (sigma * rnd.nextGaussian());
        return g;
    }

    /** RELION's getFSC: every stored half-grid voxel once, shell round(|k|) ≤ N/2. */
    static double[] relionWeighted(FourierGrid a, FourierGrid b) {
        int n = FourierShells.nyquistShell(a) + 1;
        double[] num = new double[n], d1 = new double[n], d2 = new double[n];
        int[] shell = FourierShells.shellIndex(a);
        for (int i = 0; i < shell.length; i++) {
            int s = shell[i];
            if (s >= n) continue;
            double ar = a.data[2 * i], ai = a.data[2 * i + 1], br = b.data[2 * i], bi = b.data[2 * i + 1];
            num[s] += ar * br + ai * bi;
            d1[s] += ar * ar + ai * ai;
            d2[s] += br * br + bi * bi;
        }
        double[] f = new double[n];
        for (int s = 0; s < n; s++) f[s] = num[s] / Math.sqrt(d1[s] * d2[s]);
        return f;
    }
}
