package org.subtomo.prep.ctf;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * CTF estimation for a whole tilt series (protocol steps 8-12): one fit per tilt image, in
 * parallel over images (each worker thread keeps its own FFT plan), with the protocol's two
 * options: averaging the spectra of the two {@code .trial} images of each tilt (step 12) and
 * replacing the defoci of high tilts by the mean of the lower tilts (step 11).
 */
public final class TiltSeriesCtf {
    private TiltSeriesCtf() {}

    /**
     * @param params             the per-image search
     * @param useLowerTiltDefoci for |tilt| &gt; {@code lowerTiltThreshold}, use the mean defocus of the
     *                           images with |tilt| ≤ threshold (RELION script's UseOnlyLowerTiltDefoci)
     * @param lowerTiltThreshold degrees
     * @param threads            worker threads (≥ 1)
     */
    public record Options(CtfEstimator.Params params, boolean useLowerTiltDefoci, double lowerTiltThreshold, int threads) {
        public Options {
            if (params == null) throw new IllegalArgumentException("params");
            if (useLowerTiltDefoci && !(lowerTiltThreshold >= 0 && lowerTiltThreshold < 90))
                throw new InputException("CTF estimation: lower-tilt threshold " + lowerTiltThreshold + "°: give |tilt| in [0, 90), e.g. 30");
            if (threads < 1) throw new InputException("CTF estimation: threads " + threads + ": must be ≥ 1");
        }

        public static Options of(CtfEstimator.Params params) {
            return new Options(params, false, 30, Math.max(1, Runtime.getRuntime().availableProcessors()));
        }

        public Options withLowerTiltDefoci(boolean on, double threshold) { return new Options(params, on, threshold, threads); }

        public Options withThreads(int n) { return new Options(params, useLowerTiltDefoci, lowerTiltThreshold, n); }
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
        if (tilts.length != count)
            throw new InputException("CTF estimation: " + count + " tilt images but " + tilts.length + " tilt angles; the .tlt file needs one line per image");
        CtfEstimator est = new CtfEstimator(o.params());
        CtfFit[] out = new CtfFit[count];
        ForkJoinPool pool = new ForkJoinPool(o.threads());
        try {
            pool.submit(() -> IntStream.range(0, count).parallel().forEach(i -> {
                List<RealGrid> imgs = images.apply(i);
                for (RealGrid g : imgs) o.params().checkImage("tilt image " + (i + 1), g.nx, g.ny);
                out[i] = est.estimate(imgs);
                if (progress != null) progress.step();
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        List<CtfFit> fits = Arrays.asList(out);
        return o.useLowerTiltDefoci() ? useLowerTiltDefoci(fits, tilts, o.lowerTiltThreshold()) : List.copyOf(fits);
    }

    /**
     * Protocol step 11: fits of images with |tilt| &gt; threshold get the mean U and V of the images
     * with |tilt| ≤ threshold (and their mean astigmatism angle, averaged as 2θ); their own figure
     * of merit and fitted resolution are kept, and {@link CtfFit#fromLowerTilts()} is set.
     */
    public static List<CtfFit> useLowerTiltDefoci(List<CtfFit> fits, double[] tilts, double threshold) {
        double su = 0, sv = 0, cx = 0, cy = 0;
        int n = 0;
        for (int i = 0; i < fits.size(); i++) {
            if (Math.abs(tilts[i]) > threshold) continue;
            CtfFit f = fits.get(i);
            su += f.defocusU(); sv += f.defocusV();
            double a = Math.toRadians(2 * f.defocusAngle()), w = f.astigmatism();
            cx += w * Math.cos(a); cy += w * Math.sin(a);
            n++;
        }
        if (n == 0)
            throw new InputException(String.format(Locale.ROOT, "CTF estimation: no tilt within ±%.1f° to take lower-tilt defoci from; raise the threshold", threshold));
        double u = su / n, v = sv / n;
        double angle = cx == 0 && cy == 0 ? 0 : ((Math.toDegrees(Math.atan2(cy, cx)) / 2) % 180 + 180) % 180;
        List<CtfFit> out = new ArrayList<>(fits.size());
        for (int i = 0; i < fits.size(); i++) {
            CtfFit f = fits.get(i);
            out.add(Math.abs(tilts[i]) > threshold ? f.withDefoci(u, v, angle, true) : f);
        }
        return List.copyOf(out);
    }

    /** STAR labels written, in order. */
    public static final List<String> LABELS = List.of("rlnMicrographName", "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle",
            "rlnPhaseShift", "rlnVoltage", "rlnSphericalAberration", "rlnAmplitudeContrast", "rlnMagnification",
            "rlnDetectorPixelSize", "rlnCtfFigureOfMerit", "rlnCtfMaxResolution");

    /**
     * The table of {@code <tomo>_ctffind.star}: one row per tilt, rlnMicrographName {@code N@stack}
     * (1-based), RELION 3.0 layout (per-row optics; pixel size as rlnDetectorPixelSize µm at
     * rlnMagnification 10000, which RELION reads as that many Å). A fit with no fitted ring has
     * rlnCtfMaxResolution 999.
     */
    public static StarTable table(String stackName, List<CtfFit> fits, CtfEstimator.Params p) {
        StarTable t = StarTable.loop(LABELS);
        for (int i = 0; i < fits.size(); i++) {
            CtfFit f = fits.get(i);
            t.addRow((i + 1) + "@" + stackName, f2(f.defocusU()), f2(f.defocusV()), f2(f.defocusAngle()), f2(f.phaseShift()),
                    f2(p.voltage()), f2(p.cs()), f2(p.amplitudeContrast()), "10000", f2(p.pixelSize()),
                    String.format(Locale.ROOT, "%.6f", f.figureOfMerit()), f2(f.fitted() ? f.maxResolution() : 999));
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
