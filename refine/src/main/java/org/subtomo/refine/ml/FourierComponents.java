package org.subtomo.refine.ml;

import org.subtomo.core.grid.FourierGrid;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The independent Fourier components of a square (2D) box up to a shell radius, as a compact list
 * sorted by shell: the engine's working representation of images, references, CTFs, 1/σ² and phase
 * tables. Because the list is sorted by shell, "cropped to radius r" is a prefix
 * ({@link #countUpTo(int)}), so the E-step (strict resolution limit) and the M-step (current size)
 * share one list.
 *
 * <p>Independent means each Hermitian pair (k, −k) once and no DC: kx &gt; 0, or kx == 0 and ky &gt; 0.
 * Sums over this list are RELION's sums over the stored half (each complex component once). The
 * radius is capped at N/2 − 1 so that no Nyquist mate pairs are counted twice.
 *
 * <p>Values gathered from a {@link FourierGrid} are <em>normalised</em> (divided by N², RELION's
 * forward convention, so σ² and τ² have RELION's scale) and <em>centred</em> (phases relative to the
 * box centre N/2, so rotations are about the centre).
 *
 * <p>3D: the same list with kz filled ({@code of3D}, not yet needed) serves sub-tomograms.
 */
public final class FourierComponents {
    public final int n;
    public final int radius;
    public final int count;
    /** Signed frequencies (cycles per box). */
    public final int[] kx, ky;
    public final int[] shell;
    /** Complex index into the N×N half grid (kx + hx·row). */
    public final int[] halfIndex;
    /** ±1: (−1)^(kx+ky), the phase that moves the origin to the centre (even N). */
    public final float[] centreSign;
    private final int[] shellEnd;

    private FourierComponents(int n, int radius, int[] kx, int[] ky) {
        this.n = n; this.radius = radius; this.count = kx.length;
        this.kx = kx; this.ky = ky;
        this.shell = new int[count];
        this.halfIndex = new int[count];
        this.centreSign = new float[count];
        int hx = n / 2 + 1;
        for (int i = 0; i < count; i++) {
            shell[i] = (int) Math.round(Math.sqrt((double) kx[i] * kx[i] + (double) ky[i] * ky[i]));
            halfIndex[i] = kx[i] + hx * Math.floorMod(ky[i], n);
            centreSign[i] = ((kx[i] + ky[i]) & 1) == 0 ? 1f : -1f;
        }
        shellEnd = new int[radius + 2];
        for (int s = 0, i = 0; s <= radius + 1; s++) {
            while (i < count && shell[i] <= s) i++;
            shellEnd[s] = i;
        }
    }

    /** Components of an N×N box (N even) with 1 ≤ shell ≤ min(radius, N/2 − 1). */
    public static FourierComponents of2D(int n, int radius) {
        if (n % 2 != 0 || n < 4) throw new IllegalArgumentException("box size must be even and >= 4: " + n);
        int r = Math.max(1, Math.min(radius, n / 2 - 1));
        int lim = r + 1;
        IntStream.Builder b = IntStream.builder();
        for (int y = -lim; y <= lim; y++) for (int x = 0; x <= lim; x++) {
            if (x == 0 && y <= 0) continue;
            long s = Math.round(Math.sqrt((double) x * x + (double) y * y));
            if (s <= r) b.add(x).add(y);
        }
        int[] pairs = b.build().toArray();
        Integer[] order = new Integer[pairs.length / 2];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> Math.round(Math.sqrt((double) pairs[2 * i] * pairs[2 * i]
                + (double) pairs[2 * i + 1] * pairs[2 * i + 1]))).thenComparingInt(i -> pairs[2 * i + 1]).thenComparingInt(i -> pairs[2 * i]));
        int[] kx = new int[order.length], ky = new int[order.length];
        for (int i = 0; i < order.length; i++) { kx[i] = pairs[2 * order[i]]; ky[i] = pairs[2 * order[i] + 1]; }
        return new FourierComponents(n, r, kx, ky);
    }

    /** Number of components with shell ≤ s (a prefix of the list). */
    public int countUpTo(int s) {
        if (s < 0) return 0;
        return shellEnd[Math.min(s, radius + 1)];
    }

    /** Components per shell 0..radius. */
    public long[] shellCounts() {
        long[] c = new long[radius + 1];
        for (int s : shell) c[s]++;
        return c;
    }

    /**
     * The first {@code m} components of an unnormalised, uncentred transform (the project's
     * {@code Fft.forward}) as normalised, centred values, interleaved (re, im).
     */
    public void gather(FourierGrid f, int m, float[] out) {
        float norm = 1f / ((float) n * n);
        float[] d = f.data;
        for (int i = 0; i < m; i++) {
            int j = 2 * halfIndex[i];
            float s = centreSign[i] * norm;
            out[2 * i] = d[j] * s;
            out[2 * i + 1] = d[j + 1] * s;
        }
    }

    /** The first {@code m} values of a real half-grid array (e.g. a sampled CTF) in component order. */
    public void gatherReal(float[] half, int m, float[] out) {
        for (int i = 0; i < m; i++) out[i] = half[halfIndex[i]];
    }

    /**
     * Inverse of {@link #gather}: writes normalised centred values back into an (all-zero) half grid
     * as an unnormalised uncentred transform, filling the Hermitian mates on the kx = 0 column.
     */
    public void scatter(float[] values, int m, FourierGrid f) {
        float scale = (float) n * n;
        int hx = n / 2 + 1;
        for (int i = 0; i < m; i++) {
            float s = centreSign[i] * scale;
            float re = values[2 * i] * s, im = values[2 * i + 1] * s;
            int j = 2 * halfIndex[i];
            f.data[j] = re; f.data[j + 1] = im;
            if (kx[i] == 0) {
                int mate = 2 * (hx * Math.floorMod(-ky[i], n));
                f.data[mate] = re; f.data[mate + 1] = -im;
            }
        }
    }
}
