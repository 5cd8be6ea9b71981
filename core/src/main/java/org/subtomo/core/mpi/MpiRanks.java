package org.subtomo.core.mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * MPI_COMM_WORLD through {@link MpiLibrary}. Arrays travel through one reusable native buffer in chunks
 * of at most {@code chunkBytes} (default 16 MiB, {@code -Dsubtomo.mpi.chunk_bytes}): this bounds native
 * memory and keeps every count within MPI's {@code int}, so volumes of any size (over 2^31 bytes) go
 * through. Only the thread that initialised MPI calls it (MPI_THREAD_SINGLE use: the stages call
 * collectives from their main thread, between parallel sections).
 */
final class MpiRanks implements Ranks {
    private final MpiLibrary mpi;
    private final int rank, size;
    private final long chunkBytes;
    private final Arena arena = Arena.ofShared();
    private MemorySegment buf = MemorySegment.NULL, buf2 = MemorySegment.NULL;
    private long bytes;
    private boolean finalized;

    MpiRanks(MpiLibrary mpi, long chunkBytes) {
        this.mpi = mpi;
        this.chunkBytes = Math.max(64, chunkBytes);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment flag = a.allocate(JAVA_INT);
            check("MPI_Initialized", (int) mpi.initialized.invokeExact(flag));
            if (flag.get(JAVA_INT, 0) == 0) check("MPI_Init", (int) mpi.init.invokeExact(MemorySegment.NULL, MemorySegment.NULL));
            MemorySegment v = a.allocate(JAVA_INT);
            check("MPI_Comm_rank", (int) mpi.commRank.invokeExact(mpi.commWorld, v));
            rank = v.get(JAVA_INT, 0);
            check("MPI_Comm_size", (int) mpi.commSize.invokeExact(mpi.commWorld, v));
            size = v.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override public int rank() { return rank; }
    @Override public int size() { return size; }

    @Override public String describe() {
        String v;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(256), len = a.allocate(JAVA_INT);   // MPI_MAX_LIBRARY_VERSION_STRING is 256
            check("MPI_Get_library_version", (int) mpi.libraryVersion.invokeExact(s, len));
            v = s.getString(0).lines().findFirst().orElse("").trim();
            v = v.replaceFirst(",.*", "");
        } catch (Throwable t) {
            v = mpi.source;
        }
        return size + " MPI ranks (" + v + ")";
    }

    @Override public void barrier() {
        try { check("MPI_Barrier", (int) mpi.barrier.invokeExact(mpi.commWorld)); } catch (Throwable t) { throw rethrow(t); }
    }

    // --- broadcast -----------------------------------------------------------------------------------

    @Override public void broadcast(double[] a) {
        int per = chunkElems(8);
        MemorySegment b = buffer(per * 8L);
        for (int off = 0; off < a.length; off += per) {
            int n = Math.min(per, a.length - off);
            if (rank == 0) MemorySegment.copy(a, off, b, JAVA_DOUBLE, 0, n);
            bcast(b, n, mpi.typeDouble, n * 8L);
            if (rank != 0) MemorySegment.copy(b, JAVA_DOUBLE, 0, a, off, n);
        }
    }

    @Override public void broadcast(float[] a) {
        int per = chunkElems(4);
        MemorySegment b = buffer(per * 4L);
        for (int off = 0; off < a.length; off += per) {
            int n = Math.min(per, a.length - off);
            if (rank == 0) MemorySegment.copy(a, off, b, JAVA_FLOAT, 0, n);
            bcast(b, n, mpi.typeFloat, n * 4L);
            if (rank != 0) MemorySegment.copy(b, JAVA_FLOAT, 0, a, off, n);
        }
    }

    @Override public void broadcast(int[] a) {
        int per = chunkElems(4);
        MemorySegment b = buffer(per * 4L);
        for (int off = 0; off < a.length; off += per) {
            int n = Math.min(per, a.length - off);
            if (rank == 0) MemorySegment.copy(a, off, b, JAVA_INT, 0, n);
            bcast(b, n, mpi.typeInt, n * 4L);
            if (rank != 0) MemorySegment.copy(b, JAVA_INT, 0, a, off, n);
        }
    }

    private void bcast(MemorySegment b, int n, MemorySegment type, long nbytes) {
        try { check("MPI_Bcast", (int) mpi.bcast.invokeExact(b, n, type, 0, mpi.commWorld)); } catch (Throwable t) { throw rethrow(t); }
        // a binomial tree moves each byte once into every non-root rank
        bytes += nbytes;
    }

    // --- reductions -----------------------------------------------------------------------------------

    @Override public void allreduceSum(double[] a) {
        int per = chunkElems(8);
        MemorySegment in = buffer(per * 8L), out = buffer2(per * 8L);
        for (int off = 0; off < a.length; off += per) {
            int n = Math.min(per, a.length - off);
            MemorySegment.copy(a, off, in, JAVA_DOUBLE, 0, n);
            allreduce(in, out, n, mpi.typeDouble, n * 8L);
            MemorySegment.copy(out, JAVA_DOUBLE, 0, a, off, n);
        }
    }

    @Override public void allreduceSum(float[] a) {
        int per = chunkElems(4);
        MemorySegment in = buffer(per * 4L), out = buffer2(per * 4L);
        for (int off = 0; off < a.length; off += per) {
            int n = Math.min(per, a.length - off);
            MemorySegment.copy(a, off, in, JAVA_FLOAT, 0, n);
            allreduce(in, out, n, mpi.typeFloat, n * 4L);
            MemorySegment.copy(out, JAVA_FLOAT, 0, a, off, n);
        }
    }

