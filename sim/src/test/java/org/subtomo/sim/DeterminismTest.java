package org.subtomo.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.sim.sample.TiltScheme;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The same --random_seed gives byte-identical projects (tilt series, trials, tomogram, coordinates); another seed does not. */
class DeterminismTest {
    static SimulationParameters tiny(long seed) {
        return new SimulationParameters(null, 1, 4, 0, "B", 1, 1, 8.0, 24, 96, 32, 250, TiltScheme.Kind.DOSE_SYMMETRIC,
                60, 10, 3, 300, 2.7, 0.1, 30000, 1000, 200, 50, 3500, seed).withIceNoise(1).withTrials(true, 300, 2).withSirtLike(5);
    }

    @Test void sameSeedSameProject(@TempDir Path dir) throws Exception {
        ProjectSimulator.run(tiny(11), dir.resolve("a"), System.out);
        ProjectSimulator.run(tiny(11), dir.resolve("b"), System.out);
        ProjectSimulator.run(tiny(12), dir.resolve("c"), System.out);
        for (String f : new String[]{"tomo01.mrcs", "tomo01.trial", "tomo01.mrc", "tomo01.coords"}) {
            byte[] a = Files.readAllBytes(dir.resolve("a/Tomograms/tomo01").resolve(f));
            assertArrayEquals(a, Files.readAllBytes(dir.resolve("b/Tomograms/tomo01").resolve(f)), f);
            assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(dir.resolve("c/Tomograms/tomo01").resolve(f))), f + " with another seed");
        }
    }
}
