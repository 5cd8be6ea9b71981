package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;
import org.subtomo.sim.ProjectSimulator;
import org.subtomo.sim.SimulationParameters;
import org.subtomo.sim.sample.TiltScheme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mpirun -n 3 subtomo prepare} and {@code ... extract --project3d} on a simulated project of two
 * tomograms (CTF estimation: one tomogram each on ranks 0 and 1, none on rank 2; models and sub-tomograms:
 * each tomogram's particles split three ways) write exactly the files of a single-process run, byte for
 * byte: ctffind STAR files and plots, 3D CTF models, sub-tomograms, projection stacks and STAR files.
 */
class PrepareExtractMpiTest {
    @TempDir Path dir;

    static SimulationParameters small() {
        return new SimulationParameters(null, 2, 6, 0, "B", 1, 0, 5.0, 32, 128, 64, 300, TiltScheme.Kind.DOSE_SYMMETRIC, 60, 20, 3.0,
                300, 2.7, 0.1, 35000, 2000, 300, 50, 3500, 11);
    }

    @Test void threeRanksWriteTheSingleProcessFiles() throws Exception {
        Path mpirun = Class2dMpiTest.mpirun();
        assumeTrue(mpirun != null, "mpirun not installed (apt-get install openmpi-bin)");
        Path sim = dir.resolve("sim"), single = dir.resolve("single"), mpi = dir.resolve("mpi");
        ProjectSimulator.run(small(), sim, System.out);
        copyTree(sim, single);
        copyTree(sim, mpi);

        String[] prepare = {"prepare", "--box", "32", "--ctf_box", "64", "--j", "1", "--project_dir"};
        run(List.of(), with(prepare, single.toString()));
        String out = run(List.of(mpirun.toString(), "--oversubscribe", "--allow-run-as-root", "-n", "3"), with(prepare, mpi.toString()));
        assertEquals(1, out.lines().filter(l -> l.startsWith("wrote ")).count(), "only the leader prints: " + out);
        assertTrue(out.contains("on 3 MPI ranks"), out);
        // the leader's progress counts its own share: the first 5 of the 14 models (7 per tomogram: 6 particles and a gold bead)
        assertTrue(out.contains("prepare tomo01: 3D CTF models 5/5 (100%)") && !out.contains("3D CTF models 7/7") && !out.contains("prepare tomo02: 3D"), out);
        assertSameTree(single, mpi);

        String[] extract = {"extract", "--i", "particles_subtomo.star", "--o", "extracted.star", "--extract_size", "32", "--particle_diameter", "150", "--project3d", "--j", "1", "--project_dir"};
        run(List.of(), with(extract, single.toString()));
        out = run(List.of(mpirun.toString(), "--oversubscribe", "--allow-run-as-root", "-n", "3"), with(extract, mpi.toString()));
        assertEquals(1, out.lines().filter(l -> l.startsWith("extracted ")).count(), "only the leader prints: " + out);
        assertTrue(Files.exists(mpi.resolve("Particles/Tomograms/tomo02/tomo02_subtomo_proj2d.mrcs")));
        assertTrue(out.contains("extract tomo01 2/2 (100%)"), "the leader extracts 2 of tomo01's 6 particles: " + out);
        assertSameTree(single, mpi);
    }

    static String[] with(String[] args, String last) {
        String[] a = Arrays.copyOf(args, args.length + 1);
        a[args.length] = last;
        return a;
    }

    /** subtomo ARGS in a new JVM (each process picks its own FFT plans), under {@code launcher} (mpirun ...) unless empty. */
    static String run(List<String> launcher, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        long t0 = System.nanoTime();
        Process p = Class2dMpiTest.containerSafe(new ProcessBuilder(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "mpirun did not finish");
        System.out.printf("%s %s: %.1f s%n%s%n", args[0], launcher.isEmpty() ? "in one process" : "under mpirun -n 3", (System.nanoTime() - t0) / 1e9, out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
    }

    /** Every file of {@code a} is in {@code b} with the same bytes, and {@code b} has no other file. */
    static void assertSameTree(Path a, Path b) throws IOException {
        TreeMap<String, Path> fa = files(a), fb = files(b);
        assertEquals(fa.keySet(), fb.keySet(), "the same files");
        for (String k : fa.keySet())
            assertArrayEquals(Files.readAllBytes(fa.get(k)), Files.readAllBytes(fb.get(k)), k + " differs");
        System.out.printf("%d files identical%n", fa.size());
    }

    private static TreeMap<String, Path> files(Path root) throws IOException {
        TreeMap<String, Path> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(f -> m.put(root.relativize(f).toString(), f));
        }
        return m;
    }
}
