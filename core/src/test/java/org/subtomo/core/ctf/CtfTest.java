package org.subtomo.core.ctf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CtfTest {

    @Test void relativisticWavelength() {
        // the quoted 6-digit values ...
        assertEquals(0.019687, ElectronWavelength.angstrom(300), 1e-6);
        assertEquals(0.025079, ElectronWavelength.angstrom(200), 1e-6);
        // ... and the formula from CODATA 2018 constants (RELION's rounded constants differ by ~6e-6 relative)
        double h = 6.62607015e-34, m = 9.1093837015e-31, e = 1.602176634e-19, c = 299792458;
        for (double kv : new double[]{80, 120, 200, 300}) {
            double v = kv * 1e3, codata = h / Math.sqrt(2 * m * e * v * (1 + e * v / (2 * m * c * c))) * 1e10;
            assertEquals(codata, ElectronWavelength.angstrom(kv), 1e-5 * codata, kv + " kV");
        }
        // non-relativistic limit would be 12.26/sqrt(V): at 300 kV that is 0.02239, so the correction is in
        assertTrue(ElectronWavelength.angstrom(300) < 12.2643247 / Math.sqrt(300e3) * 0.9);
        assertThrows(IllegalArgumentException.class, () -> ElectronWavelength.angstrom(0));
    }

    @Test void valueAtZeroFrequencyIsPlusAmplitudeContrastTimesScale() {
        Ctf c = new Ctf(CtfParams.of(15000, 15000, 0, 300, 2.7, 0.1).withScale(0.8).withBFactor(50));
        assertEquals(0.1 * 0.8, c.value(0, 0), 1e-12);
        // a 90° phase plate with Q = 0 gives full contrast at s = 0
        assertEquals(1.0, new Ctf(CtfParams.of(5000, 5000, 0, 300, 2.7, 0).withPhaseShift(90)).value(0, 0), 1e-12);
    }

    @Test void zerosOfAPureDefocusCtfAreAtSqrtNOverLambdaDefocus() {
        double df = 20000;
        Ctf c = new Ctf(CtfParams.of(df, df, 0, 300, 0, 0));
        double lambda = ElectronWavelength.angstrom(300);
        for (int n = 1; n <= 5; n++) {
            double s = Math.sqrt(n / (lambda * df));
            assertEquals(0, c.value(s, 0), 1e-9, "zero " + n);
            assertEquals(0, c.value(s * Math.cos(1), s * Math.sin(1)), 1e-9, "isotropic zero " + n);
            // alternating sign between zeros, positive before the first (RELION's sign for underfocus)
            double before = c.value(Math.sqrt((n - 0.5) / (lambda * df)), 0);
            assertEquals(n % 2 == 1 ? 1 : -1, before, 1e-9, "extremum before zero " + n);
        }
    }

    @Test void sphericalAberrationMovesTheFirstZeroToTheQuadraticRoot() {
        double df = 10000, csMm = 2.7, q = 0.07;
        Ctf c = new Ctf(CtfParams.of(df, df, 0, 200, csMm, q));
        double lambda = ElectronWavelength.angstrom(200), cs = csMm * 1e7;
        // first zero: π λ Δf x − (π/2) Cs λ³ x² + asin Q = π, with x = s²
        double a = Math.PI / 2 * cs * Math.pow(lambda, 3), b = -Math.PI * lambda * df, cc = Math.PI - Math.asin(q);
        double x = (-b - Math.sqrt(b * b - 4 * a * cc)) / (2 * a);
        double s = Math.sqrt(x);
        assertEquals(0, c.value(s, 0), 1e-9);
        assertTrue(c.value(s * 0.99, 0) > 0 && c.value(s * 1.01, 0) < 0);
        // without Cs the zero would sit at lower frequency (Cs counteracts underfocus)
        assertTrue(s > Math.sqrt((1 - Math.asin(q) / Math.PI) / (lambda * df)));
    }

    @Test void astigmaticZerosFollowUAndVDirections() {
        double u = 20000, v = 16000, angle = 30; // U/V = 1.25: U-zeros fall between V-zeros
        Ctf c = new Ctf(CtfParams.of(u, v, angle, 300, 0, 0));
        double lambda = c.wavelength();
        double tu = Math.toRadians(angle), tv = tu + Math.PI / 2;
        for (int n = 1; n <= 3; n++) {
            double su = Math.sqrt(n / (lambda * u)), sv = Math.sqrt(n / (lambda * v));
            assertEquals(0, c.value(su * Math.cos(tu), su * Math.sin(tu)), 1e-9);
            assertEquals(0, c.value(sv * Math.cos(tv), sv * Math.sin(tv)), 1e-9);
            // and not zero at the other direction's radius
            assertTrue(Math.abs(c.value(sv * Math.cos(tu), sv * Math.sin(tu))) > 0.1);
        }
        assertEquals(u, c.defocusAt(Math.cos(tu), Math.sin(tu)), 1e-9);
        assertEquals(v, c.defocusAt(-Math.cos(tv), -Math.sin(tv)), 1e-9); // ±s same defocus
    }

    @Test void bFactorEnvelopeRatio() {
        CtfParams base = CtfParams.of(12000, 11000, 45, 300, 2.7, 0.1);
        Ctf plain = new Ctf(base), damped = new Ctf(base.withBFactor(120));
        double sx = 0.07, sy = -0.11, s2 = sx * sx + sy * sy;
        assertEquals(Math.exp(-120 * s2 / 4), damped.value(sx, sy) / plain.value(sx, sy), 1e-12);
    }

    @Test void sampledHalfGridMatchesPointwiseValuesInEveryMode() {
        // non-square, astigmatic, Cs, phase shift, B: the grid path (no atan2) vs value() (atan2)
        Ctf c = new Ctf(new CtfParams(18000, 14000, -37, 300, 2.7, 0.1, 20, 80, 0.9));
        int nx = 64, ny = 50, hx = nx / 2 + 1;
        double p = 1.3;
        float[] val = c.sampleHalf(nx, ny, p, Ctf.Mode.VALUE);
        float[] abs = c.sampleHalf(nx, ny, p, Ctf.Mode.ABS);
        float[] sq = c.sampleHalf(nx, ny, p, Ctf.Mode.SQUARED);
        float[] flip = c.sampleHalf(nx, ny, p, Ctf.Mode.PHASE_FLIP);
        for (int ky = 0; ky < ny; ky++) for (int kx = 0; kx < hx; kx++) {
            int fy = ky <= ny / 2 ? ky : ky - ny;
            double want = c.value(kx / (nx * p), fy / (ny * p));
            int i = kx + hx * ky;
            assertEquals(want, val[i], 1e-5, kx + "," + fy);
            assertEquals(Math.abs(want), abs[i], 1e-5);
            assertEquals(want * want, sq[i], 1e-5);
            if (Math.abs(want) > 1e-4) assertEquals(Math.signum(want) * 0.9, flip[i], 1e-6);
        }
        assertThrows(IllegalArgumentException.class, () -> c.sampleHalf(nx, ny, p, Ctf.Mode.VALUE, new float[10]));
    }
}
