package org.subtomo.app.gui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.cli.SubtomoCommand;
import org.subtomo.app.pipeline.JobRunner;
import org.subtomo.app.pipeline.JobStatus;
import org.subtomo.app.pipeline.JobType;
import org.subtomo.app.pipeline.NodeType;
import org.subtomo.app.pipeline.Pipeline;
import org.subtomo.app.pipeline.PipelineState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The job list, graph, outputs, continue and abort of a pipeline project, through the GUI's API. */
class PipelineViewTest {
    @TempDir Path project;

    GuiApi api() { return new GuiApi(new ProjectFiles(project), SubtomoCommand::commandLine, new GuiRuns(project)); }

    @SuppressWarnings("unchecked")
    static Map<String, Object> call(GuiApi api, String method, String path, Map<String, String> query, Object body) {
        HttpExchange.Response r = api.handle(new HttpExchange.Request(method, path, query, body == null ? "" : Json.write(body)));
        Map<String, Object> m = (Map<String, Object>) Json.parse(r.text());
        m.put("_status", r.status());
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> job(Map<String, Object> jobs, String id) {
        return ((List<Map<String, Object>>) jobs.get("jobs")).stream().filter(j -> id.equals(j.get("id"))).findFirst().orElse(null);
    }

    @Test @SuppressWarnings("unchecked")
    void aCommandRunFromTheGuiBecomesAPipelineJobWithItsLogOutputsAndContinue() throws Exception {
        GuiApi api = api();
        assertTrue(api.pipeline().init());
        Files.writeString(project.resolve("all.star"), """
                data_particles
                loop_
                _rlnTomoParticleName
                _rlnImageName
                t1/1 Extract/t1_000001.mrc
                t1/2 Extract/t1_000002.mrc
                """);
        Files.writeString(project.resolve("sel.star"), """
                data_particles
                loop_
                _rlnTomoParticleName
                _rlnImageName
                t1/2 1@Extract/t1_proj2d.mrcs
                """);
        Map<String, Object> started = call(api, "POST", "/api/run", Map.of(), Map.of("command", "select",
                "values", Map.of("--from2d", "sel.star", "--subtomos", "all.star", "--alias", "mine")));
        assertEquals(200, started.get("_status"), started.toString());
        GuiRuns.Run run = api.runs().get(((Number) started.get("run")).intValue());
        assertTrue(run.waitFor(60_000));
        assertEquals(GuiRuns.State.SUCCEEDED, run.state(), String.join("\n", LogTail.lines(run.log, 4096)));

        Map<String, Object> jobs = call(api, "GET", "/api/jobs", Map.of(), null);
        Map<String, Object> job = job(jobs, "Select/job001/");
        assertNotNull(job, jobs.toString());
        assertNull(job(jobs, "run" + run.id), "the run shows as its job, not twice");
        assertEquals("succeeded", job.get("status"));
        assertEquals("Select/job001/ (Select/mine/)", job.get("label"));
        assertEquals(run.id, ((Number) job.get("run")).intValue());
        assertTrue(((List<String>) job.get("tail")).stream().anyMatch(l -> l.startsWith("selected 1 of 2 sub-tomograms")), job.toString());
        assertEquals("Select/job001", job.get("display"));
        assertNull(job.get("abort"), "a finished job has nothing to abort");
        Map<String, Object> cont = (Map<String, Object>) job.get("continueWith");
        assertEquals("select", cont.get("command"));
        Map<String, Object> values = (Map<String, Object>) cont.get("values");
        assertEquals("Select/job001", values.get("--rerun"));
        assertEquals("sel.star", values.get("--from2d"));
        assertEquals("all.star", values.get("--subtomos"));

        Map<String, Object> d = call(api, "GET", "/api/display", Map.of("path", "Select/job001"), null);
        assertEquals(List.of("Select/job001/output_2Dto3D.star"), d.get("outputs"));

        // 'Continue' = the same form with --rerun: the job runs again in its directory
        Map<String, Object> again = call(api, "POST", "/api/run", Map.of(), Map.of("command", "select", "values", values));
        assertEquals(200, again.get("_status"), again.toString());
        GuiRuns.Run rerun = api.runs().get(((Number) again.get("run")).intValue());
        assertTrue(rerun.waitFor(60_000));
        assertEquals(GuiRuns.State.SUCCEEDED, rerun.state(), String.join("\n", LogTail.lines(rerun.log, 4096)));
        PipelineState s = new Pipeline(project).read();
        assertEquals(1, s.processes.size(), "rerun in place, no new job");
        assertEquals(rerun.id, ((Number) job(call(api, "GET", "/api/jobs", Map.of(), null), "Select/job001/").get("run")).intValue());
    }

    @Test @SuppressWarnings("unchecked")
    void theGraphJoinsJobsByTheFilesTheyPassAndAbortLeavesRelionsMarker() throws Exception {
        GuiApi api = api();
        Pipeline p = Pipeline.init(project);
        p.update(s -> {
            s.processes.add(new PipelineState.Process("Extract/job001/", "None", JobType.EXTRACT.relionType, JobStatus.SUCCEEDED));
            s.processes.add(new PipelineState.Process("Class2D/job002/", "Class2D/run1/", JobType.CLASS2D.relionType, JobStatus.RUNNING));
            s.addNode("Extract/job001/particles.star", NodeType.PARTICLES);
            s.outputEdges.add(new PipelineState.Edge("Extract/job001/particles.star", "Extract/job001/"));
            s.inputEdges.add(new PipelineState.Edge("Extract/job001/particles.star", "Class2D/job002/"));
            s.jobCounter = 3;
            return null;
        });
        Files.createDirectories(project.resolve("Class2D/job002"));
        Files.writeString(project.resolve("Class2D/job002/run.err"), "class2d: iterations 3/25 (12%) 41 s ETA 5 min 01 s\n");
        Map<String, Object> g = call(api, "GET", "/api/pipeline", Map.of(), null);
        assertEquals(2, ((List<?>) g.get("processes")).size());
        assertEquals(List.of(Map.of("from", "Extract/job001/", "to", "Class2D/job002/", "node", "Extract/job001/particles.star")), g.get("edges"));

        Map<String, Object> jobs = call(api, "GET", "/api/jobs", Map.of(), null);
        assertEquals(List.of("Class2D/job002/", "Extract/job001/"),
                ((List<Map<String, Object>>) jobs.get("jobs")).stream().map(j -> j.get("id")).toList(), "newest first");
        Map<String, Object> running = job(jobs, "Class2D/job002/");
        assertEquals("running", running.get("status"));
        assertEquals(3L, ((Number) ((Map<String, Object>) running.get("progress")).get("done")).longValue());
        assertEquals(Map.of("job", "Class2D/job002/"), running.get("abort"));

        assertEquals(200, call(api, "POST", "/api/abort", Map.of(), Map.of("job", "Class2D/job002/")).get("_status"));
        assertTrue(Files.exists(project.resolve("Class2D/job002").resolve(JobRunner.ABORT_NOW)));
        Map<String, Object> refused = call(api, "POST", "/api/abort", Map.of(), Map.of("job", "Extract/job001/"));
        assertEquals(400, refused.get("_status"));
        assertTrue(refused.get("error").toString().contains("not running"), refused.toString());
        // a broken pipeline file is reported, not hidden
        String good = Files.readString(project.resolve(Pipeline.FILE));
        Files.writeString(project.resolve(Pipeline.FILE), "data_something_else\n");
        Map<String, Object> broken = call(api, "GET", "/api/jobs", Map.of(), null);
        assertEquals(400, broken.get("_status"));
        assertTrue(broken.get("error").toString().contains("pipeline_general"), broken.toString());
        Files.writeString(project.resolve(Pipeline.FILE), good);
        // the job notices, stops and leaves RELION's exit marker: the list says so
        Files.writeString(project.resolve("Class2D/job002").resolve(JobRunner.ABORTED), "");
        assertEquals("aborted", job(call(api, "GET", "/api/jobs", Map.of(), null), "Class2D/job002/").get("status"));

        // Delete: refused while another job uses the outputs, then to Trash/ in order
        Files.createDirectories(project.resolve("Extract/job001"));
        Map<String, Object> used = call(api, "POST", "/api/delete", Map.of(), Map.of("job", "Extract/job001/"));
        assertEquals(400, used.get("_status"));
        assertTrue(used.get("error").toString().contains("used by Class2D/job002/"), used.toString());
        Map<String, Object> gone = call(api, "POST", "/api/delete", Map.of(), Map.of("job", "Class2D/job002/"));
        assertEquals(200, gone.get("_status"), gone.toString());
        assertEquals("Trash/Class2D/job002", gone.get("trash"));
        assertTrue(Files.isDirectory(project.resolve("Trash/Class2D/job002")) && !Files.exists(project.resolve("Class2D/job002")));
        assertEquals(200, call(api, "POST", "/api/delete", Map.of(), Map.of("job", "Extract/job001/")).get("_status"));
        assertEquals(List.of(), call(api, "GET", "/api/jobs", Map.of(), null).get("jobs"));
    }
}
