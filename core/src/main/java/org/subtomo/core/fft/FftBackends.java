package org.subtomo.core.fft;

/** Run-time choice of FFT backend (see {@link Fft}). */
final class FftBackends {
    private FftBackends() {}
    private static volatile String reason = "not selected yet";

    static String lastReason() { return reason; }

    static FftBackend select() {
        String forced = System.getProperty("subtomo.fft", System.getenv("SUBTOMO_FFT"));
        // The FFTW backend is added by the FFT work; until then, the pure-Java one serves.
        reason = forced != null ? "forced by SUBTOMO_FFT=" + forced + " (only the pure-Java backend is built)"
                                : "pure-Java backend (FFTW backend not built yet)";
        return new JavaFftBackend();
    }
}
