package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;
import org.subtomo.app.pipeline.QueueControl;
import org.subtomo.app.pipeline.QueueSubmission;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Following and cancelling a queued job: fake squeue/scancel/qstat scripts stand in for the scheduler; the
 * recorded status command's answer shows in 'subtomo jobs', 'jobs --abort' runs the recorded cancel command
 * with the job id and marks the job aborted; qsub's default status command reads PBS and SGE qstat tables.
 */
class QueueControlTest {
    @TempDir Path dir;

    static Path script(Path file, String body) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body);
        assertTrue(file.toFile().setExecutable(true));
        return file;
    }

    static String run(int expected, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream o = System.out, e = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            assertEquals(expected, Main.run(args), out + "\n" + err);
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
        return out + err.toString();
    }

    @Test void defaultsFollowTheSubmitCommand() {
        QueueControl.Commands slurm = QueueControl.Commands.defaults("sbatch");
        assertEquals("squeue -h -o %T -j XXXjobidXXX", slurm.status());
        assertEquals("scancel XXXjobidXXX", slurm.cancel());
        QueueControl.Commands pbs = QueueControl.Commands.defaults("/opt/pbs/bin/qsub");
        assertTrue(pbs.status().startsWith("qstat | awk"), pbs.status());
        assertEquals("qdel XXXjobidXXX", pbs.cancel());
        QueueControl.Commands other = QueueControl.Commands.defaults("bsub");
        assertEquals("", other.status());
        assertEquals("bkill XXXjobidXXX", other.with(null, "bkill XXXjobidXXX").cancel());
    }

    /** qsub's default status command on the tables of PBS's and SGE's qstat (a fake qstat prints them). */
    @Test void qstatStateColumnOfPbsAndSge() throws Exception {
        Path pbs = script(dir.resolve("pbs/qstat"), """
                cat <<'EOF'
                Job id            Name             User              Time Use S Queue
                ----------------  ---------------- ----------------  -------- - -----
                9810.pbs-server   other            bob               0        Q batch
                981.pbs-server    subtomo          alice             00:00:01 R batch
                EOF
                """);
        Path sge = script(dir.resolve("sge/qstat"), """
                cat <<'EOF'
                job-ID  prior   name       user         state submit/start at     queue                          slots ja-task-ID
                -----------------------------------------------------------------------------------------------------------------
                     76 0.55500 other      bob          r     11/29/2026 13:58:00 all.q@node1                        4
                     77 0.00000 subtomo    alice        qw    11/29/2026 14:00:00                                    4
                EOF
                """);
        String status = QueueControl.Commands.defaults("qsub").status();
        assertEquals("R", QueueControl.status(submitted("981.pbs-server.example.org", status.replace("qstat", pbs.toString())), dir));
        assertEquals("Q", QueueControl.status(submitted("9810.pbs-server", status.replace("qstat", pbs.toString())), dir));
        assertEquals("qw", QueueControl.status(submitted("77", status.replace("qstat", sge.toString())), dir));
        assertEquals("gone", QueueControl.status(submitted("78", status.replace("qstat", sge.toString())), dir));
    }

    static QueueSubmission.Submitted submitted(String id, String status) {
        return new QueueSubmission.Submitted(id, "batch", "qsub run_submit.script", "2026-11-29T14:00:00Z", status, "qdel XXXjobidXXX");
    }

    @Test void jobsShowsTheQueueStateAndAbortCancelsTheJob() throws Exception {
        Class2dCommandTest data = new Class2dCommandTest();
        data.dir = dir;
        Path star = data.writeData(true, null);
        Path proj = dir.resolve("proj");
        Files.createDirectories(proj);
        run(0, "jobs", "--init", "--project_dir", proj.toString());
        Path bin = dir.resolve("bin");
        Path state = dir.resolve("state"), cancelled = dir.resolve("cancelled.txt");
        Files.writeString(state, "PENDING\n");
        Path sbatch = script(bin.resolve("sbatch"), "echo 'Submitted batch job 4242'\n");
        // squeue prints the job's state while the scheduler has it; scancel removes it
        Path squeue = script(bin.resolve("squeue"), "[ \"$5\" = 4242 ] || exit 1\ncat " + state + "\n");
        Path scancel = script(bin.resolve("scancel"), "echo \"$@\" >> " + cancelled + "\n: > " + state + "\n");
        List<String> args = new ArrayList<>(List.of(Class2dCommandTest.args(star, Path.of("run"), "--iter", "1")));
        args.addAll(List.of("--project_dir", proj.toString(), "--queue", "short", "--qsub", sbatch.toString(),
                "--qsubscript", Path.of("..", "scripts", "slurm-template.sh").toAbsolutePath().toString(),
                "--qstat", squeue + " -h -o %T -j XXXjobidXXX", "--qcancel", scancel + " XXXjobidXXX"));
        assertTrue(run(0, args.toArray(String[]::new)).contains("as scheduler job 4242"));
        String node = Files.readString(proj.resolve("Class2D/job001/run_submit.script")).lines().filter(l -> l.startsWith("mpirun ")).findFirst().orElseThrow();
        assertFalse(node.contains("--qstat") || node.contains("--qcancel"), "submission options stay off the node: " + node);
        var rec = QueueSubmission.read(proj.resolve("Class2D/job001")).orElseThrow();
        assertEquals(squeue + " -h -o %T -j XXXjobidXXX", rec.statusCommand());
        assertEquals(scancel + " XXXjobidXXX", rec.cancelCommand());

        String jobs = run(0, "jobs", "--project_dir", proj.toString());
        assertTrue(jobs.lines().anyMatch(l -> l.contains("Class2D/job001/") && l.contains("Scheduled") && l.endsWith("4242 (short): PENDING")), jobs);
        Files.writeString(state, "RUNNING\n");
        jobs = run(0, "jobs", "--project_dir", proj.toString());
        assertTrue(jobs.lines().anyMatch(l -> l.contains("Class2D/job001/") && l.endsWith("4242 (short): RUNNING")), jobs);

        String out = run(0, "jobs", "--project_dir", proj.toString(), "--abort", "1");
        assertTrue(out.contains("cancelled Class2D/job001/ in the queue") && out.contains("'4242'"), out);
        assertEquals("4242", Files.readString(cancelled).strip(), "scancel got the job id");
        assertTrue(Files.exists(proj.resolve("Class2D/job001/RELION_JOB_EXIT_ABORTED")));
        jobs = run(0, "jobs", "--project_dir", proj.toString());
        assertTrue(jobs.lines().anyMatch(l -> l.contains("Class2D/job001/") && l.contains("Aborted") && l.endsWith("4242 (short)")), jobs);
        out = run(1, "jobs", "--project_dir", proj.toString(), "--abort", "1");
        assertTrue(out.contains("is not running (aborted)"), out);

        // a cancel the scheduler refuses: one line with its answer, the job stays scheduled
        Path refuse = script(bin.resolve("scancel-refuses"), "echo 'scancel: error: Access/permission denied' >&2\nexit 1\n");
        args.set(args.indexOf(scancel + " XXXjobidXXX"), refuse + " XXXjobidXXX");
        run(0, args.toArray(String[]::new));
        Files.writeString(state, "PENDING\n");
        out = run(1, "jobs", "--project_dir", proj.toString(), "--abort", "2");
        assertTrue(out.contains("failed (exit 1): scancel: error: Access/permission denied"), out);
        jobs = run(0, "jobs", "--project_dir", proj.toString());
        assertTrue(jobs.lines().anyMatch(l -> l.contains("Class2D/job002/") && l.contains("Scheduled")), jobs);

        // the scheduler ends it (time limit) before subtomo could write an exit marker: failed, and said why
        Files.writeString(state, "TIMEOUT\n");
        jobs = run(0, "jobs", "--project_dir", proj.toString());
        assertTrue(jobs.lines().anyMatch(l -> l.contains("Class2D/job002/") && l.contains("Failed") && l.endsWith("4242 (short): TIMEOUT")), jobs);
        assertTrue(Files.exists(proj.resolve("Class2D/job002/RELION_JOB_EXIT_FAILURE")));
        assertTrue(Files.readString(proj.resolve("Class2D/job002/run.err")).contains("the scheduler ended the job (TIMEOUT)"));
    }

    @Test void endedStates() {
        for (String s : new String[]{"gone", "TIMEOUT", "CANCELLED by 1000", "COMPLETED", "OUT_OF_MEMORY", "FAILED"})
            assertTrue(QueueControl.ended(s), s);
        for (String s : new String[]{"PENDING", "RUNNING", "COMPLETING", "R", "Q", "qw", "? (exit 1)", ""})
            assertFalse(QueueControl.ended(s), s);
    }
}
