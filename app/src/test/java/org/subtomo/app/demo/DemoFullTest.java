package org.subtomo.app.demo;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;
import org.subtomo.app.pipeline.JobStatus;
import org.subtomo.app.pipeline.Pipeline;
import org.subtomo.app.pipeline.PipelineState;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.testutil.Relion;
import org.subtomo.refine.synth.Refine3dScore;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The whole protocol end to end ({@code demo --full}) at the tiny size: one thin tomogram, 40 particles and 8 junk
 * objects through prepare, extract, class2d, select, refine3d from --ref None, class3d, postprocess and localres.
 * Runs in CI (CI set) or with -Dsubtomo.slow=true; the demo runs once for both tests. The bounds fail when a stage
 * breaks: 2D classes mixing protein and junk, a de novo map that does not match the truth, a postprocess without a
 * resolution, a missing local-resolution map, and (when RELION 3.1 is installed) outputs RELION cannot read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoFullTest {
    Path dir, project;
    String log;

    @BeforeAll void runDemo(@TempDir Path tmp) {
        dir = tmp;
        Assumptions.assumeTrue(System.getenv("CI") != null || Boolean.getBoolean("subtomo.slow")
                || "true".equals(System.getProperty("subtomo.test.slow")), "end-to-end demo --full: runs in CI or with -Dsubtomo.slow=true");
        project = dir.resolve("demo");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        int rc = new Demo(new Demo.Settings(project, Demo.Size.TINY, 2, 0, true), Main::run, out).run();
        log = bytes.toString(StandardCharsets.UTF_8);
        System.out.printf("demo --full, tiny: %.0f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(0, rc, log);
    }

    @Test void everyStageRunsAndMeetsItsBound() throws Exception {
        assertTrue(log.contains("== report"), log);
        PipelineState s = new Pipeline(project).read();
        assertEquals(List.of("Prepare/job001/", "Extract/job002/", "Class2D/job003/", "Select/job004/", "Refine3D/job005/", "Class3D/job006/",
                "PostProcess/job007/", "LocalRes/job008/"), s.processes.stream().map(PipelineState.Process::name).toList(), log);
        assertTrue(s.processes.stream().allMatch(p -> p.status() == JobStatus.SUCCEEDED), log);

        DemoTruth truth = DemoTruth.read(project);
        double purity = DemoTruth.purity(truth.composition(project.resolve("Class2D/job003/run_it006_data.star")), true);
        assertTrue(purity >= 0.85, "protein/gold/ice purity of the 2D classes " + purity + "\n" + log);

        // the de novo map against the truth, in the map's own frame (Refine3dScore finds it)
        Path refine = project.resolve("Refine3D/job005");
        Path truthPoses = dir.resolve("truth_poses.star");
        truth.writePoses(refine.resolve("run_data.star"), truthPoses);
        Refine3dScore.Score sc = Refine3dScore.score(project.resolve("truth/class001.mrc"), truthPoses, refine.resolve("run_class001.mrc"),
                refine.resolve("run_data.star"), "C1");
        System.out.printf("demo --full, tiny: refine3d vs truth FSC 0.5 at %.1f A, 0.143 at %.1f A, median angular error %.1f deg (%d particles)%n",
                sc.fsc05(), sc.fsc0143(), sc.medianAngularErrorDeg(), sc.particles());
        assertTrue(sc.fsc05() <= 45, "refine3d vs truth: FSC 0.5 at " + sc.fsc05() + " A\n" + log);

        // class3d: every refined particle in one of the two classes
        String class3d = Files.list(project.resolve("Class3D/job006")).map(p -> p.getFileName().toString())
                .filter(n -> n.matches("run_it\\d{3}_data.star")).sorted().reduce((a, b) -> b).orElseThrow();
        Map<Integer, Map<String, Integer>> comp = truth.composition(project.resolve("Class3D/job006").resolve(class3d));
        int classified = comp.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        assertEquals(ParticleStar.read(refine.resolve("run_data.star")).size(), classified, "class3d lost particles: " + comp);
        assertTrue(comp.keySet().stream().allMatch(c -> c == 1 || c == 2), "class numbers " + comp.keySet());

        double res = StarReader.read(project.resolve("PostProcess/job007/postprocess.star")).table("general").getDouble(0, "rlnFinalResolution");
        assertTrue(Double.isFinite(res) && res >= 10 && res <= 80, "postprocess resolution " + res + " A");

        Path locres = project.resolve("LocalRes/job008/relion_locres.mrc");
        try (MrcReader r = MrcReader.open(locres)) {
            RealGrid g = r.readAll();
            double min = Double.POSITIVE_INFINITY;
            for (float v : g.data) { assertTrue(Float.isFinite(v), "non-finite local resolution"); min = Math.min(min, v); }
            assertTrue(min >= 9.9, "local resolution below Nyquist (10 A): " + min);
        }
    }

    /** Protocol acceptance: the demo's refinement outputs open in RELION 3.1.3. */
    @Test void outputsOpenInRelion() throws Exception {
        Relion.require("relion_star_handler");
        Relion.require("relion_image_handler");
        Path refine = project.resolve("Refine3D/job005");
        Relion.run(project, "relion_star_handler", "--i", refine.resolve("run_data.star").toString(), "--o", dir.resolve("x.star").toString());
        assertEquals(ParticleStar.read(refine.resolve("run_data.star")).size(), ParticleStar.read(dir.resolve("x.star")).size());
        for (String map : List.of("Refine3D/job005/run_class001.mrc", "Refine3D/job005/run_half1_class001_unfil.mrc",
                "PostProcess/job007/postprocess.mrc", "LocalRes/job008/relion_locres.mrc")) {
            String stats = Relion.run(project, "relion_image_handler", "--i", project.resolve(map).toString(), "--stats");
            assertTrue(stats.contains("48 x 48 x 48 x 1") && stats.contains("angpix = 5") && !stats.toLowerCase().contains("nan"), map + ": " + stats);
        }
    }
}
