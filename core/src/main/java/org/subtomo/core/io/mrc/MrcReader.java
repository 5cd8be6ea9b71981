package org.subtomo.core.io.mrc;

import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random access to one MRC/MRCS file. Opening reads only the header and checks that the file is
 * long enough for the data the header promises; each read then fetches just the voxels it needs
 * with positioned reads, so cutting a 64^3 window from a 10 GB tomogram costs 64^3 voxels of
 * memory. Positioned reads (not memory mapping) because they have no address-space or unmapping
 * issues and the OS page cache already makes repeated reads cheap.
 *
 * <p>Image indices are 0-based; use {@link ImageRef} for RELION's 1-based {@code N@stack.mrcs}.
 * Reads are safe from several threads at once (positioned reads share no file position).
 */
public final class MrcReader implements AutoCloseable {
    /** Largest single read; bigger requests are split so the scratch buffer stays small. */
    private static final int MAX_CHUNK_BYTES = 8 << 20;
    /** Windows whose rows span at most this many bytes per section are read one section at a time. */
    private static final int SPAN_READ_BYTES = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final MrcHeader header;
    private final VoxelCodec codec;

    private MrcReader(Path file, FileChannel channel, MrcHeader header) {
        this.file = file; this.channel = channel; this.header = header;
        this.codec = new VoxelCodec(header.mode, header.signedBytes());
    }

