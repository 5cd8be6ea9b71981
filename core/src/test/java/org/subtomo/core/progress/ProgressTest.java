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
        // One line per tenth (10) plus the closing line.
        assertEquals(11, lines.length, String.join("\n", lines));
        assertEquals("tomograms 2/20 (10%) 2 s ETA 18 s", lines[0]);
        assertEquals("tomograms 20/20 (100%) 20 s", lines[lines.length - 1]);
    }

    @Test void durations() {
        assertEquals("59 s", Progress.duration(59_000));
        assertEquals("2 min 05 s", Progress.duration(125_000));
        assertEquals("3 h 20 min", Progress.duration(12_000_000));
    }
}
