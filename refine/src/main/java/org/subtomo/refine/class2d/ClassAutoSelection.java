package org.subtomo.refine.class2d;

import org.subtomo.core.grid.RealGrid;

import java.util.Arrays;
import java.util.Locale;

/**
 * Automatic choice of the particle classes of a 2D classification (protocol step 18, done by eye in RELION's
 * GUI), for {@code select --auto}, the demo and scripts. The rule, stated so that a user can check it on the
 * class gallery:
 * <ol>
 *   <li>Each class average is described by two numbers: its <b>extent</b>, the radius of gyration of its
 *       squared density about its own centre (pixels; inside the inscribed circle, after subtracting the level
 *       of the outermost ring), and its <b>contrast</b>, the root mean square of the same density.</li>
 *   <li>The particle's extent and contrast are the <b>particle-weighted medians</b> over the classes
 *       (weights = rlnClassDistribution): a picked set is mostly particles (a template matcher's false
 *       positives are the minority), so the median class is a particle class, whatever the junk does.</li>
 *   <li>A class is kept unless it is <b>larger</b> than the particle (extent above
 *       {@code maxExtentRatio} = 2 times the median: ice contamination and aggregates, which fill the mask,
 *       and featureless noise classes, whose density is spread evenly) or <b>denser</b> (contrast above
 *       {@code maxContrastRatio} = 4 times: gold; its potential is ~4× protein's and a bead is thicker than a protein). Both tests are one-sided,
 *       so a smaller or fainter species (a sub-complex, a second conformation) is kept: telling species
 *       apart is the classification's job, not the selection's. Empty classes are kept (nothing to lose).</li>
 * </ol>
 * Measured with {@code bench/class2d-vs-relion.sh} (figures in package-info): on the simulated junk sample
 * (400 particles, 20 gold beads, 20 ice blobs) precision ≥ 99.3 % and recall ≥ 97 % on our and RELION 3.1.3's
 * classes; on the two-species sample every particle kept; on the demo's projections 99.75 % / 99.75 % (the
 * former rule kept 67 % there). The rule assumes that particles are the majority of the picks; when they are
 * not, select by hand ({@code --classes}) or by size ({@code --min_fraction}).
 */
public final class ClassAutoSelection {
    public static final double DEFAULT_MAX_EXTENT_RATIO = 2.0;
    public static final double DEFAULT_MAX_CONTRAST_RATIO = 4.0;

    /** Per class: extent (px) and both ratios to the particle-weighted medians, and the verdict with its reason. */
    public record Verdict(int classNumber, double distribution, double extentPx, double extentRatio, double contrastRatio,
                          boolean selected, String reason) {
        @Override public String toString() {
            return String.format(Locale.ROOT, "class %d: %.1f%% of particles, extent %.1f px (%.2fx the median class), contrast %.2fx -> %s%s",
                    classNumber, 100 * distribution, extentPx, extentRatio, contrastRatio, selected ? "selected" : "rejected",
                    reason.isEmpty() ? "" : " (" + reason + ")");
        }
    }

    private ClassAutoSelection() {}

    public static Verdict[] select(RealGrid[] classes, double[] distribution) {
        return select(classes, distribution, DEFAULT_MAX_EXTENT_RATIO, DEFAULT_MAX_CONTRAST_RATIO);
    }

    public static Verdict[] select(RealGrid[] classes, double[] distribution, double maxExtentRatio, double maxContrastRatio) {
        if (classes.length != distribution.length)
            throw new IllegalArgumentException(classes.length + " class images but " + distribution.length + " distributions");
        int k = classes.length;
        double wsum = 0;
        for (double d : distribution) wsum += d;
        if (!(wsum > 0)) throw new IllegalArgumentException("class distributions sum to " + wsum);
        double[] extent = new double[k], contrast = new double[k];
        boolean[] empty = new boolean[k];
        for (int c = 0; c < k; c++) {
            double[] m = moments(classes[c]);
            extent[c] = m[0];
            contrast[c] = m[1];
            empty[c] = distribution[c] <= 0 || !(contrast[c] > 0);
        }
        double refExtent = weightedMedian(extent, distribution, empty), refContrast = weightedMedian(contrast, distribution, empty);
        Verdict[] out = new Verdict[k];
        for (int c = 0; c < k; c++) {
            double er = empty[c] ? 0 : extent[c] / refExtent, cr = empty[c] ? 0 : contrast[c] / refContrast;
            String reason = empty[c] ? "empty" : er > maxExtentRatio ? "larger than the particle: ice, aggregate or no feature"
                    : cr > maxContrastRatio ? "denser than the particle: gold" : "";
            boolean keep = empty[c] || (er <= maxExtentRatio && cr <= maxContrastRatio);
            out[c] = new Verdict(c + 1, distribution[c] / wsum, extent[c], er, cr, keep, reason);
        }
        return out;
    }

    /**
     * {radius of gyration, rms} of the density inside the inscribed circle, after subtracting the mean of its
     * outermost one-pixel ring (0 for a solvent-flattened class; the background level otherwise). The radius of
     * gyration is taken about the density's own centre, so a class drawn off-centre is not called larger.
     */
    static double[] moments(RealGrid im) {
        int n = Math.min(im.nx, im.ny);
        double cx = im.nx / 2, cy = im.ny / 2, rmax = n / 2.0 - 1;
        double ring = 0;
        int ringCount = 0;
        for (int y = 0; y < im.ny; y++)
            for (int x = 0; x < im.nx; x++) {
                double r = Math.hypot(x - cx, y - cy);
                if (r <= rmax && r > rmax - 1) { ring += im.get(x, y); ringCount++; }
            }
        double bg = ringCount > 0 ? ring / ringCount : 0;
        double e = 0, ex = 0, ey = 0;
        int count = 0;
        for (int y = 0; y < im.ny; y++)
            for (int x = 0; x < im.nx; x++) {
                if (Math.hypot(x - cx, y - cy) > rmax) continue;
                double v = im.get(x, y) - bg, w = v * v;
                e += w; ex += w * x; ey += w * y;
                count++;
            }
        if (!(e > 0)) return new double[]{0, 0};
        ex /= e; ey /= e;
        double r2 = 0;
        for (int y = 0; y < im.ny; y++)
            for (int x = 0; x < im.nx; x++) {
                if (Math.hypot(x - cx, y - cy) > rmax) continue;
                double v = im.get(x, y) - bg;
                r2 += v * v * ((x - ex) * (x - ex) + (y - ey) * (y - ey));
            }
        return new double[]{Math.sqrt(r2 / e), Math.sqrt(e / count)};
    }

    /** The value at which the cumulative weight (sorted by value, skipped entries left out) first reaches half. */
    static double weightedMedian(double[] value, double[] weight, boolean[] skip) {
        Integer[] order = new Integer[value.length];
        double total = 0;
        for (int i = 0; i < value.length; i++) { order[i] = i; if (!skip[i]) total += weight[i]; }
        if (!(total > 0)) throw new IllegalArgumentException("every class is empty");
        Arrays.sort(order, (a, b) -> Double.compare(value[a], value[b]));
        double cum = 0;
        for (int i : order) {
            if (skip[i]) continue;
            cum += weight[i];
            if (cum >= total / 2) return value[i];
        }
        throw new IllegalStateException("unreachable");
    }
}
