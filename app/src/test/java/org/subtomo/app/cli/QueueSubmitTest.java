package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;
import org.subtomo.app.pipeline.QueueSubmission;
import org.subtomo.core.error.InputException;
import org.subtomo.core.io.star.StarReader;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Queue submission: template placeholders, a fake sbatch, the job id in job.star and 'subtomo jobs', status via the exit markers. */
class QueueSubmitTest {
    @TempDir Path dir;

    @Test void jobIdFromSlurmPbsAndSgeOutput() {
        assertEquals("4242", QueueSubmission.jobId("Submitted batch job 4242\n").orElseThrow());
        assertEquals("4242", QueueSubmission.jobId("4242;cluster1\n").orElseThrow());          // sbatch --parsable
        assertEquals("981.pbs-server.example.org", QueueSubmission.jobId("981.pbs-server.example.org\n").orElseThrow());
        assertEquals("77", QueueSubmission.jobId("Your job 77 (\"subtomo\") has been submitted\n").orElseThrow());
        assertTrue(QueueSubmission.jobId("sbatch: error: invalid partition\n").isEmpty());
    }

    @Test void shippedTemplatesHaveOnlyKnownPlaceholders() {
        for (String t : new String[]{"slurm-template.sh", "pbs-template.sh"}) {
            Path template = Path.of("..", "scripts", t);
            assertTrue(Files.isRegularFile(template), template.toAbsolutePath().toString());
            String s = new QueueSubmission("gpu", "sbatch", template, 4, 12).script("subtomo class2d --i a.star", "Class2D/job003/", dir);
            assertFalse(s.contains("XXX"), s);
            assertTrue(s.contains("mpirun -n 4 subtomo class2d --i a.star"), s);
            assertTrue(s.contains(dir.resolve("run_submit.out").toString()), s);
            assertTrue(s.contains("gpu"), s);
        }
    }

