package org.subtomo.core.fft;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * One FFTW r2c/c2r plan pair of a fixed size and batch.
 *
 * <p>Memory: the plan owns two native buffers from fftwf_malloc (SIMD-aligned, so FFTW may use its
 * aligned AVX codelets). Transfer {@code COPY} copies the Java arrays in and out of them (a memcpy
 * each way). Transfer {@code HEAP} hands the float[] itself to FFTW through a critical downcall
 * (no copy for r2c; GC is held off during the call), which requires FFTW_UNALIGNED plans because
 * Java arrays are only 8-byte aligned; the c2r input still goes through the native buffer because
 * out-of-place c2r destroys its input and our contract says inputs are never modified.
 *
 * <p>Lifetime: {@link #close()} (or the Cleaner once the plan is unreachable) destroys the FFTW plans
 * under the planner lock and frees the buffers. Not thread-safe: one plan per thread (see {@link Fft}).
 */
final class FftwPlan implements FftPlan {
    private static final Cleaner CLEANER = Cleaner.create();

    /**
     * The FFTW plans, one pair per size, batch, thread count and flags, shared by every FftwPlan of that shape (each
     * with its own buffers, executed with fftwf_execute_dft_*: thread-safe on distinct arrays). Planned once:
     * FFTW_MEASURE planned per thread could pick a different algorithm in each thread, and then the same particle
     * transformed in another thread differed in the last bits, which made multi-threaded runs non-reproducible.
     * Kept for the life of the JVM (a few sizes per run).
     */
    private record Shape(int nx, int ny, int nz, int batch, int threads, int flags) {}
    private static final java.util.Map<Shape, MemorySegment[]> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    private final FftwLibrary lib;
    private final int nx, ny, nz, batch;
    private final long nReal, nCplx;          // floats in one batch
    private final float scale;
    private final FftwBackend.Transfer transfer;
    private final MemorySegment realBuf, cplxBuf, r2c, c2r;
    private final Cleaner.Cleanable cleanable;
    private boolean closed;                   // one thread per plan: a plain field suffices

    FftwPlan(FftwLibrary lib, int nx, int ny, int nz, int batch, int threads, int flags, FftwBackend.Transfer transfer) {
        if (nx < 1 || ny < 1 || nz < 1 || batch < 1) throw new IllegalArgumentException("bad FFT size " + nx + "x" + ny + "x" + nz + " batch " + batch);
        this.lib = lib; this.nx = nx; this.ny = ny; this.nz = nz; this.batch = batch; this.transfer = transfer;
        long n = (long) nx * ny * nz, m = 2L * (nx / 2 + 1) * ny * nz;
        this.nReal = n * batch; this.nCplx = m * batch;
        if (n * batch > Integer.MAX_VALUE || m * batch > Integer.MAX_VALUE) throw new IllegalArgumentException("FFT too large for Java arrays");
        this.scale = (float) (1.0 / n);
        int planFlags = flags | (transfer == FftwBackend.Transfer.HEAP ? FftwLibrary.FFTW_UNALIGNED : 0);
        MemorySegment rb = MemorySegment.NULL, cb = MemorySegment.NULL;
        try {
            rb = fmalloc(lib, nReal * 4); cb = fmalloc(lib, nCplx * 4);
            MemorySegment[] plans = sharedPlans(lib, new Shape(nx, ny, nz, batch, threads, planFlags), rb, cb);
            this.r2c = plans[0]; this.c2r = plans[1];
        } catch (Throwable t) {
            new Buffers(lib, rb, cb).run();
            if (t instanceof RuntimeException re) throw re;
            throw new IllegalStateException("FFTW planning failed", t);
        }
        this.realBuf = rb; this.cplxBuf = cb;
        this.cleanable = CLEANER.register(this, new Buffers(lib, rb, cb));
    }

    /** The shape's r2c/c2r plans, planned on first use on the given buffers (FFTW_MEASURE scribbles on them). */
    private static MemorySegment[] sharedPlans(FftwLibrary lib, Shape sh, MemorySegment rb, MemorySegment cb) throws Throwable {
        MemorySegment[] plans = SHARED.get(sh);
        if (plans != null) return plans;
        FftwLibrary.PLANNER.lock();
        try (Arena a = Arena.ofConfined()) {
            plans = SHARED.get(sh);
            if (plans != null) return plans;
            long n = (long) sh.nx() * sh.ny() * sh.nz(), m = 2L * (sh.nx() / 2 + 1) * sh.ny() * sh.nz();
            int[] dims = sh.nz() > 1 ? new int[]{sh.nz(), sh.ny(), sh.nx()} : sh.ny() > 1 ? new int[]{sh.ny(), sh.nx()} : new int[]{sh.nx()};
            MemorySegment dimSeg = a.allocateFrom(JAVA_INT, dims);
            if (lib.planWithNthreads != null) lib.planWithNthreads.invokeExact(sh.threads());
            MemorySegment pf = (MemorySegment) lib.planR2c.invokeExact(dims.length, dimSeg, sh.batch(), rb, MemorySegment.NULL, 1, (int) n,
                    cb, MemorySegment.NULL, 1, (int) (m / 2), sh.flags());
            MemorySegment pb = (MemorySegment) lib.planC2r.invokeExact(dims.length, dimSeg, sh.batch(), cb, MemorySegment.NULL, 1, (int) (m / 2),
                    rb, MemorySegment.NULL, 1, (int) n, sh.flags());
            if (pf.equals(MemorySegment.NULL) || pb.equals(MemorySegment.NULL)) {
                if (!pf.equals(MemorySegment.NULL)) lib.destroyPlan.invokeExact(pf);
                if (!pb.equals(MemorySegment.NULL)) lib.destroyPlan.invokeExact(pb);
                throw new IllegalStateException("FFTW could not plan " + sh.nx() + "x" + sh.ny() + "x" + sh.nz() + " batch " + sh.batch());
            }
            plans = new MemorySegment[]{pf, pb};
            SHARED.put(sh, plans);
            return plans;
        } finally {
            FftwLibrary.PLANNER.unlock();
        }
    }

    private static MemorySegment fmalloc(FftwLibrary lib, long bytes) throws Throwable {
        MemorySegment p = (MemorySegment) lib.malloc.invokeExact(bytes);
        if (p.equals(MemorySegment.NULL)) throw new OutOfMemoryError("fftwf_malloc(" + bytes + ") failed");
        return p.reinterpret(bytes);
    }

    /** The plan pair's handles (for tests: instances of one shape share them). */
    MemorySegment[] handles() { return new MemorySegment[]{r2c, c2r}; }

    /** This instance's native buffers, separate from it so the Cleaner does not keep it reachable (the plans are shared). */
    private record Buffers(FftwLibrary lib, MemorySegment rb, MemorySegment cb) implements Runnable {
        @Override public void run() {
            try {
                if (!rb.equals(MemorySegment.NULL)) lib.free.invokeExact(rb);
                if (!cb.equals(MemorySegment.NULL)) lib.free.invokeExact(cb);
            } catch (Throwable t) {
                throw new IllegalStateException("FFTW cleanup failed", t);
            }
        }
    }

    @Override public int nx() { return nx; }
    @Override public int ny() { return ny; }
    @Override public int nz() { return nz; }
    @Override public int batch() { return batch; }

    @Override public void forward(float[] real, float[] complex) {
        check(real, complex);
        try {
            if (transfer == FftwBackend.Transfer.HEAP) {
                lib.execR2cHeap.invokeExact(r2c, MemorySegment.ofArray(real), MemorySegment.ofArray(complex));
            } else {
                MemorySegment.copy(real, 0, realBuf, JAVA_FLOAT, 0, (int) nReal);
                lib.execR2c.invokeExact(r2c, realBuf, cplxBuf);
                MemorySegment.copy(cplxBuf, JAVA_FLOAT, 0, complex, 0, (int) nCplx);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override public void inverse(float[] complex, float[] real) {
        check(real, complex);
        try {
            // c2r destroys its input: always work on our native copy, never on the caller's array.
            MemorySegment.copy(complex, 0, cplxBuf, JAVA_FLOAT, 0, (int) nCplx);
            if (transfer == FftwBackend.Transfer.HEAP) {
                lib.execC2rHeap.invokeExact(c2r, cplxBuf, MemorySegment.ofArray(real));
            } else {
                lib.execC2r.invokeExact(c2r, cplxBuf, realBuf);
                MemorySegment.copy(realBuf, JAVA_FLOAT, 0, real, 0, (int) nReal);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
        float s = scale;                       // FFTW does not normalise; our contract is 1/N on inverse
        for (int i = 0, e = (int) nReal; i < e; i++) real[i] *= s;
    }

    private void check(float[] real, float[] complex) {
        // Executing a destroyed plan would be a use-after-free in native code, not an exception.
        if (closed) throw new IllegalStateException("FFT plan " + nx + "x" + ny + "x" + nz + " used after close()");
        if (real.length < nReal || complex.length < nCplx)
            throw new IllegalArgumentException("FFT " + nx + "x" + ny + "x" + nz + " batch " + batch + " needs " + nReal
                    + " real and " + nCplx + " complex floats, got " + real.length + " and " + complex.length);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    @Override public void close() { closed = true; cleanable.clean(); }

}
