package org.subtomo.app.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcMode;
import org.subtomo.core.io.mrc.MrcWriteOptions;
import org.subtomo.core.io.mrc.MrcWriter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** {@code subtomo header} end to end through {@link Main#run}: output, exit codes, one-line errors. */
class MrcHeaderCommandTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    private PrintStream oldOut, oldErr;

    @BeforeEach void capture() {
        oldOut = System.out; oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach void restore() { System.setOut(oldOut); System.setErr(oldErr); }

    private String out() { return out.toString(StandardCharsets.UTF_8); }
    private String err() { return err.toString(StandardCharsets.UTF_8); }

    private Path volume(String name) {
        RealGrid g = new RealGrid(6, 5, 4);
        for (int i = 0; i < g.data.length; i++) g.data[i] = i % 7;
        Path f = dir.resolve(name);
        MrcWriter.write(f, g, MrcWriteOptions.pixelSize(3.5).withMode(MrcMode.INT16).withOrigin(0, 0, 12));
        return f;
    }

    @Test void listsAValidFile() {
        Path f = volume("vol.mrc");
        assertEquals(0, Main.run("header", f.toString()), err());
        String o = out();
        assertTrue(o.matches("(?s).*Number of columns, rows, sections \\.* +6 +5 +4.*"), o);
        assertTrue(o.contains("1 (16-bit signed integer)"), o);
        assertTrue(o.contains("little endian"), o);
        assertTrue(o.contains("3.5000"), o);
        assertTrue(o.contains("12.000"), "origin z: " + o);
        assertFalse(o.contains("(from data)"), "statistics are recomputed only with --stats");
    }

    @Test void statsOptionRecomputesFromData() {
        Path f = volume("vol.mrc");
        assertEquals(0, Main.run("header", "--stats", f.toString()), err());
        assertTrue(out().matches("(?s).*Maximum density \\(from data\\) \\.* 6\\.0.*"), out());
    }

    @Test void truncatedFileExitsOneWithOneLine() throws Exception {
        Path f = volume("cut.mrc");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 10));
        assertEquals(1, Main.run("header", f.toString()));
        String e = err().strip();
        assertFalse(e.contains("\n"), "one line: " + e);
        assertTrue(e.contains("cut.mrc") && e.contains("truncated"), e);
        assertFalse(e.contains("Exception"), "no stack trace: " + e);
    }

    @Test void badFileAmongGoodOnesStillListsTheGoodOnes() throws Exception {
        Path good = volume("good.mrc"), bad = dir.resolve("bad.mrc");
        Files.writeString(bad, "not a map");
        assertEquals(1, Main.run("header", good.toString(), bad.toString()));
        assertTrue(out().contains("good.mrc"), out());
        assertTrue(err().contains("bad.mrc"), err());
    }
}
