package org.subtomo.core.io.mrc;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.subtomo.core.grid.RealGrid;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Cross-checks against mrcfile 1.4 (Debian's python3-mrcfile), an independent implementation. */
class MrcPythonInteropTest {
    @TempDir Path dir;

    @BeforeEach void needPython() { PythonMrc.assumeAvailable(); }

    /** mrcfile writes random data of the given numpy dtype and shape, plus the values as float64. */
    private static final String WRITE = """
            import sys, numpy as np, mrcfile
            path, raw, dtype, shape, stack, voxel = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5] == '1', float(sys.argv[6])
            shape = tuple(int(s) for s in shape.split('x'))
            rng = np.random.default_rng(7)
            if np.dtype(dtype).kind in 'iu':
                info = np.iinfo(np.dtype(dtype))
                a = rng.integers(info.min, info.max, size=shape, endpoint=True).astype(dtype)
            else:
                a = (rng.standard_normal(shape) * 50).astype(dtype)
            with mrcfile.new(path, overwrite=True) as m:
                m.set_data(a)
                if stack: m.set_image_stack()
                m.voxel_size = voxel
                m.header.origin = (10.5, -3.0, 7.25)
            a.astype('<f8').tofile(raw)
            """;

    @ParameterizedTest(name = "{0} {1} stack={2}")
    @CsvSource({
            "float32, 4x6x5,   0, 1.0",
            "int16,   3x6x5,   0, 1.0",
            "int8,    3x6x5,   0, 1.0",
            "uint16,  3x6x5,   0, 1.0",
            "float16, 3x6x5,   0, 1.0",
            ">f4,     3x6x5,   0, 1.0",
            ">i2,     2x3x4,   0, 1.0",
            "float32, 7x8x9,   1, 1.0",
            "float32, 5x12x10, 0, 3.42",
    })
    void readsWhatMrcfileWrote(String dtype, String shape, int stack, double voxel) throws Exception {
        Path f = dir.resolve("py.mrc"), raw = dir.resolve("py.f8");
        PythonMrc.run(WRITE, f.toString(), raw.toString(), dtype, shape, String.valueOf(stack), String.valueOf(voxel));
        double[] truth = PythonMrc.readDoubles(raw);
        String[] dims = shape.split("x"); // numpy shape is (z, y, x)
        try (MrcReader r = MrcReader.open(f)) {
            MrcHeader h = r.header();
            assertEquals(Integer.parseInt(dims[2]), h.nx);
            assertEquals(Integer.parseInt(dims[1]), h.ny);
            assertEquals(Integer.parseInt(dims[0]), h.nz);
            assertEquals(dtype.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, h.byteOrder);
            assertEquals(voxel, h.pixelSize(), 1e-5);
            assertEquals(stack == 1 ? MrcHeader.ISPG_IMAGE_STACK : MrcHeader.ISPG_VOLUME, h.ispg);
            assertEquals(10.5f, h.originX); assertEquals(-3f, h.originY); assertEquals(7.25f, h.originZ);
            float[] got = r.readAll().data;
            assertEquals(truth.length, got.length);
            for (int i = 0; i < got.length; i++) assertEquals((float) truth[i], got[i], "voxel " + i);
            if (stack == 1) {
                float[] img = r.readImage(3).data;
                int per = h.nx * h.ny;
                for (int i = 0; i < per; i++) assertEquals((float) truth[3 * per + i], img[i]);
            }
        }
    }

    private static final String VALIDATE_AND_DUMP = """
            import sys, io, contextlib, numpy as np, mrcfile
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                ok = mrcfile.validate(sys.argv[1])
            with mrcfile.open(sys.argv[1], permissive=False) as m:
                m.data.astype('<f8').tofile(sys.argv[2])
                h = m.header
                print('VALID' if ok else 'INVALID:' + out.getvalue().replace('\\n', ' | '))
                print(float(m.voxel_size.x), float(h.dmin), float(h.dmax), float(h.dmean), float(h.rms), int(h.ispg))
            """;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"FLOAT32, LITTLE", "FLOAT32, BIG", "INT16, LITTLE", "INT8, BIG", "FLOAT16, LITTLE", "UINT16, BIG"})
    void filesWeWritePassMrcfileValidateAndReadBackEqual(MrcMode mode, String order) throws Exception {
        RealGrid g = MrcRoundTripTest.representable(mode, 9, 8, 7, 3);
        // mrcfile 1.4's validator sums squares in float16 for mode 12, overflowing above ~255:
        // keep half-float values small so that its check, not its arithmetic, decides.
        if (mode == MrcMode.FLOAT16) for (int i = 0; i < g.data.length; i++) g.data[i] = Float.float16ToFloat(Float.floatToFloat16(g.data[i] / 64));
        Path f = dir.resolve("ours.mrc"), raw = dir.resolve("ours.f8");
        ByteOrder o = order.equals("BIG") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        MrcWriter.write(f, g, MrcWriteOptions.pixelSize(1.35).withMode(mode).withByteOrder(o));
        String[] lines = PythonMrc.run(VALIDATE_AND_DUMP, f.toString(), raw.toString()).strip().split("\n");
        assertEquals("VALID", lines[0]);
        double[] back = PythonMrc.readDoubles(raw);
        for (int i = 0; i < back.length; i++) assertEquals(g.data[i], (float) back[i], "voxel " + i);
        String[] s = lines[1].split(" ");
        assertEquals(1.35, Double.parseDouble(s[0]), 1e-5);
        MrcHeader ours;
        try (MrcReader r = MrcReader.open(f)) { ours = r.header(); }
        assertEquals(ours.dmin, Double.parseDouble(s[1]), 0);
        assertEquals(ours.dmax, Double.parseDouble(s[2]), 0);
        assertEquals(1, Integer.parseInt(s[5]));
    }

    @Test void stacksWeWritePassMrcfileValidate() throws Exception {
        Path f = dir.resolve("ours.mrcs"), raw = dir.resolve("ours.f8");
        List<RealGrid> imgs = List.of(MrcRoundTripTest.representable(MrcMode.FLOAT32, 6, 6, 1, 1),
                MrcRoundTripTest.representable(MrcMode.FLOAT32, 6, 6, 1, 2), MrcRoundTripTest.representable(MrcMode.FLOAT32, 6, 6, 1, 3));
        MrcWriter.writeStack(f, imgs, MrcWriteOptions.pixelSize(2));
        String[] lines = PythonMrc.run(VALIDATE_AND_DUMP, f.toString(), raw.toString()).strip().split("\n");
        assertEquals("VALID", lines[0]);
        assertEquals(0, Integer.parseInt(lines[1].split(" ")[5]));
        double[] back = PythonMrc.readDoubles(raw);
        assertEquals(imgs.get(2).data[35], (float) back[2 * 36 + 35]);
    }

    private static final String FEI = """
            import sys, numpy as np, mrcfile
            from mrcfile.dtypes import get_ext_header_dtype
            order = sys.argv[2]
            with mrcfile.new(sys.argv[1], overwrite=True) as m:
                m.set_data(np.zeros((4, 3, 2), dtype=order + 'f4'))
                m.set_image_stack()
                dt = get_ext_header_dtype(b'FEI1', order)
                ext = np.zeros(4, dtype=dt)
                ext['Metadata size'] = dt.itemsize
                ext['Alpha tilt'] = [-60.0, -19.5, 0.25, 45.0]
                m.set_extended_header(ext)
                m.header.exttyp = b'FEI1'
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"<", ">"})
    void feiTiltAnglesFromMrcfileExtendedHeader(String order) throws Exception {
        Path f = dir.resolve("fei.mrc");
        PythonMrc.run(FEI, f.toString(), order);
        try (MrcReader r = MrcReader.open(f)) {
            assertEquals(ExtendedHeaders.Kind.FEI, ExtendedHeaders.kind(r.header()));
            assertArrayEquals(new double[] {-60.0, -19.5, 0.25, 45.0}, r.tiltAngles());
            assertEquals(0f, r.readImage(3).data[5], "data after the extended header");
        }
    }
}
