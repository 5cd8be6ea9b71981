package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;
import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.core.io.star.StarStyle;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code subtomo star}: summary and check, conversion, one-line errors with exit code 1. */
class StarCommandTest {
    @TempDir Path dir;

    static final String OLD = """
            data_
            loop_
            _rlnImageName
            _rlnVoltage
            _rlnSphericalAberration
            _rlnAmplitudeContrast
            _rlnMagnification
            _rlnDetectorPixelSize
            _rlnOriginX
            1@a.mrcs 300 2.7 0.1 10000 5.0 1.5
            2@a.mrcs 300 2.7 0.1 10000 5.0 -2
            """;

    /** Runs the CLI, capturing stdout and stderr. */
    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
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

    @Test void summarisesAValidFile() throws Exception {
        Path p = dir.resolve("old.star");
        Files.writeString(p, OLD);
        Run r = run("star", p.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("data_") && r.out().contains("2 rows, 7 labels") && r.out().contains("rlnOriginX"), r.out());
        assertTrue(r.out().contains("style 1.4"), r.out());
    }

    @Test void raggedFileIsOneLineAndExitCode1() throws Exception {
        Path p = dir.resolve("bad.star");
        Files.writeString(p, OLD + "3@a.mrcs 300 2.7\n");
        Run r = run("star", p.toString());
        assertEquals(1, r.code());
        assertEquals("subtomo star: " + p + " line 12: 3 values, the loop has 7 labels", r.err().strip());
    }

    @Test void convertsBetweenStyles() throws Exception {
        Path p = dir.resolve("old.star");
        Files.writeString(p, OLD);
        Path n = dir.resolve("new.star");
        assertEquals(0, run("star", p.toString(), "--o", n.toString()).code());
        ParticleStar converted = ParticleStar.read(n);
        assertEquals(StarStyle.RELION_31, converted.style());
        assertEquals(-10.0, converted.rows().getDouble(1, "rlnOriginXAngst"), 1e-9);
        Path o = dir.resolve("back.star");
        assertEquals(0, run("star", n.toString(), "--o", o.toString(), "--style", "1.4").code());
        assertEquals(StarStyle.RELION_14, ParticleStar.read(o).style());
        assertEquals(1.5, ParticleStar.read(o).rows().getDouble(0, "rlnOriginX"), 1e-9);
        Run bad = run("star", p.toString(), "--o", o.toString(), "--style", "2.0");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("unknown STAR style '2.0'"), bad.err());
    }

    @Test void missingFileIsAUserError() {
        Run r = run("star", dir.resolve("nope.star").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("nope.star: no such file"), r.err());
    }
}
