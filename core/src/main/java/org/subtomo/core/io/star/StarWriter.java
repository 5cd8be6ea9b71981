package org.subtomo.core.io.star;

import org.subtomo.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes STAR text in RELION 3.1's layout: a {@code # version 30001} line before each block,
 * {@code _label #n} headers, columns padded to a common width so the file reads as a table, and a
 * blank line after each loop. Values that would not read back as themselves (empty, containing
 * spaces, or starting like syntax: {@code #}, {@code _}, a quote, {@code data_}, {@code loop_}) are
 * quoted.
 */
public final class StarWriter {
    private StarWriter() {}

    /** RELION 3.1 writes this before every block; 3.1 uses it to tell new files from old ones. */
    public static final String VERSION_LINE = "# version 30001";

    /** Writes with the version line (RELION 3.1 style). */
    public static void write(StarFile file, Path target) throws IOException {
        write(file, target, StarStyle.RELION_31);
    }

    /**
     * Writes in a style's layout. RELION 3.1 takes a file without {@value #VERSION_LINE} to be from
     * an older version and converts it, and one with the line to be new (needing data_optics); so a
     * 1.4-style file must not carry it, or RELION reads it as a broken 3.1 file.
     */
    public static void write(StarFile file, Path target, StarStyle style) throws IOException {
        AtomicFiles.writeString(target, toText(file, style));
    }

    public static String toText(StarFile file) { return toText(file, StarStyle.RELION_31); }

    public static String toText(StarFile file, StarStyle style) {
        StringBuilder sb = new StringBuilder();
        for (StarBlock b : file.blocks()) {
            sb.append('\n');
            if (style == StarStyle.RELION_31) sb.append(VERSION_LINE).append("\n\n");
            sb.append("data_").append(b.name()).append("\n\n");
            if (b.isLoop()) writeLoop(b.table(), sb);
            else writePairs(b.table(), sb);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void writeLoop(StarTable t, StringBuilder sb) {
        sb.append("loop_\n");
        for (int c = 0; c < t.columnCount(); c++) {
            sb.append('_').append(t.labels().get(c)).append(" #").append(c + 1).append('\n');
        }
        int rows = t.rowCount(), cols = t.columnCount();
        String[][] text = new String[rows][cols];
        int[] width = new int[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                text[r][c] = quote(t.get(r, c));
                width[c] = Math.max(width[c], text[r][c].length());
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // Numbers right-aligned and text left-aligned, as RELION lays out its own tables.
                String v = text[r][c];
                String pad = " ".repeat(width[c] - v.length());
                sb.append(c == 0 ? "" : "  ");
                if (StarNumbers.parseDouble(v) != null) sb.append(pad).append(v);
                else if (c == cols - 1) sb.append(v);
                else sb.append(v).append(pad);
            }
            sb.append('\n');
        }
    }

    private static void writePairs(StarTable t, StringBuilder sb) {
        int width = 0;
        for (String l : t.labels()) width = Math.max(width, l.length());
        for (int c = 0; c < t.columnCount(); c++) {
            String l = t.labels().get(c);
            sb.append('_').append(l).append(" ".repeat(width - l.length() + 2)).append(quote(t.get(0, c))).append('\n');
        }
    }

    /** The value as it must appear in the file to read back as itself. */
    public static String quote(String v) {
        if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a STAR value cannot contain a line break: '" + v + "'");
        }
        if (!needsQuotes(v)) return v;
        if (closes(v, '"')) {
            if (closes(v, '\'')) {
                throw new IllegalArgumentException("value cannot be quoted in STAR (has both quote kinds before white space): " + v);
            }
            return "'" + v + "'";
        }
        return "\"" + v + "\"";
    }

    private static boolean needsQuotes(String v) {
        if (v.isEmpty()) return true;
        for (int i = 0; i < v.length(); i++) if (Character.isWhitespace(v.charAt(i))) return true;
        char c = v.charAt(0);
        if (c == '#' || c == '_' || c == '\'' || c == '"' || c == ';') return true;
        String lower = v.toLowerCase(Locale.ROOT);
        return lower.startsWith("data_") || lower.equals("loop_") || lower.startsWith("loop_");
    }

    /** Whether quote character q inside v would end a value quoted with q (q followed by space or the end). */
    private static boolean closes(String v, char q) {
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) == q && (i + 1 == v.length() || Character.isWhitespace(v.charAt(i + 1)))) return true;
        }
        return false;
    }
}
