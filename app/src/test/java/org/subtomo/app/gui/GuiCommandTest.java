package org.subtomo.app.gui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code subtomo gui} refuses to serve beyond this computer without a token, in one line. */
class GuiCommandTest {
    @TempDir Path project;

    @Test void bindingBeyondLoopbackNeedsAToken() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, Main.run("gui", "--project_dir", project.toString(), "--port", "0", "--bind", "0.0.0.0"));
            assertEquals(1, Main.run("gui", "--project_dir", project.resolve("missing").toString(), "--port", "0"));
            assertEquals(1, Main.run("gui", "--project_dir", project.toString(), "--port", "0", "--bind", "0.0.0.0", "--token", "short"));
        } finally {
            System.setErr(old);
        }
        String[] lines = err.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(3, lines.length, String.join("\n", lines));
        assertTrue(lines[0].contains("--token"), lines[0]);
        assertTrue(lines[1].contains("project directory not found"), lines[1]);
        assertTrue(lines[2].contains("at least 12 characters"), lines[2]);
    }
}
