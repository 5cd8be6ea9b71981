package org.subtomo.core.fft;

import java.util.Locale;
import java.util.Optional;

/**
 * FFTW3 single precision through FFM. Plans are made with FFTW_MEASURE by default: on this kind of
 * machine it is 4-5x faster than FFTW_ESTIMATE for 256^3 (ESTIMATE picks a cache-hostile plan) and
 * costs under a second per new size; FFTW keeps the wisdom in memory, so the per-thread plans
 * that {@link Fft} makes for a size already seen are planned almost instantly.
 * {@code -Dsubtomo.fftw.planner=estimate} trades that speed for instant planning.
 */
public final class FftwBackend implements FftBackend {
    /** How plans move data between Java arrays and FFTW (see {@link FftwPlan}). */
    public enum Transfer { COPY, HEAP }

    private final FftwLibrary lib;
    private final int threads;
    private final int flags;
    private final Transfer transfer;

    private FftwBackend(FftwLibrary lib, int threads, int flags, Transfer transfer) {
        this.lib = lib; this.threads = threads; this.flags = flags; this.transfer = transfer;
    }

    /** The backend with defaults (1 FFTW thread per plan, MEASURE, copy transfer), or empty if FFTW is absent. */
    public static Optional<FftwBackend> create() {
        return FftwLibrary.load().map(l -> new FftwBackend(l, 1, defaultFlags(), defaultTransfer()));
    }

    /** Why {@link #create()} is empty. */
    public static String unavailableReason() { return FftwLibrary.failure(); }

    /** Same library, FFTW's own threads per plan (for one big transform; {@link Fft} parallelises over particles instead). */
    public FftwBackend withThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        return new FftwBackend(lib, lib.threads ? n : 1, flags, transfer);
    }

    public FftwBackend withTransfer(Transfer t) { return new FftwBackend(lib, threads, flags, t); }

    public FftwBackend withEstimatePlanner(boolean estimate) {
        return new FftwBackend(lib, threads, estimate ? FftwLibrary.FFTW_ESTIMATE : FftwLibrary.FFTW_MEASURE, transfer);
    }

    @Override public String name() { return "fftw3f"; }

    @Override public int threads() { return threads; }

    @Override public String describe() {
        return lib.describe() + ", planner " + (flags == FftwLibrary.FFTW_ESTIMATE ? "ESTIMATE" : "MEASURE")
                + ", " + threads + " thread(s)/plan, transfer " + transfer.name().toLowerCase(Locale.ROOT);
    }

    public String version() { return lib.version; }

    @Override public FftPlan plan(int nx, int ny, int nz, int batch) {
        return new FftwPlan(lib, nx, ny, nz, batch, threads, flags, transfer);
    }

    /**
     * Makes FFTW plan with ESTIMATE unless the user chose a planner ({@code -Dsubtomo.fftw.planner}). Commands whose
     * output must be the same bytes in every run and process call this first: MEASURE times candidate plans and may
     * pick another one next time, which changes float rounding; ESTIMATE plans are a pure function of the sizes.
     * The setting is read when the process first uses an FFT, so it holds for the rest of the process.
     */
    public static void preferEstimatePlanner() {
        if (System.getProperty("subtomo.fftw.planner") == null) System.setProperty("subtomo.fftw.planner", "estimate");
    }

    private static int defaultFlags() {
        String p = System.getProperty("subtomo.fftw.planner", "measure");
        return p.equalsIgnoreCase("estimate") ? FftwLibrary.FFTW_ESTIMATE : FftwLibrary.FFTW_MEASURE;
    }

    private static Transfer defaultTransfer() {
        return Transfer.valueOf(System.getProperty("subtomo.fftw.transfer", "copy").toUpperCase(Locale.ROOT));
    }
}
