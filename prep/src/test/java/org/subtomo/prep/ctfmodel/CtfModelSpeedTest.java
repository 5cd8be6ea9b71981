package org.subtomo.prep.ctfmodel;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.ctf.CtfVolume;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * 3D CTF models per second at box 64 and 128 on 2 threads, 41 tilts, with and without writing the
 * MRC cube (what {@code subtomo prepare} does per particle). Runs only with {@code -Dsubtomo.bench=true}.
 */
class CtfModelSpeedTest {
    @TempDir Path dir;

    @Test void modelsPerSecond() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("subtomo.bench"), "set -Dsubtomo.bench=true to run");
        List<TiltCtf> tilts = CtfModelRelionTest.tilts();
        for (int box : new int[]{64, 128}) {
            CtfModel3D m = new CtfModel3D(new CtfModel3D.Settings(box, 5.0, 300, 2.7, 0.1, 4, false));
            int count = box == 64 ? 200 : 60;
            for (boolean write : new boolean[]{false, true}) {
                ThreadLocal<float[][]> work = ThreadLocal.withInitial(m::workspace);
                ForkJoinPool pool = new ForkJoinPool(2);
                pool.submit(() -> IntStream.range(0, 8).parallel().forEach(i -> m.model(tilts, work.get()))).get();   // warm-up
                long t0 = System.nanoTime();
                pool.submit(() -> IntStream.range(0, count).parallel().forEach(i -> {
                    CtfVolume v = m.model(tilts, work.get());
                    if (write) v.write(dir.resolve("ctf" + i + ".mrc"), 5.0);
                })).get();
                double s = (System.nanoTime() - t0) / 1e9;
                pool.shutdown();
                System.out.printf(Locale.ROOT, "box %d, 41 tilts, 2 threads%s: %.1f models/s%n", box, write ? ", MRC written" : "", count / s);
            }
            // one thread, per step: model, cube conversion, MRC write
            float[][] w = m.workspace();
            long a = 0, b = 0, c = 0;
            for (int i = 0; i < 10; i++) {
                long t0 = System.nanoTime();
                CtfVolume v = m.model(tilts, w);
                long t1 = System.nanoTime();
                org.subtomo.core.grid.RealGrid cube = v.toCentredCube();
                long t2 = System.nanoTime();
                org.subtomo.core.io.mrc.MrcWriter.write(dir.resolve("p" + i + ".mrc"), cube, 5.0);
                long t3 = System.nanoTime();
                if (i >= 2) { a += t1 - t0; b += t2 - t1; c += t3 - t2; }
            }
            System.out.printf(Locale.ROOT, "box %d, one thread, per model: insertion %.1f ms, cube %.1f ms, MRC write %.1f ms%n", box, a / 8e6, b / 8e6, c / 8e6);
        }
    }
}
