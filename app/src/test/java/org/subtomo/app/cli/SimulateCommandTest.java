package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class SimulateCommandTest {
    static final String[] SMALL = {"--tomograms", "1", "--particles", "8", "--gold", "1", "--ice", "1", "--angpix", "10",
            "--box", "24", "--tomo_xy", "96", "--tomo_z", "32", "--thickness", "250", "--tilt_step", "6"};

    @Test void writesTheProtocolLayoutAndTheTomogramCanBeRebuilt(@TempDir Path dir) {
        Path project = dir.resolve("p");
        String[] args = new String[SMALL.length + 3];
        args[0] = "simulate"; args[1] = "--o"; args[2] = project.toString();
        System.arraycopy(SMALL, 0, args, 3, SMALL.length);
        assertEquals(0, Main.run(args));
        for (String f : new String[]{"all_tomograms.star", "Tomograms/tomo01/tomo01.mrc", "Tomograms/tomo01/tomo01.mrcs",
                "Tomograms/tomo01/tomo01.tlt", "Tomograms/tomo01/tomo01.order", "Tomograms/tomo01/tomo01.coords",
                "truth/class001.mrc", "truth/class002.mrc", "truth/particles.star", "truth/tilts.star", "truth/simulation.star"})
            assertTrue(Files.exists(project.resolve(f)), f);
        Path t = project.resolve("Tomograms/tomo01/tomo01");
        assertEquals(0, Main.run("reconstruct-tomogram", "--i", t + ".mrcs", "--tlt", t + ".tlt", "--o", dir.resolve("rec.mrc").toString(), "--thickness", "32"));
        assertTrue(Files.exists(dir.resolve("rec.mrc")));
        // A second run into the same project refuses to overwrite it.
        assertEquals(1, Main.run(args));
    }

    @Test void trialsAndSirtLikeOptions(@TempDir Path dir) throws Exception {
        Path project = dir.resolve("p");
        String[] args = new String[SMALL.length + 10];
        System.arraycopy(new String[]{"simulate", "--o", project.toString(), "--trials", "--trial_defocus_offset", "400", "--trial_dose", "2",
                "--sirt_like", "8", "--ice_noise", "0.5"}, 0, args, 0, 10);
        System.arraycopy(SMALL, 0, args, 10, SMALL.length);
        assertEquals(0, Main.run(args));
        assertTrue(Files.exists(project.resolve("Tomograms/tomo01/tomo01.trial")));
        String sim = Files.readString(project.resolve("truth/simulation.star"));
        assertTrue(sim.contains("subtomoSirtLike") && sim.matches("(?s).*subtomoSirtLike\\s+8\\b.*"), sim);
        assertTrue(Files.readString(project.resolve("truth/trials.star")).contains("000002@Tomograms/tomo01/tomo01.trial"));
    }

    @Test void badOptionIsOneLine(@TempDir Path dir) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, Main.run("simulate", "--o", dir.resolve("p").toString(), "--tilt_max", "95"));
        } finally {
            System.setErr(old);
        }
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.contains("--tilt_max 95.0"), text);
    }
}
