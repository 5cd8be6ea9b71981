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
}
