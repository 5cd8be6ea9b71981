package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierFilters;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.mask.SoftMasks;
import org.subtomo.core.testutil.Maps;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code subtomo postprocess} and {@code subtomo localres} end to end on small simulated half maps. */
class PostprocessCommandTest {
    @TempDir Path dir;

    /** 40³ at 3 Å: white-noise density in a sphere, blurred by B = 300, plus independent noise per half. */
    Path halves() {
        int n = 40;
        RealGrid t = Maps.whiteNoise(n, n, n, 1, 1);
        SoftMasks.multiply(t, SoftMasks.sphere(n, n, n, 11, 3));
        FourierGrid f = Fft.forward(t);
        FourierFilters.applyBFactor(f, 3, 300);
        t = Fft.inverse(f);
        double sd = t.stddev();
        for (int h = 1; h <= 2; h++) {
            RealGrid m = Maps.whiteNoise(n, n, n, 1.0, 10 + h);
            for (int i = 0; i < m.data.length; i++) m.data[i] += (float) (t.data[i] / sd);
            MrcWriter.write(dir.resolve("run_half" + h + "_class001_unfil.mrc"), m, 3);
        }
        return dir.resolve("run_half1_class001_unfil.mrc");
    }

    @Test void postprocessThenLocalres() throws Exception {
        Path h1 = halves();
        Path root = dir.resolve("PostProcess/run1/postprocess");
        assertEquals(0, Main.run("postprocess", "--i", h1.toString(), "--o", root.toString(), "--ini_mask_threshold", "0.3",
                "--auto_bfac", "--random_seed", "2"));
        for (String f : new String[]{"postprocess.mrc", "postprocess_masked.mrc", "postprocess_automask.mrc", "postprocess.star", "postprocess_fsc.xml",
                "postprocess_fsc.png", "postprocess_guinier.png"})
            assertTrue(Files.exists(root.resolveSibling(f)), f);
        double res = StarReader.read(root.resolveSibling("postprocess.star")).table("general").getDouble(0, "rlnFinalResolution");
        assertTrue(res >= 6 && res < 12, "resolution " + res);

        Path lr = dir.resolve("LocalRes/run1/relion");
        assertEquals(0, Main.run("localres", "--i", h1.toString(), "--mask", root.resolveSibling("postprocess_automask.mrc").toString(),
                "--o", lr.toString(), "--locres_sampling", "15"));
        assertTrue(Files.exists(lr.resolveSibling("relion_locres.mrc")));
        assertTrue(Files.readString(lr.resolveSibling("relion_locres.txt")).contains("median"));
    }

    @Test void badInputIsOneLine() throws Exception {
        Path h1 = halves();
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            assertEquals(1, Main.run("postprocess", "--i", h1.toString(), "--o", dir.resolve("pp").toString(), "--ini_mask_threshold", "100"));
        } finally { System.setErr(old); }
        String s = err.toString();
        assertTrue(s.contains("automask is empty") && !s.contains("\tat "), s);
        assertEquals(1, s.strip().lines().count(), s);
    }
}
