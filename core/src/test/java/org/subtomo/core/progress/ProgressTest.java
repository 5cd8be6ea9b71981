package org.subtomo.core.progress;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class ProgressTest {
    @Test void plainLinesAtEachTenthWithEta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong(0);
        try (Progress p = Progress.plain("tomograms", 20, new PrintStream(bytes, true, StandardCharsets.UTF_8), 60_000, clock::get)) {
            for (int i = 0; i < 20; i++) { clock.addAndGet(1000); p.step(); }
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        // The first step, then one line per tenth; closing adds nothing when 100% was printed.
        assertEquals(11, lines.length, String.join("\n", lines));
        assertEquals("tomograms 1/20 (5%) 1 s ETA 19 s", lines[0]);
        assertEquals("tomograms 2/20 (10%) 2 s ETA 18 s", lines[1]);
        assertEquals("tomograms 20/20 (100%) 20 s", lines[lines.length - 1]);
    }

    @Test void durations() {
        assertEquals("59 s", Progress.duration(59_000));
        assertEquals("2 min 05 s", Progress.duration(125_000));
        assertEquals("3 h 20 min", Progress.duration(12_000_000));
    }

    @Test void barOnlyOnAnInteractiveTerminal() {
        assertTrue(Progress.barWanted(java.util.Map.of("TERM", "xterm-256color"), true));
        assertFalse(Progress.barWanted(java.util.Map.of("TERM", "xterm"), false), "stderr to a file or pipe: plain lines");
        assertFalse(Progress.barWanted(java.util.Map.of("TERM", "dumb"), true), "dumb terminal: plain lines");
        assertFalse(Progress.barWanted(java.util.Map.of("CI", "true", "TERM", "xterm"), true), "CI: plain lines");
        assertTrue(Progress.barWanted(java.util.Map.of("CI", "false", "TERM", "xterm"), true), "CI=false is not CI");
    }

    @Test void terminalModeRedrawsOneBarWithEta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong(0);
        try (Progress p = Progress.start("iteration", 4, new PrintStream(bytes, true, StandardCharsets.UTF_8), true, clock::get)) {
            for (int i = 0; i < 4; i++) { clock.addAndGet(1000); p.step(); }
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.split("\n", -1).length - 1, "one line in all, ended once: " + out);
        String[] frames = out.split("\r");
        assertEquals(5, frames.length - 1, "each step redrawn in place, plus the final frame: " + out);
        assertEquals("iteration [########                      ] 1/4 (25%) 1 s ETA 3 s", frames[1]);
        assertEquals("iteration [##############################] 4/4 (100%) 4 s\n", frames[frames.length - 1]);
    }

    @Test void plainModeInCiPrintsLinesNotBars() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong(0);
        try (Progress p = Progress.start("iteration", 4, new PrintStream(bytes, true, StandardCharsets.UTF_8), false, clock::get)) {
            for (int i = 0; i < 4; i++) { clock.addAndGet(1000); p.step(); }
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("\r") || out.contains("["), out);
        assertEquals(4, out.lines().count(), out);
    }

    @Test void abortHookStopsTheNextStep() {
        Abort.install(() -> true);
        try (Progress p = Progress.plain("x", 10, new PrintStream(new ByteArrayOutputStream()), 1000, () -> 0)) {
            assertThrows(Abort.AbortedException.class, p::step);
        } finally {
            Abort.clear();
        }
    }

    /** Under the test runner stderr is a pipe or a file, never a terminal: plain lines. */
    @Test void stderrOfATestRunIsNoTerminal() {
        assertFalse(Progress.stderrIsTerminal());
    }
}
