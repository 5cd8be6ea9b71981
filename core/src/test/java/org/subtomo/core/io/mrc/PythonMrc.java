package org.subtomo.core.io.mrc;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's python3 + mrcfile (an independent MRC implementation) for tests; tests that need
 * it are skipped, with the reason, on machines without it.
 */
final class PythonMrc {
    static final String PYTHON = "/usr/bin/python3";
    private static Boolean available;

    private PythonMrc() {}

    static synchronized boolean available() {
        if (available == null) {
            try {
                available = Files.isExecutable(Path.of(PYTHON)) && exec(List.of(PYTHON, "-c", "import mrcfile, numpy")).exit == 0;
            } catch (IOException e) {
                available = false;
            }
        }
        return available;
    }

    static void assumeAvailable() {
        Assumptions.assumeTrue(available(), PYTHON + " with the mrcfile and numpy modules is not installed; skipping cross-check against mrcfile");
    }

    /** Runs {@code script} with {@code args} in sys.argv[1:]; fails the test on a non-zero exit. */
    static String run(String script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", script));
        cmd.addAll(List.of(args));
        Result r = exec(cmd);
        if (r.exit != 0) throw new AssertionError("python failed (" + r.exit + "): " + r.output);
        return r.output;
    }

    /** Reads a file of little-endian float64 values (numpy {@code astype('<f8').tofile}). */
    static double[] readDoubles(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        double[] d = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(d);
        return d;
    }

    record Result(int exit, String output) {}

    static Result exec(List<String> cmd) throws IOException {
        // stderr (numpy warnings) goes to a file so it cannot interleave with the parsed stdout.
        Path err = Files.createTempFile("python-mrc", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) { p.destroy(); throw new IOException("timed out: " + cmd); }
            int exit = p.exitValue();
            return new Result(exit, exit == 0 ? out : out + Files.readString(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
