package org.subtomo.core.fft;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code subtomo bench fft}: milliseconds per r2c + c2r pair (inverse including our 1/N scaling),
 * median over repetitions after warm-up, for each backend available here, in three modes:
 * <ul>
 *   <li>{@code 1 thread}: one plan, one transform at a time;</li>
 *   <li>{@code 2 Java thr}: two Java threads with their own plans transforming independent data at
 *   once (our real usage: parallel over particles); reported as wall time / 2 = per-pair cost;</li>
 *   <li>{@code 2 FFTW thr}: one transform split over FFTW's own 2 threads (FFTW only).</li>
 * </ul>
 * With {@code ceiling}, it also runs scripts/bench/fftw-ceiling.sh (FFTW called from C, same sizes,
 * same MEASURE planner) and prints Java/C ratios.
 */
public final class FftBench {
    private FftBench() {}

    public record Case(String label, int nx, int ny, int nz, int batch) {}

    public static final List<Case> STANDARD = List.of(new Case("64^3", 64, 64, 64, 1), new Case("128^3", 128, 128, 128, 1),
            new Case("256^3", 256, 256, 256, 1), new Case("128x128^2", 128, 128, 1, 128));

    /** @param ceilingScript fftw-ceiling.sh, or null to locate it next to the installation / skip */
    public record Options(List<Case> cases, int reps, int warmup, boolean ceiling, Path ceilingScript) {
        public static Options standard() { return new Options(STANDARD, 7, 2, true, null); }
    }

    private record Row(String backend, String mode, double[] ms) {}