    public static MrcReader open(Path file) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw InputException.inFile(file, "no such file");
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot open: " + e.getMessage());
        }
        try {
            long length = ch.size();
            if (length < MrcHeader.SIZE)
                throw InputException.inFile(file, "not an MRC file or truncated: " + length + " bytes, shorter than the "
                        + MrcHeader.SIZE + "-byte MRC header");
            ByteBuffer raw = ByteBuffer.allocate(MrcHeader.SIZE);
            readFully(ch, raw, 0, file);
            MrcHeader h = MrcHeaderCodec.decode(raw.flip(), file);
            if (length < h.expectedFileLength())
                throw InputException.inFile(file, "truncated: the header promises " + h.nx + " x " + h.ny + " x " + h.nz
                        + " voxels of mode " + h.mode.code + " after " + h.dataOffset() + " header bytes, "
                        + h.expectedFileLength() + " bytes in all, but the file has " + length
                        + " bytes; copy or write it again");
            return new MrcReader(file, ch, h);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /** Reads what {@code ref} names: one image of a stack, or the whole file. */
    public static RealGrid read(ImageRef ref) {
        try (MrcReader r = open(ref.file())) {
            return ref.isWholeFile() ? r.readAll() : r.readImage(ref.index().getAsInt());
        }
    }

    /** {@link #read(ImageRef)} of a name such as {@code map.mrc} or {@code 000012@stack.mrcs}. */
    public static RealGrid read(String nameOrRef) { return read(ImageRef.parse(nameOrRef)); }

    public Path file() { return file; }
    public MrcHeader header() { return header; }

    /** The raw extended header ({@code nsymbt} bytes), in the file's byte order; empty if none. */
    public ByteBuffer extendedHeader() {
        ByteBuffer b = ByteBuffer.allocate(header.nsymbt).order(header.byteOrder);
        readFully(b, MrcHeader.SIZE);
        return b.flip();
    }

    /** Tilt angles (degrees) recorded in the extended header, one per section; empty if none are. */
    public double[] tiltAngles() { return ExtendedHeaders.tiltAngles(header, extendedHeader()); }

    /** The whole file as one grid (nx x ny x nz). */
    public RealGrid readAll() { return readSections(0, header.nz); }

    /** Section {@code z} (0-based) as a 2D image. */
    public RealGrid readSection(int z) { return readSections(z, 1); }

    /** {@code count} consecutive sections starting at {@code z0}. */
    public RealGrid readSections(int z0, int count) {
        if (z0 < 0 || count < 1 || (long) z0 + count > header.nz)
            throw InputException.inFile(file, "sections " + z0 + ".." + ((long) z0 + count - 1) + " requested, the file has sections 0.."
                    + (header.nz - 1));
        RealGrid g = newGrid(header.nx, header.ny, count);
        readVoxels((long) z0 * header.nx * header.ny, g.data, 0, g.data.length, scratch(g.data.length));
        return g;
    }

    /**
     * Image {@code index} (0-based): a section of an image stack or volume, or one volume of a
     * volume stack (ispg 401).
     */
    public RealGrid readImage(int index) {
        int n = header.imageCount();
        if (index < 0 || index >= n)
            throw InputException.inFile(file, "image " + (index + 1) + " (" + (index + 1) + "@" + file.getFileName()
                    + ") requested, the file holds " + n + " image" + (n == 1 ? "" : "s") + " (1.." + n + ")");
        int d = header.imageDepth();
        return readSections(index * d, d);
    }

    /** The window {@code [x0, x0+wx) x [y0, y0+wy) x [z0, z0+wz)}; it must lie inside the volume. */
    public RealGrid readWindow(int x0, int y0, int z0, int wx, int wy, int wz) {
        checkWindowSize(wx, wy, wz);
        if (x0 < 0 || y0 < 0 || z0 < 0 || (long) x0 + wx > header.nx || (long) y0 + wy > header.ny || (long) z0 + wz > header.nz)
            throw InputException.inFile(file, "window x " + x0 + ".." + ((long) x0 + wx - 1) + ", y " + y0 + ".." + ((long) y0 + wy - 1)
                    + ", z " + z0 + ".." + ((long) z0 + wz - 1) + " reaches outside the volume (0.." + (header.nx - 1) + ", 0.."
                    + (header.ny - 1) + ", 0.." + (header.nz - 1) + "); move the window or read it with a fill value");
        return readWindow(x0, y0, z0, wx, wy, wz, 0f);
    }

    /** The window, with voxels outside the volume set to {@code fill} (e.g. particles near an edge). */
    public RealGrid readWindow(int x0, int y0, int z0, int wx, int wy, int wz, float fill) {
        checkWindowSize(wx, wy, wz);
        RealGrid g = newGrid(wx, wy, wz);
        int xs = Math.max(x0, 0), xe = (int) Math.min((long) x0 + wx, header.nx);
        int ys = Math.max(y0, 0), ye = (int) Math.min((long) y0 + wy, header.ny);
        int zs = Math.max(z0, 0), ze = (int) Math.min((long) z0 + wz, header.nz);
        boolean partial = xs > x0 || ys > y0 || zs > z0 || xe < x0 + (long) wx || ye < y0 + (long) wy || ze < z0 + (long) wz;
        if (partial) g.fill(fill);
        if (xs >= xe || ys >= ye || zs >= ze) return g;
        int run = xe - xs, rows = ye - ys, bpv = header.mode.bytesPerVoxel;
        // When the rows' whole span in a section is small, fetch it with one read and decode just
        // the window's part of each row (64 reads instead of 4096 for a 64^3 window); otherwise
        // read row by row, so memory stays bounded by SPAN_READ_BYTES whatever the map's width.
        long spanBytes = (long) header.nx * rows * bpv;
        boolean spanRead = spanBytes <= SPAN_READ_BYTES;
        ByteBuffer scratch = spanRead ? ByteBuffer.allocate((int) spanBytes).order(header.byteOrder) : scratch(run);
        for (int z = zs; z < ze; z++) {
            long rowsStart = ((long) z * header.ny + ys) * header.nx;
            if (spanRead) {
                scratch.clear();
                readFully(scratch, header.dataOffset() + rowsStart * bpv);
                for (int y = 0; y < rows; y++) {
                    scratch.position(((y * header.nx) + xs) * bpv);
                    codec.decode(scratch, g.data, g.index(xs - x0, ys - y0 + y, z - z0), run);
                }
            } else {
                for (int y = 0; y < rows; y++)
                    readVoxels(rowsStart + (long) y * header.nx + xs, g.data, g.index(xs - x0, ys - y0 + y, z - z0), run, scratch);
            }
        }
        return g;
    }

    /** Min/max/mean/rms recomputed from the data, streaming in chunks (the file is never held whole). */
    public MrcStatistics computeStatistics() {
        MrcStatistics s = new MrcStatistics();
        int chunkVoxels = MAX_CHUNK_BYTES / header.mode.bytesPerVoxel;
        float[] buf = new float[(int) Math.min(chunkVoxels, header.voxelCount())];
        ByteBuffer scratch = scratch(buf.length);
        for (long v = 0; v < header.voxelCount(); v += buf.length) {
            int n = (int) Math.min(buf.length, header.voxelCount() - v);
            readVoxels(v, buf, 0, n, scratch);
            s.add(buf, 0, n);
        }
        return s;
    }

    @Override public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- internals ----

    private void checkWindowSize(int wx, int wy, int wz) {
        if (wx < 1 || wy < 1 || wz < 1)
            throw new IllegalArgumentException("window size must be >= 1: " + wx + "x" + wy + "x" + wz);
    }

    private RealGrid newGrid(int nx, int ny, int nz) {
        long n = (long) nx * ny * nz;
        if (n > Integer.MAX_VALUE - 16)
            throw InputException.inFile(file, nx + " x " + ny + " x " + nz + " voxels are too many for one grid; read it by windows or sections");
        return new RealGrid(nx, ny, nz);
    }

    private ByteBuffer scratch(long voxels) {
        long bytes = Math.min(voxels * header.mode.bytesPerVoxel, MAX_CHUNK_BYTES);
        return ByteBuffer.allocate((int) bytes).order(header.byteOrder);
    }

    /** Decodes {@code n} voxels starting at voxel number {@code first} of the data block. */
    private void readVoxels(long first, float[] dst, int off, int n, ByteBuffer scratch) {
        int bpv = header.mode.bytesPerVoxel;
        int perChunk = scratch.capacity() / bpv;
        long pos = header.dataOffset() + first * bpv;
        for (int done = 0; done < n; ) {
            int k = Math.min(perChunk, n - done);
            scratch.clear().limit(k * bpv);
            readFully(scratch, pos);
            scratch.flip();
            codec.decode(scratch, dst, off + done, k);
            done += k;
            pos += (long) k * bpv;
        }
    }

    private void readFully(ByteBuffer b, long position) { 
        try {
            readFully(channel, b, position, file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position, Path file) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, position);
            if (r < 0)
                throw InputException.inFile(file, "truncated: unexpected end of file at byte " + position
                        + " (the file shrank while being read?)");
            position += r;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try { ch.close(); } catch (IOException ignored) { /* already failing with a better message */ }
    }
}
