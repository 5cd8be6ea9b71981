package org.subtomo.core.io.star;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one STAR line into values. STAR quoting: a value that starts with ' or " runs to the
 * same quote followed by white space or the end of the line, so {@code "it's"} and {@code 'a "b"'}
 * are single values. A {@code #} at the start of a value starts a comment (RELION writes
 * {@code _rlnImageName #1}); inside a value, as in {@code a#b}, it is an ordinary character.
 */
final class StarTokenizer {
    private StarTokenizer() {}

    /** One value and whether it was quoted (a quoted {@code data_x} or {@code _x} is data, not syntax). */
    record Token(String text, boolean quoted) {}

    /** Thrown with the message part only; the reader adds file and line. */
    static final class SyntaxError extends Exception {
        SyntaxError(String message) { super(message); }
    }

    static List<Token> split(String line) throws SyntaxError {
        List<Token> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) i++;
            if (i >= n) return out;
            char c = line.charAt(i);
            if (c == '#') return out;
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && !(line.charAt(j) == c && (j + 1 == n || Character.isWhitespace(line.charAt(j + 1))))) j++;
                if (j >= n) throw new SyntaxError("quote " + c + " opened at column " + (i + 1) + " is never closed");
                out.add(new Token(line.substring(i + 1, j), true));
                i = j + 1;
            } else {
                int j = i;
                while (j < n && !Character.isWhitespace(line.charAt(j))) j++;
                out.add(new Token(line.substring(i, j), false));
                i = j;
            }
        }
    }
}
