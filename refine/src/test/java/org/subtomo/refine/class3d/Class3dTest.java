package org.subtomo.refine.class3d;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.refine.synth.ClassificationScore;
import org.subtomo.refine.synth.SyntheticMixture;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Class3d on a synthetic two-conformation sample (70% full map, 30% with a domain removed) with known labels:
 * classification accuracy against the truth labels with fixed poses and with local searches from perturbed
 * poses, focused classification with a mask on the removed domain, and --continue equality.
 */
class Class3dTest {
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    static Class3dParams params(Path dir, String out, int k, int iterations) {
        return Class3dParams.defaults(dir.resolve("particles.star"), dir.resolve(out).toString(), dir.resolve("consensus.mrc").toString())
                .withClasses(k).withIterations(iterations).withIniHigh(40).withDiameter(250).withThreads(2).withSeed(1)
                .withAlignment(true, -1, 2, 2, 1);
    }

    static Path mixture(Path tmp, SyntheticMixture.Params p) {
        Path dir = tmp.resolve("mix");
        new SyntheticMixture(p).write(dir);
        return dir;
    }

    @Test
    void skipAlignSeparatesTheTwoStates(@TempDir Path tmp) {
        SyntheticMixture s = new SyntheticMixture(SyntheticMixture.Params.small(120, 0.3, 7));
        Path dir = tmp.resolve("mix");
        s.write(dir);
        long t0 = System.nanoTime();
        Class3d.Result r = Class3d.run(params(dir, "c/run", 2, 6), QUIET);
        double sec = (System.nanoTime() - t0) / 1e9;
        ClassificationScore.Score sc = ClassificationScore.score(s.label, r.classNumber(), 2);
        System.out.printf("class3d skip_align K=2, 120 particles, SNR 0.3: %s, %.1f s%n", sc.summary(), sec);
        for (String f : new String[]{"run_it000_class001.mrc", "run_it006_class002.mrc", "run_it006_model.star", "run_it006_data.star",
                "run_it006_optimiser.star", "run_it006_classes.png"})
            assertTrue(Files.isRegularFile(dir.resolve("c").resolve(f)), f + " missing");
        assertTrue(sc.accuracy() >= 0.95, sc.summary());
        // the class of state 2 is smaller, and its fraction is estimated within 0.1
        int small = r.model().pdfClass[0] < r.model().pdfClass[1] ? 0 : 1;
        double trueFrac = java.util.Arrays.stream(s.label).filter(l -> l == 2).count() / (double) s.label.length;
        assertTrue(Math.abs(r.model().pdfClass[small] - trueFrac) < 0.1, "fraction " + r.model().pdfClass[small] + " vs " + trueFrac);
    }

    /** About 20 s of CPU (a minute on a shared 2-core machine): run with -Dsubtomo.slow=true. */
    @Test
    @EnabledIfSystemProperty(named = "subtomo.slow", matches = "true")
    void localSearchesFromPerturbedPosesSeparateTheStates(@TempDir Path tmp) {
        SyntheticMixture s = new SyntheticMixture(SyntheticMixture.Params.small(100, 0.3, 5).withPoseError(6));
        Path dir = tmp.resolve("mix");
        s.write(dir);
        long t0 = System.nanoTime();
        Class3d.Result r = Class3d.run(params(dir, "c/run", 2, 4).withAlignment(false, 4, 3, 1, 1), QUIET);
        double sec = (System.nanoTime() - t0) / 1e9;
        ClassificationScore.Score sc = ClassificationScore.score(s.label, r.classNumber(), 2);
        // angular error of the refined poses against the truth (they start 6 degrees off)
        double[] err = new double[s.label.length];
        for (int i = 0; i < err.length; i++) {
            var a = org.subtomo.core.geom.Euler.ofDegrees(s.trueRot[i], s.trueTilt[i], s.truePsi[i]).toMatrix();
            var b = org.subtomo.core.geom.Euler.ofDegrees(r.data().rot[i], r.data().tilt[i], r.data().psi[i]).toMatrix();
            err[i] = Math.toDegrees(a.angleTo(b));
        }
        java.util.Arrays.sort(err);
        System.out.printf("class3d local searches (sigma 4 deg) K=2, 100 particles, poses 6 deg off: %s; median angular error %.1f deg, %.1f s%n",
                sc.summary(), err[err.length / 2], sec);
        assertTrue(sc.accuracy() >= 0.9, sc.summary());
        assertTrue(err[err.length / 2] < 6, "median angular error " + err[err.length / 2]);
    }

