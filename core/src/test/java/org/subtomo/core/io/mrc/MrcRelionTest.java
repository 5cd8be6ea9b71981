package org.subtomo.core.io.mrc;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.grid.RealGrid;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * RELION 3.1.3 reads the files we write and we read the files it writes: relion_image_handler
 * multiplies our map by a constant and writes its own MRC, which we read back value by value.
 * (RELION 3.1.3 writes machine stamp 0x44 0x41, nversion 0, and keeps the input's statistics in
 * the header after --multiply_constant, so header statistics are not compared.)
 */
class MrcRelionTest {
    static final Path HANDLER = Path.of("/usr/bin/relion_image_handler");
    @TempDir Path dir;

    @BeforeEach void needRelion() {
        Assumptions.assumeTrue(Files.isExecutable(HANDLER), HANDLER + " (RELION 3.1.3) is not installed; skipping the RELION cross-check");
    }

    private void handler(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(HANDLER.toString()));
        cmd.addAll(List.of(args));
        PythonMrc.Result r = PythonMrc.exec(cmd);
        assertEquals(0, r.exit(), "relion_image_handler failed: " + r.output());
    }

    @Test void volumeThroughRelionImageHandler() throws Exception {
        RealGrid g = MrcRoundTripTest.representable(MrcMode.FLOAT32, 12, 10, 8, 42);
        Path in = dir.resolve("in.mrc"), out = dir.resolve("out.mrc");
        // Big endian on purpose: RELION must honour our machine stamp.
        MrcWriter.write(in, g, MrcWriteOptions.pixelSize(2.25).withByteOrder(ByteOrder.BIG_ENDIAN));
        handler("--i", in.toString(), "--o", out.toString(), "--multiply_constant", "2");
        try (MrcReader r = MrcReader.open(out)) {
            MrcHeader h = r.header();
            assertEquals(12, h.nx); assertEquals(10, h.ny); assertEquals(8, h.nz);
            assertEquals(MrcMode.FLOAT32, h.mode);
            assertEquals(ByteOrder.LITTLE_ENDIAN, h.byteOrder);
            assertEquals(2.25, h.pixelSize(), 1e-5);
            float[] got = r.readAll().data;
            for (int i = 0; i < got.length; i++) assertEquals(2 * g.data[i], got[i], Math.ulp(2 * g.data[i]) * 2, "voxel " + i);
            RealGrid w = r.readWindow(3, 2, 5, 4, 4, 2);
            assertEquals(2 * g.get(4, 3, 6), w.get(1, 1, 1), Math.ulp(2 * g.get(4, 3, 6)) * 2);
        }
    }

    @Test void int16StackThroughRelionImageHandler() throws Exception {
        List<RealGrid> imgs = List.of(MrcRoundTripTest.representable(MrcMode.INT8, 8, 6, 1, 1),
                MrcRoundTripTest.representable(MrcMode.INT8, 8, 6, 1, 2), MrcRoundTripTest.representable(MrcMode.INT8, 8, 6, 1, 3));
        Path in = dir.resolve("in.mrcs"), out = dir.resolve("out.mrcs");
        MrcWriter.writeStack(in, imgs, MrcWriteOptions.pixelSize(1.5).withMode(MrcMode.INT16));
        handler("--i", in.toString(), "--o", out.toString(), "--multiply_constant", "3");
        try (MrcReader r = MrcReader.open(out)) {
            assertEquals(3, r.header().imageCount());
            assertEquals(1.5, r.header().pixelSize(), 1e-5);
            for (int i = 0; i < 3; i++) {
                float[] got = MrcReader.read(ImageRef.image(out, i)).data;
                for (int k = 0; k < got.length; k++) assertEquals(3 * imgs.get(i).data[k], got[k], 1e-3, "image " + i + " voxel " + k);
            }
        }
    }
}
