package org.subtomo.core.io.star;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The hand-written number scanners accept exactly what the grammar's regular expression accepts. */
class StarNumbersTest {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    @Test
    void decimalScannerMatchesTheGrammar() {
        List<String> fixed = List.of("1", "1.0", "1e-3", "-.5", "+2.", ".", "+", "-", "", "e5", "1e", "1e+", "1.e5", ".e5", "1.2.3",
                "0x1p3", "1d", "Infinity", "nan", " 1", "1 ", "12345678901234567890", "-0", "+.0E+00", "3.14159e", "--1");
        for (String s : fixed) assertEquals(DECIMAL.matcher(s).matches(), StarNumbers.isDecimal(s), "'" + s + "'");
        // random strings over the grammar's alphabet
        String alphabet = "0123456789+-.eEx ";
        SplittableRandom r = new SplittableRandom(5);
        for (int k = 0; k < 200_000; k++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(7);
            for (int j = 0; j < len; j++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            String s = b.toString();
            assertEquals(DECIMAL.matcher(s).matches(), StarNumbers.isDecimal(s), "'" + s + "'");
        }
    }

    @Test
    void integersAndSpecialValues() {
        assertEquals(42L, StarNumbers.parseLong("42"));
        assertEquals(-7L, StarNumbers.parseLong("-7"));
        assertEquals(2L, StarNumbers.parseLong("2.000000"));
        assertEquals(999999999999999999L, StarNumbers.parseLong("999999999999999999"));
        assertNull(StarNumbers.parseLong("2.5"));
        assertNull(StarNumbers.parseLong("x"));
        assertNull(StarNumbers.parseLong(""));
        assertEquals(Double.NEGATIVE_INFINITY, StarNumbers.parseDouble("-inf"));
        assertEquals(true, StarNumbers.parseDouble("NaN").isNaN());
        assertNull(StarNumbers.parseDouble("1d"));
        assertEquals(-0.5, StarNumbers.parseDouble("-.5"));
    }
}
