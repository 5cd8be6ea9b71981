package org.subtomo.core.fft;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The FFTW backend (copy transfer, default) against the same contract; skipped where FFTW is absent. */
class FftwBackendTest extends FftBackendContract {
    static FftwBackend fftw() {
        var b = FftwBackend.create();
        assumeTrue(b.isPresent(), "FFTW not available: " + FftwBackend.unavailableReason());
        return b.get();
    }

    @Override FftBackend backend() { return fftw(); }

    @Test void planIsUnusableAfterClose() {
        FftPlan p = backend().plan(8, 8, 1, 1);
        p.close();
        p.close();   // idempotent
        assertThrows(IllegalStateException.class, () -> p.forward(new float[64], new float[80]));
    }

    /**
     * Plans of one shape made in different threads share FFTW's plan (one MEASURE planning) and give bit-identical
     * transforms: with a plan per thread, the 3D engine's results depended on which thread took which particle.
     */
    @Test void plansOfOneShapeAreSharedAcrossThreads() throws Exception {
        FftwBackend b = fftw();
        int n = 24;
        float[] x = new float[n * n * n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        Object[] got = new Object[4];
        Thread t = new Thread(() -> {
            FftwPlan p = (FftwPlan) b.plan(n, n, n, 1);
            float[] f = new float[2 * (n / 2 + 1) * n * n];
            p.forward(x, f);
            got[0] = p.handles(); got[1] = f;
        });
        t.start(); t.join();
        FftwPlan p = (FftwPlan) b.plan(n, n, n, 1);
        float[] f = new float[2 * (n / 2 + 1) * n * n];
        p.forward(x, f);
        java.lang.foreign.MemorySegment[] h0 = (java.lang.foreign.MemorySegment[]) got[0], h1 = p.handles();
        org.junit.jupiter.api.Assertions.assertEquals(h0[0].address(), h1[0].address(), "one r2c plan");
        org.junit.jupiter.api.Assertions.assertEquals(h0[1].address(), h1[1].address(), "one c2r plan");
        org.junit.jupiter.api.Assertions.assertArrayEquals((float[]) got[1], f, "bit-identical transforms");
    }
}
