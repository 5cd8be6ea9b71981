package org.subtomo.core.io.mrc;

import org.subtomo.core.grid.RealGrid;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * Shows that cutting a window from a large tomogram costs memory and time in proportion to the
 * window, not the file: a sparse 1 GiB float32 map (1024 x 1024 x 256; header plus file length,
 * so it takes no disk space) is opened and a 64^3 window read from its middle. Reports time and
 * the bytes this thread allocated (a 64^3 float window is 1 MiB). Not a test: timings vary.
 */
public final class MrcWindowBench {
    private MrcWindowBench() {}

    static final int NX = 1024, NY = 1024, NZ = 256, W = 64, REPEATS = 20;

    public static void run(PrintStream out) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("subtomo-mrc-bench");
            Path f = dir.resolve("sparse.mrc");
            long length = writeSparse(f);
            out.printf(Locale.ROOT, "sparse float32 map %dx%dx%d, %.2f GiB on disk (length), window %d^3%n",
                    NX, NY, NZ, length / (double) (1L << 30), W);
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long heapBefore = rt.totalMemory() - rt.freeMemory();
            long alloc0 = allocatedBytes();
            long t0 = System.nanoTime();
            double[] windowMs = new double[REPEATS];
            try (MrcReader r = MrcReader.open(f)) {
                long t1 = System.nanoTime();
                RealGrid w = r.readWindow(NX / 2 - W / 2, NY / 2 - W / 2, NZ / 2 - W / 2, W, W, W);
                long t2 = System.nanoTime();
                long alloc1 = allocatedBytes();
                long heapAfter = rt.totalMemory() - rt.freeMemory();
                out.printf(Locale.ROOT, "open + header: %.3f ms; first 64^3 window: %.3f ms (header + window %.3f ms)%n",
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t0) / 1e6);
                out.printf(Locale.ROOT, "allocated by this thread for header + window: %.2f MiB (window itself %.2f MiB); heap used %+.2f MiB%n",
                        alloc1 < 0 ? Double.NaN : (alloc1 - alloc0) / 1048576.0, w.data.length * 4 / 1048576.0,
                        (heapAfter - heapBefore) / 1048576.0);
                long a0 = System.nanoTime();
                r.readWindow(NX / 2 - W / 2, NY / 2 - W / 2, NZ / 2 - W / 2, W, W, W);
                out.printf(Locale.ROOT, "same window again (pages now cached): %.3f ms%n", (System.nanoTime() - a0) / 1e6);
                for (int i = 0; i < REPEATS; i++) {
                    long a = System.nanoTime();
                    r.readWindow(97 * i % (NX - W), 61 * i % (NY - W), 13 * i % (NZ - W), W, W, W);
                    windowMs[i] = (System.nanoTime() - a) / 1e6;
                }
            }
            Arrays.sort(windowMs);
            out.printf(Locale.ROOT, "64^3 windows at %d new places (each touches 4096 uncached pages): median %.3f ms, min %.3f ms, max %.3f ms%n",
                    REPEATS, windowMs[REPEATS / 2], windowMs[0], windowMs[REPEATS - 1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) deleteQuietly(dir);
        }
    }

    /** Header, then the file extended to full length without writing the data (a hole reads as zeros). */
    private static long writeSparse(Path f) throws IOException {
        MrcHeader h = MrcHeader.builder().size(NX, NY, NZ).sampling(NX, NY, NZ).cell(NX, NY, NZ).build();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = MrcHeaderCodec.encode(h).clear();
            while (b.hasRemaining()) ch.write(b, b.position());
            ch.write(ByteBuffer.allocate(1), h.expectedFileLength() - 1);
        }
        return Files.size(f);
    }

    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported())
            return t.getCurrentThreadAllocatedBytes();
        return -1;
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) { /* temp dir: the OS cleans it eventually */ }
    }

    public static void main(String[] args) { run(System.out); }
}
