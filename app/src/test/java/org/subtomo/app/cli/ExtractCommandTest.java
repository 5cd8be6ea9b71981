package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.io.star.ParticleStar;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** {@code subtomo extract} and {@code subtomo select --from2d} on a small project made here. */
class ExtractCommandTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            return new Run(Main.run(args), out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Tomograms/t1/t1.mrc (64 x 64 x 32, noise), t1.coords with the given text, all_tomograms.star. */
    static void project(Path dir, String coords) throws Exception {
        Path t = dir.resolve("Tomograms/t1");
        Files.createDirectories(t);
        RealGrid g = new RealGrid(64, 64, 32);
        Random rnd = new Random(5);
        for (int i = 0; i < g.data.length; i++) g.data[i] = (float) rnd.nextGaussian();
        MrcWriter.write(t.resolve("t1.mrc"), g, 3.0);
        Files.writeString(t.resolve("t1.coords"), coords);
        Files.writeString(dir.resolve("all_tomograms.star"), "data_\nloop_\n_rlnMicrographName\nTomograms/t1/t1.mrc\n");
    }

    private String[] extractArgs(String... more) {
        String[] base = {"extract", "--project_dir", dir.toString(), "--i", "all_tomograms.star", "--coord_suffix", ".coords",
                "--extract_size", "16", "--particle_diameter", "36", "--j", "2"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test void extractsAndSelects() throws Exception {
        project(dir, "20 20 16\n40 44 15\n30 30 2\n");
        Run r = run(extractArgs("--project3d", "--invert_contrast"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("extracted 2 sub-tomograms from 1 tomograms"), r.out());
        assertTrue(r.out().contains("dropped 1 particles"), r.out());
        assertTrue(r.out().contains("t1/3 (Tomograms/t1/t1.coords line 3)"), r.out());
        assertTrue(Files.exists(dir.resolve("Particles/Tomograms/t1/t1_subtomo000002.mrc")));
        assertTrue(Files.exists(dir.resolve("Particles/Tomograms/t1/t1_subtomo_proj2d.mrcs")));
        assertEquals(2, ParticleStar.read(dir.resolve("subtomo_proj2d.star")).size());

        // select the second projection only
        String proj = Files.readString(dir.resolve("subtomo_proj2d.star"));
        String sel = proj.lines().filter(l -> !l.contains("000001@")).reduce("", (a, b) -> a + b + "\n");
        Files.writeString(dir.resolve("sel.star"), sel);
        Path out = dir.resolve("output_2Dto3D.star");
        Run s = run("select", "--from2d", dir.resolve("sel.star").toString(), "--subtomos",
                dir.resolve("particles_subtomo.star").toString(), "--o", out.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("selected 1 of 2 sub-tomograms"), s.out());
        ParticleStar got = ParticleStar.read(out);
        assertEquals(1, got.size());
        assertEquals("t1/2", got.rows().get(0, "rlnTomoParticleName"));
    }

    @Test void badInputIsOneLineAndExitCodeOne() throws Exception {
        project(dir, "20 20 16\n40 44\n");
        Run r = run(extractArgs());
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("t1.coords line 2"), r.err());
        assertFalse(Files.exists(dir.resolve("particles_subtomo.star")));

        Run s = run("select", "--from2d", dir.resolve("nothing.star").toString(), "--subtomos", dir.resolve("none.star").toString());
        assertEquals(1, s.code());
        assertEquals(1, s.err().strip().lines().count(), s.err());
        assertTrue(s.err().contains("nothing.star: no such file"), s.err());
    }
}