    public static void run(PrintStream out, Options o) {
        List<Case> cases = o.cases();
        out.printf(Locale.ROOT, "FFT benchmark: ms per r2c+c2r pair (inverse incl. 1/N), float32, median of %d after %d warm-up%n",
                o.reps(), o.warmup());
        out.printf(Locale.ROOT, "machine: %d cores, load average %.2f (others' work on shared cores inflates times)%n",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.println("selected: " + Fft.backend().name() + " -- " + Fft.selectionReason());
        List<Row> rows = new ArrayList<>();
        for (FftBackend b : FftBackends.available()) {
            out.println("backend " + b.name() + ": " + b.describe());
            rows.add(new Row(b.name(), "1 thread", timeAll(cases, c -> single(b, c, o))));
            rows.add(new Row(b.name(), "2 Java thr", timeAll(cases, c -> twoJavaThreads(b, c, o))));
            if (b instanceof FftwBackend f) {
                // the alternative transfer: FFTW reads/writes the float[] directly (critical downcall, unaligned plans)
                rows.add(new Row(b.name(), "1 thr heap", timeAll(cases, c -> single(f.withTransfer(FftwBackend.Transfer.HEAP), c, o))));
                if (f.withThreads(2).threads() == 2)
                    rows.add(new Row(b.name(), "2 FFTW thr", timeAll(cases, c -> single(f.withThreads(2), c, o))));
            }
        }
        Map<String, double[]> ceiling = o.ceiling() ? ceiling(out, o, cases) : Map.of();
        ceiling.forEach((mode, ms) -> rows.add(new Row("C fftw3f", mode, ms)));

        out.printf("%n%-12s %-11s", "backend", "mode");
        for (Case c : cases) out.printf(" %11s", c.label());
        out.println();
        for (Row r : rows) {
            out.printf("%-12s %-11s", r.backend(), r.mode());
            for (double v : r.ms()) out.printf(Locale.ROOT, " %11s", Double.isNaN(v) ? "-" : fmt(v));
            out.println();
        }
        for (Row r : rows) {
            double[] c = ceiling.get(r.mode());
            if (!r.backend().equals("fftw3f") || c == null) continue;
            out.printf("%-12s %-11s", "fftw3f / C", r.mode());
            for (int i = 0; i < cases.size(); i++) {
                double q = r.ms()[i] / c[i];
                out.printf(Locale.ROOT, " %11s", Double.isNaN(q) ? "-" : String.format(Locale.ROOT, "%.2fx", q));
            }
            out.println();
        }
        out.println("\n'2 Java thr' = two threads each transforming its own data, wall time / 2 (throughput per pair);"
                + "\n'2 FFTW thr' = one transform split over FFTW's threads; '1 thr heap' = FFTW on the Java arrays"
                + "\n(critical downcall, FFTW_UNALIGNED plans) instead of copying through aligned native buffers.");
    }

    private interface Timer { double ms(Case c) throws Exception; }

    private static double[] timeAll(List<Case> cases, Timer t) {
        double[] ms = new double[cases.size()];
        for (int i = 0; i < ms.length; i++) {
            try { ms[i] = t.ms(cases.get(i)); } catch (Exception | OutOfMemoryError e) { ms[i] = Double.NaN; }
        }
        return ms;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f", v);
    }

    /** Small sizes get proportionally more repetitions (their timings are noisier). */
    private static int reps(Case c, Options o) {
        long n = (long) c.nx() * c.ny() * c.nz() * c.batch();
        return n <= 300_000 ? o.reps() * 4 : o.reps();
    }

    /** One pair's work on a fresh plan with its own arrays. */
    private static final class Worker implements AutoCloseable {
        final FftPlan p; final float[] x, c, y;
        Worker(FftBackend b, Case k, long seed) {
            p = b.plan(k.nx(), k.ny(), k.nz(), k.batch());
            x = FftBench.random(k.nx() * k.ny() * k.nz() * k.batch(), seed);
            c = new float[2 * (k.nx() / 2 + 1) * k.ny() * k.nz() * k.batch()];
            y = new float[x.length];
        }
        void pair() { p.forward(x, c); p.inverse(c, y); }
        @Override public void close() { p.close(); }
    }

    private static double single(FftBackend b, Case k, Options o) {
        try (Worker w = new Worker(b, k, 1)) {
            for (int i = 0; i < o.warmup(); i++) w.pair();
            double[] t = new double[reps(k, o)];
            for (int i = 0; i < t.length; i++) {
                long t0 = System.nanoTime();
                w.pair();
                t[i] = (System.nanoTime() - t0) / 1e6;
            }
            return median(t);
        }
    }

    private static double twoJavaThreads(FftBackend b, Case k, Options o) throws Exception {
        int reps = reps(k, o), rounds = o.warmup() + reps;
        CyclicBarrier start = new CyclicBarrier(3), end = new CyclicBarrier(3);
        Thread[] th = new Thread[2];
        Throwable[] err = new Throwable[1];
        for (int j = 0; j < 2; j++) {
            long seed = j + 1;
            th[j] = Thread.ofPlatform().daemon().start(() -> {
                try (Worker w = new Worker(b, k, seed)) {
                    for (int i = 0; i < rounds; i++) { start.await(); w.pair(); end.await(); }
                } catch (Throwable e) {
                    err[0] = e; start.reset(); end.reset();
                }
            });
        }
        double[] t = new double[reps];
        for (int i = 0; i < rounds; i++) {
            start.await(10, TimeUnit.MINUTES);
            long t0 = System.nanoTime();
            end.await(10, TimeUnit.MINUTES);
            if (i >= o.warmup()) t[i - o.warmup()] = (System.nanoTime() - t0) / 1e6 / 2;
        }
        for (Thread x : th) x.join();
        if (err[0] != null) throw new IllegalStateException(err[0]);
        return median(t);
    }

    static float[] random(int n, long seed) {
        float[] x = new float[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextDouble() - 0.5);
        return x;
    }

    static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    // ---- the C ceiling ----

    /** Runs the C driver with 1 and 2 FFTW threads; empty (with a note) where gcc/FFTW headers are missing. */
    private static Map<String, double[]> ceiling(PrintStream out, Options o, List<Case> cases) {
        Optional<Path> script = Optional.ofNullable(o.ceilingScript()).or(FftBench::findScript);
        Map<String, double[]> res = new LinkedHashMap<>();
        if (script.isEmpty()) { out.println("ceiling: scripts/bench/fftw-ceiling.sh not found next to this installation; skipped"); return res; }
        for (int threads : new int[]{1, 2}) {
            try {
                Map<String, Double> byLabel = runScript(script.get(), threads, o.reps());
                double[] ms = new double[cases.size()];
                for (int i = 0; i < ms.length; i++) ms[i] = byLabel.getOrDefault(cases.get(i).label(), Double.NaN);
                res.put(threads == 1 ? "1 thread" : "2 FFTW thr", ms);
            } catch (Exception e) {
                out.println("ceiling: " + script.get() + " failed (" + e.getMessage() + "); needs gcc and libfftw3-dev");
                break;
            }
        }
        return res;
    }

    static Map<String, Double> runScript(Path script, int threads, int reps) throws Exception {
        Process p = new ProcessBuilder("bash", script.toString(), "measure", Integer.toString(threads), Integer.toString(reps))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, Double> m = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split("\t");
                if (f.length == 2) m.put(f[0], Double.parseDouble(f[1]));
            }
        }
        if (p.waitFor() != 0) throw new IllegalStateException("exit code " + p.exitValue());
        return m;
    }

    /** Walks up from this class's jar/classes dir (and the working dir) to find scripts/bench/fftw-ceiling.sh. */
    static Optional<Path> findScript() {
        List<Path> starts = new ArrayList<>();
        Supplier<Path> codeSource = () -> {
            try { return Path.of(FftBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()); }
            catch (URISyntaxException | RuntimeException e) { return null; }
        };
        Optional.ofNullable(codeSource.get()).ifPresent(starts::add);
        starts.add(Path.of("").toAbsolutePath());
        for (Path s : starts)
            for (Path d = s; d != null; d = d.getParent()) {
                Path f = d.resolve("scripts/bench/fftw-ceiling.sh");
                if (Files.isRegularFile(f)) return Optional.of(f);
            }
        return Optional.empty();
    }
}
