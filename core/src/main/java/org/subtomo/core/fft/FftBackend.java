package org.subtomo.core.fft;

/**
 * One FFT implementation (FFTW through FFM, or pure Java). Backends make plans; plans do the work.
 * Selection happens once, in {@link Fft}.
 */
public interface FftBackend {
    /** Short name shown by {@code subtomo info} and the benchmark, e.g. "fftw3f" or "jtransforms". */
    String name();

    /**
     * A plan for {@code batch} independent transforms of real grids nx*ny*nz (X fastest), laid out
     * one after the other. A plan is used by one thread at a time; {@link Fft} keeps one per thread.
     */
    FftPlan plan(int nx, int ny, int nz, int batch);

    /** Threads one plan uses internally (1: callers parallelise over independent transforms). */
    default int threads() { return 1; }

    /** One line for {@code subtomo info} and the benchmark: library, version, settings. */
    default String describe() { return name(); }
}
