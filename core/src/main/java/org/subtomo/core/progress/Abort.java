package org.subtomo.core.progress;

import java.util.function.BooleanSupplier;

/**
 * Cooperative abort of the running job: the job runner installs a check (e.g. "does RELION_JOB_ABORT_NOW
 * exist?"), and every {@link Progress} step polls it, so that any stage that reports progress can be
 * aborted between two units of work without knowing about jobs. One job per JVM at a time.
 */
public final class Abort {
    private Abort() {}

    private static volatile BooleanSupplier check = () -> false;

    /** Thrown (from the worker that noticed) when an abort was requested. */
    public static final class AbortedException extends RuntimeException {
        public AbortedException(String message) { super(message); }
    }

    public static void install(BooleanSupplier requested) { check = requested; }

    public static void clear() { check = () -> false; }

    /** Throws {@link AbortedException} when an abort has been requested. */
    public static void poll() {
        if (check.getAsBoolean()) throw new AbortedException("aborted on request (RELION_JOB_ABORT_NOW)");
    }
}
