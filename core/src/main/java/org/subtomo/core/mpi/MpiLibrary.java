package org.subtomo.core.mpi;

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

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Open MPI's C library (libmpi.so.40, Debian libopenmpi3) bound through the Foreign Function &amp;
 * Memory API: no mpi.jar, no JNI code. Open MPI's handles are pointers to global objects, so
 * MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM, ... are the addresses of the symbols {@code ompi_mpi_comm_world},
 * {@code ompi_mpi_float}, {@code ompi_mpi_op_sum}, ... (as mpi.h's macros expand them).
 *
 * <p>The library is opened with {@code RTLD_GLOBAL} first (dlopen through FFM), as mpi4py does, so the
 * MCA plugins Open MPI loads at MPI_Init can resolve libmpi's symbols.
 */
final class MpiLibrary {
    static final int RTLD_NOW = 2, RTLD_GLOBAL = 0x100;

    final String source;
    final MemorySegment commWorld, typeFloat, typeDouble, typeInt, typeByte, opSum;
    final MethodHandle init, initialized, finalized, finalizeH, commRank, commSize, barrier, bcast, allreduce,
            allgather, allgatherv, gatherv, abort, libraryVersion;

    private MpiLibrary(SymbolLookup lib, String source) {
        this.source = source;
        Linker l = Linker.nativeLinker();
        commWorld = find(lib, "ompi_mpi_comm_world");
        typeFloat = find(lib, "ompi_mpi_float");
        typeDouble = find(lib, "ompi_mpi_double");
        typeInt = find(lib, "ompi_mpi_int");
        typeByte = find(lib, "ompi_mpi_byte");
        opSum = find(lib, "ompi_mpi_op_sum");
        FunctionDescriptor p1 = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        FunctionDescriptor p2 = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
        init = l.downcallHandle(find(lib, "MPI_Init"), p2);                 // (int *argc, char ***argv)
        initialized = l.downcallHandle(find(lib, "MPI_Initialized"), p1);   // (int *flag)
        finalized = l.downcallHandle(find(lib, "MPI_Finalized"), p1);
        finalizeH = l.downcallHandle(find(lib, "MPI_Finalize"), FunctionDescriptor.of(JAVA_INT));
        commRank = l.downcallHandle(find(lib, "MPI_Comm_rank"), p2);        // (MPI_Comm, int *)
        commSize = l.downcallHandle(find(lib, "MPI_Comm_size"), p2);
        barrier = l.downcallHandle(find(lib, "MPI_Barrier"), p1);
        // (void *buf, int count, MPI_Datatype, int root, MPI_Comm)
        bcast = l.downcallHandle(find(lib, "MPI_Bcast"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        // (const void *send, void *recv, int count, MPI_Datatype, MPI_Op, MPI_Comm)
        allreduce = l.downcallHandle(find(lib, "MPI_Allreduce"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        // (const void *send, int scount, MPI_Datatype, void *recv, int rcount, MPI_Datatype, MPI_Comm)
        allgather = l.downcallHandle(find(lib, "MPI_Allgather"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        // (const void *send, int scount, MPI_Datatype, void *recv, const int rcounts[], const int displs[], MPI_Datatype, MPI_Comm)
        allgatherv = l.downcallHandle(find(lib, "MPI_Allgatherv"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        // as Allgatherv with int root before the communicator
        gatherv = l.downcallHandle(find(lib, "MPI_Gatherv"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
        abort = l.downcallHandle(find(lib, "MPI_Abort"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        libraryVersion = l.downcallHandle(find(lib, "MPI_Get_library_version"), p2);   // (char *, int *)
    }

    /** Loads the library or throws IllegalStateException saying why not. */
    static MpiLibrary load() {
        List<String> tried = new ArrayList<>();
        for (String cand : candidates()) {
            try {
                dlopenGlobal(cand);
                SymbolLookup lib = cand.contains("/") ? SymbolLookup.libraryLookup(Path.of(cand), Arena.global())
                        : SymbolLookup.libraryLookup(cand, Arena.global());
                return new MpiLibrary(lib, cand);
            } catch (IllegalCallerException e) {
                throw new IllegalStateException("native access disabled (run java with --enable-native-access=ALL-UNNAMED)", e);
            } catch (RuntimeException e) {
                tried.add(cand + " (" + e.getMessage() + ")");
            }
        }
        throw new IllegalStateException("Open MPI's libmpi.so.40 not found (tried " + String.join(", ", tried)
                + "): install openmpi-bin and libopenmpi3");
    }

    private static List<String> candidates() {
        List<String> out = new ArrayList<>();
        String forced = System.getProperty("subtomo.mpi.lib", System.getenv("SUBTOMO_MPI_LIB"));
        if (forced != null && !forced.isBlank()) { out.add(forced); return out; }
        for (String dir : new String[]{"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64/openmpi/lib",
                "/usr/lib64", "/usr/lib", "/usr/local/lib", "/opt/homebrew/lib"})
            for (String n : new String[]{"libmpi.so.40", "libmpi.so"}) if (Files.isRegularFile(Path.of(dir, n))) out.add(dir + "/" + n);
        out.add("libmpi.so.40");
        out.add("libmpi.so");
        return out;
    }

    /** dlopen(name, RTLD_NOW | RTLD_GLOBAL) through libc; the handle is kept open for the JVM's life. */
    private static void dlopenGlobal(String name) {
        Linker l = Linker.nativeLinker();
        MemorySegment dlopen = l.defaultLookup().find("dlopen").orElse(null);
        if (dlopen == null) return;   // not glibc: rely on libraryLookup alone
        MethodHandle h = l.downcallHandle(dlopen, FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) h.invokeExact(a.allocateFrom(name), RTLD_NOW | RTLD_GLOBAL);
            if (handle.address() == 0) throw new IllegalArgumentException("dlopen failed");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MemorySegment find(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new IllegalArgumentException("no symbol " + name + " (not Open MPI?)"));
    }
}
