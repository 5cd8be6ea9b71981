package org.subtomo.core.error;

import java.nio.file.Path;

/**
 * Bad input from the user: a missing or malformed file, an impossible option. The command line
 * prints {@link #getMessage()} as one line (no stack trace), so the message must name the file,
 * the line or field, and the fix, e.g.
 * {@code particles.star line 57: 12 values, the loop has 14 labels}.
 */
public class InputException extends RuntimeException {
    public InputException(String message) { super(message); }
    public InputException(String message, Throwable cause) { super(message, cause); }

    /** "file: message" */
    public static InputException inFile(Path file, String message) {
        return new InputException(file + ": " + message);
    }

    /** "file line N: message" */
    public static InputException atLine(Path file, int line, String message) {
        return new InputException(file + " line " + line + ": " + message);
    }
}
