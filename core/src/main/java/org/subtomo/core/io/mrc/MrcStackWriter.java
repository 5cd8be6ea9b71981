package org.subtomo.core.io.mrc;

import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Writes a stack one image at a time, so a stack of any length needs the memory of one image:
 * <pre>{@code
 * MrcStackWriter.write(path, options, sink -> { for (...) sink.append(image); });
 * }</pre>
 * 2D images make an image stack (ispg 0, RELION's .mrcs); 3D images a volume stack (ispg 401,
 * mz = depth of one volume). The header, with statistics over all images, is written last, and
 * the file appears under its name only when the body has finished without error.
 */
public final class MrcStackWriter {
    /** Receives the images of the stack in order. */
    public interface Sink { void append(RealGrid image); }

    @FunctionalInterface public interface Body { void writeTo(Sink sink) throws IOException; }

    private MrcStackWriter() {}

    public static void write(Path file, MrcWriteOptions options, Body body) {
        try {
            AtomicFiles.writeChannel(file, ch -> {
                Appender a = new Appender(ch, options);
                body.writeTo(a);
                if (a.count == 0) throw new IllegalStateException(file + ": a stack needs at least one image");
                boolean volumes = a.nz > 1;
                MrcHeader h = MrcWriter.header(options, a.nx, a.ny, a.count * a.nz, volumes ? a.nz : 1,
                        volumes ? MrcHeader.ISPG_VOLUME_STACK : MrcHeader.ISPG_IMAGE_STACK, a.stats);
                MrcWriter.writeHeader(ch, h);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static final class Appender implements Sink {
        private final FileChannel ch;
        private final MrcWriteOptions options;
        private final MrcStatistics stats = new MrcStatistics();
        private long position = MrcHeader.SIZE;
        private int count, nx, ny, nz;

        Appender(FileChannel ch, MrcWriteOptions options) { this.ch = ch; this.options = options; }

        @Override public void append(RealGrid image) {
            if (count == 0) { nx = image.nx; ny = image.ny; nz = image.nz; }
            else if (image.nx != nx || image.ny != ny || image.nz != nz)
                throw new IllegalArgumentException("stack image " + (count + 1) + " is " + image.nx + "x" + image.ny + "x" + image.nz
                        + ", the first was " + nx + "x" + ny + "x" + nz + "; all images in a stack must have one size");
            try {
                position = MrcWriter.writeData(ch, position, image, options, stats);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            count++;
        }
    }
}
