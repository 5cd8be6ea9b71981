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
}
