package org.subtomo.core.fsc;

/**
 * A Fourier shell correlation curve for shells 0..N/2 of a box of {@code boxSize} pixels of
 * {@code pixelSize} Å (shell ℓ ↔ resolution N·p/ℓ), with the full-sphere voxel count of each shell
 * (for significance thresholds such as 3/√n).
 */
public record FscCurve(double[] fsc, long[] counts, int boxSize, double pixelSize) {

    public FscCurve {
        if (fsc.length != counts.length) throw new IllegalArgumentException("fsc and counts differ in length");
        if (fsc.length < 2) throw new IllegalArgumentException("need at least shells 0 and 1");
    }

    public int shells() { return fsc.length; }

    /** Resolution of shell ℓ in Å (infinite for shell 0). */
    public double resolution(int shell) {
        return shell == 0 ? Double.POSITIVE_INFINITY : boxSize * pixelSize / shell;
    }

    /** Spatial frequency of shell ℓ in Å⁻¹. */
    public double frequency(int shell) { return shell / (boxSize * pixelSize); }

    /** First shell ≥ 1 where the FSC drops below the threshold, or −1 if it never does. */
    public int firstShellBelow(double threshold) {
        for (int s = 1; s < fsc.length; s++) if (fsc[s] < threshold) return s;
        return -1;
    }

    public boolean crosses(double threshold) { return firstShellBelow(threshold) > 0; }

    /**
     * Resolution (Å) where the curve first crosses {@code threshold}, interpolated linearly in
     * spatial frequency between the last shell above and the first shell below. If it never drops
     * below, the resolution of the last shell (Nyquist) — check {@link #crosses} to tell.
     */
    public double resolutionAt(double threshold) {
        int s = firstShellBelow(threshold);
        if (s < 0) return resolution(fsc.length - 1);
        double f0 = fsc[s - 1], f1 = fsc[s];
        double t = (f0 - threshold) / (f0 - f1); // in (0, 1]: f0 ≥ threshold > f1
        double freq = frequency(s - 1) + t * (frequency(s) - frequency(s - 1));
        return 1 / freq;
    }

    /**
     * RELION's rule (post-processing): the resolution of the last shell before the curve first
     * drops below the threshold, without interpolation.
     */
    public double lastShellResolution(double threshold) {
        int s = firstShellBelow(threshold);
        return resolution(s < 0 ? fsc.length - 1 : s - 1);
    }

    /** Gold-standard resolution: the 0.143 crossing, interpolated. */
    public double resolution0143() { return resolutionAt(0.143); }

    /** The 0.5 crossing, interpolated. */
    public double resolution05() { return resolutionAt(0.5); }
}
