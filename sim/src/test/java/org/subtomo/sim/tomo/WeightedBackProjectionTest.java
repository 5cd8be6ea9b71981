package org.subtomo.sim.tomo;

import org.junit.jupiter.api.Test;
import org.subtomo.core.error.InputException;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.geom.TiltGeometry;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

import static org.junit.jupiter.api.Assertions.*;

class WeightedBackProjectionTest {
    static final double S = 1.5;  // blob standard deviation, pixels

    /** Analytic projections of a Gaussian blob exp(-r²/2S²) at (x0, y0, z0) relative to the centre. */
    static RealGrid blobTiltSeries(int nu, int nv, double[] tilts, double x0, double y0, double z0) {
        RealGrid s = new RealGrid(nu, nv, tilts.length);
        for (int t = 0; t < tilts.length; t++) {
            TiltGeometry g = TiltGeometry.of(tilts[t]);
            double u0 = g.u(x0, z0) + nu / 2, v0 = y0 + nv / 2;
            for (int v = 0; v < nv; v++) for (int u = 0; u < nu; u++) {
                double r2 = (u - u0) * (u - u0) + (v - v0) * (v - v0);
                s.set(u, v, t, (float) (S * Math.sqrt(2 * Math.PI) * Math.exp(-r2 / (2 * S * S))));
            }
        }
        return s;
    }

    static double[] range(double max, double step) {
        int n = (int) Math.round(2 * max / step) + 1;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = -max + i * step;
        return a;
    }

    @Test void fullAngularRangeRecoversTheBlobOnItsOwnScale() {
        double[] tilts = range(89, 1);
        RealGrid tomo = WeightedBackProjection.reconstruct(blobTiltSeries(64, 16, tilts, 5, -2, -7), tilts, 64, 64,
                new WeightedBackProjection.Options(1.0, true));
        // The blob's peak value is 1; with 179 of 180 degrees sampled WBP must give it back.
        assertEquals(1.0, tomo.get(32 + 5, 8 - 2, 32 - 7), 0.08);
        assertEquals(0.0, tomo.get(10, 8, 50), 0.05, "background stays empty");
    }

    @Test void limitedTiltRangeLeavesAMissingWedgeAndElongatesAlongZ() {
        double[] tilts = range(60, 3);
        int n = 64;
        RealGrid tomo = WeightedBackProjection.reconstruct(blobTiltSeries(n, n, tilts, 0, 0, 0), tilts, n, n,
                WeightedBackProjection.Options.defaults());
        // Peak where the blob is.
        int best = 0;
        for (int i = 1; i < tomo.data.length; i++) if (tomo.data[i] > tomo.data[best]) best = i;
        assertEquals(tomo.index(n / 2, n / 2, n / 2), best);
        // Point spread longer along Z (the beam at zero tilt) than along X.
        float peak = tomo.get(n / 2, n / 2, n / 2);
        int wx = 0, wz = 0;
        while (tomo.get(n / 2 + wx, n / 2, n / 2) > peak / 2) wx++;
        while (tomo.get(n / 2, n / 2, n / 2 + wz) > peak / 2) wz++;
        assertTrue(wz > wx, "half widths x " + wx + " z " + wz);
        // In Fourier space (ky = 0 plane): energy in the wedge around kz (beyond 60° + margin from kx) is
        // tiny compared with the sampled region.
        FourierGrid f = Fft.forward(tomo);
        double inWedge = 0, outside = 0;
        for (int kz = 0; kz < n; kz++) for (int kx = 0; kx < f.hx; kx++) {
            int fz = f.freqZ(kz);
            double r = Math.hypot(kx, fz);
            if (r < 4 || r > n / 3) continue;
            double angleFromKz = Math.toDegrees(Math.atan2(kx, Math.abs(fz)));  // 0 on the kz axis
            int i = f.index(kx, 0, kz);
            double p = f.data[i] * f.data[i] + f.data[i + 1] * f.data[i + 1];
            if (angleFromKz < 25) inWedge += p; else if (angleFromKz > 35) outside += p;
        }
        // A full tilt range would put ~0.45 of the outside energy in that wedge (25° vs 55° sectors);
        // the ±60° series leaves it near empty (what remains is linear-interpolation leakage, ~2e-3).
        assertTrue(inWedge < 1e-2 * outside, "wedge/outside energy " + inWedge / outside);
    }

    @Test void angleCountMustMatchImages() {
        InputException e = assertThrows(InputException.class,
                () -> WeightedBackProjection.reconstruct(new RealGrid(8, 8, 3), new double[]{0, 1}, 8, 8, WeightedBackProjection.Options.defaults()));
        assertTrue(e.getMessage().contains("3 images but 2 tilt angles"));
    }

    @Test void angularIntervalsHalfTheGaps() {
        double[] w = WeightedBackProjection.angularIntervals(new double[]{3, -3, 0, 9});
        assertArrayEquals(new double[]{Math.toRadians(4.5), Math.toRadians(3), Math.toRadians(3), Math.toRadians(6)}, w, 1e-12);
    }
}
