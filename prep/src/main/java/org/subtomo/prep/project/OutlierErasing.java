package org.subtomo.prep.project;

import org.subtomo.core.grid.RealGrid;

/**
 * Erases gold fiducials and other very dark or bright blobs from a tilt image before CTF estimation,
 * as IMOD's ccderaser is used before CTFFIND: pixels further than {@code k} standard deviations (default 3) from
 * the image mean, grown by {@code grow} pixels to take their edges too, are set to the mean of the
 * others. A 10 nm gold bead scatters so strongly that its own form factor (zeros at 1/70, 1/41, 1/29 Å
 * for r = 5 nm) swamps the Thon rings of the weak ice texture in the fitting band.
 */
public final class OutlierErasing {
    private OutlierErasing() {}

    /** A copy of the image with the outliers erased; the fraction erased is {@code erased[0]} when given. */
    public static RealGrid erase(RealGrid img, double k, int grow, double[] erased) {
        int nx = img.nx, ny = img.ny, n = nx * ny;
        double s = 0, s2 = 0;
        for (int i = 0; i < n; i++) { s += img.data[i]; s2 += (double) img.data[i] * img.data[i]; }
        double mean = s / n, sd = Math.sqrt(Math.max(0, s2 / n - mean * mean));
        boolean[] bad = new boolean[n];
        int count = 0;
        for (int i = 0; i < n; i++) if (Math.abs(img.data[i] - mean) > k * sd) bad[i] = true;
        boolean[] grown = new boolean[n];
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) {
                if (!bad[x + nx * y]) continue;
                for (int dy = -grow; dy <= grow; dy++)
                    for (int dx = -grow; dx <= grow; dx++) {
                        int xx = x + dx, yy = y + dy;
                        if (xx >= 0 && yy >= 0 && xx < nx && yy < ny && dx * dx + dy * dy <= grow * grow) grown[xx + nx * yy] = true;
                    }
            }
        double keep = 0;
        for (int i = 0; i < n; i++) if (grown[i]) count++; else keep += img.data[i];
        float fill = (float) (count < n ? keep / (n - count) : mean);
        RealGrid out = img.copy();
        for (int i = 0; i < n; i++) if (grown[i]) out.data[i] = fill;
        if (erased != null && erased.length > 0) erased[0] = (double) count / n;
        return out;
    }
}
