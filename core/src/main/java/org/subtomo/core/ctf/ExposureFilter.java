package org.subtomo.core.ctf;

/**
 * Radiation damage as a function of accumulated exposure: the amplitude of spatial frequency k
 * (1/Å) after N e⁻/Å² is attenuated by {@code exp(−N / (2 Ne(k)))}, with the critical exposure
 * {@code Ne(k) = a k^b + c}, a = 0.245, b = −1.665, c = 2.81 measured at 300 kV by Grant &
 * Grigorieff (2015) eLife 4:e06980. At 200 kV the damage per e⁻ is larger; the usual scaling of Ne
 * by 0.8 (same paper) is applied.
 *
 * <p>RELION's 3D CTF model expresses the same effect as a B-factor growing linearly with dose
 * (the protocol uses 4 Å² per e⁻/Å²); {@link #equivalentBFactor} relates the two.
 */
public final class ExposureFilter {
    private ExposureFilter() {}

    static final double A = 0.245, B = -1.665, C = 2.81;

    /** Critical exposure (e⁻/Å²) at spatial frequency k (1/Å) and voltage (kV). */
    public static double criticalExposure(double k, double voltageKv) {
        double ne = A * Math.pow(Math.max(k, 1e-6), B) + C;
        return voltageKv < 250 ? 0.8 * ne : ne;
    }

    /** Amplitude attenuation after {@code exposure} e⁻/Å² at frequency k (1/Å). */
    public static double attenuation(double k, double exposure, double voltageKv) {
        return exposure <= 0 ? 1 : Math.exp(-exposure / (2 * criticalExposure(k, voltageKv)));
    }

    /**
     * The B-factor (Å²) whose envelope exp(−B k²/4) equals this filter's attenuation at frequency k:
     * a way to compare with RELION's linear dose B-factor at one resolution.
     */
    public static double equivalentBFactor(double k, double exposure, double voltageKv) {
        return -4 * Math.log(attenuation(k, exposure, voltageKv)) / (k * k);
    }
}
