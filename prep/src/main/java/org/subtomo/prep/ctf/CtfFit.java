package org.subtomo.prep.ctf;

import org.subtomo.core.ctf.CtfParams;

/**
 * One CTF fit (one tilt image, or the averaged spectra of several).
 *
 * @param defocusU       Å, the larger defocus (U ≥ V), positive = underfocus (rlnDefocusU)
 * @param defocusV       Å (rlnDefocusV)
 * @param defocusAngle   degrees in [0, 180): angle from the X axis to the U direction (rlnDefocusAngle)
 * @param phaseShift     degrees in [0, 180) (rlnPhaseShift); 0 when not searched
 * @param figureOfMerit  normalised cross-correlation between the background-subtracted, locally
 *                       normalised 2D amplitude spectrum and CTF² over the fitting band
 *                       (rlnCtfFigureOfMerit): about 0 for pure noise
 * @param maxResolution  Å, the fitted resolution (rlnCtfMaxResolution): the highest frequency up to
 *                       which the 1D fit quality stays at or above {@link CtfEstimator#FIT_QUALITY_THRESHOLD};
 *                       {@code +Infinity} when no Thon ring in the fitting band fits
 * @param fromLowerTilts true when the defoci were replaced by the mean of the lower tilts (protocol step 11,
 *                       or the tilt series' fallback for a tilt whose own fit is too imprecise)
 * @param halfDefocusA   Å, mean defocus of the 1D search on the tiles of the image's lower half (NaN when the
 *                       image holds no whole tile per half)
 * @param halfDefocusB   Å, the same on the upper half: |A − B| measures the fit's own noise
 * @param defocusError   Å, estimated standard error of the mean defocus (set by the tilt series from the
 *                       halves' disagreement; NaN when unknown)
 * @param profile        1D curves for plotting and for the fit quality
 * @param spectrum       the 2D spectrum used (for the diagnostic image)
 * @param ctf            the CTF parameters of this fit (RELION model), for convenience
 */
public record CtfFit(double defocusU, double defocusV, double defocusAngle, double phaseShift,
                     double figureOfMerit, double maxResolution, boolean fromLowerTilts,
                     double halfDefocusA, double halfDefocusB, double defocusError, Profile profile, Spectrum spectrum, CtfParams ctf) {

    /** Mean defocus (U+V)/2 in Å. */
    public double defocus() { return (defocusU + defocusV) / 2; }

    /** Astigmatism U − V in Å. */
    public double astigmatism() { return defocusU - defocusV; }

    /** Whether any Thon ring was fitted. */
    public boolean fitted() { return Double.isFinite(maxResolution); }

    /**
     * The 1D curves, one value per radial bin of one Fourier pixel, from DC to Nyquist. {@code data}:
     * the equi-phase average of the spectrum (astigmatism folded onto the mean defocus), background
     * subtracted and locally normalised, then scaled to CTF²'s mean 0.5 and spread so that both
     * curves share one axis; {@code fit}: CTF² of the fit at the mean defocus; {@code quality}: the
     * local correlation of the two (NaN outside the analysed range).
     */
    public record Profile(double[] frequency, double[] data, double[] fit, double[] quality) {}

    /**
     * The background-subtracted, locally normalised amplitude spectrum on the r2c half grid of the
     * spectrum box (0 outside [1, box/2]), with the pixel size, for the diagnostic image.
     */
    public record Spectrum(int box, double pixelSize, float[] normalised, double minResolution, double maxResolution) {}

    /** A fit known only by its defoci (e.g. read back from a STAR file). */
    public static CtfFit ofDefoci(double u, double v, double angle, CtfParams ctf) {
        return new CtfFit(u, v, angle, 0, 0, Double.POSITIVE_INFINITY, false, Double.NaN, Double.NaN, Double.NaN, null, null, ctf);
    }

    /** The same fit with other defoci (used by the lower-tilt option). */
    CtfFit withDefoci(double u, double v, double angle, boolean fromLower) {
        CtfParams c = new CtfParams(u, v, angle, ctf.voltage(), ctf.cs(), ctf.amplitudeContrast(), ctf.phaseShift(), 0, 1);
        return new CtfFit(u, v, angle, phaseShift, figureOfMerit, maxResolution, fromLower, halfDefocusA, halfDefocusB, defocusError,
                profile, spectrum, c);
    }

    /** The same fit with an estimated standard error of its mean defocus. */
    CtfFit withDefocusError(double error) {
        return new CtfFit(defocusU, defocusV, defocusAngle, phaseShift, figureOfMerit, maxResolution, fromLowerTilts, halfDefocusA, halfDefocusB,
                error, profile, spectrum, ctf);
    }
}
