package org.subtomo.refine.refine3d;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.refine.synth.SyntheticProjectWriter;
import org.subtomo.refine.synth.SyntheticSubtomograms;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refine3d end to end on a small synthetic project: RELION file names, and --continue is bit-identical. */
class Refine3dTest {

    static Refine3dParams small(Path star, Path out, int iterations) {
        return Refine3dParams.defaults(star, out.toString()).withReference(star.getParent().resolve("truth.mrc").toString())
                .withIniHigh(40).withDiameter(220).withSampling("C1", 1, 2, 2, 4).withIterations(iterations).withThreads(2);
    }

    @Test
    void continueIsBitIdenticalAndFilesAreNamedAsRelion(@TempDir Path tmp) throws Exception {
        SyntheticSubtomograms s = new SyntheticSubtomograms(SyntheticSubtomograms.Params.small(24, 1.0, 3));
        Path star = SyntheticProjectWriter.write(s, tmp.resolve("proj"));
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        Refine3d.Result straight = Refine3d.run(small(star, tmp.resolve("a/run"), 3), System.out);
        for (String f : new String[]{"run_it000_half1_class001.mrc", "run_it001_half2_class001.mrc", "run_it002_half1_model.star",
                "run_it002_data.star", "run_it002_optimiser.star", "run_it001_half1_class001.png", "run_class001.mrc",
                "run_half1_class001_unfil.mrc", "run_half2_class001_unfil.mrc", "run_data.star", "run_model.star"}) {
            assertTrue(Files.isRegularFile(tmp.resolve("a").resolve(f)), f + " missing");
        }
        // a run stopped after iteration 1, continued into another directory, must end exactly as the straight run
        Refine3d.run(small(star, tmp.resolve("b/run"), 3).withContinue(tmp.resolve("a/run_it001_optimiser.star")), log);
        for (String f : new String[]{"run_class001.mrc", "run_half1_class001_unfil.mrc", "run_half2_class001_unfil.mrc"})
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f + " differs after --continue");
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/run_data.star")), Files.readAllBytes(tmp.resolve("b/run_data.star")));
        assertTrue(straight.halfMapFsc() != null);
    }
}
