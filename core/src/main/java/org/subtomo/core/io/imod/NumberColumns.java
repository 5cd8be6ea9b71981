package org.subtomo.core.io.imod;

import org.subtomo.core.error.InputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one grammar behind .coords, .tlt and .order: one record per line, a fixed number of
 * decimal numbers separated by white space (commas too, since spreadsheets export them), blank
 * lines and {@code #} comment lines skipped. Errors name the file, the line and what the columns mean.
 */
final class NumberColumns {
    private NumberColumns() {}

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** Each non-blank line's values; {@code meaning} (e.g. "X Y Z in pixels") goes into errors. */
    static List<double[]> read(Path file, int columns, String meaning) throws IOException {
        List<double[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = SEPARATORS.split(line);
            if (parts.length != columns) {
                throw InputException.atLine(file, i + 1, parts.length + (parts.length == 1 ? " value" : " values")
                        + ", expected " + columns + " (" + meaning + ")");
            }
            double[] v = new double[columns];
            for (int c = 0; c < columns; c++) {
                if (!DECIMAL.matcher(parts[c]).matches()) {
                    throw InputException.atLine(file, i + 1, "'" + parts[c] + "' is not a number (expected " + meaning + ")");
                }
                v[c] = Double.parseDouble(parts[c]);
            }
            out.add(v);
        }
        return out;
    }

    /** Fixed-point text, one record per line; {@code decimals} chosen per format. */
    static String format(List<double[]> records, int decimals) {
        StringBuilder sb = new StringBuilder();
        String f = "%." + decimals + "f";
        for (double[] r : records) {
            for (int c = 0; c < r.length; c++) {
                if (!Double.isFinite(r[c])) throw new IllegalArgumentException("cannot write non-finite value " + r[c]);
                if (c > 0) sb.append("  ");
                sb.append(String.format(java.util.Locale.ROOT, f, r[c]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
