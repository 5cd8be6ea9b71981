package org.subtomo.post.localres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.mask.SoftMasks;
import org.subtomo.core.testutil.Relion;
import org.subtomo.post.HalfMaps;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** subtomo localres against relion_postprocess --locres (RELION 3.1.3) on the two-region map of {@link LocalResolutionTest}. */
class LocalResolutionRelionTest {
    @TempDir Path dir;

    @Test void regionMediansAgreeWithRelion() throws Exception {
        Relion.require("relion_postprocess");
        HalfMaps h = LocalResolutionTest.twoResolutions();
        int n = LocalResolutionTest.N;
        MrcWriter.write(dir.resolve("t_half1.mrc"), h.half1(), 2);
        MrcWriter.write(dir.resolve("t_half2.mrc"), h.half2(), 2);
        RealGrid mask = SoftMasks.sphere(n, n, n, 26, 3);
        MrcWriter.write(dir.resolve("mask.mrc"), mask, 2);
        Files.createDirectories(dir.resolve("R"));
        long t0 = System.nanoTime();
        Relion.run(dir, 180, "relion_postprocess", "--i", "t_half1.mrc", "--o", "R/pp", "--angpix", "2", "--mask", "mask.mrc", "--locres",
                "--locres_sampling", "16", "--locres_maskrad", "12", "--locres_edgwidth", "12");
        double sRelion = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        LocalResolutionResult ours = LocalResolution.compute(h, mask,
                new LocalResolutionParameters(Path.of("t_half1.mrc"), null, Path.of("mask.mrc"), Path.of("o"), -1, 16, 12, 12, 25, 50, 0, 0));
        double sOurs = (System.nanoTime() - t0) / 1e9;
        RealGrid theirs = MrcReader.read(dir.resolve("R/pp_locres.mrc").toString());
        double oc = LocalResolutionTest.medianIn(ours.map(), mask, 6, 24), of = LocalResolutionTest.medianIn(ours.map(), mask, 40, 58);
        double rc = LocalResolutionTest.medianIn(theirs, mask, 6, 24), rf = LocalResolutionTest.medianIn(theirs, mask, 40, 58);
        double tc = LocalResolutionTest.uniformResolution(16), tf = LocalResolutionTest.uniformResolution(8);
        String line = String.format("local resolution medians, subtomo vs relion_postprocess --locres (truth = global FSC of a uniform map): "
                + "16 Å region %.2f vs %.2f Å (truth %.2f), 8 Å region %.2f vs %.2f Å (truth %.2f); %d points, %.1f s vs %.1f s",
                oc, rc, tc, of, rf, tf, ours.points(), sOurs, sRelion);
        System.out.println(line);
        // RELION takes the last shell above 0.143 of a full-box FSC (steps of 128/ℓ Å: 16, 14.2, 12.8), we interpolate the
        // crossing: the two differ by up to a shell (measured 15.44 vs 13.49 Å and 6.83 vs 6.97 Å)
        assertEquals(rc, oc, 0.15 * rc, line);
        assertEquals(rf, of, 0.15 * rf, line);
        assertTrue(Math.abs(oc - tc) <= Math.abs(rc - tc) + 0.5, "as close to the truth as RELION (16 Å region): " + line);
        assertTrue(Math.abs(of - tf) <= Math.abs(rf - tf) + 0.5, "as close to the truth as RELION (8 Å region): " + line);
    }
}
