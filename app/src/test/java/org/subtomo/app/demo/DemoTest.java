package org.subtomo.app.demo;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;
import org.subtomo.app.pipeline.JobStatus;
import org.subtomo.app.pipeline.Pipeline;
import org.subtomo.app.pipeline.PipelineState;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The demo end to end at its tiny size (one thin tomogram, 40 particles, 8 junk objects): about 40 s on 2 cores,
 * so it runs in CI (CI set) or with -Dsubtomo.slow=true. The bounds fail if a stage breaks: 2D classes that do not
 * separate protein from gold and ice, or a selection that keeps junk or loses the particles.
 */
class DemoTest {
    @TempDir Path dir;

    @Test void tinyDemoEndToEnd() throws Exception {
        Assumptions.assumeTrue(System.getenv("CI") != null || Boolean.getBoolean("subtomo.slow")
                || "true".equals(System.getProperty("subtomo.test.slow")), "end-to-end demo: runs in CI or with -Dsubtomo.slow=true");
        Path project = dir.resolve("demo");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int rc = new Demo(new Demo.Settings(project, Demo.Size.TINY, 2, 0), Main::run, out).run();
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, log);
        assertTrue(log.contains("== report"), log);

        PipelineState s = new Pipeline(project).read();
        assertEquals(List.of("Extract/job001/", "Class2D/job002/", "Select/job003/"), s.processes.stream().map(PipelineState.Process::name).toList());
        assertTrue(s.processes.stream().allMatch(p -> p.status() == JobStatus.SUCCEEDED));

        DemoTruth truth = DemoTruth.read(project);
        String data = Files.list(project.resolve("Class2D/job002")).map(p -> p.getFileName().toString())
                .filter(n -> n.matches("run_it\\d{3}_data.star")).sorted().reduce((a, b) -> b).orElseThrow();
        assertEquals("run_it006_data.star", data);
        double purity = DemoTruth.purity(truth.composition(project.resolve("Class2D/job002").resolve(data)), true);
        assertTrue(purity >= 0.85, "protein/gold/ice purity of the 2D classes " + purity + "\n" + log);
        DemoTruth.Selection sel = truth.score(project.resolve("Select/job003/output_2Dto3D.star"));
        assertTrue(sel.particles() >= 0.85 * sel.selected(), "precision: " + sel.describe());
        assertTrue(sel.particles() >= 0.75 * sel.allParticles(), "recall: " + sel.describe());

        // a second run reuses every finished stage
        bytes.reset();
        assertEquals(0, new Demo(new Demo.Settings(project, Demo.Size.TINY, 2, 0), Main::run, out).run());
        assertEquals(3, bytes.toString(StandardCharsets.UTF_8).split("reusing ", -1).length - 2, bytes.toString(StandardCharsets.UTF_8));
        assertEquals(3, new Pipeline(project).read().processes.size());
    }
}
