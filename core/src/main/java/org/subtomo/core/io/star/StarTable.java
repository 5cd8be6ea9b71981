package org.subtomo.core.io.star;

import org.subtomo.core.error.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns and rows of one STAR data block. Values are kept as the text that was read, so
 * columns this program does not understand (and number formatting it would not choose) survive a
 * read and write unchanged; typed getters parse on demand and name file, line, label and value when
 * the text is not what the caller needs. A key-value (non-loop) block is a table with one row.
 */
public final class StarTable {
    private final List<String> labels = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String[]> rows = new ArrayList<>();
    /** Source line of each row (loop) or of each key (key-value block); 0 when built in memory. */
    private final List<Integer> lines = new ArrayList<>();
    private final boolean loop;
    private Path source;
    private String blockName = "";

    private StarTable(boolean loop) { this.loop = loop; }

    /** An empty {@code loop_} table with these labels. */
    public static StarTable loop(String... labels) {
        StarTable t = new StarTable(true);
        for (String l : labels) t.appendLabel(l, 0);
        return t;
    }

    public static StarTable loop(List<String> labels) { return loop(labels.toArray(String[]::new)); }

    /** An empty key-value block; add pairs with {@link #put}. */
    public static StarTable pairs() {
        StarTable t = new StarTable(false);
        t.rows.add(new String[0]);
        return t;
    }

    public boolean isLoop() { return loop; }
    /** Labels as they were spelled in the file (without the leading underscore). */
    public List<String> labels() { return Collections.unmodifiableList(labels); }
    public int columnCount() { return labels.size(); }
    public int rowCount() { return rows.size(); }

    // --- columns -------------------------------------------------------------------------------

    /** Column index of a label in any spelling ({@code rlnX}, {@code _rlnX}, {@code X}); -1 if absent. */
    public int column(String label) {
        Integer c = index.get(StarLabels.key(label));
        return c == null ? -1 : c;
    }

    public boolean has(String label) { return column(label) >= 0; }

    /** Column index, or an {@link InputException} naming the file, the block and the labels present. */
    public int require(String label) {
        int c = column(label);
        if (c < 0) {
            throw new InputException(fileName() + ": no " + (loop ? "column " : "key ") + StarLabels.canonical(label)
                    + " in " + blockLabel() + "; it has " + (labels.isEmpty() ? "no labels" : String.join(" ", labels))
                    + ". Add the " + (loop ? "column" : "key") + " or use a file that has it.");
        }
        return c;
    }

    /** Appends a column filled with {@code fill}. */
    public void addColumn(String label, String fill) { insertColumn(labels.size(), label, fill); }

    public void insertColumn(int at, String label, String fill) {
        String l = stripUnderscore(label);
        if (has(l)) throw new IllegalArgumentException("column " + l + " exists already in " + blockLabel());
        labels.add(at, l);
        for (int r = 0; r < rows.size(); r++) {
            String[] old = rows.get(r);
            String[] row = new String[old.length + 1];
            System.arraycopy(old, 0, row, 0, at);
            row[at] = fill;
            System.arraycopy(old, at, row, at + 1, old.length - at);
            rows.set(r, row);
        }
        if (!loop) lines.add(at, 0);
        reindex();
    }

    /** Removes a column; false when there was none. */
    public boolean removeColumn(String label) {
        int c = column(label);
        if (c < 0) return false;
        labels.remove(c);
        for (int r = 0; r < rows.size(); r++) {
            String[] old = rows.get(r);
            String[] row = new String[old.length - 1];
            System.arraycopy(old, 0, row, 0, c);
            System.arraycopy(old, c + 1, row, c, old.length - c - 1);
            rows.set(r, row);
        }
        if (!loop) lines.remove(c);
        reindex();
        return true;
    }

    /** Renames a column in place (its position and values stay). */
    public void renameColumn(String label, String newLabel) {
        int c = require(label);
        String n = stripUnderscore(newLabel);
        int other = column(n);
        if (other >= 0 && other != c) throw new IllegalArgumentException("column " + n + " exists already in " + blockLabel());
        labels.set(c, n);
        reindex();
    }

    // --- rows ----------------------------------------------------------------------------------

    public void addRow(String... values) { addRow(values, 0); }

    public void addRow(List<String> values) { addRow(values.toArray(String[]::new), 0); }

    void addRow(String[] values, int line) {
        if (!loop) throw new IllegalStateException(blockLabel() + " is a key-value block, not a loop");
        if (values.length != labels.size()) {
            throw new IllegalArgumentException(values.length + " values, the loop has " + labels.size() + " labels");
        }
        for (String v : values) if (v == null) throw new IllegalArgumentException("null value in " + blockLabel());
        rows.add(values.clone());
        lines.add(line);
    }