    @Test void unknownPlaceholderNamesTheLine() throws Exception {
        Path t = dir.resolve("t.sh");
        Files.writeString(t, "#!/bin/bash\n#X --mem=XXXmemoryXXX\nXXXcommandXXX\n");
        InputException e = assertThrows(InputException.class, () -> new QueueSubmission("", "sbatch", t, 1, 1).script("c", "n", dir));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("XXXmemoryXXX"), e.getMessage());
    }

    static String stdout(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true));
        try {
            assertEquals(0, Main.run(args));
        } finally {
            System.setOut(old);
        }
        return out.toString();
    }

    @Test void submitsWithAFakeSbatchRecordsTheIdAndFollowsTheJob() throws Exception {
        Class2dCommandTest data = new Class2dCommandTest();
        data.dir = dir;
        Path star = data.writeData(true, null);
        Path proj = dir.resolve("proj");
        Files.createDirectories(proj);
        assertEquals(0, Main.run("jobs", "--init", "--project_dir", proj.toString()));
        // the fake scheduler keeps the script it was given and answers as sbatch does
        Path sbatch = dir.resolve("bin/sbatch");
        Files.createDirectories(sbatch.getParent());
        Files.writeString(sbatch, "#!/bin/sh\ncp \"$1\" " + dir.resolve("submitted.sh") + "\necho \"Submitted batch job 4242\"\n");
        assertTrue(sbatch.toFile().setExecutable(true));
        List<String> args = new ArrayList<>(List.of(Class2dCommandTest.args(star, Path.of("run"), "--iter", "1")));
        args.addAll(List.of("--project_dir", proj.toString(), "--alias", "first", "--queue", "short", "--qsub", sbatch.toString(),
                "--qsubscript", Path.of("..", "scripts", "slurm-template.sh").toAbsolutePath().toString(), "--nr_mpi", "3", "--nr_threads", "2"));
        String out = stdout(args.toArray(String[]::new));
        assertTrue(out.contains("job Class2D/job001/ submitted to queue short as scheduler job 4242"), out);

        Path job = proj.resolve("Class2D/job001");
        String script = Files.readString(job.resolve("run_submit.script"));
        assertEquals(script, Files.readString(dir.resolve("submitted.sh")), "the scheduler got the job's script");
        assertTrue(script.contains("#SBATCH --partition=short") && script.contains("#SBATCH --ntasks=3") && script.contains("--cpus-per-task=2"), script);
        String cmd = script.lines().filter(l -> l.startsWith("mpirun -n 3 ")).findFirst().orElseThrow(() -> new AssertionError(script));
        assertTrue(cmd.contains(" class2d ") && cmd.contains("--rerun Class2D/job001/ --project_dir " + proj.toAbsolutePath()), cmd);
        for (String gone : new String[]{"--queue", "--qsub", "--nr_mpi", "--nr_threads", "--alias"}) assertFalse(cmd.contains(gone), cmd);
        var prov = StarReader.read(job.resolve("job.star")).table("subtomo_provenance");
        assertEquals("4242", prov.get("subtomoQueueJobId"));
        assertEquals("Scheduled", prov.get("subtomoStatus"));
        String jobs = stdout("jobs", "--project_dir", proj.toString());
        assertTrue(jobs.contains("queue job id") && jobs.lines().anyMatch(l -> l.contains("Class2D/job001/") && l.contains("Scheduled") && l.contains("4242 (short)")), jobs);

        // the node runs the queued command: the job runs in place and ends Succeeded, the id stays recorded
        List<String> node = new ArrayList<>(List.of(Class2dCommandTest.args(star, Path.of("run"), "--iter", "1")));
        node.addAll(List.of("--rerun", "Class2D/job001/", "--project_dir", proj.toString()));
        stdout(node.toArray(String[]::new));
        assertTrue(Files.exists(job.resolve("RELION_JOB_EXIT_SUCCESS")));
        prov = StarReader.read(job.resolve("job.star")).table("subtomo_provenance");
        assertEquals("4242", prov.get("subtomoQueueJobId"));
        assertEquals("Succeeded", prov.get("subtomoStatus"));
        jobs = stdout("jobs", "--project_dir", proj.toString());
        assertTrue(jobs.lines().anyMatch(l -> l.contains("Class2D/job001/") && l.contains("Succeeded") && l.contains("4242")), jobs);

        // a second queued job that dies on the node before subtomo records anything but its exit marker
        args.set(args.indexOf("first"), "second");
        stdout(args.toArray(String[]::new));
        Files.writeString(proj.resolve("Class2D/job002/RELION_JOB_EXIT_FAILURE"), "");
        jobs = stdout("jobs", "--project_dir", proj.toString());
        assertTrue(jobs.lines().anyMatch(l -> l.contains("Class2D/job002/") && l.contains("Failed")), jobs);
    }

    @Test void failedSubmissionMarksTheJobFailed() throws Exception {
        Class2dCommandTest data = new Class2dCommandTest();
        data.dir = dir;
        Path star = data.writeData(true, null);
        Path proj = dir.resolve("proj");
        Files.createDirectories(proj);
        assertEquals(0, Main.run("jobs", "--init", "--project_dir", proj.toString()));
        Path sbatch = dir.resolve("sbatch");
        Files.writeString(sbatch, "#!/bin/sh\necho 'sbatch: error: invalid partition specified: nope' >&2\nexit 1\n");
        assertTrue(sbatch.toFile().setExecutable(true));
        List<String> args = new ArrayList<>(List.of(Class2dCommandTest.args(star, Path.of("run"), "--iter", "1")));
        args.addAll(List.of("--project_dir", proj.toString(), "--queue", "nope", "--qsub", sbatch.toString(),
                "--qsubscript", Path.of("..", "scripts", "slurm-template.sh").toAbsolutePath().toString()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            assertEquals(1, Main.run(args.toArray(String[]::new)));
        } finally {
            System.setErr(old);
        }
        assertTrue(err.toString().contains("invalid partition specified: nope"), err.toString());
        assertFalse(err.toString().strip().contains("\n"), "one line: " + err);
        assertTrue(Files.exists(proj.resolve("Class2D/job001/RELION_JOB_EXIT_FAILURE")));
        assertTrue(stdout("jobs", "--project_dir", proj.toString()).lines().anyMatch(l -> l.contains("Class2D/job001/") && l.contains("Failed")));
    }
}
