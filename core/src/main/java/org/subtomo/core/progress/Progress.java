package org.subtomo.core.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Progress of one long task (per tomogram, per particle, per iteration) with an ETA.
 *
 * <p>On a terminal it redraws one bar in place; in logs and CI (no terminal, or {@code CI} set) it
 * prints plain lines, at most one every {@code minIntervalMs} and at each tenth, so that logs stay
 * short. Thread-safe: workers call {@link #step()} from any thread.
 */
public final class Progress implements AutoCloseable {
    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final long minIntervalMs;
    private final LongSupplier clockMs;
    private final long startMs;
    private final AtomicLong done = new AtomicLong();
    private long lastPrintMs = Long.MIN_VALUE / 2;
    private int lastTenth = -1;
    private long lastPrintedDone = -1;
    private boolean finished;

    Progress(String label, long total, PrintStream out, boolean terminal, long minIntervalMs, LongSupplier clockMs) {
        this.label = label; this.total = Math.max(0, total); this.out = out; this.terminal = terminal;
        this.minIntervalMs = minIntervalMs; this.clockMs = clockMs; this.startMs = clockMs.getAsLong();
    }

    /** Progress on stderr, as a bar on a terminal and as plain lines elsewhere. */
    public static Progress start(String label, long total) {
        return new Progress(label, total, System.err, isTerminal(), 5000, System::currentTimeMillis);
    }

    /** Plain lines on the given stream (logs, tests). */
    public static Progress plain(String label, long total, PrintStream out, long minIntervalMs, LongSupplier clockMs) {
        return new Progress(label, total, out, false, minIntervalMs, clockMs);
    }

    static boolean isTerminal() { return barWanted(System.getenv(), stderrIsTerminal()); }

    /** Whether stderr (where the bar goes) is a terminal: on Linux from /proc, else Java's console (stdin and stdout). */
    static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | RuntimeException e) {
            java.io.Console c = System.console();
            return c != null && c.isTerminal();
        }
    }

    /**
     * A redrawn bar only on an interactive terminal: not in CI ({@code CI} set to anything but "false"),
     * not on a dumb terminal ({@code TERM=dumb}, e.g. an editor's console), not when stderr goes to a file.
     */
    static boolean barWanted(java.util.Map<String, String> env, boolean consoleIsTerminal) {
        String ci = env.get("CI");
        if (ci != null && !ci.equalsIgnoreCase("false")) return false;
        if ("dumb".equals(env.get("TERM"))) return false;
        return consoleIsTerminal;
    }

    /** As {@link #start} but with the display decided by the caller (tests). */
    static Progress start(String label, long total, PrintStream out, boolean terminal, LongSupplier clockMs) {
        return new Progress(label, total, out, terminal, 5000, clockMs);
    }

    public void step() { advance(1); }

    /** Counts n units done; throws {@link Abort.AbortedException} when the running job was asked to stop. */
    public void advance(long n) {
        long d = done.addAndGet(n);
        report(d, false);
        Abort.poll();
    }

    public long done() { return done.get(); }

    private synchronized void report(long d, boolean last) {
        if (finished || (last && !terminal && d == lastPrintedDone)) return;
        long now = clockMs.getAsLong();
        int tenth = total == 0 ? 10 : (int) Math.min(10, 10 * d / total);
        if (terminal) {
            if (!last && now - lastPrintMs < 200) return;   // redraw at most 5 times a second
            out.print("\r" + line(d, now, true));
            if (last) out.println();
        } else {
            if (!last && tenth == lastTenth && now - lastPrintMs < minIntervalMs) return;
            out.println(line(d, now, false));
        }
        out.flush();
        lastPrintMs = now;
        lastTenth = tenth;
        lastPrintedDone = d;
    }

    String line(long d, long now, boolean bar) {
        double f = total == 0 ? 1 : Math.min(1, (double) d / total);
        long elapsed = now - startMs;
        String eta = d == 0 || d >= total ? "" : " ETA " + duration((long) (elapsed * (total - d) / (double) d));
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (bar) {
            int w = 30, full = (int) Math.round(f * w);
            sb.append('[').append("#".repeat(full)).append(" ".repeat(w - full)).append("] ");
        }
        sb.append(d).append('/').append(total).append(String.format(Locale.ROOT, " (%.0f%%) %s", 100 * f, duration(elapsed))).append(eta);
        return sb.toString();
    }

    static String duration(long ms) {
        long s = Math.round(ms / 1000.0);
        if (s < 60) return s + " s";
        if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** Prints the final line (100% and the total time). */
    @Override public void close() {
        report(done.get(), true);
        synchronized (this) { finished = true; }
    }
}
