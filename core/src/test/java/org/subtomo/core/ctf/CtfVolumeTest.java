package org.subtomo.core.ctf;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriter;

class CtfVolumeTest {
    /** A Friedel-symmetric test weight that differs along each axis, so any axis or sign mix-up shows. */
    private static float model(int fx, int fy, int fz) {
        return (float) Math.cos(0.3 * fx + 0.5 * fy + 0.7 * fz) * (1 + fx * fx + 2 * fy * fy + 3 * fz * fz);
    }

    private static CtfVolume modelVolume(int n) {
        CtfVolume v = CtfVolume.zeros(n);
        for (int kz = 0; kz < n; kz++)
            for (int ky = 0; ky < n; ky++)
                for (int fx = 0; fx < v.hx; fx++) {
                    int fy = ky <= n / 2 ? ky : ky - n, fz = kz <= n / 2 ? kz : kz - n;
                    v.weights[v.index(fx, ky, kz)] = model(fx, fy, fz);
                }
        return v;
    }

    @Test void cubeIsReadAtMinusKAroundTheCentre() {
        int n = 8, c = 4;
        RealGrid cube = RealGrid.cube(n);
        cube.set(c - 1, c - 2, c + 3, 5f);   // k = (1, 2, -3)
        CtfVolume v = CtfVolume.fromCentredCube(cube);
        assertEquals(5f, v.at(1, 2, -3));
        assertEquals(0f, v.at(1, -2, 3));
        assertEquals(0f, v.at(0, 0, 0));
    }

    @Test void cubeRoundTripKeepsEveryWeightAndIsFriedelSymmetric() {
        int n = 12;
        CtfVolume v = modelVolume(n);
        RealGrid cube = v.toCentredCube();
        for (int z = 1; z < n; z++)
            for (int y = 1; y < n; y++)
                for (int x = 1; x < n; x++)
                    assertEquals(cube.get(x, y, z), cube.get(n - x, n - y, n - z), 0f, "Friedel mate of " + x + "," + y + "," + z);
        CtfVolume back = CtfVolume.fromCentredCube(cube);
        assertArrayEquals(v.weights, back.weights, 0f);
    }

    @Test void readsCubeAndHalfVolumeFiles(@TempDir Path dir) {
        int n = 10;
        CtfVolume v = modelVolume(n);
        v.write(dir.resolve("ctf.mrc"), 5.0);
        assertArrayEquals(v.weights, CtfVolume.read(dir.resolve("ctf.mrc")).weights, 0f);
        MrcWriter.write(dir.resolve("half.mrc"), new RealGrid(v.hx, n, n, v.weights.clone()), 5.0);
        assertArrayEquals(v.weights, CtfVolume.read(dir.resolve("half.mrc")).weights, 0f);
    }

    @Test void wrongShapeNamesTheFileAndTheFix(@TempDir Path dir) {
        Path bad = dir.resolve("bad_ctf.mrc");
        MrcWriter.write(bad, new RealGrid(8, 8, 4), 5.0);
        InputException e = assertThrows(InputException.class, () -> CtfVolume.read(bad));
        assertTrue(e.getMessage().contains("bad_ctf.mrc") && e.getMessage().contains("8×8×4")
                && e.getMessage().contains("subtomo prepare"), e.getMessage());
    }
}
