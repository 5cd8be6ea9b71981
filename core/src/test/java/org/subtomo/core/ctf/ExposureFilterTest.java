package org.subtomo.core.ctf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ExposureFilterTest {
    @Test void knownValuesAt300kV() {
        // At 1/4 Å⁻¹: Ne = 0.245 * 4^1.665 + 2.81 = 0.245 * 10.056 + 2.81 = 5.274 e-/Å².
        double ne = ExposureFilter.criticalExposure(0.25, 300);
        assertEquals(0.245 * Math.pow(4, 1.665) + 2.81, ne, 1e-12);
        assertEquals(5.274, ne, 1e-3);
        // After exactly 2 Ne the amplitude falls to 1/e.
        assertEquals(Math.exp(-1), ExposureFilter.attenuation(0.25, 2 * ne, 300), 1e-12);
        assertEquals(1.0, ExposureFilter.attenuation(0.25, 0, 300));
        // Low frequencies survive much longer than high ones.
        assertEquals(0.46, ExposureFilter.attenuation(0.05, 60, 300), 0.01);  // 1/20 Å: Ne = 38.8
        assertEquals(0.0015, ExposureFilter.attenuation(0.3, 60, 300), 3e-4);  // 1/3.3 Å: Ne = 4.63
    }

    @Test void twoHundredKvDamagesFaster() {
        assertEquals(0.8 * ExposureFilter.criticalExposure(0.2, 300), ExposureFilter.criticalExposure(0.2, 200), 1e-12);
    }

    @Test void equivalentBFactorReproducesAttenuation() {
        double k = 0.1, n = 30;
        double b = ExposureFilter.equivalentBFactor(k, n, 300);
        assertEquals(ExposureFilter.attenuation(k, n, 300), Math.exp(-b * k * k / 4), 1e-12);
        assertTrue(b > 0);
    }
}
