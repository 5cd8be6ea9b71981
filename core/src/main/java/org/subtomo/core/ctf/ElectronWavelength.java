package org.subtomo.core.ctf;

/**
 * Relativistic electron wavelength λ = h / sqrt(2·m·e·V·(1 + e·V/(2·m·c²))).
 * The constants are RELION's (12.2643247 Å·V^½ and 0.978466e-6 V⁻¹) so that λ, and with it every
 * CTF zero, agrees with RELION to the last digit: 300 kV → 0.0196876 Å, 200 kV → 0.0250795 Å.
 * RELION's relativistic constant is a slightly rounded e/(2mc²) (CODATA: 0.9784756e-6), so λ is
 * ~6e-6 (relative) above the CODATA value (0.0196875 Å at 300 kV) — far below any measurable effect.
 */
public final class ElectronWavelength {
    private ElectronWavelength() {}

    /** h/sqrt(2·m·e) in Å·V^½. */
    private static final double H_OVER_SQRT_2ME = 12.2643247;
    /** e/(2·m·c²) in 1/V. */
    private static final double RELATIVISTIC = 0.978466e-6;

    /** Wavelength in Å for an accelerating voltage in kV. */
    public static double angstrom(double kV) {
        if (!(kV > 0)) throw new IllegalArgumentException("voltage must be > 0 kV, got " + kV);
        double v = kV * 1e3;
        return H_OVER_SQRT_2ME / Math.sqrt(v * (1 + v * RELATIVISTIC));
    }
}
