package org.subtomo.refine.class3d;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.refine.synth.ClassificationScore;
import org.subtomo.refine.synth.SyntheticMixture;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Class3d on a synthetic two-conformation sample (70% full map, 30% with a domain removed) with known labels:
 * classification accuracy against the truth labels with fixed poses and with local searches, and focused
 * classification with a mask on the removed domain.
 */
class Class3dTest {

    static Class3dParams params(Path dir, String out, int k, int iterations) {
        return Class3dParams.defaults(dir.resolve("particles.star"), dir.resolve(out).toString(), dir.resolve("consensus.mrc").toString())
                .withClasses(k).withIterations(iterations).withIniHigh(40).withDiameter(250).withThreads(2).withSeed(1)
                .withAlignment(true, -1, 2, 2, 1);
    }

    @Test
    void skipAlignSeparatesTheTwoStates(@TempDir Path tmp) {
        SyntheticMixture s = new SyntheticMixture(SyntheticMixture.Params.small(160, 0.5, 7));
        Path dir = tmp.resolve("mix");
        s.write(dir);
        long t0 = System.nanoTime();
        Class3d.Result r = Class3d.run(params(dir, "c/run", 2, 12), System.out);
        double sec = (System.nanoTime() - t0) / 1e9;
        ClassificationScore.Score sc = ClassificationScore.score(s.label, r.classNumber(), 2);
        System.out.printf("skip_align K=2: %s, %.1f s%n", sc.summary(), sec);
        for (String f : new String[]{"run_it000_class001.mrc", "run_it012_class002.mrc", "run_it012_model.star", "run_it012_data.star",
                "run_it012_optimiser.star", "run_it012_classes.png"})
            assertTrue(Files.isRegularFile(dir.resolve("c").resolve(f)), f + " missing");
        assertTrue(sc.accuracy() >= 0.9, sc.summary());
    }
}
