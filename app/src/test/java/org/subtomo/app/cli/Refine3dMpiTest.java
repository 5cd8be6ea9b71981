package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.refine.synth.SyntheticProjectWriter;
import org.subtomo.refine.synth.SyntheticSubtomograms;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mpirun -n 3 subtomo refine3d} equals the single-process run on 16 synthetic sub-tomograms (box 32), 2 iterations (the second the final, joined one):
 * each half set (~8 particles, blocks of 8) is split 8/0/0 or so over the ranks, so ranks have no particles at
 * all. Same poses; final and half maps equal up to float summation order.
 */
class Refine3dMpiTest {
    /** Open MPI in containers: no cross-memory-attach single copy (ptrace is often not allowed there). */
    static ProcessBuilder containerSafe(ProcessBuilder pb) {
        pb.environment().putIfAbsent("OMPI_MCA_btl_vader_single_copy_mechanism", "none");
        return pb;
    }

    @TempDir Path dir;

    /** Relative tolerance of the maps (max |Δ| / max |v|). */
    static final double TOLERANCE = 1e-4;

    static List<String> args(Path star, Path out) {
        return List.of("refine3d", "--i", star.toString(), "--o", out.toString(), "--ref", star.getParent().resolve("truth.mrc").toString(),
                "--ini_high", "40", "--particle_diameter", "220", "--ctf", "--sym", "C1", "--healpix_order", "1", "--offset_range", "2",
                "--offset_step", "2", "--auto_local_healpix_order", "4", "--iter", "2", "--j", "1", "--random_seed", "1");
    }

    @Test void threeRanksGiveTheSingleProcessResult() throws Exception {
        Path mpirun = Class2dMpiTest.mpirun();
        assumeTrue(mpirun != null, "mpirun not installed (apt-get install openmpi-bin)");
        Path star = SyntheticProjectWriter.write(new SyntheticSubtomograms(SyntheticSubtomograms.Params.small(16, 1.0, 3)), dir.resolve("proj"));
        long t0 = System.nanoTime();
        assertEquals(0, Main.run(args(star, dir.resolve("single/run")).toArray(String[]::new)));
        double single = (System.nanoTime() - t0) / 1e9;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(mpirun.toString(), "--oversubscribe", "--allow-run-as-root", "-n", "3", java,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args(star, dir.resolve("mpi/run")));
        t0 = System.nanoTime();
        Process p = containerSafe(new ProcessBuilder(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "mpirun did not finish");
        System.out.printf("refine3d: single process %.1f s, mpirun -n 3 %.1f s%n%s%n", single, (System.nanoTime() - t0) / 1e9, out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("3 MPI ranks"), out);

        StarTable a = StarReader.read(dir.resolve("single/run_data.star")).table("particles");
        StarTable b = StarReader.read(dir.resolve("mpi/run_data.star")).table("particles");
        assertEquals(a.rowCount(), b.rowCount());
        for (int i = 0; i < a.rowCount(); i++)
            for (String l : new String[]{"rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnOriginXAngst", "rlnOriginYAngst", "rlnOriginZAngst"})
                assertEquals(a.getDouble(i, l), b.getDouble(i, l), 1e-6, l + " of particle " + (i + 1));
        double worst = maxRelativeDifference(dir.resolve("single"), dir.resolve("mpi"),
                "run_class001.mrc", "run_half1_class001_unfil.mrc", "run_half2_class001_unfil.mrc");
        System.out.printf("refine3d maps: max relative difference %.3g (tolerance %.0g)%n", worst, TOLERANCE);
        assertTrue(worst <= TOLERANCE, "relative difference " + worst);
    }

    /** Largest |a − b| / max|a| over the named maps of two runs (the MPI equality tests' measure). */
    static double maxRelativeDifference(Path a, Path b, String... maps) throws java.io.IOException {
        double worst = 0;
        for (String f : maps) {
            float[] x, y;
            try (MrcReader r = MrcReader.open(a.resolve(f))) { x = r.readAll().data; }
            try (MrcReader r = MrcReader.open(b.resolve(f))) { y = r.readAll().data; }
            double max = 0, diff = 0;
            for (int q = 0; q < x.length; q++) { max = Math.max(max, Math.abs(x[q])); diff = Math.max(diff, Math.abs(x[q] - y[q])); }
            worst = Math.max(worst, diff / max);
        }
        return worst;
    }
}
