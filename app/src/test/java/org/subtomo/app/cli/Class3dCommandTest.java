package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.fsc.Fsc;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.refine.synth.ClassificationScore;
import org.subtomo.refine.synth.SyntheticMixture;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code subtomo class3d} end to end (protocol steps 21-23): classify a two-conformation sample, select the
 * state-2 class with {@code subtomo select --classes}, re-refine it with {@code subtomo refine3d}; the re-refined
 * map must be closer to the truth of state 2 than of state 1. Bad input gives one line.
 */
class Class3dCommandTest {
    @TempDir Path dir;

    int run(ByteArrayOutputStream err, String... args) {
        PrintStream old = System.err;
        try {
            System.setErr(new PrintStream(err, true));
            return SubtomoCommand.commandLine().execute(args);
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void missingReferenceIsOneLine() throws Exception {
        new SyntheticMixture(SyntheticMixture.Params.small(4, 0.3, 1)).write(dir);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = run(err, "class3d", "--i", dir.resolve("particles.star").toString(), "--o", dir.resolve("c/run").toString(), "--no_job");
        String text = err.toString().trim();
        assertEquals(1, rc);
        assertTrue(text.contains("--ref is required"), text);
        assertFalse(text.contains("\n") || text.contains("Exception"), text);
    }

    static RealGrid read(Path p) {
        try (MrcReader r = MrcReader.open(p)) { return r.readAll(); }
    }

    /** About 30 s of CPU (refine3d is most of it): run with -Dsubtomo.slow=true. */
    @Test
    @EnabledIfSystemProperty(named = "subtomo.slow", matches = "true")
    void classifySelectAndRefineTheSmallClass() throws Exception {
        SyntheticMixture s = new SyntheticMixture(SyntheticMixture.Params.small(120, 0.3, 7));
        s.write(dir);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String pd = dir.toString();
        assertEquals(0, run(err, "class3d", "--project_dir", pd, "--no_job", "--i", "particles.star", "--o", "Class3D/run1", "--ref", "consensus.mrc",
                "--ini_high", "40", "--ctf", "--particle_diameter", "250", "--K", "2", "--iter", "5", "--skip_align", "--j", "2", "--random_seed", "1"), err.toString());
        Path data = dir.resolve("Class3D/run1_it005_data.star");
        ClassificationScore.Score sc = ClassificationScore.score(dir.resolve("truth_particles.star"), data);
        assertTrue(sc.accuracy() >= 0.95, sc.summary());
        StarTable classes = StarReader.read(dir.resolve("Class3D/run1_it005_model.star")).table("model_classes");
        int small = classes.getDouble(0, "rlnClassDistribution") < classes.getDouble(1, "rlnClassDistribution") ? 1 : 2;
        assertEquals(0, run(err, "select", "--project_dir", pd, "--no_job", "--i", "Class3D/run1_it005_data.star", "--classes", Integer.toString(small),
                "--o_classes", "state2.star"), err.toString());
        assertEquals(0, run(err, "refine3d", "--i", dir.resolve("state2.star").toString(), "--o", dir.resolve("Refine3D/state2").toString(),
                "--ref", dir.resolve(String.format("Class3D/run1_it005_class%03d.mrc", small)).toString(), "--ini_high", "40", "--ctf",
                "--particle_diameter", "250", "--healpix_order", "1", "--offset_range", "2", "--offset_step", "2", "--iter", "3", "--j", "2"), err.toString());
        RealGrid map = read(dir.resolve("Refine3D/state2_class001.mrc"));
        // inside the domain the re-refined map matches state 2 (domain absent) better than state 1
        double to2 = domainResidual(map, s.state2, s.domainMask, s.state1), to1 = domainResidual(map, s.state1, s.domainMask, s.state1);
        double fsc2 = Fsc.compute(map, s.state2, 9.0).resolution05(), fsc1 = Fsc.compute(map, s.state1, 9.0).resolution05();
        System.out.printf("class3d -> select class %d -> refine3d: domain residual vs state 2 %.3f, vs state 1 %.3f; FSC 0.5 vs state2 %.1f A, vs state1 %.1f A%n",
                small, to2, to1, fsc2, fsc1);
        assertTrue(to2 < to1, "domain residual vs state 2 " + to2 + " not below vs state 1 " + to1);
    }

    /** Σ mask·(k·a − b)² / Σ mask·ref² (the domain's power), k scaling a to b by least squares over the whole box. */
    static double domainResidual(RealGrid a, RealGrid b, RealGrid mask, RealGrid ref) {
        double ab = 0, aa = 0;
        for (int q = 0; q < a.data.length; q++) { ab += a.data[q] * (double) b.data[q]; aa += a.data[q] * (double) a.data[q]; }
        double k = aa > 0 ? ab / aa : 0, num = 0, den = 0;
        for (int q = 0; q < a.data.length; q++) {
            double d = k * a.data[q] - b.data[q];
            num += mask.data[q] * d * d;
            den += mask.data[q] * (double) ref.data[q] * ref.data[q];
        }
        return num / Math.max(den, 1e-30);
    }
}
