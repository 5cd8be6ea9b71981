package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.pipeline.JobStatus;
import org.subtomo.app.pipeline.Pipeline;
import org.subtomo.app.pipeline.PipelineState;
import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.core.io.star.StarReader;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** extract → select → jobs in a pipeline project: job directories, provenance, listing, delete, plain mode unchanged. */
class ExtractJobTest {
    @TempDir Path dir;

    static ExtractCommandTest.Run run(String... args) { return ExtractCommandTest.run(args); }

    @Test void extractAndSelectRunAsJobs() throws Exception {
        ExtractCommandTest.project(dir, "20 20 16\n40 44 15\n30 30 2\n");
        String d = dir.toString();
        assertEquals(1, run("jobs", "--project_dir", d).code(), "not a pipeline project yet");
        ExtractCommandTest.Run init = run("jobs", "--init", "--project_dir", d);
        assertEquals(0, init.code(), init.err());
        assertTrue(Files.exists(dir.resolve(Pipeline.FILE)));

        ExtractCommandTest.Run r = run("extract", "--project_dir", d, "--i", "all_tomograms.star", "--coord_suffix", ".coords",
                "--extract_size", "16", "--particle_diameter", "36", "--j", "2", "--project3d", "--alias", "first");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("job Extract/job001/ succeeded"), r.out());
        Path job = dir.resolve("Extract/job001");
        assertTrue(Files.exists(job.resolve("Tomograms/t1/t1_subtomo000002.mrc")), "images inside the job directory");
        assertTrue(Files.exists(job.resolve("Tomograms/t1/t1_subtomo_proj2d.mrcs")));
        assertFalse(Files.exists(dir.resolve("Particles")), "nothing written outside the job directory");
        ParticleStar parts = ParticleStar.read(job.resolve("particles_subtomo.star"));
        assertEquals(2, parts.size());
        assertEquals("Extract/job001/Tomograms/t1/t1_subtomo000001.mrc", parts.rows().get(0, "rlnImageName"));
        assertEquals(300.0, parts.voltage(0), "an input without optics gets --voltage (RELION drops optics without it)");
        assertEquals(2.7, parts.sphericalAberration(0));
        assertTrue(r.out().contains("the input has no rlnVoltage, rlnSphericalAberration, rlnAmplitudeContrast"), r.out());
        assertTrue(Files.readString(job.resolve("note.txt")).contains("subtomo extract --project_dir " + d + " --i all_tomograms.star"),
                Files.readString(job.resolve("note.txt")));
        assertTrue(Files.readString(job.resolve("run.out")).contains("extracted 2 sub-tomograms"));
        assertTrue(Files.exists(job.resolve("RELION_JOB_EXIT_SUCCESS")));
        var js = StarReader.read(job.resolve("job.star"));
        assertEquals("5", js.table("job").get("rlnJobType"));
        assertEquals("all_tomograms.star", js.table("subtomo_inputs").get(0, "subtomoInputFile"));
        assertEquals(Long.toString(Files.size(dir.resolve("all_tomograms.star"))), js.table("subtomo_inputs").get(0, "subtomoInputBytes"));
        boolean sawSize = false;
        for (int i = 0; i < js.table("joboptions_values").rowCount(); i++)
            if (js.table("joboptions_values").get(i, 0).equals("extract_size")) { sawSize = true; assertEquals("16", js.table("joboptions_values").get(i, 1)); }
        assertTrue(sawSize, "parameters recorded");

        // select the second projection, by alias path
        String proj = Files.readString(job.resolve("subtomo_proj2d.star"));
        Files.writeString(dir.resolve("sel.star"), proj.lines().filter(l -> !l.contains("000001@")).reduce("", (a, b) -> a + b + "\n"));
        ExtractCommandTest.Run s = run("select", "--project_dir", d, "--from2d", "sel.star", "--subtomos", "Extract/job001/particles_subtomo.star");
        assertEquals(0, s.code(), s.err());
        assertEquals(1, ParticleStar.read(dir.resolve("Select/job002/output_2Dto3D.star")).size());

