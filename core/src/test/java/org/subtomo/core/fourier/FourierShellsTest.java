package org.subtomo.core.fourier;

import org.junit.jupiter.api.Test;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.testutil.Maps;

import static org.junit.jupiter.api.Assertions.*;

class FourierShellsTest {

    /** Brute force over the full (not half) grid of signed frequencies: an independent count. */
    private static long[] fullGridCounts(int nx, int ny, int nz) {
        int n = Math.max(nx, Math.max(ny, nz));
        long[] c = new long[n / 2 + 1];
        for (int fz = -(nz - 1) / 2; fz <= nz / 2; fz++)
            for (int fy = -(ny - 1) / 2; fy <= ny / 2; fy++)
                for (int fx = -(nx - 1) / 2; fx <= nx / 2; fx++) {
                    double r = Math.sqrt(Math.pow(fx * (double) n / nx, 2) + Math.pow(fy * (double) n / ny, 2) + Math.pow(fz * (double) n / nz, 2));
                    int s = (int) Math.round(r);
                    if (s < c.length) c[s]++;
                }
        return c;
    }

    @Test void shellCountsEqualFullGridCountsForCubicNonCubicOddAnd2D() {
        int[][] sizes = {{16, 16, 16}, {15, 15, 15}, {64, 48, 1}, {20, 12, 9}, {33, 32, 1}};
        for (int[] s : sizes) {
            FourierGrid f = new FourierGrid(s[0], s[1], s[2]);
            assertArrayEquals(fullGridCounts(s[0], s[1], s[2]), FourierShells.shellCounts(f), java.util.Arrays.toString(s));
        }
    }

    @Test void shellIndexIsRoundedRadiusInCyclesPerBox() {
        FourierGrid f = new FourierGrid(32, 32, 32);
        int[] idx = FourierShells.shellIndex(f);
        assertEquals(0, idx[0]);
        assertEquals(5, idx[f.index(3, 4, 0) / 2]);                 // |(3,4,0)| = 5
        assertEquals(5, idx[f.index(3, f.rowY(-4), 0) / 2]);        // sign of fy irrelevant
        assertEquals(9, idx[f.index(5, f.rowY(-5), f.rowZ(5)) / 2]); // sqrt(75) = 8.66 -> 9
        // non-cubic: 64 x 32 image, fy = 8 cycles per 32 px = same frequency as 16 cycles per 64 px
        FourierGrid g = new FourierGrid(64, 32, 1);
        assertEquals(16, FourierShells.shellIndex(g)[g.index(0, 8, 0) / 2]);
    }

    @Test void resolutionOfShell() {
        assertEquals(15.0, FourierShells.resolutionAngstrom(10, 100, 1.5), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, FourierShells.resolutionAngstrom(0, 100, 1.5));
        assertEquals(10.0, FourierShells.shellOfResolution(15.0, 100, 1.5), 1e-12);
    }

    @Test void singleCosineHasPowerInItsShellOnly() {
        int n = 32, k = 5;
        RealGrid g = new RealGrid(n, n, 1);
        for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) g.set(x, y, (float) Math.cos(2 * Math.PI * k * x / n));
        double[] p = FourierShells.powerSpectrum(Fft.forward(g));
        // cos = (e^{ik} + e^{-ik})/2: two voxels of |N/2|² each, in a shell of 4k·... voxels
        long count = FourierShells.shellCounts(new FourierGrid(n, n, 1))[k];
        double expected = 2 * Math.pow(n * n / 2.0, 2) / count;
        for (int s = 0; s < p.length; s++) assertEquals(s == k ? expected : 0, p[s], expected * 1e-5, "shell " + s);
    }

    @Test void parsevalHoldsWithHermitianWeights() {
        // band-limit a random map below Nyquist so that no power sits in the dropped corners
        for (int[] s : new int[][]{{24, 24, 24}, {21, 16, 10}}) {
            FourierGrid f = Fft.forward(Maps.whiteNoise(s[0], s[1], s[2], 1, 7));
            FourierFilters.lowPass(f, FourierShells.nyquistShell(f) - 1, FourierShells.nyquistShell(f) - 1);
            RealGrid x = Fft.inverse(f);
            double realSum = 0;
            for (float v : x.data) realSum += (double) v * v;
            double[] p = FourierShells.powerSpectrum(f);
            long[] c = FourierShells.shellCounts(f);
            double fourierSum = 0;
            for (int i = 0; i < p.length; i++) fourierSum += p[i] * c[i];
            assertEquals(x.size() * realSum, fourierSum, 1e-4 * fourierSum, java.util.Arrays.toString(s));
        }
    }
}
