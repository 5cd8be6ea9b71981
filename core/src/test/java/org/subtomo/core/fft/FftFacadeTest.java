package org.subtomo.core.fft;

import org.junit.jupiter.api.Test;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;
import static org.subtomo.core.fft.FftTestSupport.*;

/** Fft.forward/inverse on grids with whichever backend this machine selects, from many threads. */
class FftFacadeTest {
    private static RealGrid grid(int nx, int ny, int nz, long seed) {
        RealGrid g = new RealGrid(nx, ny, nz);
        float[] r = random(nx * ny * nz, seed);
        System.arraycopy(r, 0, g.data, 0, r.length);
        return g;
    }

    @Test void gridRoundTripAndDcTerm() {
        RealGrid g = grid(24, 20, 18, 5);
        FourierGrid f = Fft.forward(g);
        double sum = 0; for (float v : g.data) sum += v;
        assertEquals(sum, f.re(0, 0, 0), 1e-3, "DC term is the unnormalised sum");
        RealGrid back = Fft.inverse(f);
        assertTrue(relMaxDiff(g.data, back.data) < 1e-5);
        assertNotNull(Fft.selectionReason());
        assertFalse(Fft.selectionReason().isBlank());
    }

    @Test void concurrentCallersGetIdenticalResults() throws Exception {
        RealGrid g = grid(48, 48, 48, 9);
        float[] ref = Fft.forward(g).data;
        ExecutorService ex = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) fs.add(ex.submit(() -> {
                // interleave other sizes so each thread's plan cache holds several plans
                for (int k = 0; k < 3; k++) Fft.inverse(Fft.forward(grid(30, 20, 10, k)));
                return Fft.forward(grid(48, 48, 48, 9)).data;
            }));
            for (Future<float[]> f : fs) assertArrayEquals(ref, f.get());
        } finally {
            ex.shutdownNow();
        }
    }
}
