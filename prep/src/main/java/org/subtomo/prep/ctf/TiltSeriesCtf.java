package org.subtomo.prep.ctf;

import org.subtomo.core.concurrent.Parallel;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarStyle;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;
import org.subtomo.core.progress.Progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * CTF estimation for a whole tilt series (protocol steps 8-12): one fit per tilt image, in
 * parallel over images (each worker thread keeps its own FFT plan), with the protocol's two
 * options: averaging the spectra of the two {@code .trial} images of each tilt (step 12) and
 * replacing the defoci of high tilts by the mean of the lower tilts (step 11).
 *
 * <p>Without the step-11 option the series still never keeps a fit it cannot trust: every fit gets
 * an error estimate from its two image halves ({@link #withDefocusErrors}), and a tilt whose own fit
 * is less precise than the lower tilts' spread, or has no ring, or is an outlier, takes the lower
 * tilts' mean ({@link #fallBackWhereImprecise}), flagged in the fit, the STAR file and the notes.
 * Dose-symmetric series lose their high-tilt rings to the exposure (after 90-120 e⁻/Å² only the
 * first one or two rings, below 1/18 Å, remain), so this is what happens to most tilts beyond 30°.
 */
public final class TiltSeriesCtf {
    private TiltSeriesCtf() {}

    /**
     * @param params             the per-image search
     * @param useLowerTiltDefoci for |tilt| &gt; {@code lowerTiltThreshold}, use the mean defocus of the
     *                           images with |tilt| ≤ threshold (RELION script's UseOnlyLowerTiltDefoci)
     * @param lowerTiltThreshold degrees
     * @param threads            worker threads (≥ 1)
     * @param fallBack           give a tilt whose own fit is less precise than the lower tilts' spread the
     *                           lower-tilt mean ({@link #fallBackWhereImprecise})
     */
    public record Options(CtfEstimator.Params params, boolean useLowerTiltDefoci, double lowerTiltThreshold, int threads, boolean fallBack) {
        public Options {
            if (params == null) throw new IllegalArgumentException("params");
            if (useLowerTiltDefoci && !(lowerTiltThreshold >= 0 && lowerTiltThreshold < 90))
                throw new InputException("CTF estimation: lower-tilt threshold " + lowerTiltThreshold + "°: give |tilt| in [0, 90), e.g. 30");
            if (threads < 1) throw new InputException("CTF estimation: threads " + threads + ": must be ≥ 1");
        }

        public static Options of(CtfEstimator.Params params) {
            return new Options(params, false, 30, Math.max(1, Runtime.getRuntime().availableProcessors()), true);
        }

        public Options withLowerTiltDefoci(boolean on, double threshold) { return new Options(params, on, threshold, threads, fallBack); }

        public Options withThreads(int n) { return new Options(params, useLowerTiltDefoci, lowerTiltThreshold, n, fallBack); }

        public Options withFallBack(boolean on) { return new Options(params, useLowerTiltDefoci, lowerTiltThreshold, threads, on); }
    }

    /** One fit per image of a tilt-series stack held in memory. */
    public static List<CtfFit> estimate(List<RealGrid> stack, double[] tilts, Options o, Progress progress) {
        return estimate(stack.size(), i -> List.of(stack.get(i)), tilts, o, progress);
    }

    /**
     * One fit per tilt from the protocol's {@code .trial} stack: 2·N images in tilt-series order
     * (the two images of tilt i are 2i and 2i+1), whose spectra are averaged.
     */
    public static List<CtfFit> estimateFromTrials(List<RealGrid> trials, double[] tilts, Options o, Progress progress) {
        if (trials.size() != 2 * tilts.length)
            throw new InputException("CTF estimation: the .trial stack holds " + trials.size() + " images; it must hold exactly twice the "
                    + tilts.length + " tilts (" + 2 * tilts.length + "), two per tilt in tilt-series order");
        return estimate(tilts.length, i -> List.of(trials.get(2 * i), trials.get(2 * i + 1)), tilts, o, progress);
    }

    /**
     * From files: the aligned tilt series {@code stack} (.mrcs), or, when {@code trials} is not null,
     * the {@code .trial} stack (two images per tilt). Images are read one tilt at a time.
     */
    public static List<CtfFit> estimate(Path stack, Path trials, double[] tilts, Options o, Progress progress) {
        Path file = trials != null ? trials : stack;
        try (MrcReader r = MrcReader.open(file)) {
            int n = r.header().imageCount(), per = trials != null ? 2 : 1;
            if (n != per * tilts.length)
                throw InputException.inFile(file, n + " images, expected " + per * tilts.length + " (" + (per == 2 ? "two per tilt for the "
                        + tilts.length + " tilts of the .tlt file" : "one per tilt of the .tlt file") + ")");
            return estimate(tilts.length, i -> {
                List<RealGrid> imgs = new ArrayList<>(per);
                synchronized (r) { for (int k = 0; k < per; k++) imgs.add(r.readImage(per * i + k)); }
                return imgs;
            }, tilts, o, progress);
        }
    }

    /** The general driver: {@code images.apply(i)} gives the image(s) of tilt i, fitted with averaged spectra. */
    public static List<CtfFit> estimate(int count, IntFunction<List<RealGrid>> images, double[] tilts, Options o, Progress progress) {
        return estimate(count, images, tilts, o, progress, null);
    }

    /** As {@link #estimate(int, IntFunction, double[], Options, Progress)}; {@code notes} (if not null) receives one line per tilt that fell back. */
    public static List<CtfFit> estimate(int count, IntFunction<List<RealGrid>> images, double[] tilts, Options o, Progress progress, List<String> notes) {
        if (tilts.length != count)
            throw new InputException("CTF estimation: " + count + " tilt images but " + tilts.length + " tilt angles; the .tlt file needs one line per image");
        CtfEstimator est = new CtfEstimator(o.params());
        CtfFit[] out = new CtfFit[count];
        Parallel.forEach(o.threads(), 0, count, i -> {
            List<RealGrid> imgs = images.apply(i);
            for (RealGrid g : imgs) o.params().checkImage("tilt image " + (i + 1), g.nx, g.ny);
            out[i] = est.estimate(imgs, tilts[i]);
            if (progress != null) progress.step();
        });
        List<CtfFit> fits = withDefocusErrors(Arrays.asList(out), tilts);
        if (o.fallBack() && !o.useLowerTiltDefoci()) fits = fallBackWhereImprecise(fits, tilts, o.lowerTiltThreshold(), notes);
        return o.useLowerTiltDefoci() ? useLowerTiltDefoci(fits, tilts, o.lowerTiltThreshold()) : List.copyOf(fits);
    }

    /** Median of χ²₁: turns the median of squared Gaussian deviates into their variance. */
    private static final double MEDIAN_CHI2_1 = 0.4549;
    /** Tilts (neighbours in |tilt|, the order of their signal) pooled in each error estimate. */
    static final int POOL = 5;

    /**
     * Each fit's {@link CtfFit#defocusError()}: the two half-image searches of a fit are independent
     * estimates with twice its variance each, so (A − B)²/4 estimates its variance. One pair is a
     * single noisy deviate; the median over the {@value #POOL} tilts nearest in |tilt| (about the same
     * dose and path length, so the same signal), scaled by the median of χ²₁, gives a stable one.
     * NaN where the images hold no whole tile per half.
     */
    static List<CtfFit> withDefocusErrors(List<CtfFit> fits, double[] tilts) {
        int n = fits.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(tilts[a]), Math.abs(tilts[b])));
        List<CtfFit> out = new ArrayList<>(fits);
        for (int k = 0; k < n; k++) {
            int lo = Math.max(0, Math.min(k - POOL / 2, n - POOL)), hi = Math.min(n, lo + POOL);
            List<Double> v = new ArrayList<>();
            for (int j = lo; j < hi; j++) {
                CtfFit f = fits.get(order[j]);
                double d = f.halfDefocusA() - f.halfDefocusB();
                if (Double.isFinite(d)) v.add(d * d / 4);
            }
            double err = v.isEmpty() ? Double.NaN : Math.sqrt(median(v) / MEDIAN_CHI2_1);
            out.set(order[k], fits.get(order[k]).withDefocusError(err));
        }
        return out;
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
    }

    /**
     * The automatic form of protocol step 11: a tilt whose own fit says less about its defocus than
     * the lower tilts do gets the lower tilts' mean (as {@link #useLowerTiltDefoci}, but each weighted
     * by 1/error²), flagged {@link CtfFit#fromLowerTilts()}. The reference is the fits with |tilt| ≤
     * threshold, fitted, with a known error, less any more than 3 robust SDs from their median; its
     * spread σ (weighted SD of their mean defoci: tilt-to-tilt focus changes plus their own noise) is
     * what the mean can promise for any tilt.
     * A tilt falls back when no ring was fitted, its defocus lies more than 3·√(error² + σ²) from the
     * mean (a wrong ring order), or, beyond the threshold, its estimated error exceeds σ (the lower
     * tilts are the reference and keep their own fits, as with RELION's option); its
     * {@link CtfFit#defocusError()} becomes σ. With fewer than 3 reference fits nothing changes. {@code notes} (if not null) receives one line per replaced tilt.
     */
    public static List<CtfFit> fallBackWhereImprecise(List<CtfFit> fits, double[] tilts, double threshold, List<String> notes) {
        List<Integer> ref = new ArrayList<>();
        for (int i = 0; i < fits.size(); i++)
            if (Math.abs(tilts[i]) <= threshold && fits.get(i).fitted() && Double.isFinite(fits.get(i).defocusError())) ref.add(i);
        if (ref.size() < 3) return List.copyOf(fits);
        double med = median(ref.stream().map(i -> fits.get(i).defocus()).toList());
        double mad = 1.4826 * median(ref.stream().map(i -> Math.abs(fits.get(i).defocus() - med)).toList());
        List<CtfFit> kept = new ArrayList<>();
        for (int i : ref) {
            CtfFit f = fits.get(i);
            if (Math.abs(f.defocus() - med) <= 3 * Math.max(mad, f.defocusError())) kept.add(f);
        }
        if (kept.size() < 3) return List.copyOf(fits);
        // weighted by precision: the 0-15° fits are worth several of the 15-30° ones
        double[] w = kept.stream().mapToDouble(f -> 1 / Math.max(f.defocusError() * f.defocusError(), 1)).toArray();
        double[] m = meanDefoci(kept, w);
        double mean = (m[0] + m[1]) / 2, ss = 0, sw = 0;
        for (int k = 0; k < kept.size(); k++) {
            double d = kept.get(k).defocus() - mean;
            ss += w[k] * d * d;
            sw += w[k];
        }
        double spread = Math.sqrt(ss / sw * kept.size() / (kept.size() - 1));
        List<CtfFit> out = new ArrayList<>(fits.size());
        for (int i = 0; i < fits.size(); i++) {
            CtfFit f = fits.get(i);
            double err = f.defocusError();
            String why = null;
            boolean reference = Math.abs(tilts[i]) <= threshold;
            if (!f.fitted()) why = "no Thon ring fitted";
            else if (!reference && Double.isFinite(err) && err > spread)
                why = String.format(Locale.ROOT, "own fit ±%.0f Å, less precise than the lower tilts' spread ±%.0f Å", err, spread);
            else if (Math.abs(f.defocus() - mean) > 3 * Math.hypot(Double.isFinite(err) ? err : 0, spread))
                why = String.format(Locale.ROOT, "own fit %.0f Å is %.0f Å from the lower tilts' mean (spread ±%.0f Å)", f.defocus(), f.defocus() - mean, spread);
            if (why == null) { out.add(f); continue; }
            out.add(f.withDefoci(m[0], m[1], m[2], true).withDefocusError(spread));   // what the mean promises
            if (notes != null) notes.add(String.format(Locale.ROOT, "image %d (%.1f°): %s; using the mean of %d lower tilts (%.0f Å)", i + 1, tilts[i], why,
                    kept.size(), mean));
        }
        return List.copyOf(out);
    }

    /** Mean U, V of the fits, and their mean astigmatism angle (averaged as 2θ, weighted by astigmatism). */
    static double[] meanDefoci(List<CtfFit> fits) {
        double[] w = new double[fits.size()];
        Arrays.fill(w, 1);
        return meanDefoci(fits, w);
    }

    /** The same, each fit weighted by {@code weights}. */
    static double[] meanDefoci(List<CtfFit> fits, double[] weights) {
        double su = 0, sv = 0, cx = 0, cy = 0, sw = 0;
        for (int k = 0; k < fits.size(); k++) {
            CtfFit f = fits.get(k);
            double wk = weights[k];
            su += wk * f.defocusU(); sv += wk * f.defocusV(); sw += wk;
            double a = Math.toRadians(2 * f.defocusAngle()), w = wk * f.astigmatism();
            cx += w * Math.cos(a); cy += w * Math.sin(a);
        }
        double angle = cx == 0 && cy == 0 ? 0 : ((Math.toDegrees(Math.atan2(cy, cx)) / 2) % 180 + 180) % 180;
        return new double[] {su / sw, sv / sw, angle};
    }

    /**
     * Protocol step 11: fits of images with |tilt| &gt; threshold get the mean U and V of the images
     * with |tilt| ≤ threshold (and their mean astigmatism angle, averaged as 2θ); their own figure
     * of merit and fitted resolution are kept, and {@link CtfFit#fromLowerTilts()} is set.
     */
    public static List<CtfFit> useLowerTiltDefoci(List<CtfFit> fits, double[] tilts, double threshold) {
        List<CtfFit> low = new ArrayList<>();
        for (int i = 0; i < fits.size(); i++) if (Math.abs(tilts[i]) <= threshold) low.add(fits.get(i));
        if (low.isEmpty())
            throw new InputException(String.format(Locale.ROOT, "CTF estimation: no tilt within ±%.1f° to take lower-tilt defoci from; raise the threshold", threshold));
        double[] m = meanDefoci(low);
        List<CtfFit> out = new ArrayList<>(fits.size());
        for (int i = 0; i < fits.size(); i++) {
            CtfFit f = fits.get(i);
            out.add(Math.abs(tilts[i]) > threshold ? f.withDefoci(m[0], m[1], m[2], true) : f);
        }
        return List.copyOf(out);
    }

    /** STAR labels written, in order. */
    public static final List<String> LABELS = List.of("rlnMicrographName", "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle",
            "rlnPhaseShift", "rlnVoltage", "rlnSphericalAberration", "rlnAmplitudeContrast", "rlnMagnification",
            "rlnDetectorPixelSize", "rlnCtfFigureOfMerit", "rlnCtfMaxResolution", "subtomoDefocusSource", "subtomoDefocusError");

    /**
     * The table of {@code <tomo>_ctffind.star}: one row per tilt, rlnMicrographName {@code N@stack}
     * (1-based), RELION 3.0 layout (per-row optics; pixel size as rlnDetectorPixelSize µm at
     * rlnMagnification 10000, which RELION reads as that many Å). A fit with no fitted ring has
     * rlnCtfMaxResolution 999. Two subtomo labels (RELION ignores unknown labels) say where each
     * defocus came from: subtomoDefocusSource {@code fit} or {@code lower_tilts} (the mean of the
     * lower tilts, protocol step 11), and subtomoDefocusError the fit's estimated standard error in Å
     * (−1 when unknown).
     */
    public static StarTable table(String stackName, List<CtfFit> fits, CtfEstimator.Params p) {
        StarTable t = StarTable.loop(LABELS);
        for (int i = 0; i < fits.size(); i++) {
            CtfFit f = fits.get(i);
            t.addRow((i + 1) + "@" + stackName, f2(f.defocusU()), f2(f.defocusV()), f2(f.defocusAngle()), f2(f.phaseShift()),
                    f2(p.voltage()), f2(p.cs()), f2(p.amplitudeContrast()), "10000", f2(p.pixelSize()),
                    String.format(Locale.ROOT, "%.6f", f.figureOfMerit()), f2(f.fitted() ? f.maxResolution() : 999),
                    f.fromLowerTilts() ? "lower_tilts" : "fit", Double.isFinite(f.defocusError()) ? String.format(Locale.ROOT, "%.1f", f.defocusError()) : "-1");
        }
        return t;
    }

    public static void writeStar(Path target, String stackName, List<CtfFit> fits, CtfEstimator.Params p) throws IOException {
        StarWriter.write(new StarFile().add("", table(stackName, fits, p)), target, StarStyle.RELION_14);
    }

    /**
     * Writes {@code <root>_<N>.png} (CTFFIND-style diagnostic) and {@code <root>_<N>.svg} (1D curves)
     * for every fit, N 1-based in tilt-series order (protocol step 10: inspect every image).
     */
    public static List<Path> writeDiagnostics(Path dir, String root, List<CtfFit> fits) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < fits.size(); i++) {
            Path png = dir.resolve(root + "_" + (i + 1) + ".png"), svg = dir.resolve(root + "_" + (i + 1) + ".svg");
            CtfPlots.writeDiagnosticPng(fits.get(i), png);
            CtfPlots.writeProfileSvg(fits.get(i), svg);
            out.add(png);
            out.add(svg);
        }
        return out;
    }

    private static String f2(double v) { return String.format(Locale.ROOT, "%.6f", v); }
}
