package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcStackWriter;
import org.subtomo.core.io.mrc.MrcWriteOptions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** {@code subtomo class2d}: files per iteration, --continue equivalence, one-line errors. */
class Class2dCommandTest {
    @TempDir Path dir;

    /** 40 noisy images of two blob patterns, box 32, 3 A/px, in a 3.1-style STAR file. */
    Path writeData(boolean withImageName, String stackName) throws Exception {
        Path stack = dir.resolve("parts.mrcs");
        SplittableRandom r = new SplittableRandom(1);
        MrcStackWriter.write(stack, MrcWriteOptions.pixelSize(3), sink -> {
            for (int i = 0; i < 40; i++) {
                RealGrid g = RealGrid.image(32, 32);
                double a = r.nextDouble() * 2 * Math.PI;
                for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++) {
                    double dx = x - 16 - 6 * Math.cos(a), dy = y - 16 - 6 * Math.sin(a);
                    double v = Math.exp(-(dx * dx + dy * dy) / 8);
                    if (i % 2 == 0) v += Math.exp(-((x - 16 + 6 * Math.cos(a)) * (x - 16 + 6 * Math.cos(a)) + (y - 16 + 6 * Math.sin(a)) * (y - 16 + 6 * Math.sin(a))) / 8);
                    g.set(x, y, (float) (v + 0.5 * r.nextGaussian()));
                }
                sink.append(g);
            }
        });
        StringBuilder sb = new StringBuilder("data_optics\nloop_\n_rlnOpticsGroup\n_rlnImagePixelSize\n_rlnImageSize\n_rlnImageDimensionality\n1 3.0 32 2\n\n");
        sb.append("data_particles\nloop_\n").append(withImageName ? "_rlnImageName\n" : "_rlnMicrographName\n").append("_rlnOpticsGroup\n");
        Path img = stackName == null ? stack : dir.resolve(stackName);
        for (int i = 1; i <= 40; i++) sb.append(i).append('@').append(img).append(" 1\n");
        Path star = dir.resolve("proj2d.star");
        Files.writeString(star, sb.toString());
        return star;
    }

    static String[] args(Path star, Path out, String... extra) {
        String[] base = {"class2d", "--i", star.toString(), "--o", out.toString(), "--K", "2", "--iter", "4", "--psi_step", "15",
                "--offset_range", "2", "--offset_step", "1", "--particle_diameter", "72", "--zero_mask", "--j", "2", "--random_seed", "3"};
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(base));
        for (int e = 0; e < extra.length; e += 2) {
            int at = all.indexOf(extra[e]);
            if (at >= 0 && !extra[e].equals("--zero_mask")) all.set(at + 1, extra[e + 1]);
            else { all.add(extra[e]); all.add(extra[e + 1]); }
        }
        return all.toArray(String[]::new);
    }

    @Test void writesIterationFilesAndContinueGivesTheSameResult() throws Exception {
        Path star = writeData(true, null);
        Path a = dir.resolve("A/run1"), b = dir.resolve("B/run1");
        assertEquals(0, Main.run(args(star, a)));
        for (String f : new String[]{"_it000_classes.mrcs", "_it004_classes.mrcs", "_it004_model.star", "_it004_data.star", "_it004_optimiser.star", "_it004_classes.png"}) {
            assertTrue(Files.exists(Path.of(a + f)), f);
        }
        String model = Files.readString(Path.of(a + "_it004_model.star"));
        for (String l : new String[]{"rlnCurrentResolution", "rlnTau2FudgeFactor", "rlnReferenceImage", "rlnClassDistribution", "rlnEstimatedResolution", "rlnSigma2Noise"})
            assertTrue(model.contains(l), l);
        String data = Files.readString(Path.of(a + "_it004_data.star"));
        for (String l : new String[]{"rlnClassNumber", "rlnAnglePsi", "rlnOriginXAngst", "rlnMaxValueProbDistribution", "rlnNrOfSignificantSamples", "rlnLogLikeliContribution"})
            assertTrue(data.contains(l), l);
        // interrupted after 2 iterations, then continued to 4 with another thread count
        assertEquals(0, Main.run(args(star, b, "--iter", "2")));
        assertEquals(0, Main.run("class2d", "--continue", b + "_it002_optimiser.star", "--iter", "4", "--o", b.toString(), "--j", "1"));
        try (MrcReader ra = MrcReader.open(Path.of(a + "_it004_classes.mrcs")); MrcReader rb = MrcReader.open(Path.of(b + "_it004_classes.mrcs"))) {
            for (int c = 0; c < 2; c++) assertArrayEquals(ra.readImage(c).data, rb.readImage(c).data, "class " + (c + 1));
        }
        java.util.List<String> la = Files.readAllLines(Path.of(a + "_it004_data.star")), lb = Files.readAllLines(Path.of(b + "_it004_data.star"));
        for (int q = 0; q < Math.min(la.size(), lb.size()); q++) assertEquals(la.get(q), lb.get(q), "data.star line " + (q + 1));
        assertEquals(la.size(), lb.size());
    }

    String error(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            assertEquals(1, Main.run(args));
        } finally {
            System.setErr(old);
        }
        String s = err.toString().strip();
        assertFalse(s.contains("\n"), "one line: " + s);
        return s;
    }

    @Test void oneLineErrors() throws Exception {
        Path out = dir.resolve("E/run1");
        assertTrue(error(args(writeData(true, "missing.mrcs"), out)).contains("missing.mrcs"));
        assertTrue(error(args(writeData(false, null), out)).contains("rlnImageName"));
        assertTrue(error(args(writeData(true, null), out, "--K", "0")).contains("--K"));
        assertTrue(error(args(dir.resolve("nothere.star"), out)).contains("nothere.star"));
    }

    /** In a pipeline project: Class2D/job001/, output nodes, continue as a rerun of the same job, display of its model.star. */
    @Test void runsAsAJobAndContinuesInPlace() throws Exception {
        Path star = writeData(true, null);
        assertEquals(0, Main.run("jobs", "--init", "--project_dir", dir.toString()));
        assertEquals(0, Main.run(args(star, Path.of("run"), "--iter", "2", "--project_dir", dir.toString(), "--alias", "c2")));
        Path job = dir.resolve("Class2D/job001");
        assertTrue(Files.exists(job.resolve("run_it002_model.star")));
        assertTrue(Files.exists(job.resolve("RELION_JOB_EXIT_SUCCESS")));
        org.subtomo.app.pipeline.PipelineState s = new org.subtomo.app.pipeline.Pipeline(dir).read();
        assertEquals("Class2D/job001/", s.producer("Class2D/job001/run_it002_model.star").orElseThrow().name());
        assertTrue(s.inputEdges.contains(new org.subtomo.app.pipeline.PipelineState.Edge("proj2d.star", "Class2D/job001/")));

        assertEquals(0, Main.run("class2d", "--continue", "Class2D/c2/run_it002_optimiser.star", "--iter", "3", "--j", "1",
                "--project_dir", dir.toString(), "--rerun", "Class2D/c2"));
        assertTrue(Files.exists(job.resolve("run_it003_model.star")), "continued in the same job directory");
        s = new org.subtomo.app.pipeline.Pipeline(dir).read();
        assertEquals(1, s.processes.size());
        assertEquals("Class2D/job001/", s.producer("Class2D/job001/run_it003_model.star").orElseThrow().name());

        assertEquals(0, Main.run("display", job.resolve("run_it003_model.star").toString()));
        assertNotNull(javax.imageio.ImageIO.read(job.resolve("run_it003_model.png").toFile()));
    }
}
