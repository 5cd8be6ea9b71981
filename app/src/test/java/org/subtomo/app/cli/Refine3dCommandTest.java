package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code subtomo refine3d}: registered, and bad input gives one line and exit code 1. */
class Refine3dCommandTest {
    @TempDir Path dir;

    int run(ByteArrayOutputStream err, String... args) {
        PrintStream old = System.err;
        try {
            System.setErr(new PrintStream(err, true));
            return SubtomoCommand.commandLine().execute(args);
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void missingInputIsOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = run(err, "refine3d", "--i", dir.resolve("nope.star").toString(), "--o", dir.resolve("r/run").toString());
        String text = err.toString().trim();
        assertEquals(1, rc);
        assertTrue(text.contains("nope.star: no such file"), text);
        assertFalse(text.contains("\n") || text.contains("Exception"), text);
    }

    @Test
    void badSymmetryIsOneLine() throws Exception {
        Path star = dir.resolve("p.star");
        Files.writeString(star, "data_optics\nloop_\n_rlnOpticsGroup\n_rlnImagePixelSize\n1 9.0\n\ndata_particles\nloop_\n_rlnImageName\n_rlnOpticsGroup\nx.mrc 1\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = run(err, "refine3d", "--i", star.toString(), "--o", dir.resolve("r/run").toString(), "--sym", "Q7");
        assertEquals(1, rc);
        assertTrue(err.toString().contains("Q7"), err.toString());
        assertFalse(err.toString().trim().contains("\n"), err.toString());
    }
}
