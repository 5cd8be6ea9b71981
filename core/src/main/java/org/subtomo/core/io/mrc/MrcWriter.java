package org.subtomo.core.io.mrc;

import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes MRC files: single images and volumes here, stacks through {@link MrcStackWriter}. Every
 * file goes to a temporary name and is renamed when complete ({@link AtomicFiles}); the header's
 * min/max/mean/rms describe the values actually stored (after any rounding to an integer mode).
 */
public final class MrcWriter {
    private MrcWriter() {}

    /** Bytes converted per write call, so writing never needs a second copy of a large grid. */
    static final int CHUNK_VOXELS = 1 << 20;

    /** A 2D image (nz == 1) is written as a one-image stack (ispg 0), anything else as a volume (ispg 1). */
    public static void write(Path file, RealGrid grid, MrcWriteOptions options) {
        int ispg = grid.is2D() ? MrcHeader.ISPG_IMAGE_STACK : MrcHeader.ISPG_VOLUME;
        int mz = grid.is2D() ? 1 : grid.nz;
        try {
            AtomicFiles.writeChannel(file, ch -> {
                MrcStatistics stats = new MrcStatistics();
                writeData(ch, MrcHeader.SIZE, grid, options, stats);
                writeHeader(ch, header(options, grid.nx, grid.ny, grid.nz, mz, ispg, stats));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    public static void write(Path file, RealGrid grid, double pixelSize) { write(file, grid, MrcWriteOptions.pixelSize(pixelSize)); }

    /** Writes all {@code images} (same size, 2D or 3D) as one stack. */
    public static void writeStack(Path file, List<RealGrid> images, MrcWriteOptions options) {
        MrcStackWriter.write(file, options, sink -> { for (RealGrid g : images) sink.append(g); });
    }

    static MrcHeader header(MrcWriteOptions o, int nx, int ny, int nz, int mz, int ispg, MrcStatistics s) {
        float px = (float) o.pixelSize();
        return MrcHeader.builder()
                .size(nx, ny, nz).mode(o.mode()).ispg(ispg)
                .sampling(nx, ny, mz).cell(px * nx, px * ny, px * mz)
                .origin(o.originX(), o.originY(), o.originZ())
                .statistics((float) s.min(), (float) s.max(), (float) s.mean(), (float) s.rms())
                .labels(o.labels())
                .byteOrder(o.byteOrder(), MrcHeader.OrderSource.MACHINE_STAMP)
                .build();
    }

    static void writeHeader(FileChannel ch, MrcHeader h) throws IOException {
        ByteBuffer b = MrcHeaderCodec.encode(h);
        b.clear();
        writeFully(ch, b, 0);
    }

    /** Encodes {@code grid} at byte {@code position}; returns the position after it. */
    static long writeData(FileChannel ch, long position, RealGrid grid, MrcWriteOptions o, MrcStatistics stats) throws IOException {
        VoxelCodec codec = new VoxelCodec(o.mode(), true);
        int chunk = Math.min(CHUNK_VOXELS, grid.data.length);
        ByteBuffer buf = ByteBuffer.allocate(chunk * o.mode().bytesPerVoxel).order(o.byteOrder());
        for (int done = 0; done < grid.data.length; done += chunk) {
            int n = Math.min(chunk, grid.data.length - done);
            buf.clear();
            codec.encode(grid.data, done, n, buf, stats);
            buf.flip();
            position = writeFully(ch, buf, position);
        }
        return position;
    }

    private static long writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) position += ch.write(b, position);
        return position;
    }
}
