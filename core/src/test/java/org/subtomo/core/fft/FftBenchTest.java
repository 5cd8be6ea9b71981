package org.subtomo.core.fft;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark runs end to end on tiny sizes and prints a row per backend and mode. */
class FftBenchTest {
    @Test void printsATableForEveryAvailableBackend() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        FftBench.run(new PrintStream(buf, true, StandardCharsets.UTF_8),
                new FftBench.Options(List.of(new FftBench.Case("16^3", 16, 16, 16, 1), new FftBench.Case("8x16^2", 16, 16, 1, 8)), 1, 1, false, null));
        String s = buf.toString(StandardCharsets.UTF_8);
        for (FftBackend b : FftBackends.available()) {
            assertTrue(s.matches("(?s).*\\n" + b.name() + " +1 thread +\\d+\\.\\d+ +\\d+\\.\\d+\\n.*"), s);
            assertTrue(s.matches("(?s).*\\n" + b.name() + " +2 Java thr +\\d+\\.\\d+ +\\d+\\.\\d+\\n.*"), s);
        }
    }
}
