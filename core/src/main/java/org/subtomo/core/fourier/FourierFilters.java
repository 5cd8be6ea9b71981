package org.subtomo.core.fourier;

import org.subtomo.core.grid.FourierGrid;

/**
 * Radial filters applied in place to a Fourier half grid: raised-cosine low-, high- and band-pass,
 * and B-factor weighting. Radii are in shells (cycles per box, see {@link FourierShells} for
 * non-cubic boxes); the {@code *Relion} variants take a resolution in Å and reproduce RELION's
 * {@code lowPassFilterMap}: the edge is centred on the rounded filter shell ℓ = round(N·p/d) and runs
 * from ℓ − ⌊w/2⌋ to ℓ + ⌊w/2⌋ shells (so the default width of 2 shells spans ℓ−1..ℓ+1, the filter
 * being 0.5 at ℓ).
 */
public final class FourierFilters {
    private FourierFilters() {}

    /**
     * Keeps |k| ≤ edgeStart, removes |k| ≥ edgeEnd, and in between multiplies by
     * 0.5 + 0.5·cos(π(|k| − edgeStart)/(edgeEnd − edgeStart)). edgeEnd == edgeStart gives a hard edge
     * (|k| ≤ edgeStart kept).
     */
    public static void lowPass(FourierGrid f, double edgeStartShell, double edgeEndShell) {
        radialRaisedCosine(f, edgeStartShell, edgeEndShell, false);
    }

    /** Removes |k| ≤ edgeStart, keeps |k| ≥ edgeEnd, rising as 0.5 − 0.5·cos(…) in between. */
    public static void highPass(FourierGrid f, double edgeStartShell, double edgeEndShell) {
        radialRaisedCosine(f, edgeStartShell, edgeEndShell, true);
    }

    /** RELION-style low-pass at {@code resolution} Å with an edge {@code edgeWidthShells} wide. */
    public static void lowPassRelion(FourierGrid f, double pixelSize, double resolution, int edgeWidthShells) {
        double[] e = relionEdge(f, pixelSize, resolution, edgeWidthShells);
        lowPass(f, e[0], e[1]);
    }

    /** RELION-style high-pass: removes detail coarser than {@code resolution} Å. */
    public static void highPassRelion(FourierGrid f, double pixelSize, double resolution, int edgeWidthShells) {
        double[] e = relionEdge(f, pixelSize, resolution, edgeWidthShells);
        highPass(f, e[0], e[1]);
    }

    /** Keeps resolutions between {@code lowResolution} Å (coarse limit) and {@code highResolution} Å. */
    public static void bandPassRelion(FourierGrid f, double pixelSize, double lowResolution, double highResolution, int edgeWidthShells) {
        if (lowResolution <= highResolution)
            throw new IllegalArgumentException("band-pass needs lowResolution > highResolution (Å): " + lowResolution + " vs " + highResolution);
        highPassRelion(f, pixelSize, lowResolution, edgeWidthShells);
        lowPassRelion(f, pixelSize, highResolution, edgeWidthShells);
    }

    private static double[] relionEdge(FourierGrid f, double pixelSize, double resolution, int edgeWidthShells) {
        if (resolution <= 0 || pixelSize <= 0) throw new IllegalArgumentException("resolution and pixel size must be > 0");
        if (edgeWidthShells < 0) throw new IllegalArgumentException("edge width must be >= 0");
        long shell = Math.round(FourierShells.shellOfResolution(resolution, FourierShells.referenceSize(f), pixelSize));
        int half = edgeWidthShells / 2;
        return new double[]{Math.max(0, shell - half), shell + half};
    }

    private static void radialRaisedCosine(FourierGrid f, double start, double end, boolean high) {
        if (end < start) throw new IllegalArgumentException("edge end " + end + " < start " + start);
        FourierShells.Axes a = FourierShells.Axes.of(f);
        double start2 = start * start, end2 = end * end, width = end - start;
        float[] d = f.data;
        int i = 0;
        for (int kz = 0; kz < f.nz; kz++) for (int ky = 0; ky < f.ny; ky++) {
            double ryz = a.z2()[kz] + a.y2()[ky];
            for (int kx = 0; kx < f.hx; kx++, i += 2) {
                double r2 = ryz + a.x2()[kx];
                double w;
                if (r2 <= start2) w = high ? 0 : 1;
                else if (r2 >= end2) w = high ? 1 : 0;
                else {
                    double c = 0.5 * Math.cos(Math.PI * (Math.sqrt(r2) - start) / width);
                    w = high ? 0.5 - c : 0.5 + c;
                }
                if (w != 1) { d[i] *= (float) w; d[i + 1] *= (float) w; }
            }
        }
    }

    /**
     * Multiplies by exp(−B·s²/4), s = |k|/(N·p) in Å⁻¹ (the structure-factor convention used by
     * RELION's post-processing). Positive B dampens high frequencies; negative B sharpens.
     */
    public static void applyBFactor(FourierGrid f, double pixelSize, double bFactor) {
        FourierShells.Axes a = FourierShells.Axes.of(f);
        double toS2 = 1.0 / Math.pow(FourierShells.referenceSize(f) * pixelSize, 2);
        double c = -bFactor / 4 * toS2;
        // exp(c·(x²+y²+z²)) is separable: three small tables instead of one exp per voxel.
        double[] ex = expTable(a.x2(), c), ey = expTable(a.y2(), c), ez = expTable(a.z2(), c);
        float[] d = f.data;
        int i = 0;
        for (int kz = 0; kz < f.nz; kz++) for (int ky = 0; ky < f.ny; ky++) {
            double eyz = ez[kz] * ey[ky];
            for (int kx = 0; kx < f.hx; kx++, i += 2) {
                float w = (float) (eyz * ex[kx]);
                d[i] *= w; d[i + 1] *= w;
            }
        }
    }

    private static double[] expTable(double[] r2, double c) {
        double[] e = new double[r2.length];
        for (int i = 0; i < r2.length; i++) e[i] = Math.exp(c * r2[i]);
        return e;
    }
}
