package org.subtomo.core.fft;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.subtomo.core.fft.FftTestSupport.*;

/** What every backend must do (FftPlan's contract); subclasses supply the backend. */
abstract class FftBackendContract {
    abstract FftBackend backend();

    /** {nx, ny, nz, batch}: odd/even, 1D/2D/3D, size-1 and size-2 edges, batched. */
    static final int[][] SMALL = {{6, 5, 4, 1}, {7, 3, 5, 1}, {8, 1, 1, 1}, {9, 1, 1, 1}, {5, 6, 1, 1}, {2, 3, 1, 1},
            {3, 1, 1, 1}, {1, 4, 3, 1}, {4, 4, 1, 3}, {5, 3, 1, 2}, {10, 9, 6, 1}};

    @Test void forwardMatchesDirectDft() {
        for (int[] s : SMALL) {
            int nx = s[0], ny = s[1], nz = s[2], batch = s[3], n = nx * ny * nz, m = complexLen(nx, ny, nz, 1);
            float[] x = random(n * batch, 31 + n);
            float[] c = new float[m * batch];
            try (FftPlan p = backend().plan(nx, ny, nz, batch)) { p.forward(x, c); }
            for (int b = 0; b < batch; b++) {
                double[] t = directDft(x, b * n, nx, ny, nz);
                for (int i = 0; i < m; i++)
                    assertEquals(t[i], c[b * m + i], 2e-5 * Math.sqrt(n) * 4, "size " + nx + "x" + ny + "x" + nz + " batch " + b + " float " + i);
            }
        }
    }

    @Test void roundTripsAndLeavesInputsAlone() {
        int[][] sizes = {{32, 24, 20, 1}, {33, 17, 9, 1}, {15, 14, 1, 5}, {64, 64, 64, 1}, {1, 1, 1, 1}};
        for (int[] s : sizes) {
            int nx = s[0], ny = s[1], nz = s[2], batch = s[3];
            float[] x = random(nx * ny * nz * batch, 7);
            float[] x0 = x.clone();
            float[] c = new float[complexLen(nx, ny, nz, batch)];
            float[] back = new float[x.length];
            try (FftPlan p = backend().plan(nx, ny, nz, batch)) {
                p.forward(x, c);
                float[] c0 = c.clone();
                p.inverse(c, back);
                assertArrayEquals(x0, x, "forward modified its input");
                assertArrayEquals(c0, c, "inverse modified its input");
            }
            assertTrue(relMaxDiff(x, back) < 1e-5, "round trip " + nx + "x" + ny + "x" + nz + ": " + relMaxDiff(x, back));
        }
    }

    @Test void planReuseGivesIdenticalResults() {
        float[] x = random(20 * 18 * 16, 3), y = random(20 * 18 * 16, 4);
        try (FftPlan p = backend().plan(20, 18, 16, 1)) {
            float[] c1 = new float[complexLen(20, 18, 16, 1)], c2 = c1.clone(), cy = c1.clone();
            p.forward(x, c1);
            p.forward(y, cy);        // a different transform in between must leave no trace
            p.forward(x, c2);
            assertArrayEquals(c1, c2);
            float[] r1 = new float[x.length], r2 = new float[x.length];
            p.inverse(c1, r1); p.inverse(cy, r2); p.inverse(c1, r2);
            assertArrayEquals(r1, r2);
        }
    }

    @Test void threadsWithOwnPlansAgreeBitForBit() throws Exception {
        int nx = 40, ny = 36, nz = 30;
        float[] x = random(nx * ny * nz, 11);
        float[] ref = new float[complexLen(nx, ny, nz, 1)];
        try (FftPlan p = backend().plan(nx, ny, nz, 1)) { p.forward(x, ref); }
        ExecutorService ex = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) fs.add(ex.submit(() -> {
                float[] c = new float[ref.length];
                try (FftPlan p = backend().plan(nx, ny, nz, 1)) { for (int k = 0; k < 5; k++) p.forward(x, c); }
                return c;
            }));
            for (Future<float[]> f : fs) assertArrayEquals(ref, f.get());
        } finally {
            ex.shutdownNow();
        }
    }

    @Test void rejectsArraysTooSmall() {
        try (FftPlan p = backend().plan(8, 8, 1, 2)) {
            assertThrows(IllegalArgumentException.class, () -> p.forward(new float[64], new float[complexLen(8, 8, 1, 2)]));
            assertThrows(IllegalArgumentException.class, () -> p.inverse(new float[complexLen(8, 8, 1, 1)], new float[128]));
        }
    }
}
