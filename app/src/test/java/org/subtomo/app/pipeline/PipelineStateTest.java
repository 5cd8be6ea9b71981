package org.subtomo.app.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.testutil.Relion;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** default_pipeline.star: our round trip, and RELION 3.1.3's relion_pipeliner reading ours and we reading its. */
class PipelineStateTest {
    @TempDir Path dir;

    static PipelineState sample() {
        PipelineState s = new PipelineState();
        s.jobCounter = 4;
        s.processes.add(new PipelineState.Process("Extract/job001/", "Extract/first/", 5, JobStatus.SUCCEEDED));
        s.processes.add(new PipelineState.Process("Class2D/job002/", null, 8, JobStatus.FAILED));
        s.processes.add(new PipelineState.Process("Class2D/job003/", "Class2D/run1/", 8, JobStatus.RUNNING));
        s.addNode("all_tomograms.star", NodeType.MICROGRAPHS);
        s.addNode("Extract/job001/subtomo_proj2d.star", NodeType.PARTICLES);
        s.addNode("Class2D/job003/run_it002_model.star", NodeType.MODEL);
        s.inputEdges.add(new PipelineState.Edge("all_tomograms.star", "Extract/job001/"));
        s.inputEdges.add(new PipelineState.Edge("Extract/job001/subtomo_proj2d.star", "Class2D/job002/"));
        s.inputEdges.add(new PipelineState.Edge("Extract/job001/subtomo_proj2d.star", "Class2D/job003/"));
        s.outputEdges.add(new PipelineState.Edge("Extract/job001/subtomo_proj2d.star", "Extract/job001/"));
        s.outputEdges.add(new PipelineState.Edge("Class2D/job003/run_it002_model.star", "Class2D/job003/"));
        return s;
    }

    @Test void roundTrip() throws Exception {
        PipelineState s = sample();
        Path f = dir.resolve(Pipeline.FILE);
        Files.writeString(f, s.toStar());
        PipelineState r = PipelineState.read(f);
        assertEquals(4, r.jobCounter);
        assertEquals(List.of(new PipelineState.Process("Extract/job001/", "Extract/first/", 5, JobStatus.SUCCEEDED),
                new PipelineState.Process("Class2D/job002/", "None", 8, JobStatus.FAILED),
                new PipelineState.Process("Class2D/job003/", "Class2D/run1/", 8, JobStatus.RUNNING)), r.processes);
        assertEquals(s.nodes, r.nodes);
        assertEquals(s.inputEdges, r.inputEdges);
        assertEquals(s.outputEdges, r.outputEdges);
        assertEquals("Class2D/job003/", r.process("Class2D/run1").orElseThrow().name());
        assertEquals("Extract/job001/", r.producer("Extract/job001/subtomo_proj2d.star").orElseThrow().name());
        assertEquals(s.toStar(), r.toStar().replace("None", "None"));
    }

    @Test void badStatusAndMissingBlockAreOneLineErrors() throws Exception {
        Path f = dir.resolve("bad.star");
        Files.writeString(f, "data_pipeline_general\n_rlnPipeLineJobCounter 2\ndata_pipeline_processes\nloop_\n"
                + "_rlnPipeLineProcessName\n_rlnPipeLineProcessAlias\n_rlnPipeLineProcessType\n_rlnPipeLineProcessStatus\nA/job001/ None 8 7\n");
        InputException e = assertThrows(InputException.class, () -> PipelineState.read(f));
        assertTrue(e.getMessage().contains("status 7") && e.getMessage().contains("line"), e.getMessage());
        Files.writeString(f, "data_other\n_rlnImageName x\n");
        assertThrows(InputException.class, () -> PipelineState.read(f));
    }

    /** relion_pipeliner --check_job_completion loads our file, turns a finished running job to succeeded and rewrites it. */
    @Test void relionPipelinerReadsOurs() throws Exception {
        Relion.require("relion_pipeliner");
        PipelineState s = sample();
        Files.writeString(dir.resolve(Pipeline.FILE), s.toStar());
        for (PipelineState.Edge e : s.outputEdges) {   // RELION warns about missing outputs of finished jobs
            Files.createDirectories(dir.resolve(e.node()).getParent());
            Files.writeString(dir.resolve(e.node()), "");
        }
        Files.createDirectories(dir.resolve("Class2D/job003"));
        Files.writeString(dir.resolve("Class2D/job003").resolve(JobRunner.SUCCESS), "");
        Relion.run(dir, 60, "relion_pipeliner", "--check_job_completion");
        PipelineState r = PipelineState.read(dir.resolve(Pipeline.FILE));
        assertEquals(JobStatus.SUCCEEDED, r.process("Class2D/job003/").orElseThrow().status(), "RELION updated the status it read from our file");
        assertEquals(JobStatus.FAILED, r.process("Class2D/job002/").orElseThrow().status());
        assertEquals(4, r.jobCounter);
        assertEquals(s.nodes, r.nodes);
        assertEquals(s.inputEdges, r.inputEdges);
        assertEquals(s.outputEdges, r.outputEdges);
        assertEquals("Class2D/run1/", r.process("Class2D/job003/").orElseThrow().alias());
    }

    /** The same check fails on a malformed file, so the test above can fail. */
    @Test void relionPipelinerRejectsAMalformedFile() throws Exception {
        Relion.require("relion_pipeliner");
        // the running job's process row loses its status column
        String text = sample().toStar().replaceFirst("(?m)^(Class2D/job003/\\s+Class2D/run1/\\s+8)\\s+0\\s*$", "$1");
        assertNotEquals(sample().toStar(), text, "the row to break was found");
        Files.writeString(dir.resolve(Pipeline.FILE), text);
        Process p = new ProcessBuilder(Relion.find("relion_pipeliner").toString(), "--check_job_completion").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue(), Files.readString(dir.resolve("log")));
        assertTrue(Files.readString(dir.resolve("log")).contains("fewer columns"), Files.readString(dir.resolve("log")));
    }

    /** We read a pipeline RELION wrote itself (relion_pipeliner --addJob Class2D, with an alias). */
    @Test void weReadRelionsPipeline() throws Exception {
        Relion.require("relion_pipeliner");
        Pipeline.init(dir);
        Relion.run(dir, 60, "relion_pipeliner", "--addJob", "Class2D", "--addJobOptions", "Input images STAR file: == parts.star",
                "--setJobAlias", "myrun");
        PipelineState r = PipelineState.read(dir.resolve(Pipeline.FILE));
        assertEquals(2, r.jobCounter);
        PipelineState.Process p = r.process("Class2D/myrun").orElseThrow();
        assertEquals(new PipelineState.Process("Class2D/job001/", "Class2D/myrun/", JobType.CLASS2D.relionType, JobStatus.SCHEDULED), p);
        assertTrue(r.inputEdges.contains(new PipelineState.Edge("parts.star", "Class2D/job001/")));
        assertTrue(r.nodes.stream().anyMatch(n -> n.name().equals("Class2D/job001/run_it025_model.star") && n.type() == NodeType.MODEL.code));
        assertEquals(JobType.CLASS2D, JobType.ofProcess(p.name()));
    }
}
