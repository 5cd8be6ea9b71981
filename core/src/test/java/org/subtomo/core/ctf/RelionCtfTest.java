package org.subtomo.core.ctf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;
import org.subtomo.core.testutil.Maps;
import org.subtomo.core.testutil.Relion;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Independent truth for the CTF (sign, zeros, astigmatism angle, phase shift): {@code relion_project --ctf}
 * multiplies each projection's transform by RELION's CTF. Dividing its transform by that of the plain
 * projection (same angles, no {@code --ctf}) recovers RELION's CTF wherever the projection has power; it must
 * equal {@link Ctf#sampleHalf} for the same parameters.
 */
class RelionCtfTest {
    static final int N = 64;
    static final double PIX = 1.5;

    /** optics group, rot, tilt, psi, defocus U, V, angle, phase shift */
    static final double[][] ROWS = {
            {1, 0, 0, 0, 20000, 15000, 30, 0},
            {1, 25, 70, -110, 9000, 8000, -60, 0},
            {2, -140, 115, 35, 30000, 31000, 100, 0},
            {2, 10, 20, 30, 5000, 5000, 0, 60},
    };
    /** per optics group: voltage kV, Cs mm, Q */
    static final double[][] OPTICS = {{300, 2.7, 0.1}, {200, 2.0, 0.07}};

    @Test
    void relionsCtfEqualsOurs(@TempDir Path dir) throws Exception {
        Relion.require("relion_project");
        // small blobs: power out to Nyquist
        RealGrid map = RealGrid.cube(N);
        int c = N / 2;
        Maps.addGaussian(map, c + 5, c - 3, c + 2, 0.9, 1.0);
        Maps.addGaussian(map, c - 7, c + 6, c - 4, 1.1, 0.8);
        Maps.addGaussian(map, c + 1, c + 9, c + 8, 0.8, 0.6);
        MrcWriter.write(dir.resolve("vol.mrc"), map, PIX);

        StarTable optics = StarTable.loop("rlnOpticsGroup", "rlnOpticsGroupName", "rlnVoltage", "rlnSphericalAberration",
                "rlnAmplitudeContrast", "rlnImagePixelSize", "rlnImageSize", "rlnImageDimensionality");
        for (int g = 0; g < OPTICS.length; g++)
            optics.addRow("" + (g + 1), "optics" + (g + 1), "" + OPTICS[g][0], "" + OPTICS[g][1], "" + OPTICS[g][2], "" + PIX, "" + N, "2");
        StarTable particles = StarTable.loop("rlnOpticsGroup", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi",
                "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle", "rlnPhaseShift", "rlnImageName");
        for (int r = 0; r < ROWS.length; r++) {
            String[] v = new String[9];
            v[0] = "" + (int) ROWS[r][0];
            for (int k = 1; k < 8; k++) v[k] = "" + ROWS[r][k];
            v[8] = (r + 1) + "@dummy.mrcs";
            particles.addRow(v);
        }
        StarWriter.write(new StarFile().add("optics", optics).add("particles", particles), dir.resolve("ang.star"));

        Relion.run(dir, "relion_project", "--i", "vol.mrc", "--ang", "ang.star", "--angpix", "" + PIX, "--o", "plain");
        Relion.run(dir, "relion_project", "--i", "vol.mrc", "--ang", "ang.star", "--angpix", "" + PIX, "--o", "ctf", "--ctf");

        StringBuilder report = new StringBuilder();
        try (MrcReader plain = MrcReader.open(dir.resolve("plain.mrcs")); MrcReader modulated = MrcReader.open(dir.resolve("ctf.mrcs"))) {
            assertEquals(ROWS.length, plain.header().nz);
            for (int r = 0; r < ROWS.length; r++) {
                double[] o = OPTICS[(int) ROWS[r][0] - 1];
                Ctf ctf = new Ctf(CtfParams.of(ROWS[r][4], ROWS[r][5], ROWS[r][6], o[0], o[1], o[2]).withPhaseShift(ROWS[r][7]));
                float[] ours = ctf.sampleHalf(N, N, PIX, Ctf.Mode.VALUE);
                FourierGrid fp = Fft.forward(plain.readImage(r)), fc = Fft.forward(modulated.readImage(r));
                double maxPow = 0;
                for (int i = 0; i < ours.length; i++) maxPow = Math.max(maxPow, pow(fp, i));
                double maxDiff = 0, sumDiff2 = 0;
                int used = 0, signFlips = 0, positive = 0, negative = 0;
                for (int i = 0; i < ours.length; i++) {
                    double p = pow(fp, i);
                    if (p < 1e-8 * maxPow) continue; // no power: ratio undefined
                    int kx = i % fp.hx, ky = i / fp.hx;
                    double fy = fp.freqY(ky);
                    if (kx * kx + fy * fy > (N / 2.0) * (N / 2.0)) continue; // RELION's projection stops at Nyquist
                    double theirs = (fc.data[2 * i] * (double) fp.data[2 * i] + fc.data[2 * i + 1] * (double) fp.data[2 * i + 1]) / p;
                    double d = Math.abs(theirs - ours[i]);
                    maxDiff = Math.max(maxDiff, d);
                    sumDiff2 += d * d;
                    used++;
                    if (Math.abs(theirs) > 0.1 && Math.signum(theirs) != Math.signum(ours[i])) signFlips++;
                    if (theirs > 0.1) positive++;
                    if (theirs < -0.1) negative++;
                }
                double dc = (fc.data[0] * (double) fp.data[0]) / pow(fp, 0);
                report.append(String.format("row %d (U %.0f V %.0f angle %.0f, %.0f kV, phase %.0f): %d voxels, max |diff| %.2e, RMS %.2e, sign disagreements %d, CTF>0.1: %d, <-0.1: %d, DC RELION %.4f ours %.4f%n",
                        r + 1, ROWS[r][4], ROWS[r][5], ROWS[r][6], o[0], ROWS[r][7], used, maxDiff, Math.sqrt(sumDiff2 / used), signFlips, positive, negative, dc, ours[0]));
                assertTrue(used > ours.length / 2, () -> "too few voxels with power:\n" + report);
                assertTrue(positive > 100 && negative > 100, () -> "CTF should oscillate:\n" + report);
                assertEquals(0, signFlips, () -> "CTF sign differs from RELION's:\n" + report);
                assertTrue(maxDiff < 2e-4, () -> "CTF differs from RELION's:\n" + report);
            }
        }
        System.out.print(report);
    }

    private static double pow(FourierGrid f, int complexIndex) {
        double re = f.data[2 * complexIndex], im = f.data[2 * complexIndex + 1];
        return re * re + im * im;
    }
}
