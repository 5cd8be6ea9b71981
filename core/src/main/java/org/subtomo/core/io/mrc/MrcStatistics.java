package org.subtomo.core.io.mrc;

/**
 * Running min/max/mean/rms of voxel values, fed in any number of pieces so that a file of any
 * size can be summarised while streaming. "rms" is MRC2014's: the standard deviation from the
 * mean (not the root of the mean square). Sums are kept in double; Welford's update keeps the
 * variance accurate for maps with a large mean.
 */
public final class MrcStatistics {
    private long n;
    private double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, mean, m2;

    public void add(double v) {
        n++;
        if (v < min) min = v;
        if (v > max) max = v;
        double d = v - mean;
        mean += d / n;
        m2 += d * (v - mean);
    }

    public void add(float[] values, int off, int len) { for (int i = off; i < off + len; i++) add(values[i]); }

    public long count() { return n; }
    public double min() { return n == 0 ? 0 : min; }
    public double max() { return n == 0 ? 0 : max; }
    public double mean() { return mean; }
    public double rms() { return n == 0 ? 0 : Math.sqrt(m2 / n); }
}
