package org.subtomo.post.postprocess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.testutil.Maps;
import org.subtomo.core.testutil.Relion;
import org.subtomo.post.SimulatedHalves;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The automask against relion_mask_create on the same average map and parameters. */
class AutoMaskRelionTest {
    @TempDir Path dir;

    @Test void matchesRelionMaskCreate() throws Exception {
        Relion.require("relion_mask_create");
        SimulatedHalves s = new SimulatedHalves(64, 2, 16, 200, 0.7, 11);
        RealGrid avg = s.halves().average();
        MrcWriter.write(dir.resolve("avg.mrc"), avg, 2);
        AutoMask am = new AutoMask(15, 0.3, 3, 6);
        long t0 = System.nanoTime();
        RealGrid ours = am.compute(avg, 2);
        double msOurs = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        Relion.run(dir, 120, "relion_mask_create", "--i", "avg.mrc", "--o", "mask.mrc", "--lowpass", "15", "--angpix", "2",
                "--ini_threshold", "0.3", "--extend_inimask", "3", "--width_soft_edge", "6", "--j", "1");
        double msRelion = (System.nanoTime() - t0) / 1e6;
        RealGrid theirs = MrcReader.read(dir.resolve("mask.mrc").toString());
        long inOurs = count(ours, 0.999f), inTheirs = count(theirs, 0.999f);
        long halfOurs = AutoMask.voxelsAtLeastHalf(ours), halfTheirs = AutoMask.voxelsAtLeastHalf(theirs);
        long anyOurs = count(ours, 1e-6f), anyTheirs = count(theirs, 1e-6f);
        double diff = Maps.maxAbsDiff(ours.data, theirs.data);
        System.out.printf("automask vs relion_mask_create: inside %d vs %d, >=0.5 %d vs %d, >0 %d vs %d, max |diff| %.2e; %.0f ms vs %.0f ms%n",
                inOurs, inTheirs, halfOurs, halfTheirs, anyOurs, anyTheirs, diff, msOurs, msRelion);
        assertTrue(inOurs > 1000 && inOurs < 64 * 64 * 64 / 2, "a particle-sized mask: " + inOurs);
        // Thresholding a low-passed float map: a voxel within rounding of the threshold may fall either way.
        assertEquals(inTheirs, inOurs, Math.max(2, inTheirs / 1000), "binary + extended voxels");
        assertEquals(halfTheirs, halfOurs, Math.max(2, halfTheirs / 1000), "voxels >= 0.5");
        assertEquals(anyTheirs, anyOurs, Math.max(2, anyTheirs / 1000), "voxels > 0");
    }

    static long count(RealGrid g, float atLeast) {
        long c = 0;
        for (float v : g.data) if (v >= atLeast) c++;
        return c;
    }
}
