package org.subtomo.core.fft;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * libfftw3f (single precision) bound through the Foreign Function &amp; Memory API: one instance per
 * JVM, holding the downcall handles. Loading never throws: {@link #load()} gives the library or
 * {@link #failure()} says why not, so the caller can fall back to pure Java and report it.
 *
 * <p>Thread safety (FFTW's rules): the planner (plan creation/destruction, plan_with_nthreads,
 * wisdom) shares global state and is NOT thread-safe, so every such call goes through
 * {@link #PLANNER} ; fftwf_execute_dft_* on distinct arrays is thread-safe and takes no lock.
 */
final class FftwLibrary {
    static final int FFTW_MEASURE = 0, FFTW_UNALIGNED = 1 << 1, FFTW_ESTIMATE = 1 << 6;

    /** Serialises every call into FFTW's planner (global, non-thread-safe state). */
    static final ReentrantLock PLANNER = new ReentrantLock();

    final String version, source;
    final boolean threads;            // libfftw3f_threads loaded and initialised
    final MethodHandle planR2c, planC2r, execR2c, execC2r, execR2cHeap, execC2rHeap,
            destroyPlan, malloc, free, planWithNthreads;

    private static final Object INIT = new Object();
    private static volatile Optional<FftwLibrary> instance;
    private static volatile String failure = "";

    /** The library, loaded on first call; empty (see {@link #failure()}) when it cannot be. */
    static Optional<FftwLibrary> load() {
        Optional<FftwLibrary> i = instance;
        if (i == null) synchronized (INIT) {
            if (instance == null) instance = tryLoad();
            i = instance;
        }
        return i;
    }

    /** Why {@link #load()} is empty. */
    static String failure() { load(); return failure; }

    private static Optional<FftwLibrary> tryLoad() {
        Loaded r = tryLoad(candidates("libfftw3f.so.3", "libfftw3f.so", "libfftw3f.3.dylib", "libfftw3f.dylib"));
        failure = r.failure();
        return r.lib();
    }

    /** Outcome of trying candidate names/paths in order: the first that loads, or why none did. */
    record Loaded(Optional<FftwLibrary> lib, String failure) {}

    static Loaded tryLoad(List<String> candidates) {
        List<String> tried = new ArrayList<>();
        for (String cand : candidates) {
            try {
                return new Loaded(Optional.of(new FftwLibrary(lookup(cand), cand)), "");
            } catch (IllegalCallerException e) {
                return new Loaded(Optional.empty(), "native access disabled (run java with "
                        + "--enable-native-access=ALL-UNNAMED): " + e.getMessage());
            } catch (RuntimeException e) {
                // IllegalArgumentException: no such library, or a library without FFTW's symbols.
                tried.add(cand);
            }
        }
        return new Loaded(Optional.empty(), "libfftw3f.so.3 not found (tried " + String.join(", ", tried)
                + "): install libfftw3-single3 for ~5x faster FFTs");
    }

    /** -Dsubtomo.fftw.lib first, then the usual install dirs (so we can report the path), then dlopen's search. */
    private static List<String> candidates(String... names) {
        List<String> out = new ArrayList<>();
        String forced = System.getProperty("subtomo.fftw.lib");
        if (forced != null && !forced.isBlank()) { out.add(forced); return out; }
        for (String dir : new String[]{"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64",
                "/usr/lib", "/usr/local/lib", "/opt/homebrew/lib"})
            for (String n : names) if (Files.isRegularFile(Path.of(dir, n))) out.add(dir + "/" + n);
        for (String n : names) out.add(n);
        return out;
    }

    private static SymbolLookup lookup(String nameOrPath) {
        // Arena.global(): the library stays loaded for the JVM's life (plans may outlive any scope).
        return nameOrPath.contains("/") ? SymbolLookup.libraryLookup(Path.of(nameOrPath), Arena.global())
                                        : SymbolLookup.libraryLookup(nameOrPath, Arena.global());
    }

    private FftwLibrary(SymbolLookup lib, String source) {
        Linker l = Linker.nativeLinker();
        // fftwf_plan fftwf_plan_many_dft_r2c(int rank, const int *n, int howmany, float *in, const int *inembed,
        //     int istride, int idist, fftwf_complex *out, const int *onembed, int ostride, int odist, unsigned flags)
        FunctionDescriptor many = FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS,
                JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT);
        FunctionDescriptor exec = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS);
        planR2c = l.downcallHandle(find(lib, "fftwf_plan_many_dft_r2c"), many);
        planC2r = l.downcallHandle(find(lib, "fftwf_plan_many_dft_c2r"), many);
        // Executes are short-lived leaf calls that never call back into Java: critical(false) skips the
        // thread-state transition; critical(true) additionally lets us pass heap float[] without copies.
        execR2c = l.downcallHandle(find(lib, "fftwf_execute_dft_r2c"), exec, Linker.Option.critical(false));
        execC2r = l.downcallHandle(find(lib, "fftwf_execute_dft_c2r"), exec, Linker.Option.critical(false));
        execR2cHeap = l.downcallHandle(find(lib, "fftwf_execute_dft_r2c"), exec, Linker.Option.critical(true));
        execC2rHeap = l.downcallHandle(find(lib, "fftwf_execute_dft_c2r"), exec, Linker.Option.critical(true));
        destroyPlan = l.downcallHandle(find(lib, "fftwf_destroy_plan"), FunctionDescriptor.ofVoid(ADDRESS));
        malloc = l.downcallHandle(find(lib, "fftwf_malloc"), FunctionDescriptor.of(ADDRESS, JAVA_LONG));
        free = l.downcallHandle(find(lib, "fftwf_free"), FunctionDescriptor.ofVoid(ADDRESS));
        // fftwf_version is `const char fftwf_version[]`: the symbol's address is the string itself.
        String v = find(lib, "fftwf_version").reinterpret(64).getString(0);
        this.version = v.startsWith("fftw-") ? v.substring(5) : v;
        this.source = source;
        this.planWithNthreads = initThreads(l, source);
        this.threads = planWithNthreads != null;
    }

    /** libfftw3f_threads is optional: without it plans are single-threaded (our usual case anyway). */
    private static MethodHandle initThreads(Linker l, String mainLib) {
        String dir = mainLib.contains("/") ? mainLib.substring(0, mainLib.lastIndexOf('/') + 1) : "";
        for (String n : new String[]{dir + "libfftw3f_threads.so.3", "libfftw3f_threads.so.3", dir + "libfftw3f_threads.dylib"}) {
            try {
                SymbolLookup t = lookup(n);
                MethodHandle init = l.downcallHandle(find(t, "fftwf_init_threads"), FunctionDescriptor.of(JAVA_INT));
                if ((int) init.invokeExact() == 0) return null;
                return l.downcallHandle(find(t, "fftwf_plan_with_nthreads"), FunctionDescriptor.ofVoid(JAVA_INT));
            } catch (IllegalArgumentException e) {
                // try the next name
            } catch (Throwable e) {
                return null;
            }
        }
        return null;
    }

    private static MemorySegment find(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new IllegalArgumentException("symbol " + name + " missing"));
    }

    /** Human-readable origin for {@code subtomo info}. */
    String describe() {
        return "fftw3f " + version + " from " + source + (threads ? " (threads available)" : " (no libfftw3f_threads)");
    }
}
