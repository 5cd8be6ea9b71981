package org.subtomo.app.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.pipeline.JobRunner;
import org.subtomo.app.pipeline.JobStatus;
import org.subtomo.app.pipeline.JobType;
import org.subtomo.app.pipeline.Pipeline;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The demo's stage mechanism, fast: a command without job options wrapped as a job, failure, retry with --rerun, reuse. */
class DemoStepsTest {
    @TempDir Path dir;

    @Test void wrappedStepRunsAsAJobAndIsRetriedInPlace() throws Exception {
        Files.writeString(dir.resolve("all_tomograms.star"), "data_\nloop_\n_rlnMicrographName\nTomograms/t/t.mrc\n");
        Files.createDirectories(dir.resolve("truth"));
        Files.writeString(dir.resolve("truth/particles.star"), "data_particles\nloop_\n_rlnMicrographName\n_subtomoCoordsLine\n"
                + "_rlnClassNumber\n_subtomoObjectKind\nTomograms/t/t.mrc 1 1 particle\n");
        List<List<String>> calls = new ArrayList<>();
        boolean[] fail = {true};
        Demo.Cli cli = args -> {
            calls.add(List.of(args));
            if (fail[0]) return 1;
            try { Files.writeString(Path.of(args[2]).resolve("map.mrc"), "m"); } catch (Exception e) { return 2; }
            return 0;
        };
        List<Demo.Step> steps = List.of(Demo.Step.wrapped("refine", JobType.REFINE3D,
                (d, job) -> List.of("refine3d", "--o", d.path(job)), job -> "wrote " + Files.exists(job.resolve("map.mrc"))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Demo.Settings settings = new Demo.Settings(dir, Demo.Size.TINY, 1, 0);

        assertEquals(1, new Demo(settings, cli, out, steps).run(), bytes.toString(StandardCharsets.UTF_8));
        Pipeline p = new Pipeline(dir);
        assertEquals(JobStatus.FAILED, p.read().process("Refine3D/demo").orElseThrow().status());
        assertTrue(Files.exists(dir.resolve("Refine3D/job001").resolve(JobRunner.FAILURE)));
        assertEquals(List.of("refine3d", "--o", dir.resolve("Refine3D/job001/").toAbsolutePath().normalize().toString()), calls.get(0));

        fail[0] = false;
        bytes.reset();
        assertEquals(0, new Demo(settings, cli, out, steps).run(), bytes.toString(StandardCharsets.UTF_8));
        assertEquals(1, p.read().processes.size(), "the failed job is run again in place");
        assertEquals(JobStatus.SUCCEEDED, p.read().process("Refine3D/demo").orElseThrow().status());
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("result: wrote true"), bytes.toString(StandardCharsets.UTF_8));
        String note = Files.readString(dir.resolve("Refine3D/job001/note.txt"));
        assertTrue(note.contains("subtomo refine3d --o " + dir.resolve("Refine3D/job001").toAbsolutePath()), note);

        bytes.reset();
        assertEquals(0, new Demo(settings, cli, out, steps).run());
        assertEquals(2, calls.size(), "a finished stage is reused, not run again");
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("reusing Refine3D/job001/"));
    }
}
