package org.subtomo.core.io.mrc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Tilt angles from extended headers built byte by byte from the formats' descriptions (IMOD's
 * mrc_format.txt for SerialEM/Agard, the EPU MRC2014 metadata table for FEI1/FEI2), written
 * into real files after a hand-made main header and read through {@link MrcReader}.
 */
class MrcExtendedHeaderTest {
    @TempDir Path dir;
    static final double[] TILTS = {-60, -57.03, 0, 3.01, 59.99};

    /** A 2x2xN float32 file whose main header says what the extended header is. */
    private Path file(ByteOrder order, String exttyp, short nint, short nreal, ByteBuffer ext, int nz) throws Exception {
        MrcHeader h = MrcHeader.builder().size(2, 2, nz).sampling(2, 2, 1).ispg(0)
                .extended(ext.capacity(), exttyp).nintNreal(nint, nreal)
                .byteOrder(order, MrcHeader.OrderSource.MACHINE_STAMP).build();
        ByteBuffer all = ByteBuffer.allocate(1024 + ext.capacity() + 16 * nz);
        all.put(MrcHeaderCodec.encode(h).clear()).put(ext.clear());
        Path p = dir.resolve("ext-" + exttyp.strip() + "-" + order + ".mrc");
        Files.write(p, all.array());
        return p;
    }

    private static double[] read(Path p) {
        try (MrcReader r = MrcReader.open(p)) { return r.tiltAngles(); }
    }

    @Test void serialEmTiltIsShortTimes100InFirstField() throws Exception {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            // flags: 1 tilt (2 bytes) + 2 montage piece (6) + 8 magnification (2) + 32 dose (4) = 14 bytes
            short flags = 1 | 2 | 8 | 32, bytes = 14;
            ByteBuffer ext = ByteBuffer.allocate(bytes * TILTS.length + 100).order(order);  // trailing padding is allowed
            for (int i = 0; i < TILTS.length; i++) {
                ext.putShort(i * bytes, (short) Math.round(TILTS[i] * 100));
                ext.putShort(i * bytes + 2, (short) 7777);  // piece x, must not be taken for a tilt
            }
            for (String type : new String[] {"SERI", ""}) {  // old SerialEM files have no exttyp
                Path p = file(order, type, bytes, flags, ext, TILTS.length);
                assertArrayEquals(TILTS, read(p), 1e-9, type + " " + order);
            }
        }
    }

    @Test void serialEmWithoutTiltFlagHasNoTilts() throws Exception {
        ByteBuffer ext = ByteBuffer.allocate(4 * 3).order(ByteOrder.LITTLE_ENDIAN);
        Path p = file(ByteOrder.LITTLE_ENDIAN, "SERI", (short) 4, (short) 4, ext, 3);  // stage position only
        assertEquals(0, read(p).length);
    }

    @Test void agardTiltIsFirstRealAfterTheIntegers() throws Exception {
        ByteBuffer ext = ByteBuffer.allocate(1024 * 128).order(ByteOrder.BIG_ENDIAN);  // old FEI: 1024 records of 128 bytes
        short nint = 2, nreal = 30;
        for (int i = 0; i < TILTS.length; i++) {
            ext.putInt(i * 128, 12345);
            ext.putFloat(i * 128 + 4 * nint, (float) TILTS[i]);
            ext.putFloat(i * 128 + 4 * nint + 4, 99f);
        }
        Path p = file(ByteOrder.BIG_ENDIAN, "AGAR", nint, nreal, ext, TILTS.length);
        double[] t = read(p);
        assertEquals(TILTS.length, t.length, "one tilt per section, not per record slot");
        for (int i = 0; i < t.length; i++) assertEquals((float) TILTS[i], t[i], 0);
        // Pre-MRC2014 FEI: no exttyp, nint 0, nreal 32 (flag sizes do not add up, so Agard).
        ByteBuffer old = ByteBuffer.allocate(1024 * 128).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < TILTS.length; i++) old.putFloat(i * 128, (float) TILTS[i]);
        Path q = file(ByteOrder.LITTLE_ENDIAN, "", (short) 0, (short) 32, old, TILTS.length);
        assertEquals(-57.03f, (float) read(q)[1]);
    }

    @Test void fei2RecordsUseTheirOwnSize() throws Exception {
        int size = 888;
        ByteBuffer ext = ByteBuffer.allocate(size * TILTS.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < TILTS.length; i++) {
            ext.putInt(i * size, size).putInt(i * size + 4, 2);
            ext.putDouble(i * size + 100, TILTS[i]);
            ext.putDouble(i * size + 108, 33.0);  // beta tilt
        }
        Path p = file(ByteOrder.LITTLE_ENDIAN, "FEI2", (short) 0, (short) 0, ext, TILTS.length);
        assertArrayEquals(TILTS, read(p), 0);
        try (MrcReader r = MrcReader.open(p)) { assertEquals(0f, r.readSection(4).data[3], "data start after the extended header"); }
    }

    @Test void symmetryOperatorsAreSkippedAndHoldNoTilts() throws Exception {
        ByteBuffer ext = ByteBuffer.allocate(80);
        for (int i = 0; i < 80; i++) ext.put(i, (byte) 'X');
        Path p = file(ByteOrder.LITTLE_ENDIAN, "CCP4", (short) 0, (short) 0, ext, 2);
        assertEquals(0, read(p).length);
        try (MrcReader r = MrcReader.open(p)) { assertEquals(1104, r.header().dataOffset()); }
    }
}
