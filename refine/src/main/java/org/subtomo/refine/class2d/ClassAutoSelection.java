package org.subtomo.refine.class2d;

import org.subtomo.core.grid.RealGrid;

import java.util.Locale;

/**
 * Automatic choice of the particle-like 2D classes (protocol step 18, done by eye in RELION's GUI),
 * for the demo and scripts. The rule, stated so that a user can check it on the class gallery:
 * <ol>
 *   <li>Each class average is described by its rotational average (radial profile) and its contrast
 *       (root mean square). Rotational averages are used because sub-tomogram projections of a
 *       randomly oriented complex have no common in-plane view, so the shape that distinguishes
 *       particles from junk is the radial extent, not the 2D outline.</li>
 *   <li>The reference profile and contrast are the class-distribution weighted means over all classes:
 *       the picked set is dominated by real particles (a template matcher's false positives are the
 *       minority), so the reference describes the particle.</li>
 *   <li>A class is selected when its profile correlates with the reference by at least
 *       {@code minShapeCorrelation} (0.8: gold beads and ice blobs are wider discs or rings) and its
 *       contrast is at most {@code maxContrastRatio} (3) times the reference (gold is ~4× denser than
 *       protein). Nearly empty classes are kept by this rule: they hold too few particles to matter,
 *       and rejecting their members would only lose particles.</li>
 * </ol>
 * Measured: on the demo project simulated with uniform ice (400 particles, 20 gold beads, 20 ice blobs,
 * K=10) it kept 383/400 particles and no junk; on the same RELION 3.1.3 classification it wrongly
 * rejected a 111-particle protein class, and on the demo with the ice texture (K=6) a 131-particle
 * protein class (recall 67%). So it is offered as {@code select --auto} for inspection, and the demo
 * selects by class size ({@code --min_fraction 0.1}) instead. ClassAutoSelectionTest has the analytic cases.
 */
public final class ClassAutoSelection {
    public static final double DEFAULT_MIN_SHAPE_CORRELATION = 0.8;
    public static final double DEFAULT_MAX_CONTRAST_RATIO = 3.0;

    /** Per class: shape correlation with the reference, contrast relative to it, and the verdict. */
    public record Verdict(int classNumber, double distribution, double shapeCorrelation, double contrastRatio, boolean selected) {
        @Override public String toString() {
            return String.format(Locale.ROOT, "class %d: %.1f%% of particles, shape cc %.3f, contrast %.2f -> %s",
                    classNumber, 100 * distribution, shapeCorrelation, contrastRatio, selected ? "selected" : "rejected");
        }
    }

    private ClassAutoSelection() {}

    public static Verdict[] select(RealGrid[] classes, double[] distribution) {
        return select(classes, distribution, DEFAULT_MIN_SHAPE_CORRELATION, DEFAULT_MAX_CONTRAST_RATIO);
    }

    public static Verdict[] select(RealGrid[] classes, double[] distribution, double minShapeCorrelation, double maxContrastRatio) {
        if (classes.length != distribution.length)
            throw new IllegalArgumentException(classes.length + " class images but " + distribution.length + " distributions");
        int k = classes.length;
        double[][] profiles = new double[k][];
        double[] contrast = new double[k];
        double wsum = 0;
        for (int c = 0; c < k; c++) {
            profiles[c] = radialProfile(classes[c]);
            contrast[c] = rms(classes[c]);
            wsum += distribution[c];
        }
        if (!(wsum > 0)) throw new IllegalArgumentException("class distributions sum to " + wsum);
        double[] ref = new double[profiles[0].length];
        double refContrast = 0;
        for (int c = 0; c < k; c++) {
            double w = distribution[c] / wsum;
            for (int i = 0; i < ref.length; i++) ref[i] += w * profiles[c][i];
            refContrast += w * contrast[c];
        }
        Verdict[] out = new Verdict[k];
        for (int c = 0; c < k; c++) {
            double cc = correlation(profiles[c], ref);
            double ratio = refContrast > 0 ? contrast[c] / refContrast : 0;
            boolean nearlyEmpty = contrast[c] < 1e-6 * Math.max(refContrast, Double.MIN_NORMAL);
            boolean keep = nearlyEmpty || (cc >= minShapeCorrelation && ratio <= maxContrastRatio);
            out[c] = new Verdict(c + 1, distribution[c] / wsum, cc, ratio, keep);
        }
        return out;
    }

    /** Mean over rings of one-pixel width around the image centre (n/2), out to n/2 - 1. */
    static double[] radialProfile(RealGrid im) {
        int n = Math.min(im.nx, im.ny), rmax = n / 2;
        double[] sum = new double[rmax];
        int[] count = new int[rmax];
        for (int y = 0; y < im.ny; y++)
            for (int x = 0; x < im.nx; x++) {
                int r = (int) Math.round(Math.hypot(x - im.nx / 2, y - im.ny / 2));
                if (r < rmax) { sum[r] += im.get(x, y); count[r]++; }
            }
        for (int r = 0; r < rmax; r++) sum[r] /= Math.max(1, count[r]);
        return sum;
    }

    static double rms(RealGrid im) {
        double s = 0;
        for (float v : im.data) s += (double) v * v;
        return Math.sqrt(s / im.data.length);
    }

    /** Pearson correlation; 0 when either side is constant. */
    static double correlation(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.length; mb /= b.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db; saa += da * da; sbb += db * db;
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
    }
}
