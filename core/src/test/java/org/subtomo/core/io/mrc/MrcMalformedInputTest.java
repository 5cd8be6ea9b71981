package org.subtomo.core.io.mrc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** Broken files give one-line InputExceptions that name the file and the problem. */
class MrcMalformedInputTest {
    @TempDir Path dir;

    private Path good() {
        Path f = dir.resolve("good.mrc");
        MrcWriter.write(f, MrcRoundTripTest.representable(MrcMode.FLOAT32, 8, 8, 4, 1), 1.0);
        return f;
    }

    private Path patched(String name, int offset, int value) throws Exception {
        byte[] b = Files.readAllBytes(good());
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    private static String fails(Path p) {
        InputException e = assertThrows(InputException.class, () -> { try (MrcReader r = MrcReader.open(p)) { r.readAll(); } });
        String m = e.getMessage();
        assertTrue(m.contains(p.toString()), "names the file: " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
        return m;
    }

    @Test void truncatedFileSaysBytesExpectedAndPresent() throws Exception {
        byte[] b = Files.readAllBytes(good());
        Path p = dir.resolve("cut.mrc");
        Files.write(p, Arrays.copyOf(b, b.length - 100));
        String m = fails(p);
        assertTrue(m.contains("truncated"), m);
        assertTrue(m.contains(String.valueOf(b.length)) && m.contains(String.valueOf(b.length - 100)), "expected and present sizes: " + m);
    }

    @Test void headerPromisingMoreSectionsThanPresent() throws Exception {
        String m = fails(patched("more.mrc", 8, 400));
        assertTrue(m.contains("8 x 8 x 400"), m);
    }

    @Test void unknownModeNamesTheMode() throws Exception {
        String m = fails(patched("mode4.mrc", 12, 4));
        assertTrue(m.contains("mode 4"), m);
    }

    @Test void negativeDimensions() throws Exception {
        String m = fails(patched("neg.mrc", 4, -8));
        assertTrue(m.contains("negative"), m);
    }

    @Test void textFileIsNotAnMrcFile() throws Exception {
        Path p = dir.resolve("notes.mrc");
        Files.writeString(p, "data_particles\nloop_\n_rlnImageName #1\n".repeat(40));
        String m = fails(p);
        assertTrue(m.contains("not an MRC file"), m);
    }

    @Test void fileShorterThanAHeader() throws Exception {
        Path p = dir.resolve("tiny.mrc");
        Files.write(p, new byte[100]);
        assertTrue(fails(p).contains("1024"));
    }

    @Test void missingFile() {
        assertTrue(fails(dir.resolve("absent.mrc")).contains("no such file"));
    }

    @Test void imageIndexOutOfRangeCountsFromOneLikeRelion() {
        Path f = good();
        InputException e = assertThrows(InputException.class, () -> MrcReader.read("000005@" + f));
        assertTrue(e.getMessage().contains("holds 4 images"), e.getMessage());
    }

    @Test void missingMachineStampIsInferredFromPlausibleHeader() throws Exception {
        RealGrid g = MrcRoundTripTest.representable(MrcMode.INT16, 5, 4, 3, 2);
        for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            Path f = dir.resolve("nostamp-" + o + ".mrc");
            MrcWriter.write(f, g, MrcWriteOptions.defaults().withMode(MrcMode.INT16).withByteOrder(o));
            byte[] b = Files.readAllBytes(f);
            Arrays.fill(b, 212, 216, (byte) 0);
            Files.write(f, b);
            try (MrcReader r = MrcReader.open(f)) {
                assertEquals(o, r.header().byteOrder);
                assertEquals(MrcHeader.OrderSource.INFERRED, r.header().orderSource);
                assertArrayEquals(g.data, r.readAll().data);
            }
        }
    }
}
