package org.subtomo.post.localres;

import org.subtomo.core.display.LinePlot;
import org.subtomo.core.error.InputException;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierFilters;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.fsc.Fsc;
import org.subtomo.core.fsc.FscCurve;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.AtomicFiles;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.mask.SoftMasks;
import org.subtomo.core.progress.Progress;
import org.subtomo.post.ChenCorrection;
import org.subtomo.post.HalfMaps;
import org.subtomo.post.PhaseRandomisation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Local resolution by windowed FSC (protocol step 25; RELION's {@code relion_postprocess --locres} in
 * place of the ResMap wrapper). At points every {@code sampling} Å inside the mask, both half maps
 * (and their copies with phases randomised beyond {@code randomiseAt}) are cut out under a soft
 * spherical window; the Chen-corrected FSC of the windows gives the resolution at 0.143
 * (interpolated between shells). Each voxel's value is the window-weighted mean of the points whose
 * windows cover it, so the map varies smoothly and can colour a surface in ChimeraX
 * ({@code color sample #1 map #2} or Surface Color → by volume data value). The average of the halves
 * low-passed to each voxel's local resolution ({@link LocalFilter}) is written beside it.
 *
 * <p>Each window's FSC is computed in a box of about four window radii (not the whole map): the
 * zero padding still samples the FSC finely enough to interpolate the 0.143 crossing, and a 32³
 * transform instead of the full box makes a few thousand windows take seconds.
 */
public final class LocalResolution {
    private LocalResolution() {}

    public static LocalResolutionResult run(LocalResolutionParameters p) {
        HalfMaps halves = HalfMaps.read(p.half1(), p.half2(), p.pixelSize());
        RealGrid mask;
        try (MrcReader r = MrcReader.open(p.mask())) { mask = r.readAll(); }
        if (!mask.sameShape(halves.half1()))
            throw InputException.inFile(p.mask(), "mask is " + mask.nx + " x " + mask.ny + " x " + mask.nz + " but the half maps are "
                    + halves.boxSize() + "³; give the mask of the same refinement (e.g. postprocess_automask.mrc)");
        LocalResolutionResult r = compute(halves, mask, p);
        return r.withOutputs(write(r, p.outputRoot()));
    }

    public static LocalResolutionResult compute(HalfMaps halves, RealGrid mask, LocalResolutionParameters p) {
        double a = halves.pixelSize();
        int n = halves.boxSize();
        double rPx = p.effectiveMaskRadius() / a, ePx = p.effectiveEdgeWidth() / a;
        if (!(p.sampling() > 0)) throw new InputException("--locres_sampling must be > 0 Å, got " + p.sampling());
        int step = Math.max(1, (int) Math.round(p.sampling() / a));
        int w = Math.min(n, 2 * (int) Math.ceil(2 * (rPx + ePx)));
        if (w < 8) w = Math.min(n, 8);
        RealGrid window = SoftMasks.sphere(w, w, w, rPx, ePx);

        int shellRandom = Math.max(1, (int) Math.round(n * a / p.randomiseAt()));
        RealGrid r1 = PhaseRandomisation.beyond(halves.half1(), shellRandom, p.randomSeed());
        RealGrid r2 = PhaseRandomisation.beyond(halves.half2(), shellRandom, p.randomSeed() + 1);
        int windowShellRandom = Math.max(1, (int) Math.round(w * a / p.randomiseAt()));

        List<int[]> points = new ArrayList<>();
        int c = n / 2, k0 = -(c / step);
        for (int z = c + k0 * step; z < n; z += step) for (int y = c + k0 * step; y < n; y += step) for (int x = c + k0 * step; x < n; x += step)
            if (mask.get(x, y, z) >= 0.5f) points.add(new int[]{x, y, z});
        if (points.isEmpty())
            throw new InputException("no sampled point lies inside the mask (value >= 0.5); give the solvent mask of this map "
                    + "(e.g. postprocess_automask.mrc) or a finer --locres_sampling");

        double[] res = new double[points.size()];
        final int box = w;
        try (Progress progress = Progress.start("local resolution", points.size())) {
            IntStream.range(0, points.size()).parallel().forEach(i -> {
                int[] pt = points.get(i);
                FscCurve t = Fsc.compute(cut(halves.half1(), pt, box, window), cut(halves.half2(), pt, box, window), a);
                FscCurve rn = Fsc.compute(cut(r1, pt, box, window), cut(r2, pt, box, window), a);
                FscCurve corr = ChenCorrection.correct(t, rn, windowShellRandom);
                res[i] = windowResolution(corr, a, p.minRes());
                progress.step();
            });
        }

        // window-weighted mean of the point values, accumulated in a fixed order
        double[] num = new double[mask.size()], den = new double[mask.size()];
        int h = box / 2;
        for (int i = 0; i < res.length; i++) {
            int[] pt = points.get(i);
            for (int z = 0; z < box; z++) {
                int gz = pt[2] - h + z;
                if (gz < 0 || gz >= n) continue;
                for (int y = 0; y < box; y++) {
                    int gy = pt[1] - h + y;
                    if (gy < 0 || gy >= n) continue;
                    for (int x = 0; x < box; x++) {
                        int gx = pt[0] - h + x;
                        if (gx < 0 || gx >= n) continue;
                        float wv = window.get(x, y, z);
                        if (wv == 0) continue;
                        int gi = mask.index(gx, gy, gz);
                        num[gi] += wv * res[i]; den[gi] += wv;
                    }
                }
            }
        }
        RealGrid map = new RealGrid(n, n, n);
        int inside = 0;
        for (int i = 0; i < map.data.length; i++) {
            if (den[i] > 1e-6) map.data[i] = (float) (num[i] / den[i]);
            if (mask.data[i] >= 0.5f && den[i] > 1e-6) inside++;
        }
        float[] in = new float[inside];
        for (int i = 0, j = 0; i < map.data.length; i++) if (mask.data[i] >= 0.5f && den[i] > 1e-6) in[j++] = map.data[i];
        Arrays.sort(in);
        RealGrid avg = halves.average();
        if (p.adHocBFactor() != 0) {
            FourierGrid f = Fft.forward(avg);
            FourierFilters.applyBFactor(f, a, p.adHocBFactor());
            avg = Fft.inverse(f);
        }
        RealGrid filtered = LocalFilter.apply(avg, map, a);
        LocalResolutionResult partial = new LocalResolutionResult(map, filtered, points.size(), in, box, a, "", List.of());
        String summary = summary(partial, p, step, rPx, ePx);
        return new LocalResolutionResult(map, filtered, points.size(), in, box, a, summary, List.of());
    }

    /**
     * The 0.143 crossing of a window's corrected FSC, interpolated, within [Nyquist, minRes]: Nyquist when it
     * never drops, minRes when already the first shell is below (noise only; shell 0 is the window's mean
     * and says nothing about resolution).
     */
    static double windowResolution(FscCurve c, double pixelSize, double minRes) {
        int s = c.firstShellBelow(0.143);
        double d = s < 0 ? 2 * pixelSize : s <= 1 ? minRes : c.resolutionAt(0.143);
        return Math.max(2 * pixelSize, Math.min(d, minRes));
    }

    /** The {@code box}³ neighbourhood of {@code pt} (zero outside the map) times the window. */
    static RealGrid cut(RealGrid map, int[] pt, int box, RealGrid window) {
        RealGrid out = new RealGrid(box, box, box);
        int h = box / 2, n = map.nx;
        for (int z = 0; z < box; z++) {
            int gz = pt[2] - h + z;
            if (gz < 0 || gz >= map.nz) continue;
            for (int y = 0; y < box; y++) {
                int gy = pt[1] - h + y;
                if (gy < 0 || gy >= map.ny) continue;
                int o = box * (y + box * z), g = n * (gy + map.ny * gz);
                for (int x = 0; x < box; x++) {
                    int gx = pt[0] - h + x;
                    if (gx < 0 || gx >= n) continue;
                    out.data[o + x] = map.data[g + gx] * window.data[o + x];
                }
            }
        }
        return out;
    }

    static String summary(LocalResolutionResult r, LocalResolutionParameters p, int step, double rPx, double ePx) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "local resolution (windowed FSC at 0.143, Chen-corrected beyond %.1f Å)%n", p.randomiseAt()));
        b.append(String.format(Locale.ROOT, "%d points every %d px (%.1f Å); windows of radius %.1f px + %.1f px soft edge, FSC in a %d^3 box%n",
                r.points(), step, step * r.pixelSize(), rPx, ePx, r.windowBox()));
        if (r.inMask().length == 0) return b.append("no voxel of the mask (>= 0.5) is covered by a window\n").toString();
        b.append(String.format(Locale.ROOT, "voxels in the mask: %d%n", r.inMask().length));
        b.append(String.format(Locale.ROOT, "min %.2f  5%% %.2f  25%% %.2f  median %.2f  75%% %.2f  95%% %.2f  max %.2f Å%n",
                r.percentile(0), r.percentile(0.05), r.percentile(0.25), r.median(), r.percentile(0.75), r.percentile(0.95), r.percentile(1)));
        double[][] hist = histogram(r);
        b.append("histogram (bin centre Å: voxels)\n");
        for (int i = 0; i < hist[0].length; i++) if (hist[1][i] > 0) b.append(String.format(Locale.ROOT, "  %7.2f: %d%n", hist[0][i], (long) hist[1][i]));
        return b.toString();
    }

    /** 1 Å-wide bins... or finer for small ranges: {bin centres (Å), voxel counts}. */
    static double[][] histogram(LocalResolutionResult r) {
        float[] v = r.inMask();
        double lo = v[0], hi = v[v.length - 1];
        int bins = 30;
        double width = Math.max((hi - lo) / bins, 1e-3);
        double[] centre = new double[bins], count = new double[bins];
        for (int i = 0; i < bins; i++) centre[i] = lo + (i + 0.5) * width;
        for (float x : v) count[Math.min(bins - 1, (int) ((x - lo) / width))]++;
        return new double[][]{centre, count};
    }

    static List<Path> write(LocalResolutionResult r, Path root) {
        try {
            Path dir = root.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            String name = root.getFileName().toString();
            Path map = root.resolveSibling(name + "_locres.mrc"), png = root.resolveSibling(name + "_locres_histogram.png"),
                    svg = root.resolveSibling(name + "_locres_histogram.svg"), txt = root.resolveSibling(name + "_locres.txt");
            MrcWriter.write(map, r.map(), r.pixelSize());
            Path filtered = root.resolveSibling(name + "_locres_filtered.mrc");
            MrcWriter.write(filtered, r.filtered(), r.pixelSize());
            List<Path> out = new ArrayList<>(List.of(map, filtered));
            if (r.inMask().length > 0) {
                double[][] h = histogram(r);
                LinePlot plot = new LinePlot(String.format(Locale.ROOT, "local resolution: median %.2f Å", r.median()),
                        "local resolution (Å)", "voxels in the mask").series("voxels", h[0], h[1]);
                plot.writePng(png); plot.writeSvg(svg);
                out.add(png); out.add(svg);
            }
            AtomicFiles.writeString(txt, r.summary());
            out.add(txt);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + root + "_locres*: " + e.getMessage(), e);
        }
    }
}
