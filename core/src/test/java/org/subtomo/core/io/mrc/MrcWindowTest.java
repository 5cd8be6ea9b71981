package org.subtomo.core.io.mrc;

import net.jqwik.api.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Windows read by positioned reads equal the same region of a full read. */
class MrcWindowTest {
    @TempDir Path dir;

    private static final int NX = 13, NY = 11, NZ = 9;
    private static Path shared;
    private static RealGrid whole;

    /** One int16 big-endian test volume (exercises decoding too), made once for all tries. */
    private static synchronized Path volume() throws Exception {
        if (shared == null) {
            Path d = Files.createTempDirectory("mrcwin");
            d.toFile().deleteOnExit();
            shared = d.resolve("vol.mrc");
            shared.toFile().deleteOnExit();
            RealGrid g = MrcRoundTripTest.representable(MrcMode.INT16, NX, NY, NZ, 11);
            MrcWriter.write(shared, g, MrcWriteOptions.defaults().withMode(MrcMode.INT16).withByteOrder(ByteOrder.BIG_ENDIAN));
            try (MrcReader r = MrcReader.open(shared)) { whole = r.readAll(); }
            assertArrayEquals(g.data, whole.data);
        }
        return shared;
    }

    @Property(tries = 200)
    void windowEqualsRegionOfFullRead(@ForAll("origin") int x0, @ForAll("origin") int y0, @ForAll("origin") int z0,
                                      @ForAll("size") int wx, @ForAll("size") int wy, @ForAll("size") int wz) throws Exception {
        Path f = volume();
        try (MrcReader r = MrcReader.open(f)) {
            boolean inside = x0 >= 0 && y0 >= 0 && z0 >= 0 && x0 + wx <= NX && y0 + wy <= NY && z0 + wz <= NZ;
            if (!inside) {
                InputException e = assertThrows(InputException.class, () -> r.readWindow(x0, y0, z0, wx, wy, wz));
                assertTrue(e.getMessage().contains("vol.mrc"), e.getMessage());
            }
            RealGrid w = inside ? r.readWindow(x0, y0, z0, wx, wy, wz) : r.readWindow(x0, y0, z0, wx, wy, wz, -99999f);
            for (int z = 0; z < wz; z++) for (int y = 0; y < wy; y++) for (int x = 0; x < wx; x++) {
                int gx = x0 + x, gy = y0 + y, gz = z0 + z;
                boolean in = gx >= 0 && gy >= 0 && gz >= 0 && gx < NX && gy < NY && gz < NZ;
                assertEquals(in ? whole.get(gx, gy, gz) : -99999f, w.get(x, y, z), "at " + gx + "," + gy + "," + gz);
            }
        }
    }

    @Provide Arbitrary<Integer> origin() { return Arbitraries.integers().between(-4, 14); }
    @Provide Arbitrary<Integer> size() { return Arbitraries.integers().between(1, 14); }

    @Test void fullWidthWindowsUseWholeRowReads() throws Exception {
        Path f = volume();
        try (MrcReader r = MrcReader.open(f)) {
            RealGrid w = r.readWindow(0, 3, 2, NX, 5, 4);
            for (int z = 0; z < 4; z++) for (int y = 0; y < 5; y++) for (int x = 0; x < NX; x++)
                assertEquals(whole.get(x, 3 + y, 2 + z), w.get(x, y, z));
        }
    }

    /** Rows wider than the reader's one-read span (1 MiB) take the row-by-row path. */
    @Test void veryWideMapIsReadRowByRow() throws Exception {
        RealGrid g = MrcRoundTripTest.representable(MrcMode.FLOAT32, 300_000, 2, 3, 4);
        Path f = dir.resolve("wide.mrc");
        MrcWriter.write(f, g, 1.0);
        try (MrcReader r = MrcReader.open(f)) {
            RealGrid w = r.readWindow(299_990, 0, 1, 20, 2, 2, -1f);
            for (int z = 0; z < 2; z++) for (int y = 0; y < 2; y++) for (int x = 0; x < 20; x++)
                assertEquals(x < 10 ? g.get(299_990 + x, y, 1 + z) : -1f, w.get(x, y, z), x + "," + y + "," + z);
        }
    }

    @Test void windowEntirelyOutsideIsAllFill() throws Exception {
        try (MrcReader r = MrcReader.open(volume())) {
            RealGrid w = r.readWindow(100, 0, 0, 3, 3, 3, 7f);
            for (float v : w.data) assertEquals(7f, v);
        }
    }
}
