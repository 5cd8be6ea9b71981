package org.subtomo.core.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Independent items on a pool of a given size (a stage's --j), with the first item's failure rethrown as is. */
public final class Parallel {
    private Parallel() {}

    /** Runs {@code body} for every i in [from, to) on {@code threads} workers; returns when all are done. */
    public static void forEach(int threads, int from, int to, IntConsumer body) {
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            pool.submit(() -> IntStream.range(from, to).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