        PipelineState st = new Pipeline(dir).read();
        assertEquals(JobStatus.SUCCEEDED, st.process("Extract/first").orElseThrow().status());
        assertEquals("Extract/job001/", st.producer("Extract/job001/particles_subtomo.star").orElseThrow().name());
        assertTrue(st.inputEdges.contains(new PipelineState.Edge("Extract/job001/particles_subtomo.star", "Select/job002/")));

        ExtractCommandTest.Run list = run("jobs", "--project_dir", d);
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("Extract/job001/") && list.out().contains("Extract/first/") && list.out().contains("Succeeded"), list.out());
        assertTrue(list.out().contains("Select/job002/"), list.out());

        // a failing job: the bad input gives the usual one-line error, and the job is marked failed
        Files.writeString(dir.resolve("Tomograms/t1/t1.coords"), "20 20 16\n40 44\n");
        ExtractCommandTest.Run bad = run("extract", "--project_dir", d, "--i", "all_tomograms.star", "--coord_suffix", ".coords",
                "--extract_size", "16", "--particle_diameter", "36");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("t1.coords line 2"), bad.err());
        assertEquals(JobStatus.FAILED, new Pipeline(dir).read().process("Extract/job003/").orElseThrow().status());
        assertTrue(Files.exists(dir.resolve("Extract/job003/RELION_JOB_EXIT_FAILURE")));

        assertEquals(1, run("jobs", "--project_dir", d, "--delete", "1").code(), "Select/job002 uses its output");
        assertEquals(0, run("jobs", "--project_dir", d, "--delete", "Extract/job003").code());
        assertTrue(Files.exists(dir.resolve("Trash/Extract/job003/note.txt")));

        // --no_job: the old plain behaviour, nothing recorded
        Files.writeString(dir.resolve("Tomograms/t1/t1.coords"), "20 20 16\n");
        ExtractCommandTest.Run plain = run("extract", "--project_dir", d, "--i", "all_tomograms.star", "--coord_suffix", ".coords",
                "--extract_size", "16", "--particle_diameter", "36", "--no_job");
        assertEquals(0, plain.code(), plain.err());
        assertTrue(Files.exists(dir.resolve("particles_subtomo.star")));
        assertTrue(Files.exists(dir.resolve("Particles/Tomograms/t1/t1_subtomo000001.mrc")));
        assertEquals(3, new Pipeline(dir).read().processes.size() + 1, "no job added by --no_job (job003 was deleted)");
    }

    /** RELION 3.1.3 reads what the jobs wrote: the pipeline (unchanged by --check_job_completion), the STAR files, the images. */
    @Test void relionReadsTheJobsOutputs() throws Exception {
        org.subtomo.core.testutil.Relion.require("relion_pipeliner");
        ExtractCommandTest.project(dir, "20 20 16\n40 44 15\n");
        String d = dir.toString();
        assertEquals(0, run("jobs", "--init", "--project_dir", d).code());
        assertEquals(0, run("extract", "--project_dir", d, "--i", "all_tomograms.star", "--coord_suffix", ".coords",
                "--extract_size", "16", "--particle_diameter", "36", "--j", "2", "--project3d", "--alias", "x").code());
        PipelineState before = new Pipeline(dir).read();
        org.subtomo.core.testutil.Relion.run(dir, 60, "relion_pipeliner", "--check_job_completion");
        PipelineState after = new Pipeline(dir).read();
        assertEquals(before.processes, after.processes);
        assertEquals(before.nodes, after.nodes);
        assertEquals(before.outputEdges, after.outputEdges);
        String stats = org.subtomo.core.testutil.Relion.run(dir, 60, "relion_image_handler", "--i",
                "Extract/job001/Tomograms/t1/t1_subtomo000001.mrc", "--stats");
        assertTrue(stats.contains("16 x 16 x 16"), stats);
        String star = org.subtomo.core.testutil.Relion.run(dir, 60, "relion_star_handler", "--i", "Extract/job001/subtomo_proj2d.star",
                "--o", "copy.star");
        assertTrue(ParticleStar.read(dir.resolve("copy.star")).size() == 2, star);
    }
}
