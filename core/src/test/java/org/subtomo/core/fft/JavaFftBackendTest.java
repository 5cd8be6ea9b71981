package org.subtomo.core.fft;

/** The pure-Java fallback against the contract (direct DFT, round trips, reuse, threads). */
class JavaFftBackendTest extends FftBackendContract {
    @Override FftBackend backend() { return new JavaFftBackend(); }
}
