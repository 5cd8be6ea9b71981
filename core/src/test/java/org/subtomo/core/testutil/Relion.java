package org.subtomo.core.testutil;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs RELION 3.1 command-line programs for cross-checks. Each test first calls {@link #require} (skips the
 * test, with the reason, when the binary is not on the PATH); {@link #run} executes the program in a
 * working directory and fails the test with RELION's full output when it exits non-zero or times out.
 */
public final class Relion {
    private Relion() {}

    /** The executable on the PATH, or null. */
    public static Path find(String exe) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, exe);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** Skips the calling test unless {@code exe} (e.g. "relion_project") is on the PATH. */
    public static void require(String exe) {
        Assumptions.assumeTrue(find(exe) != null, exe + " (RELION 3.1) is not on the PATH: RELION cross-check skipped");
    }

    /**
     * Runs {@code exe args…} in {@code dir} (stdout and stderr merged); returns the output. Fails with the
     * command line and output on a non-zero exit or after {@code timeoutSeconds}.
     */
    public static String run(Path dir, int timeoutSeconds, String exe, String... args) throws IOException, InterruptedException {
        Path bin = find(exe);
        if (bin == null) throw new AssertionError(exe + " not on the PATH (call Relion.require first)");
        List<String> cmd = new ArrayList<>();
        cmd.add(bin.toString());
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "relion", ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        if (!done) throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd) + "\n" + out);
        if (p.exitValue() != 0)
            throw new AssertionError("exit " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + out);
        return out;
    }

    /** run with a 60 s limit. */
    public static String run(Path dir, String exe, String... args) throws IOException, InterruptedException {
        return run(dir, 60, exe, args);
    }
}
