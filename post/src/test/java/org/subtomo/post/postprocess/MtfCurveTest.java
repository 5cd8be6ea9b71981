package org.subtomo.post.postprocess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.testutil.Maps;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class MtfCurveTest {
    @TempDir Path dir;

    static final String STAR = """
            data_

            loop_
            _rlnResolutionInversePixel
            _rlnMtfValue
            0.0 1.0
            0.25 0.6
            0.5 0.2
            """;

    @Test void readsInterpolatesAndDividesTheMapShellByShell() throws Exception {
        Path f = dir.resolve("mtf.star");
        Files.writeString(f, STAR);
        MtfCurve mtf = MtfCurve.read(f);
        assertEquals(1.0, mtf.at(0), 1e-12);
        assertEquals(0.8, mtf.at(0.125), 1e-12);
        assertEquals(0.4, mtf.at(0.375), 1e-12);
        assertEquals(0.2, mtf.at(0.7), 1e-12, "held beyond the last point");
        FourierGrid g = Fft.forward(Maps.whiteNoise(16, 16, 16, 1, 1));
        FourierGrid d = g.copy();
        mtf.divide(d, 1);
        // voxel (4,0,0): 4/16 = 0.25 cycles/pixel → MTF 0.6
        int i = g.index(4, 0, 0);
        assertEquals(g.data[i] / 0.6, d.data[i], 1e-4 * Math.abs(g.data[i] / 0.6) + 1e-6);
        int j = g.index(2, 0, 0);
        assertEquals(g.data[j] / 0.8, d.data[j], 1e-4 * Math.abs(g.data[j] / 0.8) + 1e-6);
    }

    @Test void refusesNonPositiveValuesAndMissingColumns() throws Exception {
        Path bad = dir.resolve("bad.star");
        Files.writeString(bad, STAR.replace("0.5 0.2", "0.5 0.0"));
        String m = assertThrows(InputException.class, () -> MtfCurve.read(bad)).getMessage();
        assertTrue(m.contains("bad.star") && m.contains("line"), m);
        Path none = dir.resolve("none.star");
        Files.writeString(none, "data_\nloop_\n_rlnFoo\n1\n2\n");
        assertThrows(InputException.class, () -> MtfCurve.read(none));
    }
}
