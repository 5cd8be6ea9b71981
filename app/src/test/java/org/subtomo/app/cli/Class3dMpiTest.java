package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.refine.synth.SyntheticMixture;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mpirun -n 3 subtomo class3d} (with alignment, K = 2, so iteration 1 aligns each class's random
 * subset and iteration 2 all particles) equals the single-process run on 24 synthetic sub-tomograms of two
 * states: same classes and poses, class maps equal up to float summation order.
 */
class Class3dMpiTest {
    @TempDir Path dir;

    static final double TOLERANCE = 1e-4;

    static List<String> args(Path out) {
        return List.of("class3d", "--project_dir", "..", "--no_job", "--i", "particles.star", "--o", out.toString(), "--ref", "consensus.mrc",
                "--ini_high", "40", "--ctf", "--particle_diameter", "250", "--K", "2", "--iter", "2", "--healpix_order", "1",
                "--offset_range", "2", "--offset_step", "2", "--j", "1", "--random_seed", "1");
    }

    /** About 30-70 s on 2 shared cores (3 JVMs): run with -Dsubtomo.slow=true; class2d and refine3d's MPI tests run always. */
    @Test
    @EnabledIfSystemProperty(named = "subtomo.slow", matches = "true")
    void threeRanksGiveTheSingleProcessResult() throws Exception {
        Path mpirun = Class2dMpiTest.mpirun();
        assumeTrue(mpirun != null, "mpirun not installed (apt-get install openmpi-bin)");
        Path proj = dir.resolve("proj");
        new SyntheticMixture(SyntheticMixture.Params.small(24, 0.3, 7)).write(proj);
        List<String> single = new ArrayList<>(args(proj.resolve("single/run")));
        single.set(single.indexOf("..") , proj.toString());
        assertEquals(0, Main.run(single.toArray(String[]::new)));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(mpirun.toString(), "--oversubscribe", "--allow-run-as-root", "-n", "3", java,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        List<String> a = new ArrayList<>(args(proj.resolve("mpi/run")));
        a.set(a.indexOf(".."), proj.toString());
        cmd.addAll(a);
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putIfAbsent("OMPI_MCA_btl_vader_single_copy_mechanism", "none");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "mpirun did not finish");
        System.out.printf("class3d under mpirun -n 3: %.1f s%n%s%n", (System.nanoTime() - t0) / 1e9, out);
        assertEquals(0, p.exitValue(), out);
        assertEquals(1, out.lines().filter(l -> l.startsWith("iteration 2/2")).count(), "only the leader prints: " + out);

        StarTable x = StarReader.read(proj.resolve("single/run_it002_data.star")).table("particles");
        StarTable y = StarReader.read(proj.resolve("mpi/run_it002_data.star")).table("particles");
        assertEquals(x.rowCount(), y.rowCount());
        for (int i = 0; i < x.rowCount(); i++) {
            assertEquals(x.get(i, "rlnClassNumber"), y.get(i, "rlnClassNumber"), "class of particle " + (i + 1));
            for (String l : new String[]{"rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnOriginXAngst", "rlnOriginYAngst", "rlnOriginZAngst"})
                assertEquals(x.getDouble(i, l), y.getDouble(i, l), 1e-6, l + " of particle " + (i + 1));
        }
        double worst = Refine3dMpiTest.maxRelativeDifference(proj.resolve("single"), proj.resolve("mpi"), "run_it002_class001.mrc", "run_it002_class002.mrc");
        System.out.printf("class3d maps: max relative difference %.3g (tolerance %.0g)%n", worst, TOLERANCE);
        assertTrue(worst <= TOLERANCE, "relative difference " + worst);
    }

    /**
     * --skip_align on 3 ranks (48 particles: one block of 16 per rank) equals the single process: same classes,
     * class maps equal up to the order in which the ranks' sums are added.
     */
    @Test
    void skipAlignOnThreeRanksGivesTheSingleProcessResult() throws Exception {
        Path mpirun = Class2dMpiTest.mpirun();
        assumeTrue(mpirun != null, "mpirun not installed (apt-get install openmpi-bin)");
        Path proj = dir.resolve("proj");
        new SyntheticMixture(SyntheticMixture.Params.small(48, 0.3, 7)).write(proj);
        List<String> args = List.of("class3d", "--project_dir", proj.toString(), "--no_job", "--i", "particles.star", "--ref", "consensus.mrc",
                "--ini_high", "40", "--ctf", "--particle_diameter", "250", "--K", "2", "--iter", "3", "--skip_align", "--j", "1", "--random_seed", "1");
        List<String> single = new ArrayList<>(args);
        single.addAll(List.of("--o", proj.resolve("single/run").toString()));
        assertEquals(0, Main.run(single.toArray(String[]::new)));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(mpirun.toString(), "--oversubscribe", "--allow-run-as-root", "-n", "3", java,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        cmd.addAll(List.of("--o", proj.resolve("mpi/run").toString()));
        long t0 = System.nanoTime();
        Process p = Class2dMpiTest.containerSafe(new ProcessBuilder(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "mpirun did not finish");
        System.out.printf("class3d --skip_align under mpirun -n 3: %.1f s%n%s%n", (System.nanoTime() - t0) / 1e9, out);
        assertEquals(0, p.exitValue(), out);
        assertEquals(1, out.lines().filter(l -> l.startsWith("iteration 3/3")).count(), "only the leader prints: " + out);
        assertTrue(out.contains("16/16 (100%)") && !out.contains("/48"), "the leader's progress counts its 16 particles: " + out);

        StarTable x = StarReader.read(proj.resolve("single/run_it003_data.star")).table("particles");
        StarTable y = StarReader.read(proj.resolve("mpi/run_it003_data.star")).table("particles");
        assertEquals(x.rowCount(), y.rowCount());
        for (int i = 0; i < x.rowCount(); i++) {
            assertEquals(x.get(i, "rlnClassNumber"), y.get(i, "rlnClassNumber"), "class of particle " + (i + 1));
            assertEquals(x.getDouble(i, "rlnMaxValueProbDistribution"), y.getDouble(i, "rlnMaxValueProbDistribution"), 1e-4, "Pmax of particle " + (i + 1));
        }
        double worst = Refine3dMpiTest.maxRelativeDifference(proj.resolve("single"), proj.resolve("mpi"), "run_it003_class001.mrc", "run_it003_class002.mrc");
        System.out.printf("class3d --skip_align maps: max relative difference %.3g (tolerance %.0g)%n", worst, TOLERANCE);
        assertTrue(worst <= TOLERANCE, "relative difference " + worst);
    }
}
