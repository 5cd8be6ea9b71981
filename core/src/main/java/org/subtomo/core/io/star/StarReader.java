package org.subtomo.core.io.star;

import org.subtomo.core.error.InputException;
import org.subtomo.core.io.star.StarTokenizer.Token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads the STAR dialect RELION reads: {@code data_NAME} blocks each holding one {@code loop_}
 * table or key-value pairs, comments, quoted values, blank lines, LF or CRLF line ends. One row per
 * line, as RELION requires; a row with the wrong number of values is an error naming the line,
 * never silently padded or cut.
 */
public final class StarReader {
    private StarReader() {}

    public static StarFile read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return parse(new String(bytes, StandardCharsets.UTF_8), file);
    }

    /** Parses text; {@code source} is only used to name the file in errors (may be null). */
    public static StarFile parse(String text, Path source) {
        return new Parser(source).run(text);
    }

    private enum State { BEFORE_DATA, BLOCK_START, LOOP_HEADER, LOOP_ROWS, PAIRS }

    private static final class Parser {
        private final Path source;
        private final StarFile file;
        private State state = State.BEFORE_DATA;
        private String blockName;
        private StarTable table;
        private int lineNo;

        Parser(Path source) {
            this.source = source;
            this.file = new StarFile(source);
        }

        StarFile run(String text) {
            int start = 0;
            int n = text.length();
            while (start <= n) {
                int end = text.indexOf('\n', start);
                if (end < 0) end = n;
                String line = text.substring(start, end);
                if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
                lineNo++;
                line(line);
                start = end + 1;
            }
            finishBlock();
            return file;
        }

        private void line(String line) {
            List<Token> tokens;
            try {
                tokens = StarTokenizer.split(line);
            } catch (StarTokenizer.SyntaxError e) {
                throw error(e.getMessage());
            }
            if (tokens.isEmpty()) return;
            Token first = tokens.getFirst();
            String word = first.text();
            if (!first.quoted() && word.startsWith("data_")) {
                if (tokens.size() > 1) throw error("'" + word + "' is followed by other text; a block name cannot contain spaces");
                finishBlock();
                blockName = word.substring("data_".length());
                if (file.find(blockName).isPresent()) throw error("a second block named data_" + blockName + "; block names must differ");
                state = State.BLOCK_START;
                table = null;
            } else if (!first.quoted() && word.toLowerCase(Locale.ROOT).equals("loop_")) {
                if (state == State.BEFORE_DATA) throw error("loop_ before any data_ line; start the file with data_NAME");
                if (state != State.BLOCK_START) throw error("a second table in data_" + blockName + "; RELION reads one loop_ or one set of key-value pairs per block, so start a new data_ block");
                if (tokens.size() > 1) throw error("loop_ is followed by other text; put each label on its own line");
                table = StarTable.loop();
                state = State.LOOP_HEADER;
            } else if (!first.quoted() && word.startsWith("_")) {
                label(tokens, word);
            } else {
                values(tokens);
            }
        }

        private void label(List<Token> tokens, String word) {
            switch (state) {
                case BEFORE_DATA -> throw error("label " + word + " before any data_ line; start the file with data_NAME");
                case LOOP_HEADER -> {
                    if (tokens.size() > 1) throw error("label " + word + " is followed by '" + tokens.get(1).text() + "'; in a loop_ header each line holds one label (and an optional # comment)");
                    checkLabel(word);
                    try {
                        table.appendLabel(word, lineNo);
                    } catch (IllegalArgumentException e) {
                        throw error(e.getMessage() + " in data_" + blockName);
                    }
                }
                case LOOP_ROWS -> throw error("label " + word + " after the rows of the loop in data_" + blockName + "; start a new data_ block for another table");
                case BLOCK_START, PAIRS -> {
                    if (tokens.size() < 2) throw error(word + " has no value; outside a loop_ each label needs a value on its line");
                    if (tokens.size() > 2) throw error(word + " has " + (tokens.size() - 1) + " values; quote a value that contains spaces");
                    checkLabel(word);
                    if (state == State.BLOCK_START) table = StarTable.pairs();
                    if (table.has(word)) throw error("label " + word.substring(1) + " appears twice in data_" + blockName);
                    table.put(word.substring(1), tokens.get(1).text(), lineNo);
                    state = State.PAIRS;
                }
            }
        }

        private void checkLabel(String word) {
            if (word.length() < 2) throw error("empty label '_'");
        }

        private void values(List<Token> tokens) {
            if (state != State.LOOP_HEADER && state != State.LOOP_ROWS) {
                throw error("value '" + tokens.getFirst().text() + "' outside a loop_; "
                        + (state == State.BEFORE_DATA ? "start the file with data_NAME" : "key-value lines start with _label"));
            }
            int expected = table.columnCount();
            if (expected == 0) throw error("values after a loop_ with no labels");
            if (tokens.size() != expected) {
                throw error(tokens.size() + (tokens.size() == 1 ? " value" : " values") + ", the loop has " + expected + (expected == 1 ? " label" : " labels"));
            }
            String[] row = new String[expected];
            for (int i = 0; i < expected; i++) row[i] = tokens.get(i).text();
            table.addRow(row, lineNo);
            state = State.LOOP_ROWS;
        }

        private void finishBlock() {
            if (state == State.BEFORE_DATA) return;
            StarTable t = table != null ? table : StarTable.pairs();
            file.add(new StarBlock(blockName, t));
            table = null;
        }

        private InputException error(String message) {
            return InputException.atLine(source == null ? Path.of("(text)") : source, lineNo, message);
        }
    }
}