    /** Key-value blocks: sets (or adds) one pair. */
    public void put(String key, String value) { put(key, value, 0); }

    void put(String key, String value, int line) {
        if (loop) throw new IllegalStateException(blockLabel() + " is a loop; use addColumn");
        int c = column(key);
        if (c >= 0) { rows.get(0)[c] = value; return; }
        addColumn(key, value);
        lines.set(lines.size() - 1, line);
    }

    /** A copy of one row's values, in label order. */
    public List<String> row(int r) { return List.of(rows.get(r)); }

    // --- values --------------------------------------------------------------------------------

    public String get(int row, int col) { return rows.get(row)[col]; }

    /** The text of a value; the label must exist ({@link #require}). */
    public String get(int row, String label) { return rows.get(row)[require(label)]; }

    /** Key-value blocks: the value of a key. */
    public String get(String key) { return get(0, key); }

    public void set(int row, int col, String value) {
        if (value == null) throw new IllegalArgumentException("null value");
        rows.get(row)[col] = value;
    }

    public void set(int row, String label, String value) { set(row, require(label), value); }

    public double getDouble(int row, String label) { return getDouble(row, require(label)); }

    public double getDouble(int row, int col) {
        String v = get(row, col);
        Double d = StarNumbers.parseDouble(v);
        if (d == null) throw badValue(row, col, "is not a number");
        return d;
    }

    public long getLong(int row, String label) { return getLong(row, require(label)); }

    public long getLong(int row, int col) {
        Long l = StarNumbers.parseLong(get(row, col));
        if (l == null) throw badValue(row, col, "is not an integer");
        return l;
    }

    public int getInt(int row, String label) { return getInt(row, require(label)); }

    public int getInt(int row, int col) {
        long l = getLong(row, col);
        if (l != (int) l) throw badValue(row, col, "is too large for an integer");
        return (int) l;
    }

    /** Source line of a value, 0 when the table was built in memory. */
    public int lineOf(int row, int col) { return loop ? lines.get(row) : lines.get(col); }

    private InputException badValue(int row, int col, String what) {
        String msg = labels.get(col) + " = '" + get(row, col) + "' " + what + " (" + blockLabel()
                + (loop ? ", row " + (row + 1) : "") + ")";
        int line = lineOf(row, col);
        return line > 0 ? InputException.atLine(displayPath(), line, msg) : new InputException(fileName() + ": " + msg);
    }

    // --- context for messages ------------------------------------------------------------------

    void attach(String blockName, Path source) {
        this.blockName = blockName;
        this.source = source;
    }

    Path source() { return source; }

    String blockLabel() { return "data_" + blockName; }

    private Path displayPath() { return source == null ? Path.of("(in memory)") : source; }

    private String fileName() { return displayPath().toString(); }

    /** A deep copy (values, labels, lines); the copy is detached from any block. */
    public StarTable copy() {
        StarTable t = new StarTable(loop);
        t.labels.addAll(labels);
        for (String[] r : rows) t.rows.add(r.clone());
        t.lines.addAll(lines);
        t.reindex();
        t.source = source;
        t.blockName = blockName;
        return t;
    }

    void appendLabel(String label, int line) {
        String l = stripUnderscore(label);
        if (has(l)) throw new IllegalArgumentException("label " + l + " appears twice");
        labels.add(l);
        if (!loop) lines.add(line);
        index.put(StarLabels.key(l), labels.size() - 1);
    }

    private void reindex() {
        index.clear();
        for (int i = 0; i < labels.size(); i++) index.put(StarLabels.key(labels.get(i)), i);
    }

    private static String stripUnderscore(String label) {
        String l = label.startsWith("_") ? label.substring(1) : label;
        if (l.isEmpty() || l.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("bad label '" + label + "'");
        }
        return l;
    }

    @Override public String toString() {
        return blockLabel() + (loop ? " loop " : " pairs ") + labels + " x " + rows.size();
    }

    /** Equal labels (as spelled), values and kind; lines and source are not compared. */
    @Override public boolean equals(Object o) {
        if (!(o instanceof StarTable t) || t.loop != loop || !t.labels.equals(labels) || t.rows.size() != rows.size()) return false;
        for (int r = 0; r < rows.size(); r++) if (!Arrays.equals(rows.get(r), t.rows.get(r))) return false;
        return true;
    }

    @Override public int hashCode() { return labels.hashCode() * 31 + rows.size(); }
}
