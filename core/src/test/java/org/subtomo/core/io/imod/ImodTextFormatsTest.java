package org.subtomo.core.io.imod;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.io.imod.CoordsFile.Coordinate;
import org.subtomo.core.io.imod.OrderFile.TiltDose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** .coords, .tlt and .order as protocol steps 3, 5 and 6 describe them. */
class ImodTextFormatsTest {
    @TempDir Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test void coordsFromTheProtocolExample() throws Exception {
        Path p = file("tomogram1.coords", "100.0    355.0       200.0 \n2034.0   1100.0      561.0 \n\n 3011.0        2539.0      321.0 \r\n");
        assertEquals(List.of(new Coordinate(100, 355, 200), new Coordinate(2034, 1100, 561), new Coordinate(3011, 2539, 321)),
                CoordsFile.read(p));
    }

    @Test void coordsRoundTripKeepsSubPixelPositions() throws Exception {
        List<Coordinate> c = List.of(new Coordinate(1.25, -3.5, 7.125), new Coordinate(0, 1e3, 2.001));
        Path p = dir.resolve("out.coords");
        CoordsFile.write(p, c);
        assertEquals(c, CoordsFile.read(p));
    }

    @Test void shortOrNonNumericLinesNameFileAndLine() throws Exception {
        InputException e = assertThrows(InputException.class, () -> CoordsFile.read(file("t.coords", "1 2 3\n4 5\n")));
        assertEquals(dir.resolve("t.coords") + " line 2: 2 values, expected 3 (X Y Z in pixels)", e.getMessage());
        InputException n = assertThrows(InputException.class, () -> CoordsFile.read(file("u.coords", "1 2 3\n\n4 five 6\n")));
        assertEquals(dir.resolve("u.coords") + " line 3: 'five' is not a number (expected X Y Z in pixels)", n.getMessage());
        assertThrows(InputException.class, () -> TiltFile.read(file("a.tlt", "1.0\n2.0 3.0\n")));
        InputException o = assertThrows(InputException.class, () -> OrderFile.read(file("a.order", "61.1 0.0\n57.3\n")));
        assertTrue(o.getMessage().endsWith("a.order line 2: 1 value, expected 2 (tilt angle in degrees and accumulated dose in e-/A^2)"),
                o.getMessage());
        assertThrows(InputException.class, () -> TiltFile.read(file("b.tlt", "0x10\n")), "hex is not a tilt angle");
    }

    @Test void tltFromTheProtocolExample() throws Exception {
        assertEquals(List.of(59.44, 56.44, 53.43, -0.5), TiltFile.read(file("t.tlt", "59.44 \n56.44 \n53.43 \n   -.5\n\n")));
        Path p = dir.resolve("w.tlt");
        List<Double> angles = List.of(-60.0, -57.0, 0.0, 1.5, 59.9999);
        TiltFile.write(p, angles);
        assertEquals(angles, TiltFile.read(p));
    }

    @Test void orderFromTheProtocolExample() throws Exception {
        assertEquals(List.of(new TiltDose(61.1, 0.0), new TiltDose(57.3, 2.0), new TiltDose(54.2, 4.0)),
                OrderFile.read(file("t.order", "61.1   0.0 \n57.3   2.0 \n54.2   4.0 \n")));
        assertEquals(List.of(new TiltDose(0, 0), new TiltDose(3, 2.5)), OrderFile.read(file("c.order", "0,0\n3, 2.5\n")),
                "comma-separated (spreadsheet) order files read too");
        List<TiltDose> rows = List.of(new TiltDose(0, 0), new TiltDose(-3, 3.25), new TiltDose(3, 6.5));
        Path p = dir.resolve("w.order");
        OrderFile.write(p, rows);
        assertEquals(rows, OrderFile.read(p));
    }
}
