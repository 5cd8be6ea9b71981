package org.subtomo.core.geom;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class HealpixTest {

    /**
     * Independent reference: RING-scheme pixel centres straight from Górski et al. (2005) eqs. 4-9 — a different
     * numbering and different formulas; the set of centres must be the same as NESTED's.
     */
    static double[] ringZPhi(int nside, int p) {
        int npix = 12 * nside * nside, ncap = 2 * nside * (nside - 1);
        if (p < ncap) {
            int i = (int) ((1 + Math.sqrt(1 + 2.0 * p)) / 2); // ring
            while (2 * i * (i - 1) > p) i--;
            while (2 * (i + 1) * i <= p) i++;
            int j = p + 1 - 2 * i * (i - 1);
            return new double[]{1 - i * (double) i / (3.0 * nside * nside), (j - 0.5) * Math.PI / (2 * i)};
        } else if (p < npix - ncap) {
            int q = p - ncap, i = q / (4 * nside) + nside, j = q % (4 * nside) + 1;
            int s = (i - nside + 1) % 2; // the paper's shift: half a pixel on rings with s = 1
            return new double[]{4.0 / 3 - 2.0 * i / (3 * nside), (j - s / 2.0) * Math.PI / (2 * nside)};
        } else {
            int q = npix - p, i = (int) ((1 + Math.sqrt(2.0 * q - 1)) / 2);
            while (2 * i * (i - 1) >= q) i--;
            while (2 * (i + 1) * i < q) i++;
            int j = 4 * i + 1 - (q - 2 * i * (i - 1));
            return new double[]{-1 + i * (double) i / (3.0 * nside * nside), (j - 0.5) * Math.PI / (2 * i)};
        }
    }

    private static String key(double z, double phi) {
        return String.format("%.9f/%.9f", z, (phi + 2 * Math.PI) % (2 * Math.PI));
    }

    @Test void countsAndSameCentresAsTheRingScheme() {
        for (int order = 0; order <= 5; order++) {
            Healpix h = new Healpix(order);
            int n = h.numPixels();
            assertEquals(12 * (1 << (2 * order)), n);
            Set<String> nested = new HashSet<>(), ring = new HashSet<>();
            for (int p = 0; p < n; p++) {
                double[] zp = h.zPhi(p);
                nested.add(key(zp[0], zp[1]));
                double[] r = ringZPhi(h.nside(), p);
                ring.add(key(r[0], r[1]));
            }
            assertEquals(n, nested.size(), "distinct centres at order " + order);
            assertEquals(ring, nested, "order " + order);
        }
    }

    @Test void nestedHierarchyAndPixelOfCentre() {
        Healpix coarse = new Healpix(2), fine = new Healpix(3);
        for (int p = 0; p < fine.numPixels(); p++) {
            double[] d = fine.direction(p);
            assertEquals(p, fine.pixelOf(d[0], d[1], d[2]), "a centre lies in its own pixel");
            // NESTED: fine pixel p lies inside coarse pixel p / 4.
            assertEquals(p / 4, coarse.pixelOf(d[0], d[1], d[2]));
        }
    }

    @Test void equalAreaByMonteCarlo() {
        // Uniform random directions binned with pixelOf: every pixel should get Poisson(M / N) counts.
        Healpix h = new Healpix(2);
        int n = h.numPixels(), m = 400 * n;
        int[] counts = new int[n];
        Random r = new Random(5);
        for (int i = 0; i < m; i++) counts[h.pixelOf(r.nextGaussian(), r.nextGaussian(), r.nextGaussian())]++;
        double expected = (double) m / n, chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
            assertTrue(Math.abs(c - expected) < 6 * Math.sqrt(expected), "pixel count " + c + " vs " + expected);
        }
        // chi2 with N - 1 = 191 dof: mean 191, sd 19.5; 6 sd either way.
        assertTrue(chi2 > 191 - 6 * 19.5 && chi2 < 191 + 6 * 19.5, "chi2 " + chi2);
    }

    @Test void nearestCentreIsTheContainingPixelsNeighbourhoodAndSpacingMatchesTheStep() {
        for (int order = 1; order <= 3; order++) {
            HealpixSampling s = new HealpixSampling(order);
            double step = s.angularStep();
            int n = s.numDirections();
            double minNn = Double.POSITIVE_INFINITY, maxNn = 0;
            for (int p = 0; p < n; p++) {
                double nn = Double.POSITIVE_INFINITY;
                for (int q = 0; q < n; q++) if (q != p) nn = Math.min(nn, Euler.directionAngle(s.direction(p), s.direction(q)));
                minNn = Math.min(minNn, nn); maxNn = Math.max(maxNn, nn);
            }
            // Spacing of an equal-area grid: sqrt(4 pi / N) = 0.977 step; HEALPix's rhombi stretch this by ~ +-30%.
            assertTrue(minNn > 0.6 * step && maxNn < 1.2 * step, "order " + order + ": nearest neighbours " + Math.toDegrees(minNn) + ".." + Math.toDegrees(maxNn) + " deg, step " + Math.toDegrees(step));
            // Covering radius: a random direction is never far from its nearest centre.
            Random r = new Random(order);
            double worst = 0;
            for (int i = 0; i < 3000; i++) {
                double[] v = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
                double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                for (int k = 0; k < 3; k++) v[k] /= norm;
                double best = Double.POSITIVE_INFINITY;
                for (int q = 0; q < n; q++) best = Math.min(best, Euler.directionAngle(v, s.direction(q)));
                worst = Math.max(worst, best);
            }
            assertTrue(worst < 0.8 * step, "order " + order + ": covering radius " + Math.toDegrees(worst));
        }
    }

    @Test void relionStepAndPsi() {
        double[] steps = {60, 30, 15, 7.5, 3.75, 1.875};
        for (int o = 0; o < steps.length; o++) {
            HealpixSampling s = new HealpixSampling(o);
            assertEquals(steps[o], Math.toDegrees(s.angularStep()), 1e-12);
            assertEquals(360 / steps[o], s.numPsi(), 1e-12);
            assertEquals(o, HealpixSampling.orderForStep(Math.toRadians(steps[o])));
            double[] psi = s.psiAngles();
            assertEquals(0, psi[0]);
            assertEquals(steps[o], Math.toDegrees(psi[1] - psi[0]), 1e-9);
        }
        // RELION's rot range and tilt = acos z.
        HealpixSampling s = new HealpixSampling(3);
        for (int p = 0; p < s.numDirections(); p++) {
            assertTrue(s.rot(p) > -Math.PI && s.rot(p) <= Math.PI);
            assertArrayEquals(Euler.viewingDirection(s.rot(p), s.tilt(p)), s.direction(p), 1e-12);
        }
    }
}
