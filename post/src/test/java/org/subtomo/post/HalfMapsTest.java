package org.subtomo.post;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriter;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class HalfMapsTest {
    @TempDir Path dir;

    @Test void secondHalfDefaultsToTheNameWithHalf2() {
        assertEquals(Path.of("Refine3D/run1_half2_class001_unfil.mrc"), HalfMaps.defaultHalf2(Path.of("Refine3D/run1_half1_class001_unfil.mrc")));
        InputException e = assertThrows(InputException.class, () -> HalfMaps.defaultHalf2(Path.of("map.mrc")));
        assertTrue(e.getMessage().contains("--i2"), e.getMessage());
    }

    @Test void readsBothAndTakesThePixelSizeFromTheHeaders() {
        MrcWriter.write(dir.resolve("a_half1.mrc"), RealGrid.cube(8), 2.5);
        MrcWriter.write(dir.resolve("a_half2.mrc"), RealGrid.cube(8), 2.5);
        HalfMaps h = HalfMaps.read(dir.resolve("a_half1.mrc"), null, -1);
        assertEquals(2.5, h.pixelSize(), 1e-6);
        assertEquals(dir.resolve("a_half2.mrc"), h.file2());
        assertEquals(3.0, HalfMaps.read(dir.resolve("a_half1.mrc"), null, 3.0).pixelSize(), 0);
    }

    @Test void refusesDifferentBoxesPixelSizesAndNonCubes() {
        MrcWriter.write(dir.resolve("h1.mrc"), RealGrid.cube(8), 2);
        MrcWriter.write(dir.resolve("h2.mrc"), RealGrid.cube(10), 2);
        MrcWriter.write(dir.resolve("h3.mrc"), RealGrid.cube(8), 3);
        MrcWriter.write(dir.resolve("flat.mrc"), RealGrid.volume(8, 8, 4), 2);
        String box = assertThrows(InputException.class, () -> HalfMaps.read(dir.resolve("h1.mrc"), dir.resolve("h2.mrc"), -1)).getMessage();
        assertTrue(box.contains("h2.mrc") && box.contains("10 x 10 x 10"), box);
        String px = assertThrows(InputException.class, () -> HalfMaps.read(dir.resolve("h1.mrc"), dir.resolve("h3.mrc"), -1)).getMessage();
        assertTrue(px.contains("pixel size") && px.contains("--angpix"), px);
        assertThrows(InputException.class, () -> HalfMaps.read(dir.resolve("flat.mrc"), dir.resolve("flat.mrc"), -1));
        assertThrows(InputException.class, () -> HalfMaps.read(dir.resolve("missing.mrc"), dir.resolve("h1.mrc"), -1));
    }
}
