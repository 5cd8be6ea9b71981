package org.subtomo.core.ctf;

/**
 * Parameters of RELION's CTF model, in the units of RELION's STAR files.
 *
 * @param defocusU           Å, positive = underfocus (rlnDefocusU)
 * @param defocusV           Å (rlnDefocusV)
 * @param defocusAngle       degrees, angle from the X axis to the U direction (rlnDefocusAngle)
 * @param voltage            kV (rlnVoltage)
 * @param cs                 mm (rlnSphericalAberration)
 * @param amplitudeContrast  fraction Q, 0 ≤ Q &lt; 1 (rlnAmplitudeContrast)
 * @param phaseShift         degrees, phase-plate shift (rlnPhaseShift)
 * @param bFactor            Å², envelope exp(−B·s²/4), positive dampens (rlnCtfBfactor)
 * @param scale              overall scale (rlnCtfScalefactor)
 */
public record CtfParams(double defocusU, double defocusV, double defocusAngle, double voltage, double cs,
                        double amplitudeContrast, double phaseShift, double bFactor, double scale) {
    public CtfParams {
        if (!(voltage > 0)) throw new IllegalArgumentException("voltage must be > 0 kV: " + voltage);
        if (!(amplitudeContrast >= 0 && amplitudeContrast < 1))
            throw new IllegalArgumentException("amplitude contrast must be in [0, 1): " + amplitudeContrast);
    }

    /** The common case: no phase plate, no envelope, scale 1. */
    public static CtfParams of(double defocusU, double defocusV, double defocusAngle, double voltage, double cs, double amplitudeContrast) {
        return new CtfParams(defocusU, defocusV, defocusAngle, voltage, cs, amplitudeContrast, 0, 0, 1);
    }

    public CtfParams withBFactor(double b) {
        return new CtfParams(defocusU, defocusV, defocusAngle, voltage, cs, amplitudeContrast, phaseShift, b, scale);
    }

    public CtfParams withPhaseShift(double degrees) {
        return new CtfParams(defocusU, defocusV, defocusAngle, voltage, cs, amplitudeContrast, degrees, bFactor, scale);
    }

    public CtfParams withScale(double s) {
        return new CtfParams(defocusU, defocusV, defocusAngle, voltage, cs, amplitudeContrast, phaseShift, bFactor, s);
    }
}
