package org.subtomo.core.mask;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcWriteOptions;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.testutil.Maps;
import org.subtomo.core.testutil.Relion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Independent truth for particle normalisation: {@code relion_preprocess --operate_on stack.mrcs --norm
 * --bg_radius R} (RELION's default, with background-ramp subtraction) must equal
 * {@link BackgroundNormalisation#normaliseWithRamp}, and with {@code --no_ramp} must equal
 * {@link BackgroundNormalisation#normalise}, on images with noise, a particle and a strong ramp.
 */
class RelionNormaliseTest {
    static final int N = 64, R = 25, IMAGES = 4;

    @Test
    void normalisationMatchesRelions(@TempDir Path dir) throws Exception {
        Relion.require("relion_preprocess");
        List<RealGrid> in = new ArrayList<>();
        for (int k = 0; k < IMAGES; k++) {
            RealGrid g = Maps.whiteNoise(N, N, 1, 1.5 + k, 40 + k);
            Maps.addGaussian(g, 30 + k, 34 - k, 0, 4, 6);
            for (int y = 0; y < N; y++) for (int x = 0; x < N; x++)
                g.data[g.index(x, y, 0)] += (float) (0.1 * (k - 1.5) * x - 0.07 * y + 3 * k);
            in.add(g);
        }
        MrcWriter.writeStack(dir.resolve("stack.mrcs"), in, MrcWriteOptions.pixelSize(2.0));
        Relion.run(dir, "relion_preprocess", "--operate_on", "stack.mrcs", "--norm", "--bg_radius", "" + R, "--operate_out", "ramp.mrcs");
        Relion.run(dir, "relion_preprocess", "--operate_on", "stack.mrcs", "--norm", "--bg_radius", "" + R, "--no_ramp", "--operate_out", "noramp.mrcs");

        StringBuilder report = new StringBuilder();
        try (MrcReader ramp = MrcReader.open(dir.resolve("ramp.mrcs")); MrcReader noRamp = MrcReader.open(dir.resolve("noramp.mrcs"))) {
            assertEquals(IMAGES, ramp.header().nz);
            for (int k = 0; k < IMAGES; k++) {
                RealGrid withRamp = in.get(k).copy(), plain = in.get(k).copy();
                BackgroundNormalisation.normaliseWithRamp(withRamp, R);
                BackgroundNormalisation.normalise(plain, R);
                RealGrid theirsRamp = ramp.readImage(k), theirsPlain = noRamp.readImage(k);
                double dRamp = Maps.maxAbsDiff(withRamp.data, theirsRamp.data), dPlain = Maps.maxAbsDiff(plain.data, theirsPlain.data);
                double crossed = Maps.maxAbsDiff(plain.data, theirsRamp.data);
                report.append(String.format("image %d: max |diff| with ramp %.2e, --no_ramp %.2e (ours without ramp vs RELION's default: %.2f)%n",
                        k + 1, dRamp, dPlain, crossed));
                final int kk = k;
                assertTrue(dRamp < 1e-5, () -> "ramp normalisation differs from RELION's, image " + (kk + 1) + ":\n" + report);
                assertTrue(dPlain < 1e-5, () -> "--no_ramp normalisation differs from RELION's, image " + (kk + 1) + ":\n" + report);
                assertTrue(crossed > 0.1, () -> "the ramp should matter in this test:\n" + report);
            }
        }
        System.out.print(report);
    }
}
