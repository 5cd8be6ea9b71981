package org.subtomo.app.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.progress.Abort;
import org.subtomo.core.progress.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** Jobs: success, forced failure, abort, rerun, refusal of failed inputs, delete, two jobs started at once. */
class JobRunnerTest {
    @TempDir Path dir;

    JobRunner.Spec spec(JobType type, String alias, String rerun, List<JobRunner.Input> inputs) {
        return new JobRunner.Spec(type, alias, rerun, "subtomo test --x 'a b'", Map.of("x", "a b", "empty", ""), inputs, "subtomo test");
    }

    /** A job that writes out.star and declares it. */
    static JobRunner.Body writes(String text) {
        return j -> {
            System.out.println("hello from " + j.name());
            Files.writeString(j.resolve(j.file("out.star")), text);
            j.output(j.file("out.star"), NodeType.PARTICLES);
        };
    }

    @Test void successRecordsEverything() throws Exception {
        Pipeline p = Pipeline.init(dir);
        Files.writeString(dir.resolve("in.star"), "abc");
        JobRunner.Outcome o = JobRunner.run(p, spec(JobType.CLASS2D, "run1", null,
                List.of(new JobRunner.Input("in.star", NodeType.PARTICLES))), writes("x"));
        assertEquals("Class2D/job001/", o.name());
        assertEquals(JobStatus.SUCCEEDED, o.status());
        Path job = dir.resolve("Class2D/job001");
        assertTrue(Files.exists(job.resolve(JobRunner.SUCCESS)));
        assertTrue(Files.readString(job.resolve("note.txt")).contains("subtomo test --x 'a b'"));
        assertTrue(Files.readString(job.resolve("run.out")).contains("hello from Class2D/job001/"), "stdout is teed to run.out");
        assertTrue(Files.isSymbolicLink(dir.resolve("Class2D/run1")));
        assertEquals(job.toRealPath(), dir.resolve("Class2D/run1").toRealPath());
        StarFile js = StarReader.read(job.resolve("job.star"));
        assertEquals("8", js.table("job").get("rlnJobType"));
        assertEquals("Succeeded", js.table("subtomo_provenance").get("subtomoStatus"));
        assertNotEquals("None", js.table("subtomo_provenance").get("subtomoEndTime"));
        // SHA-256 of "abc" (FIPS 180-2 test vector) and its size
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", js.table("subtomo_inputs").get(0, "subtomoInputSha256"));
        assertEquals("3", js.table("subtomo_inputs").get(0, "subtomoInputBytes"));
        assertEquals("a b", js.table("joboptions_values").get(0, "rlnJobOptionValue").equals("a b") ? "a b"
                : js.table("joboptions_values").get(1, "rlnJobOptionValue"));
        PipelineState s = p.read();
        assertEquals(2, s.jobCounter);
        assertEquals(new PipelineState.Process("Class2D/job001/", "Class2D/run1/", 8, JobStatus.SUCCEEDED), s.processes.get(0));
        assertEquals("Class2D/job001/", s.producer("Class2D/job001/out.star").orElseThrow().name());
        assertTrue(s.inputEdges.contains(new PipelineState.Edge("in.star", "Class2D/job001/")));
        assertThrows(InputException.class, () -> JobRunner.run(p, spec(JobType.CLASS2D, "run1", null, List.of()), writes("y")),
                "an alias is taken only once");
    }

    @Test void failureIsRecordedAndItsOutputsRefused() throws Exception {
        Pipeline p = Pipeline.init(dir);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JobRunner.run(p, spec(JobType.EXTRACT, null, null, List.of()), j -> {
            Files.writeString(j.resolve(j.file("out.star")), "partial");
            j.output(j.file("out.star"), NodeType.PARTICLES);
            throw new IllegalStateException("forced failure");
        }));
        assertEquals("forced failure", e.getMessage());
        Path job = dir.resolve("Extract/job001");
        assertTrue(Files.exists(job.resolve(JobRunner.FAILURE)));
        assertFalse(Files.exists(job.resolve(JobRunner.SUCCESS)));
        assertTrue(Files.readString(job.resolve("run.err")).contains("forced failure"));
        assertEquals(JobStatus.FAILED, p.read().process("Extract/job001/").orElseThrow().status());
        assertTrue(p.read().outputEdges.isEmpty(), "a failed job declares no outputs");