    private void allreduce(MemorySegment in, MemorySegment out, int n, MemorySegment type, long nbytes) {
        try {
            check("MPI_Allreduce", (int) mpi.allreduce.invokeExact(in, out, n, type, mpi.opSum, mpi.commWorld));
        } catch (Throwable t) { throw rethrow(t); }
        bytes += 2 * nbytes;   // ring/recursive-doubling all-reduce: about 2x the payload in and out per rank
    }

    @Override public void sumInRankOrder(double[] a) {
        // every rank gathers everyone's chunk and adds them in rank order: (r0 + r1) + r2 + ...
        int per = Math.max(1, chunkElems(8) / size);
        MemorySegment in = buffer(per * 8L), all = buffer2((long) per * size * 8L);
        for (int off = 0; off < a.length; off += per) {
            int n = Math.min(per, a.length - off);
            MemorySegment.copy(a, off, in, JAVA_DOUBLE, 0, n);
            try {
                check("MPI_Allgather", (int) mpi.allgather.invokeExact(in, n, mpi.typeDouble, all, n, mpi.typeDouble, mpi.commWorld));
            } catch (Throwable t) { throw rethrow(t); }
            bytes += (long) n * 8L * size;   // own chunk out, (size-1) chunks in
            for (int i = 0; i < n; i++) {
                double s = all.getAtIndex(JAVA_DOUBLE, i);
                for (int r = 1; r < size; r++) s += all.getAtIndex(JAVA_DOUBLE, (long) r * n + i);
                a[off + i] = s;
            }
        }
    }

    // --- gathers --------------------------------------------------------------------------------------

    @Override public double[] allGather(double[] local, int[] counts) { return gatherv(local, counts, true); }

    @Override public double[] gatherToLeader(double[] local, int[] counts) { return gatherv(local, counts, false); }

    /** One MPI_(All)Gatherv per round; each round moves at most chunk bytes per rank. */
    private double[] gatherv(double[] local, int[] counts, boolean all) {
        if (counts.length != size || counts[rank] != local.length)
            throw new IllegalArgumentException("rank " + rank + ": counts " + java.util.Arrays.toString(counts) + ", holding " + local.length);
        long total = 0;
        int max = 0;
        for (int c : counts) { total += c; max = Math.max(max, c); }
        if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("gather of " + total + " values: too many for one Java array");
        double[] out = all || rank == 0 ? new double[(int) total] : null;
        int per = Math.max(1, chunkElems(8) / size);
        MemorySegment in = buffer(per * 8L), recv = buffer2((long) per * size * 8L);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment rc = a.allocate(JAVA_INT, size), dis = a.allocate(JAVA_INT, size);
            for (int round = 0; (long) round * per < max; round++) {
                int base = round * per, disp = 0;
                int[] n = new int[size];
                for (int r = 0; r < size; r++) {
                    n[r] = Math.max(0, Math.min(per, counts[r] - base));
                    rc.setAtIndex(JAVA_INT, r, n[r]);
                    dis.setAtIndex(JAVA_INT, r, disp);
                    disp += n[r];
                }
                if (n[rank] > 0) MemorySegment.copy(local, base, in, JAVA_DOUBLE, 0, n[rank]);
                if (all) check("MPI_Allgatherv", (int) mpi.allgatherv.invokeExact(in, n[rank], mpi.typeDouble, recv, rc, dis,
                        mpi.typeDouble, mpi.commWorld));
                else check("MPI_Gatherv", (int) mpi.gatherv.invokeExact(in, n[rank], mpi.typeDouble, recv, rc, dis,
                        mpi.typeDouble, 0, mpi.commWorld));
                bytes += n[rank] * 8L + (all || rank == 0 ? (disp - n[rank]) * 8L : 0);
                if (out != null) {
                    long start = 0;
                    for (int r = 0; r < size; r++) {
                        long dst = base;
                        for (int q = 0; q < r; q++) dst += counts[q];
                        if (n[r] > 0) MemorySegment.copy(recv, JAVA_DOUBLE, start * 8L, out, (int) dst, n[r]);
                        start += n[r];
                    }
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return out;
    }

    @Override public long bytesCommunicated() { return bytes; }

    @Override public void abort(int exitCode) {
        try { int ignored = (int) mpi.abort.invokeExact(mpi.commWorld, exitCode == 0 ? 1 : exitCode); } catch (Throwable ignored) {}
    }

    /** MPI_Finalize (once; every rank must call it before exiting normally). */
    synchronized void finish() {
        if (finalized) return;
        finalized = true;
        try {
            check("MPI_Finalize", (int) mpi.finalizeH.invokeExact());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // --- helpers --------------------------------------------------------------------------------------

    private int chunkElems(int elemBytes) { return (int) Math.min(Integer.MAX_VALUE / 2, chunkBytes / elemBytes); }

    private MemorySegment buffer(long n) {
        if (buf.byteSize() < n) buf = arena.allocate(Math.max(n, 64), 64);
        return buf;
    }

    private MemorySegment buffer2(long n) {
        if (buf2.byteSize() < n) buf2 = arena.allocate(Math.max(n, 64), 64);
        return buf2;
    }

    private static void check(String call, int rc) {
        if (rc != 0) throw new IllegalStateException(call + " failed with MPI error " + rc);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
