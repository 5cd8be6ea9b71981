package org.subtomo.core.io.star;

import org.junit.jupiter.api.Test;
import org.subtomo.core.error.InputException;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Grammar edge cases of the STAR dialect RELION reads. */
class StarReaderTest {
    private static final Path F = Path.of("particles.star");

    private static StarFile parse(String text) { return StarReader.parse(text, F); }

    private static InputException fails(String text) {
        return assertThrows(InputException.class, () -> parse(text));
    }

    @Test void readsRelionStyleLoopWithHeaderCommentsAndTrailingSpaceLine() {
        StarFile f = parse("\n# version 30001\n\ndata_particles\n\nloop_ \n_rlnImageName #1 \n_rlnDefocusU #2 \n"
                + "  1@a.mrcs 10000.000000 \n  2@a.mrcs 12000.5 \n \n");
        StarTable t = f.table("particles");
        assertTrue(t.isLoop());
        assertEquals(List.of("rlnImageName", "rlnDefocusU"), t.labels());
        assertEquals(2, t.rowCount());
        assertEquals("2@a.mrcs", t.get(1, "rlnImageName"));
        assertEquals(12000.5, t.getDouble(1, "rlnDefocusU"));
        assertEquals(9, t.lineOf(0, 0), "line of the first row");
    }

    @Test void crlfLineEndsReadLikeLf() {
        String lf = "data_\nloop_\n_rlnMicrographName\n_rlnCoordinateX\na.mrc 1\nb.mrc 2\n";
        assertEquals(parse(lf), parse(lf.replace("\n", "\r\n")));
        assertEquals("b.mrc", parse(lf.replace("\n", "\r\n")).table("").get(1, 0));
    }

    @Test void severalBlocksKeyValueAndLoop() {
        StarFile f = parse("data_general\n_rlnPixelSize 1.5\n_rlnSymmetryGroup C1   # comment\n\n"
                + "data_optics\nloop_\n_rlnOpticsGroup\n1\n2\ndata_empty\n");
        assertEquals(List.of("general", "optics", "empty"), f.blocks().stream().map(StarBlock::name).toList());
        StarTable g = f.table("general");
        assertFalse(g.isLoop());
        assertEquals(1.5, g.getDouble(0, "rlnPixelSize"));
        assertEquals("C1", g.get("SymmetryGroup"));
        assertEquals(2, f.table("optics").rowCount());
        assertEquals(0, f.table("empty").columnCount());
    }

    @Test void emptyLoopHasLabelsAndNoRows() {
        StarTable t = parse("data_x\nloop_\n_rlnA\n_rlnB\n\ndata_y\nloop_\n_rlnC\n3\n").table("x");
        assertEquals(List.of("rlnA", "rlnB"), t.labels());
        assertEquals(0, t.rowCount());
    }

    @Test void quotedValuesKeepSpacesAndInnerQuotes() {
        StarFile f = parse("data_a\nloop_\n_rlnA\n_rlnB\n_rlnC\n'a b' \"it's here\" \"\"\n"
                + "data_b\nloop_\n_rlnA\n_rlnB\n\"x\"y\" 'p'q' #c\n");
        assertEquals(List.of("a b", "it's here", ""), f.table("a").row(0));
        // a quote ends a value only before white space; '#c' at the start of a value is a comment
        assertEquals(List.of("x\"y", "p'q"), f.table("b").row(0));
    }

    @Test void hashInsideAValueIsNotAComment() {
        StarTable t = parse("data_\nloop_\n_rlnA\n_rlnB\na#b 1 # trailing comment\n").table("");
        assertEquals(List.of("a#b", "1"), t.row(0));
    }

    @Test void labelsInAnySpellingFindTheSameColumn() {
        StarTable t = parse("data_\nloop_\n_ImageName\n_rlnDefocusU\nx 1\n").table("");
        assertEquals(0, t.column("rlnImageName"));
        assertEquals(0, t.column("_rlnImageName"));
        assertEquals(1, t.column("DefocusU"));
        assertEquals(List.of("ImageName", "rlnDefocusU"), t.labels(), "original spelling is kept for writing");
        assertEquals(-1, t.column("rlnDefocusV"));
    }

