package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mpirun -n 3 subtomo class2d} equals the single-process run: the 40 particles (3 blocks of 16)
 * are split one block per rank. Same class assignments and poses; class images equal up to float
 * summation order (the ranks' sums are added as (r0 + r1) + r2 instead of block by block).
 */
class Class2dMpiTest {
    /** Open MPI in containers: no cross-memory-attach single copy (ptrace is often not allowed there). */
    static ProcessBuilder containerSafe(ProcessBuilder pb) {
        pb.environment().putIfAbsent("OMPI_MCA_btl_vader_single_copy_mechanism", "none");
        return pb;
    }

    @TempDir Path dir;

    static Path mpirun() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, "mpirun");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** Relative tolerance of the class images (max |Δ| / max |v|); measured 0 to a few 1e-7. */
    static final double TOLERANCE = 1e-5;

    @Test void threeRanksGiveTheSingleProcessResult() throws Exception {
        Path mpirun = mpirun();
        assumeTrue(mpirun != null, "mpirun not installed (apt-get install openmpi-bin)");
        Class2dCommandTest data = new Class2dCommandTest();
        data.dir = dir;
        Path star = data.writeData(true, null);
        // single process, plain mode
        Path single = dir.resolve("single/run");
        assertEquals(0, Main.run(Class2dCommandTest.args(star, single, "--j", "1")));
        // 3 ranks, in a pipeline project (job mode: the leader alone records the job)
        Path proj = dir.resolve("proj");
        Files.createDirectories(proj);
        assertEquals(0, Main.run("jobs", "--init", "--project_dir", proj.toString()));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(mpirun.toString(), "--oversubscribe", "--allow-run-as-root", "-n", "3", java,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(Class2dCommandTest.args(star, Path.of("run"), "--j", "1")));
        cmd.addAll(List.of("--project_dir", proj.toString()));
        long t0 = System.nanoTime();
        Process p = containerSafe(new ProcessBuilder(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "mpirun did not finish");
        System.out.printf("class2d under mpirun -n 3: %.1f s%n%s%n", (System.nanoTime() - t0) / 1e9, out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("3 MPI ranks"), out);
        assertEquals(1, out.lines().filter(l -> l.startsWith("iteration 4/4")).count(), "only the leader prints: " + out);

        Path job = proj.resolve("Class2D/job001");
        assertTrue(Files.exists(job.resolve("RELION_JOB_EXIT_SUCCESS")));
        assertFalse(Files.exists(proj.resolve("Class2D/job002")), "one job, not one per rank");
        StarTable a = StarReader.read(Path.of(single + "_it004_data.star")).table("particles");
        StarTable b = StarReader.read(job.resolve("run_it004_data.star")).table("particles");
        assertEquals(a.rowCount(), b.rowCount());
        for (int i = 0; i < a.rowCount(); i++) {
            assertEquals(a.get(i, "rlnClassNumber"), b.get(i, "rlnClassNumber"), "class of particle " + (i + 1));
            assertEquals(a.getDouble(i, "rlnAnglePsi"), b.getDouble(i, "rlnAnglePsi"), 1e-9, "psi of particle " + (i + 1));
            assertEquals(a.getDouble(i, "rlnOriginXAngst"), b.getDouble(i, "rlnOriginXAngst"), 1e-9);
            assertEquals(a.getDouble(i, "rlnOriginYAngst"), b.getDouble(i, "rlnOriginYAngst"), 1e-9);
        }
        double worst = 0;
        try (MrcReader ra = MrcReader.open(Path.of(single + "_it004_classes.mrcs"));
             MrcReader rb = MrcReader.open(job.resolve("run_it004_classes.mrcs"))) {
            for (int c = 0; c < 2; c++) {
                float[] x = ra.readImage(c).data, y = rb.readImage(c).data;
                double max = 0, diff = 0;
                for (int q = 0; q < x.length; q++) { max = Math.max(max, Math.abs(x[q])); diff = Math.max(diff, Math.abs(x[q] - y[q])); }
                worst = Math.max(worst, diff / max);
            }
        }
        System.out.printf("class images: max relative difference %.3g (tolerance %.0g)%n", worst, TOLERANCE);
        assertTrue(worst <= TOLERANCE, "relative difference " + worst);
    }

    @Test void onlyMpiCommandsMayRunOnSeveralRanks() {
        assertNull(Main.refusalUnderMpirun(1, "postprocess", "--i", "h.mrc"));
        assertNull(Main.refusalUnderMpirun(3, "class2d", "--i", "p.star", "--o", "C/run1"));
        assertNull(Main.refusalUnderMpirun(3, "postprocess", "--help"));
        String r = Main.refusalUnderMpirun(3, "postprocess", "--i", "h.mrc");
        assertNotNull(r);
        assertTrue(r.startsWith("subtomo postprocess: runs as one process"), r);
    }

    @Test void otherCommandsRefuseToRunOnSeveralRanks() throws Exception {
        Path mpirun = mpirun();
        assumeTrue(mpirun != null, "mpirun not installed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = containerSafe(new ProcessBuilder(mpirun.toString(), "--oversubscribe", "--allow-run-as-root", "-n", "2", java,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "postprocess", "--i", dir.resolve("half1.mrc").toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue());
        assertTrue(out.contains("runs as one process: start it without mpirun"), out);
    }
}
