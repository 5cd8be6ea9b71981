package org.subtomo.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Every output file is written to a temporary name beside its target and renamed when complete,
 * so a crash or a full disk never leaves a half-written MRC or STAR file under the final name.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    @FunctionalInterface public interface StreamWriter { void write(OutputStream out) throws IOException; }
    @FunctionalInterface public interface ChannelWriter { void write(FileChannel ch) throws IOException; }

    /** Temporary sibling of {@code target}: same directory, so the final rename is atomic. */
    public static Path tempFor(Path target) {
        Path abs = target.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".part-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().threadId());
    }

    public static void write(Path target, StreamWriter writer) throws IOException {
        Path tmp = prepare(target);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            writer.write(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        commit(tmp, target);
    }

    public static void writeChannel(Path target, ChannelWriter writer) throws IOException {
        Path tmp = prepare(target);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            writer.write(ch);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        commit(tmp, target);
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static Path prepare(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        return tempFor(target);
    }

    private static void commit(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
