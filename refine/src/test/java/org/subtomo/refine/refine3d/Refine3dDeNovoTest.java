package org.subtomo.refine.refine3d;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.refine.synth.Refine3dScore;
import org.subtomo.refine.synth.SyntheticProjectWriter;
import org.subtomo.refine.synth.SyntheticSubtomograms;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance (slow: -Pslow or -Dsubtomo.slow=true): from random initial orientations (--ref None) the
 * refined map, aligned to the truth, has FSC ≥ 0.5 to at least 3 px (27 Å at 9 Å/px); the median angular
 * error against the true poses is printed.
 */
class Refine3dDeNovoTest {

    @Test
    void deNovoRefinementReachesThreePixels(@TempDir Path tmp) {
        Assumptions.assumeTrue(Boolean.getBoolean("subtomo.test.slow") || Boolean.getBoolean("subtomo.slow"),
                "slow test: run with -Pslow or -Dsubtomo.slow=true");
        SyntheticSubtomograms s = new SyntheticSubtomograms(SyntheticSubtomograms.Params.small(100, 0.5, 7));
        Path star = SyntheticProjectWriter.write(s, tmp.resolve("proj"));
        Refine3dParams p = Refine3dParams.defaults(star, tmp.resolve("out/run").toString()).withReference("None").withIniHigh(60)
                .withDiameter(240).withSampling("C1", 2, 3, 2, 4).withIterations(20).withThreads(2);
        Refine3d.Result r = Refine3d.run(p, System.out);
        Refine3dScore.Score sc = Refine3dScore.score(tmp.resolve("proj/truth.mrc"), tmp.resolve("proj/truth_particles.star"), r.finalMap(),
                tmp.resolve("out/run_data.star"), "C1");
        System.out.printf("de novo, 100 particles: vs truth FSC 0.5 at %.1f A, 0.143 at %.1f A; median angular error %.2f deg; %.0f s%n",
                sc.fsc05(), sc.fsc0143(), sc.medianAngularErrorDeg(), r.seconds());
        assertTrue(sc.fsc05() <= 3 * 9.0, "FSC 0.5 vs truth at " + sc.fsc05() + " A");
    }
}
