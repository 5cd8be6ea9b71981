package org.subtomo.core.io.mrc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.subtomo.core.grid.RealGrid;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Write then read back, for every writable mode and both byte orders. */
class MrcRoundTripTest {
    @TempDir Path dir;

    static Stream<Arguments> modesAndOrders() {
        List<Arguments> a = new ArrayList<>();
        for (MrcMode m : MrcMode.values())
            for (ByteOrder o : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) a.add(Arguments.of(m, o));
        return a.stream();
    }

    /** Values that each mode stores exactly, so the round trip must be exact. */
    static RealGrid representable(MrcMode mode, int nx, int ny, int nz, long seed) {
        Random r = new Random(seed);
        RealGrid g = new RealGrid(nx, ny, nz);
        for (int i = 0; i < g.data.length; i++) {
            g.data[i] = switch (mode) {
                case INT8 -> r.nextInt(256) - 128;
                case INT16 -> r.nextInt(65536) - 32768;
                case UINT16 -> r.nextInt(65536);
                case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) (r.nextGaussian() * 100)));
                case FLOAT32 -> (float) (r.nextGaussian() * 1e3);
            };
        }
        return g;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndOrders")
    void roundTripIsExactForRepresentableValues(MrcMode mode, ByteOrder order) {
        RealGrid g = representable(mode, 7, 5, 3, mode.code * 31L + order.hashCode());
        Path f = dir.resolve("rt.mrc");
        MrcWriter.write(f, g, MrcWriteOptions.pixelSize(2.5).withMode(mode).withByteOrder(order).withOrigin(1, -2, 3.5f));
        try (MrcReader r = MrcReader.open(f)) {
            MrcHeader h = r.header();
            assertEquals(mode, h.mode);
            assertEquals(order, h.byteOrder);
            assertEquals(MrcHeader.OrderSource.MACHINE_STAMP, h.orderSource);
            assertEquals(7, h.nx); assertEquals(5, h.ny); assertEquals(3, h.nz);
            assertEquals(2.5, h.pixelSize(), 1e-6); assertEquals(2.5, h.pixelSizeZ(), 1e-6);
            assertEquals(MrcHeader.ISPG_VOLUME, h.ispg);
            assertEquals(1f, h.originX); assertEquals(-2f, h.originY); assertEquals(3.5f, h.originZ);
            assertEquals(MrcHeader.MRC2014_VERSION, h.nversion);
            assertArrayEquals(g.data, r.readAll().data);
            assertStatsMatch(g.data, h);
            assertEquals(1024 + g.data.length * (long) mode.bytesPerVoxel, Files.size(f), "no padding beyond the data");
        } catch (java.io.IOException e) { throw new AssertionError(e); }
    }

    @Test void integerModesRoundAndClampAndStatisticsDescribeStoredValues() {
        RealGrid g = new RealGrid(4, 1, 1, new float[] {1.4f, 1.6f, 1000f, -1000f});
        Path f = dir.resolve("q.mrc");
        MrcWriter.write(f, g, MrcWriteOptions.defaults().withMode(MrcMode.INT8));
        try (MrcReader r = MrcReader.open(f)) {
            assertArrayEquals(new float[] {1, 2, 127, -128}, r.readAll().data);
            assertEquals(-128f, r.header().dmin);
            assertEquals(127f, r.header().dmax);
            assertEquals(0.5f, r.header().dmean, 1e-6);
        }
    }

    @Test void imageStackRoundTripByIndexAndByRelionRef() {
        List<RealGrid> images = new ArrayList<>();
        for (int i = 0; i < 5; i++) images.add(representable(MrcMode.FLOAT32, 6, 4, 1, 100 + i));
        Path f = dir.resolve("stack.mrcs");
        MrcWriter.writeStack(f, images, MrcWriteOptions.pixelSize(1.7));
        try (MrcReader r = MrcReader.open(f)) {
            assertEquals(MrcHeader.ISPG_IMAGE_STACK, r.header().ispg);
            assertEquals(5, r.header().imageCount());
            assertEquals(1, r.header().mz, "image stacks have mz = 1 (MRC2014)");
            for (int i = 0; i < 5; i++) assertArrayEquals(images.get(i).data, r.readImage(i).data, "image " + i);
        }
        assertArrayEquals(images.get(2).data, MrcReader.read("000003@" + f).data);
        float[] all = new float[0];
        for (RealGrid g : images) { float[] n = java.util.Arrays.copyOf(all, all.length + g.data.length); System.arraycopy(g.data, 0, n, all.length, g.data.length); all = n; }
        try (MrcReader r = MrcReader.open(f)) { assertStatsMatch(all, r.header()); }
    }

    @Test void volumeStackHoldsWholeVolumesPerImage() {
        List<RealGrid> vols = List.of(representable(MrcMode.FLOAT32, 4, 4, 3, 1), representable(MrcMode.FLOAT32, 4, 4, 3, 2));
        Path f = dir.resolve("vols.mrcs");
        MrcWriter.writeStack(f, vols, MrcWriteOptions.defaults());
        try (MrcReader r = MrcReader.open(f)) {
            assertEquals(MrcHeader.ISPG_VOLUME_STACK, r.header().ispg);
            assertEquals(3, r.header().mz);
            assertEquals(2, r.header().imageCount());
            RealGrid second = r.readImage(1);
            assertEquals(3, second.nz);
            assertArrayEquals(vols.get(1).data, second.data);
        }
    }

    @Test void stackRejectsImagesOfDifferentSizeAndLeavesNoFile() {
        Path f = dir.resolve("bad.mrcs");
        assertThrows(IllegalArgumentException.class, () -> MrcWriter.writeStack(f,
                List.of(RealGrid.image(4, 4), RealGrid.image(4, 5)), MrcWriteOptions.defaults()));
        assertFalse(Files.exists(f), "a failed write must not leave a file under the final name");
    }

    @Test void sectionsAreSlicesOfTheVolume() {
        RealGrid g = representable(MrcMode.FLOAT32, 5, 4, 6, 9);
        Path f = dir.resolve("v.mrc");
        MrcWriter.write(f, g, 1.0);
        try (MrcReader r = MrcReader.open(f)) {
            RealGrid s = r.readSection(4);
            for (int y = 0; y < 4; y++) for (int x = 0; x < 5; x++) assertEquals(g.get(x, y, 4), s.get(x, y));
            RealGrid two = r.readSections(2, 2);
            for (int y = 0; y < 4; y++) for (int x = 0; x < 5; x++) assertEquals(g.get(x, y, 3), two.get(x, y, 1));
        }
    }

    @Test void streamingStatisticsEqualDirectOnes() {
        RealGrid g = representable(MrcMode.FLOAT32, 33, 17, 9, 5);
        Path f = dir.resolve("s.mrc");
        MrcWriter.write(f, g, 1.0);
        try (MrcReader r = MrcReader.open(f)) {
            MrcStatistics s = r.computeStatistics();
            assertEquals(g.data.length, s.count());
            assertEquals(g.mean(), s.mean(), 1e-6 * Math.abs(g.stddev()));
            assertEquals(g.stddev(), s.rms(), 1e-9 * g.stddev() + 1e-6);
        }
    }

    static void assertStatsMatch(float[] v, MrcHeader h) {
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, sum = 0;
        for (float x : v) { min = Math.min(min, x); max = Math.max(max, x); sum += x; }
        double mean = sum / v.length, ss = 0;
        for (float x : v) ss += (x - mean) * (x - mean);
        double rms = Math.sqrt(ss / v.length);
        assertEquals((float) min, h.dmin, "dmin");
        assertEquals((float) max, h.dmax, "dmax");
        assertEquals(mean, h.dmean, 1e-5 * (Math.abs(mean) + rms), "dmean");
        assertEquals(rms, h.rms, 1e-5 * rms, "rms");
    }
}
