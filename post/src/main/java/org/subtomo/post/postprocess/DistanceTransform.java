package org.subtomo.post.postprocess;

/**
 * Exact squared Euclidean distance (in pixels²) from every voxel to the nearest voxel of a binary
 * set, by the separable lower-envelope-of-parabolas algorithm of Felzenszwalb &amp; Huttenlocher (2012):
 * three 1D passes, linear in the number of voxels. Distances are integers, so tests against a brute
 * force search compare exactly. No wrap-around at the box edges (as RELION's mask growth).
 */
public final class DistanceTransform {
    private DistanceTransform() {}

    /** Effectively infinite, but small enough that sums of three never overflow a double's exact range. */
    static final double FAR = 1e12;

    /** Squared distance to the nearest voxel with {@code inside[i]}; 0 inside. nx·ny·nz voxels, X fastest. */
    public static double[] squared(boolean[] inside, int nx, int ny, int nz) {
        double[] d = new double[inside.length];
        for (int i = 0; i < d.length; i++) d[i] = inside[i] ? 0 : FAR;
        int n = Math.max(nx, Math.max(ny, nz));
        double[] f = new double[n], out = new double[n], z = new double[n + 1];
        int[] v = new int[n];
        for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) pass(d, (j + (long) ny * k) * nx, 1, nx, f, out, v, z);
        for (int k = 0; k < nz; k++) for (int i = 0; i < nx; i++) pass(d, i + (long) nx * ny * k, nx, ny, f, out, v, z);
        for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) pass(d, i + (long) nx * j, (long) nx * ny, nz, f, out, v, z);
        return d;
    }

    /** One 1D pass along a line of {@code n} values starting at {@code start}, {@code stride} apart. */
    private static void pass(double[] d, long start, long stride, int n, double[] f, double[] out, int[] v, double[] z) {
        for (int q = 0; q < n; q++) f[q] = d[(int) (start + q * stride)];
        int k = 0;
        v[0] = 0; z[0] = Double.NEGATIVE_INFINITY; z[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = intersection(f, q, v[k]);
            while (s <= z[k]) { k--; s = intersection(f, q, v[k]); } // z[0] = -inf stops this at k = 0
            k++;
            v[k] = q; z[k] = s; z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) k++;
            int p = v[k];
            out[q] = (double) (q - p) * (q - p) + f[p];
        }
        for (int q = 0; q < n; q++) d[(int) (start + q * stride)] = out[q];
    }

    /** Where the parabolas rooted at q and p intersect. */
    private static double intersection(double[] f, int q, int p) {
        return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * (q - p));
    }
}
