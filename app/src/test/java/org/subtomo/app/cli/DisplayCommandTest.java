package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriter;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code subtomo display}: default PNG name, --o, --open, one-line errors. */
class DisplayCommandTest {
    @TempDir Path dir;

    @Test void volumeToPngNextToIt() throws Exception {
        RealGrid v = RealGrid.cube(12);
        v.set(6, 6, 6, 1f);
        MrcWriter.write(dir.resolve("map.mrc"), v, 1.5);
        ExtractCommandTest.Run r = ExtractCommandTest.run("display", dir.resolve("map.mrc").toString(), "--open");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote " + dir.resolve("map.png") + ": volume 12 x 12 x 12"), r.out());
        assertTrue(r.out().contains("file://"), r.out());
        assertNotNull(ImageIO.read(dir.resolve("map.png").toFile()));

        Path out = dir.resolve("sub/x.png");
        assertEquals(0, ExtractCommandTest.run("display", dir.resolve("map.mrc").toString(), "--o", out.toString()).code());
        assertTrue(Files.exists(out));
    }

    @Test void badFileIsOneLine() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        ExtractCommandTest.Run r = ExtractCommandTest.run("display", dir.resolve("notes.txt").toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("subtomo display: "), r.err());
    }
}
