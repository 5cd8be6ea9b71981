package org.subtomo.app.pipeline;

import org.subtomo.core.error.InputException;
import org.subtomo.core.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A project's {@code default_pipeline.star}, changed only under a lock so that two jobs started at once
 * (or a RELION GUI open on the same project) never lose each other's updates. The lock is RELION 3.1's own:
 * the directory {@code .relion_lock} (its creation is atomic) holding {@code lock_default_pipeline.star};
 * the file is rewritten atomically before the lock is released.
 */
public final class Pipeline {
    public static final String FILE = "default_pipeline.star";
    static final String LOCK_DIR = ".relion_lock", LOCK_FILE = "lock_" + FILE;

    private final Path project;
    private final long lockTimeoutMs;

    public Pipeline(Path project) { this(project, 120_000); }

    Pipeline(Path project, long lockTimeoutMs) { this.project = project; this.lockTimeoutMs = lockTimeoutMs; }

    public Path project() { return project; }
    public Path file() { return project.resolve(FILE); }

    /** Whether {@code dir} is a pipeline project (has default_pipeline.star). */
    public static boolean exists(Path dir) { return Files.isRegularFile(dir.resolve(FILE)); }

    /** Creates an empty pipeline (job counter 1) unless one is there; returns it. */
    public static Pipeline init(Path dir) {
        Pipeline p = new Pipeline(dir);
        if (!exists(dir)) {
            try {
                Files.createDirectories(dir);
                AtomicFiles.writeString(p.file(), new PipelineState().toStar());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + p.file() + ": " + e.getMessage(), e);
            }
        }
        return p;
    }

    /** The current state, read without the lock (for listing). */
    public PipelineState read() {
        try {
            return PipelineState.read(file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file() + ": " + e.getMessage(), e);
        }
    }

    /** Reads, changes and rewrites the pipeline under the lock; returns what {@code change} returns. */
    public <T> T update(Function<PipelineState, T> change) {
        Path lockDir = project.resolve(LOCK_DIR);
        lock(lockDir);
        try {
            PipelineState s = PipelineState.read(file());
            T result = change.apply(s);
            AtomicFiles.writeString(file(), s.toStar());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file() + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(lockDir.resolve(LOCK_FILE));
                Files.deleteIfExists(lockDir);
            } catch (IOException ignored) {
                // a lock left behind is reported, with the fix, by the next lock()
            }
        }
    }

    private void lock(Path lockDir) {
        long deadline = System.currentTimeMillis() + lockTimeoutMs;
        while (true) {
            try {
                Files.createDirectory(lockDir);
                Files.createFile(lockDir.resolve(LOCK_FILE));
                return;
            } catch (FileAlreadyExistsException e) {
                if (System.currentTimeMillis() > deadline)
                    throw new InputException(file() + " has been locked by another job (or RELION) for " + lockTimeoutMs / 1000
                            + " s; if no job is running, remove " + lockDir + " and try again");
                try {
                    Thread.sleep(20 + (long) (Math.random() * 30));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the pipeline lock", ie);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + file() + ": " + e.getMessage(), e);
            }
        }
    }
}