    @Test
    void focusedClassificationMasksTheClassesAndSeparatesTheStates(@TempDir Path tmp) throws Exception {
        SyntheticMixture s = new SyntheticMixture(SyntheticMixture.Params.small(100, 0.2, 4));
        Path dir = tmp.resolve("mix");
        s.write(dir);
        Class3d.Result r = Class3d.run(params(dir, "f/run", 2, 6).withSolventMask(dir.resolve("focus_mask.mrc")), QUIET);
        ClassificationScore.Score sc = ClassificationScore.score(s.label, r.classNumber(), 2);
        System.out.printf("class3d focused (mask on the domain) K=2: %s%n", sc.summary());
        assertTrue(sc.accuracy() >= 0.95, sc.summary());
        // the classes are zero outside the focus mask, and the domain is weak in the state-2 class only
        int small = r.model().pdfClass[0] < r.model().pdfClass[1] ? 0 : 1;
        double[] inside = new double[2];
        for (int c = 0; c < 2; c++) {
            RealGrid m;
            try (MrcReader rd = MrcReader.open(Class3dFiles.classMap(dir.resolve("f/run").toString(), 6, c + 1))) { m = rd.readAll(); }
            for (int q = 0; q < m.data.length; q++) {
                if (s.domainMask.data[q] == 0f) assertTrue(m.data[q] == 0f, "class " + (c + 1) + " non-zero outside the focus mask");
                inside[c] += s.domainMask.data[q] * Math.abs(m.data[q]);
            }
        }
        assertTrue(inside[small] < 0.5 * inside[1 - small], "domain density: state-2 class " + inside[small] + ", other " + inside[1 - small]);
    }

    /**
     * The protocol's bad class: particles whose CTF does not match their data (written defocus 2 µm off, as after
     * a failed CTF fit), normal noise otherwise. With one class more than states they gather in a class of their
     * own; with correct CTFs the same particles are plain state-1 particles and no such class forms.
     */
    @Test
    void particlesWithWrongCtfsGatherInAClassOfTheirOwn(@TempDir Path tmp) throws Exception {
        SyntheticMixture s = new SyntheticMixture(SyntheticMixture.Params.small(120, 0.3, 8).withWrongCtf(0.15, 20000));
        Path dir = tmp.resolve("mix");
        s.write(dir);
        // the STAR file carries the wrong defocus for the bad particles only
        var rows = org.subtomo.core.io.star.StarReader.read(dir.resolve("particles.star")).table("particles");
        for (int i = 0; i < s.label.length; i++)
            assertEquals(s.defocus[i] + (s.label[i] == 3 ? 20000 : 0), rows.getDouble(i, "rlnDefocusU"), 1e-6, "particle " + (i + 1));
        long t0 = System.nanoTime();
        Class3d.Result r = Class3d.run(params(dir, "c/run", 3, 10), QUIET);
        ClassificationScore.Score sc = ClassificationScore.score(s.label, r.classNumber(), 3);
        System.out.printf("class3d skip_align K=3, 120 particles, %d with a CTF 2 um off: %s, %.1f s%n", sc.bad(), sc.summary(),
                (System.nanoTime() - t0) / 1e9);
        assertTrue(sc.bad() >= 10, "too few bad particles drawn: " + sc.bad());
        assertTrue(sc.badConcentration() >= 0.8 && sc.badClassPurity() >= 0.8, sc.summary());
        assertTrue(sc.accuracy() >= 0.9, sc.summary());
    }

    @Test
    void continueEndsAsTheUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path dir = mixture(tmp, SyntheticMixture.Params.small(48, 0.1, 6));
        Class3d.run(params(dir, "a/run", 2, 3), QUIET);
        Class3d.run(params(dir, "b/run", 2, 3).withContinue(dir.resolve("a/run_it001_optimiser.star")).withOutput(dir.resolve("b/run").toString()), QUIET);
        for (String f : new String[]{"run_it003_class001.mrc", "run_it003_class002.mrc", "run_it003_model.star"}) {
            byte[] a = Files.readAllBytes(dir.resolve("a").resolve(f)), b = Files.readAllBytes(dir.resolve("b").resolve(f));
            if (f.endsWith(".star")) { a = Files.readString(dir.resolve("a").resolve(f)).replace("/a/run", "/X/run").getBytes(); b = Files.readString(dir.resolve("b").resolve(f)).replace("/b/run", "/X/run").getBytes(); }
            assertArrayEquals(a, b, f + " differs after --continue");
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/run_it003_data.star")), Files.readAllBytes(dir.resolve("b/run_it003_data.star")));
    }
}