    @Test void numbersInEveryStyle() {
        StarTable t = parse("data_\nloop_\n_a\n1 \n1.0\n1e-3\n-.5\n+2.\nnan\n-inf\n2.000000\n").table("");
        double[] want = {1, 1, 1e-3, -0.5, 2, Double.NaN, Double.NEGATIVE_INFINITY, 2};
        for (int r = 0; r < want.length; r++) assertEquals(want[r], t.getDouble(r, "a"), "row " + r);
        assertEquals(2, t.getInt(7, "a"), "integral float text reads as an int");
        assertEquals(1L, t.getLong(0, "a"));
    }

    @Test void raggedRowNamesFileLineAndCounts() {
        InputException e = fails("data_particles\nloop_\n_rlnA\n_rlnB\n_rlnC\n1 2 3\n1 2\n");
        assertEquals("particles.star line 7: 2 values, the loop has 3 labels", e.getMessage());
        assertEquals("particles.star line 6: 4 values, the loop has 3 labels",
                fails("data_particles\nloop_\n_rlnA\n_rlnB\n_rlnC\n1 2 3 4\n").getMessage());
    }

    @Test void badNumberNamesLineLabelAndValue() {
        StarTable t = parse("data_particles\nloop_\n_rlnImageName\n_rlnDefocusU\na 1\nb 12o00\n").table("particles");
        InputException e = assertThrows(InputException.class, () -> t.getDouble(1, "rlnDefocusU"));
        assertTrue(e.getMessage().startsWith("particles.star line 6: rlnDefocusU = '12o00' is not a number"), e.getMessage());
        InputException i = assertThrows(InputException.class, () -> t.getInt(0, "rlnImageName"));
        assertTrue(i.getMessage().contains("line 5") && i.getMessage().contains("rlnImageName = 'a' is not an integer"), i.getMessage());
        assertThrows(InputException.class, () -> parse("data_\nloop_\n_a\n1d\n").table("").getDouble(0, 0),
                "Java's 1d suffix is not a STAR number");
        assertThrows(InputException.class, () -> parse("data_\nloop_\n_a\n1.5\n").table("").getInt(0, 0));
    }

    @Test void missingColumnNamesFileBlockAndLabel() {
        StarTable t = parse("data_particles\nloop_\n_rlnCoordinateX\n1\n").table("particles");
        InputException e = assertThrows(InputException.class, () -> t.require("rlnImageName"));
        assertTrue(e.getMessage().startsWith("particles.star: no column rlnImageName in data_particles; it has rlnCoordinateX"),
                e.getMessage());
        InputException b = assertThrows(InputException.class, () -> parse("data_a\n_x 1\n").table("optics"));
        assertTrue(b.getMessage().contains("no block data_optics; it has data_a"), b.getMessage());
    }

    @Test void syntaxErrorsNameTheLine() {
        assertTrue(fails("# c\nloop_\n_a\n").getMessage().startsWith("particles.star line 2: loop_ before any data_"));
        assertTrue(fails("data_\n_rlnA\n").getMessage().startsWith("particles.star line 2: _rlnA has no value"));
        assertTrue(fails("data_\n_rlnA 1 2\n").getMessage().contains("line 2"));
        assertTrue(fails("data_\nloop_\n_a\n'open 1\n").getMessage().contains("line 4: quote ' opened at column 1 is never closed"));
        assertTrue(fails("data_\nloop_\n_a\n1\n_b\n").getMessage().contains("line 5: label _b after the rows"));
        assertTrue(fails("data_\nloop_\n_a\n_a\n").getMessage().contains("line 4: label a appears twice"));
        assertTrue(fails("data_x\nloop_\n_a\n1\ndata_x\n").getMessage().contains("line 5: a second block named data_x"));
        assertTrue(fails("data_\n_a 1\nloop_\n").getMessage().contains("line 3: a second table"));
        assertTrue(fails("data_\n_a 1\n2\n").getMessage().contains("line 3: value '2' outside a loop_"));
    }

    @Test void quotedSyntaxWordsAreValues() {
        StarTable t = parse("data_\nloop_\n_a\n\"data_x\"\n'loop_'\n'_b'\n").table("");
        assertEquals(List.of("data_x", "loop_", "_b"), List.of(t.get(0, 0), t.get(1, 0), t.get(2, 0)));
    }
}
