package org.subtomo.core.fourier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.geom.Euler;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.testutil.Maps;
import org.subtomo.core.testutil.Relion;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Independent truth for the Euler and projection conventions: {@code relion_project --rot --tilt --psi} of an
 * asymmetric map must equal {@link FourierProjector#project} (then inverse FFT) at the same angles. Also checks
 * that the dominant blob lands where the convention in {@link Euler} says (particle(x) = ref(Aᵀx), so a blob at
 * reference offset c appears at (A·c)ₓ,ᵧ), and that the transposed rotation does NOT match (the check can
 * tell the two conventions apart).
 */
class RelionProjectTest {
    static final int N = 64;
    static final double PIX = 2.0;
    /** the dominant blob, offset from the centre (px) */
    static final double[] BIG = {10, -4, 6};

    @TempDir static Path dir;
    static RealGrid map;
    static FourierProjector projector;

    @BeforeAll
    static void makeMap() {
        map = RealGrid.cube(N);
        int c = N / 2;
        Maps.addGaussian(map, c + BIG[0], c + BIG[1], c + BIG[2], 2.5, 2.0);
        Maps.addGaussian(map, c - 8, c + 9, c - 3, 4, 0.3);
        Maps.addGaussian(map, c - 2, c - 11, c + 10, 3, 0.4);
        Maps.addGaussian(map, c + 3, c + 5, c - 12, 2, 0.5);
        MrcWriter.write(dir.resolve("vol.mrc"), map, PIX);
        projector = new FourierProjector(map, 2, true);
    }

    static final double[][] ANGLES = {{0, 0, 0}, {30, 0, 0}, {0, 40, 0}, {0, 0, 50}, {25, 70, -110}, {-140, 115, 35}};

    @Test
    void projectionsMatchRelions() throws Exception {
        Relion.require("relion_project");
        StringBuilder report = new StringBuilder();
        for (double[] ang : ANGLES) {
            String root = String.format("p_%d", java.util.Arrays.hashCode(ang) & 0xffff);
            Relion.run(dir, "relion_project", "--i", "vol.mrc", "--o", root + ".mrc", "--angpix", "" + PIX,
                    "--rot", "" + ang[0], "--tilt", "" + ang[1], "--psi", "" + ang[2]);
            RealGrid theirs = MrcReader.read(dir.resolve(root + ".mrc").toString());
            assertEquals(N, theirs.nx);
            assertEquals(1, theirs.nz);

            Matrix3 a = Euler.ofDegrees(ang[0], ang[1], ang[2]).toMatrix();
            RealGrid ours = Fft.inverse(projector.project(a));
            RealGrid wrong = Fft.inverse(projector.project(a.transpose()));
            double cc = Maps.correlation(ours, theirs), ccWrong = Maps.correlation(wrong, theirs);
            int[] pOurs = argmax(ours), pTheirs = argmax(theirs);
            // where the convention says the big blob goes: (A·c) in the image plane
            double ex = N / 2 + a.m00() * BIG[0] + a.m01() * BIG[1] + a.m02() * BIG[2];
            double ey = N / 2 + a.m10() * BIG[0] + a.m11() * BIG[1] + a.m12() * BIG[2];
            double rms = Maps.relRms(ours, theirs);
            report.append(String.format("(%g,%g,%g): 1-cc %.2e (transposed A: cc %.3f), scale %.5f, rel RMS diff %.2e, peak ours %d,%d RELION %d,%d expected %.1f,%.1f%n",
                    ang[0], ang[1], ang[2], 1 - cc, ccWrong, scale(ours, theirs), rms, pOurs[0], pOurs[1], pTheirs[0], pTheirs[1], ex, ey));
            assertTrue(cc > 0.99999, () -> "correlation with RELION's projection too low:\n" + report);
            assertTrue(rms < 1e-5, () -> "RELION's projection differs in value (same scale expected):\n" + report);
            assertArrayEquals(pTheirs, pOurs, () -> "peak positions differ:\n" + report);
            assertEquals(ex, pTheirs[0], 1.0, () -> "RELION's peak x not where A·c puts it:\n" + report);
            assertEquals(ey, pTheirs[1], 1.0, () -> "RELION's peak y not where A·c puts it:\n" + report);
            boolean nonTrivial = a.maxAbsDiff(a.transpose()) > 0.1;
            if (nonTrivial) assertTrue(ccWrong < 0.9, () -> "the transposed convention also matches; test not discriminating:\n" + report);
        }
        System.out.print(report);
    }

    /** least-squares s with theirs ≈ s·ours */
    static double scale(RealGrid ours, RealGrid theirs) {
        double so = 0, st = 0;
        for (int i = 0; i < ours.data.length; i++) { so += ours.data[i] * (double) ours.data[i]; st += ours.data[i] * (double) theirs.data[i]; }
        return st / so;
    }

    static int[] argmax(RealGrid g) {
        int best = 0;
        for (int i = 1; i < g.data.length; i++) if (g.data[i] > g.data[best]) best = i;
        return new int[]{best % g.nx, best / g.nx};
    }
}
