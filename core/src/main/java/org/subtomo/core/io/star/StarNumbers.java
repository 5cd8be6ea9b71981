package org.subtomo.core.io.star;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Number parsing and formatting as STAR files need it. Java's own parsers accept things C's
 * {@code strtod} (and so RELION) does not, like {@code 1d}, {@code 0x1p3} or {@code Infinity}, and
 * reject what RELION writes, like {@code nan} and {@code inf}; this class accepts exactly the decimal
 * forms ({@code 1}, {@code 1.0}, {@code 1e-3}, {@code -.5}, {@code +2.}) plus nan/inf in any case.
 */
public final class StarNumbers {
    private StarNumbers() {}

    /**
     * Whether s is [+-]?(digits[.digits*] | .digits)([eE][+-]?digits)?. Scanned by hand, not by a regular
     * expression: every value of every STAR file written goes through here, and the regex matcher alone cost a
     * short class3d run half a second of JIT compilation.
     */
    static boolean isDecimal(String s) {
        int n = s.length(), i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int intDigits = 0, fracDigits = 0;
        while (i < n && isDigit(s.charAt(i))) { i++; intDigits++; }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) { i++; fracDigits++; }
        }
        if (intDigits == 0 && fracDigits == 0) return false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) { i++; expDigits++; }
            if (expDigits == 0) return false;
        }
        return i == n;
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    /** Whether s is [+-]?digit{1,18}: fits a long. */
    private static boolean isSmallInteger(String s) {
        int n = s.length(), i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int digits = n - i;
        if (digits < 1 || digits > 18) return false;
        for (; i < n; i++) if (!isDigit(s.charAt(i))) return false;
        return true;
    }

    /** The value, or {@code null} when the text is not a number (callers build the error message). */
    public static Double parseDouble(String s) {
        if (isDecimal(s)) return Double.parseDouble(s);
        String t = s.toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /**
     * An integer, or {@code null}. Integral decimals such as {@code 2.000000} are accepted because
     * several tools write integer columns (class numbers, optics groups) in float format.
     */
    public static Long parseLong(String s) {
        if (isSmallInteger(s)) return Long.parseLong(s);
        Double d = parseDouble(s);
        if (d == null || d.isNaN() || d.isInfinite() || d != Math.rint(d) || Math.abs(d) > 9.0e15) return null;
        return d.longValue();
    }

    /**
     * Text for a computed value (converted origins, pixel sizes): integers without a decimal point,
     * other values to 6 decimals as RELION writes them, tiny values in exponent form so that no
     * significant digits are lost.
     */
    public static String format(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        if (Math.abs(v) < 1e-3) return Double.toString(v);
        return new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
