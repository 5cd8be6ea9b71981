package org.subtomo.refine.ml;

import org.subtomo.core.grid.FourierGrid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The independent Fourier components of a cubic (3D) box up to a shell radius, sorted by shell: the
 * 3D engine's working representation of sub-tomograms, rotated references, 3D CTF volumes and phase
 * tables. As in {@link FourierComponents} (2D), "cropped to radius r" is a prefix of the list.
 *
 * <p>Independent: each Hermitian pair once and no DC (kx &gt; 0, or kx = 0 and ky &gt; 0, or
 * kx = ky = 0 and kz &gt; 0); radius capped at N/2 − 1. Values are normalised (÷N³, RELION's forward
 * convention; sub-tomograms get no extra factor) and centred (phases relative to voxel N/2).
 */
public final class FourierComponents3D {
    public final int n;
    public final int radius;
    public final int count;
    public final int[] kx, ky, kz;
    public final int[] shell;
    /** Complex index into the N³ half grid: kx + hx·(row(ky) + N·row(kz)). */
    public final int[] halfIndex;
    public final float[] centreSign;
    private final int[] shellEnd;

    private FourierComponents3D(int n, int radius, int[] kx, int[] ky, int[] kz) {
        this.n = n; this.radius = radius; this.count = kx.length;
        this.kx = kx; this.ky = ky; this.kz = kz;
        shell = new int[count]; halfIndex = new int[count]; centreSign = new float[count];
        int hx = n / 2 + 1;
        for (int i = 0; i < count; i++) {
            shell[i] = shellOf(kx[i], ky[i], kz[i]);
            halfIndex[i] = kx[i] + hx * (Math.floorMod(ky[i], n) + n * Math.floorMod(kz[i], n));
            centreSign[i] = ((kx[i] + ky[i] + kz[i]) & 1) == 0 ? 1f : -1f;
        }
        shellEnd = new int[radius + 2];
        for (int s = 0, i = 0; s <= radius + 1; s++) {
            while (i < count && shell[i] <= s) i++;
            shellEnd[s] = i;
        }
    }

    static int shellOf(int x, int y, int z) { return (int) Math.round(Math.sqrt((double) x * x + (double) y * y + (double) z * z)); }

    public static FourierComponents3D of(int n, int radius) {
        if (n % 2 != 0 || n < 4) throw new IllegalArgumentException("box size must be even and >= 4: " + n);
        int r = Math.max(1, Math.min(radius, n / 2 - 1));
        int lim = r + 1;
        List<int[]> pts = new ArrayList<>();
        for (int z = -lim; z <= lim; z++) for (int y = -lim; y <= lim; y++) for (int x = 0; x <= lim; x++) {
            if (x == 0 && (y < 0 || (y == 0 && z <= 0))) continue;
            if (shellOf(x, y, z) <= r) pts.add(new int[]{x, y, z, shellOf(x, y, z)});
        }
        pts.sort(Comparator.<int[]>comparingInt(p -> p[3]).thenComparingInt(p -> p[2]).thenComparingInt(p -> p[1]).thenComparingInt(p -> p[0]));
        int m = pts.size();
        int[] kx = new int[m], ky = new int[m], kz = new int[m];
        for (int i = 0; i < m; i++) { kx[i] = pts.get(i)[0]; ky[i] = pts.get(i)[1]; kz[i] = pts.get(i)[2]; }
        return new FourierComponents3D(n, r, kx, ky, kz);
    }

    /** Number of components with shell ≤ s. */
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

    /** First m components of an unnormalised, uncentred transform ({@code Fft.forward}) as normalised, centred (re, im). */
    public void gather(FourierGrid f, int m, float[] out) {
        float norm = (float) (1.0 / ((double) n * n * n));
        float[] d = f.data;
        for (int i = 0; i < m; i++) {
            int j = 2 * halfIndex[i];
            float s = centreSign[i] * norm;
            out[2 * i] = d[j] * s;
            out[2 * i + 1] = d[j + 1] * s;
        }
    }

    /** First m values of a real half-grid array (a 3D CTF volume) in component order. */
    public void gatherReal(float[] half, int m, float[] out) {
        for (int i = 0; i < m; i++) out[i] = half[halfIndex[i]];
    }

    /** Inverse of {@link #gather} into an all-zero half grid, with the Hermitian mates of the kx = 0 plane. */
    public void scatter(float[] values, int m, FourierGrid f) {
        float scale = (float) ((double) n * n * n);
        int hx = n / 2 + 1;
        for (int i = 0; i < m; i++) {
            float s = centreSign[i] * scale;
            float re = values[2 * i] * s, im = values[2 * i + 1] * s;
            int j = 2 * halfIndex[i];
            f.data[j] = re; f.data[j + 1] = im;
            if (kx[i] == 0) {
                int mate = 2 * (hx * (Math.floorMod(-ky[i], n) + n * Math.floorMod(-kz[i], n)));
                f.data[mate] = re; f.data[mate + 1] = -im;
            }
        }
    }
}
