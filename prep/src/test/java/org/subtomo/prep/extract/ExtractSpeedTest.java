package org.subtomo.prep.extract;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Speed figure for the report: a 400³ tomogram with 200 particles, box 64 (and box 128 with
 * -Dsubtomo.bench.box=128), with projections.
 * Runs only with {@code -Dsubtomo.bench=true} (writes a 256 MB tomogram).
 */
class ExtractSpeedTest {
    @TempDir Path dir;

    @Test void particlesPerSecond() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("subtomo.bench"), "set -Dsubtomo.bench=true to run");
        int n = 400;
        RealGrid g = new RealGrid(n, n, n);
        Random rnd = new Random(1);
        for (int i = 0; i < g.data.length; i++) g.data[i] = (float) rnd.nextGaussian();
        Path t = dir.resolve("Tomograms/t1");
        Files.createDirectories(t);
        MrcWriter.write(t.resolve("t1.mrc"), g, 2.0);
        g = null;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++)
            sb.append(64 + rnd.nextInt(n - 128)).append(' ').append(64 + rnd.nextInt(n - 128)).append(' ').append(64 + rnd.nextInt(n - 128)).append('\n');
        Files.writeString(t.resolve("t1.coords"), sb.toString());
        Files.writeString(dir.resolve("all_tomograms.star"), "data_\nloop_\n_rlnMicrographName\nTomograms/t1/t1.mrc\n");
        // warm-up (JIT), not reported
        SubtomoExtractor.extract(ExtractParameters.builder(dir, Path.of("all_tomograms.star"), 64).coordSuffix(".coords")
                .particleDiameter(100).project3d(true).build(), false);
        int box = Integer.getInteger("subtomo.bench.box", 64);
        for (int threads : new int[]{1, Runtime.getRuntime().availableProcessors()}) {
            for (String mode : new String[]{"plain", "project3d", "scale32+project3d"}) {
                ExtractParameters.Builder b = ExtractParameters.builder(dir, Path.of("all_tomograms.star"), box).coordSuffix(".coords")
                        .particleDiameter(100).threads(threads).project3d(!mode.equals("plain"));
                if (mode.startsWith("scale")) b.scale(32);
                ExtractResult r = SubtomoExtractor.extract(b.build(), false);
                System.out.printf(Locale.ROOT, "BENCH box=%d threads=%d %-18s %d particles in %.2f s = %.1f particles/s%n",
                        box, threads, mode, r.extracted(), r.seconds(), r.particlesPerSecond());
            }
        }
    }
}
