package org.subtomo.core.fft;

import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

import java.util.HashMap;
import java.util.Map;

/**
 * The project's one entry point for FFTs. Picks a backend once per JVM (FFTW3 single precision when
 * libfftw3f is installed, else pure Java; {@code SUBTOMO_FFT=java|fftw} or
 * {@code -Dsubtomo.fft=...} forces one) and keeps plans per thread, keyed by size, so hot loops
 * never re-plan.
 */
public final class Fft {
    private Fft() {}

    private record Key(int nx, int ny, int nz, int batch) {}

    private static volatile FftBackend backend;
    private static final ThreadLocal<Map<Key, FftPlan>> PLANS = ThreadLocal.withInitial(HashMap::new);

    /** The active backend (selected on first use). */
    public static FftBackend backend() {
        FftBackend b = backend;
        if (b == null) {
            synchronized (Fft.class) {
                if (backend == null) backend = FftBackends.select();
                b = backend;
            }
        }
        return b;
    }

    /** Why the active backend was chosen, for {@code subtomo info}. */
    public static String selectionReason() { backend(); return FftBackends.lastReason(); }

    /** A cached plan for this thread. */
    public static FftPlan plan(int nx, int ny, int nz, int batch) {
        return PLANS.get().computeIfAbsent(new Key(nx, ny, nz, batch), k -> backend().plan(nx, ny, nz, batch));
    }

    public static FourierGrid forward(RealGrid g) {
        FourierGrid f = new FourierGrid(g.nx, g.ny, g.nz);
        plan(g.nx, g.ny, g.nz, 1).forward(g.data, f.data);
        return f;
    }

    public static RealGrid inverse(FourierGrid f) {
        RealGrid g = new RealGrid(f.nx, f.ny, f.nz);
        plan(f.nx, f.ny, f.nz, 1).inverse(f.data, g.data);
        return g;
    }
}