        // a job that claims an output it did not write fails too
        assertThrows(IllegalStateException.class, () -> JobRunner.run(p, spec(JobType.EXTRACT, null, null, List.of()),
                j -> j.output(j.file("never.star"), NodeType.PARTICLES)));

        // outputs of a failed job are refused as inputs: rerun it successfully but have it fail again first
        JobRunner.run(p, spec(JobType.EXTRACT, null, null, List.of()), writes("ok"));
        assertEquals(JobStatus.SUCCEEDED, p.read().process("3").map(x -> x).orElseGet(() -> p.read().process("Extract/job003/").orElseThrow()).status());
        assertThrows(RuntimeException.class, () -> JobRunner.run(p, spec(JobType.EXTRACT, null, "Extract/job003", List.of()), j -> {
            throw new RuntimeException("broken on rerun");
        }));
        InputException refused = assertThrows(InputException.class, () -> JobRunner.run(p, spec(JobType.CLASS2D, null, null,
                List.of(new JobRunner.Input("Extract/job003/out.star", NodeType.PARTICLES))), writes("z")));
        assertFalse(refused.getMessage().isEmpty());
    }

    @Test void rerunReusesTheDirectoryAndReplacesOutputs() throws Exception {
        Pipeline p = Pipeline.init(dir);
        JobRunner.run(p, spec(JobType.SELECT, "sel", null, List.of()), writes("first"));
        JobRunner.Outcome o = JobRunner.run(p, spec(JobType.SELECT, null, "Select/sel", List.of()), writes("second"));
        assertEquals("Select/job001/", o.name());
        assertEquals("second", Files.readString(dir.resolve("Select/job001/out.star")));
        PipelineState s = p.read();
        assertEquals(1, s.processes.size());
        assertEquals(2, s.jobCounter, "a rerun takes no new number");
        assertEquals(1, s.outputEdges.size());
        assertEquals("1", StarReader.read(dir.resolve("Select/job001/job.star")).table("job").get("rlnJobIsContinue"));
        String note = Files.readString(dir.resolve("Select/job001/note.txt"));
        assertEquals(2, note.split("Executing new job", -1).length - 1, "note.txt keeps both command lines");
        assertThrows(InputException.class, () -> JobRunner.run(p, spec(JobType.CLASS2D, null, "Select/job001", List.of()), writes("x")),
                "a rerun must be of the same type");
    }

    @Test @org.junit.jupiter.api.Timeout(60) void abortStopsAJobAtItsNextProgressStep() throws Exception {
        Pipeline p = Pipeline.init(dir);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<Object> running = ex.submit(() -> JobRunner.run(p, spec(JobType.CLASS2D, null, null, List.of()), j -> {
                try (Progress bar = Progress.plain("work", 30_000, System.err, 60_000, System::currentTimeMillis)) {
                    for (int i = 0; i < 30_000; i++) { bar.step(); Thread.sleep(1); }   // ~30 s unless aborted
                }
            }));
            long deadline = System.currentTimeMillis() + 10_000;
            while (p.read().processes.isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertEquals("Class2D/job001/", JobControl.abort(p, "1"));
            Exception e = assertThrows(Exception.class, () -> {
                try { running.get(); } catch (java.util.concurrent.ExecutionException x) { throw (Exception) x.getCause(); }
            });
            assertTrue(JobRunner.aborted(e), e.toString());
        } finally {
            ex.shutdownNow();
        }
        Path job = dir.resolve("Class2D/job001");
        assertTrue(Files.exists(job.resolve(JobRunner.ABORTED)));
        assertFalse(Files.exists(job.resolve(JobRunner.ABORT_NOW)), "the request is consumed");
        assertEquals(JobStatus.ABORTED, p.read().processes.get(0).status());
        assertThrows(InputException.class, () -> JobControl.abort(p, "1"), "only running jobs can be aborted");
        Abort.poll();   // the hook is cleared after the job
    }

    @Test void deleteMovesToTrashAndLeavesOtherJobsAlone() throws Exception {
        Pipeline p = Pipeline.init(dir);
        JobRunner.run(p, spec(JobType.EXTRACT, "ex", null, List.of()), writes("a"));
        JobRunner.run(p, spec(JobType.CLASS2D, null, null, List.of(new JobRunner.Input("Extract/job001/out.star", NodeType.PARTICLES))), writes("b"));
        JobRunner.run(p, spec(JobType.SELECT, null, null, List.of()), writes("c"));
        assertThrows(InputException.class, () -> JobControl.delete(p, "Extract/ex"), "its output is used by Class2D/job002");
        Path trash = JobControl.delete(p, "2");
        assertEquals(dir.resolve("Trash/Class2D/job002/"), trash);
        assertEquals("b", Files.readString(trash.resolve("out.star")));
        assertFalse(Files.exists(dir.resolve("Class2D/job002")));
        assertEquals("a", Files.readString(dir.resolve("Extract/job001/out.star")));
        assertEquals("c", Files.readString(dir.resolve("Select/job003/out.star")));
        JobControl.delete(p, "Extract/ex");
        assertFalse(Files.exists(dir.resolve("Extract/ex")), "the alias link goes with the job");
        PipelineState s = p.read();
        assertEquals(List.of("Select/job003/"), s.processes.stream().map(PipelineState.Process::name).toList());
        assertEquals(List.of("Select/job003/out.star"), s.nodes.stream().map(PipelineState.Node::name).toList());
    }

    @Test void jobsStartedAtOnceGetDistinctNumbers() throws Exception {
        Pipeline p = Pipeline.init(dir);
        ExecutorService ex = Executors.newFixedThreadPool(4);
        List<Future<String>> names = new ArrayList<>();
        // the pipeline lock, not the JVM, keeps them apart: each update reads and rewrites the file
        for (int i = 0; i < 8; i++)
            names.add(ex.submit(() -> p.update(s -> { int n = s.jobCounter++; s.processes.add(
                    new PipelineState.Process("Select/job" + n + "/", null, 7, JobStatus.SUCCEEDED)); return "job" + n; })));
        List<String> got = new ArrayList<>();
        for (Future<String> f : names) got.add(f.get());
        ex.shutdown();
        assertEquals(8, got.stream().distinct().count(), got.toString());
        assertEquals(9, p.read().jobCounter);
        assertEquals(8, p.read().processes.size());
        assertFalse(Files.exists(dir.resolve(Pipeline.LOCK_DIR)), "the lock is released");
        assertNotNull(HexFormat.of());
    }

    @Test void aJobWhoseProcessDiedIsMarkedFailedWhenListed() throws Exception {
        Pipeline p = Pipeline.init(dir);
        JobRunner.run(p, spec(JobType.SELECT, null, null, List.of()), writes("a"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        // as if the job were still running in a process that was killed: no marker, status running, its pid in job.star
        Path job = dir.resolve("Select/job001");
        Files.delete(job.resolve(JobRunner.SUCCESS));
        String star = Files.readString(job.resolve("job.star")).replaceFirst("(_subtomoPid\\s+)\\d+", "$1" + gone.pid());
        Files.writeString(job.resolve("job.star"), star);
        p.update(s -> { s.replace(s.processes.get(0).withStatus(JobStatus.RUNNING)); return null; });
        assertEquals("Select/job001/", JobControl.abort(p, "1"));   // asked to stop, but its process is already gone
        // a running job whose process lives (this JVM) is left alone
        JobRunner.run(p, spec(JobType.SELECT, null, null, List.of()), writes("b"));
        p.update(s -> { s.replace(s.process("Select/job002/").orElseThrow().withStatus(JobStatus.RUNNING)); return null; });
        Files.delete(dir.resolve("Select/job002").resolve(JobRunner.SUCCESS));

        assertEquals(1, JobControl.refreshStatuses(p));
        assertEquals(JobStatus.FAILED, p.read().process("Select/job001/").orElseThrow().status());
        assertTrue(Files.exists(job.resolve(JobRunner.FAILURE)));
        assertFalse(Files.exists(job.resolve(JobRunner.ABORT_NOW)));
        assertEquals(JobStatus.RUNNING, p.read().process("Select/job002/").orElseThrow().status());
    }
}
