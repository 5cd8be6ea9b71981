package org.subtomo.prep.project;

import org.subtomo.core.error.InputException;

import java.nio.file.Path;

/**
 * Everything {@code subtomo prepare} needs (protocol steps 8-14; the variables of the header of
 * relion_prepare_subtomograms.py in brackets).
 *
 * @param projectDir          project directory (names in STAR files are relative to it)
 * @param tomogramsStar       all_tomograms.star [--i]
 * @param discover            take Tomograms/&lt;t&gt;/&lt;t&gt;.mrc instead of the STAR file [--discover]
 * @param onlyTomogram        process this tomogram only (cluster splitting), or null [--tomogram]
 * @param voltage,cs,amplitudeContrast  kV, mm, fraction [Voltage, Cs, AmplitudeContrast]
 * @param angpix              tilt-image / tomogram pixel size, Å; NaN = the MRC header's [PixelSize]
 * @param box                 3D CTF model box = the extraction box [do_all_reconstruct_ctfs.sh argument]
 * @param ctfBox              CTF-estimation spectrum box (clipped to the images) [Box]
 * @param resMin,resMax       fitting band, Å; resMax NaN = max(8, 2.5 × pixel) [ResMin, ResMax]
 * @param dfMin,dfMax,dfStep  defocus search, Å [dFMin, dFMax, FStep]
 * @param useTrials           fit the two .trial images per tilt instead of the tilt image [UseTrialsForCtffind]
 * @param onlyLowerTiltDefoci high tilts take the mean defocus of |tilt| ≤ threshold [UseOnlyLowerTiltDefoci]
 * @param lowerTiltThreshold  degrees [LowerTiltsThreshold]
 * @param skipCtfCorrection   wedge-only models [SkipCTFCorrection]
 * @param bfactorPerDose      Å² per e⁻/Å² [Bfactor]
 * @param onlyModels          reuse Tomograms/&lt;t&gt;/ctffind/&lt;t&gt;_ctffind.star (edited defoci) and remake the models only
 * @param relionScripts       also write per-particle RELION CTF STAR files and do_all_reconstruct_ctfs.sh
 * @param eraseOutliers       erase pixels beyond this many standard deviations (gold beads) before CTF estimation; 0 = off
 * @param threads             worker threads
 * @param output              particles_subtomo.star
 * @param exposureFilter      3D CTF models as the images' own transfer, CTF × the exposure filter of Grant &amp; Grigorieff
 *                            (2015), instead of RELION's cos θ × CTF × B-factor (bfactorPerDose is then unused) [--exposure_filter]
 */
public record PrepareParameters(Path projectDir, Path tomogramsStar, boolean discover, String onlyTomogram,
                                double voltage, double cs, double amplitudeContrast, double angpix, int box,
                                int ctfBox, double resMin, double resMax, double dfMin, double dfMax, double dfStep,
                                boolean useTrials, boolean onlyLowerTiltDefoci, double lowerTiltThreshold,
                                boolean skipCtfCorrection, double bfactorPerDose, boolean onlyModels, boolean relionScripts,
                                double eraseOutliers, int threads, Path output, boolean exposureFilter) {
    public static final String DEFAULT_OUTPUT = "particles_subtomo.star";

    /** RELION's dose weighting (linear B-factor), as the script. */
    public PrepareParameters(Path projectDir, Path tomogramsStar, boolean discover, String onlyTomogram,
                             double voltage, double cs, double amplitudeContrast, double angpix, int box,
                             int ctfBox, double resMin, double resMax, double dfMin, double dfMax, double dfStep,
                             boolean useTrials, boolean onlyLowerTiltDefoci, double lowerTiltThreshold,
                             boolean skipCtfCorrection, double bfactorPerDose, boolean onlyModels, boolean relionScripts,
                             double eraseOutliers, int threads, Path output) {
        this(projectDir, tomogramsStar, discover, onlyTomogram, voltage, cs, amplitudeContrast, angpix, box, ctfBox, resMin, resMax,
                dfMin, dfMax, dfStep, useTrials, onlyLowerTiltDefoci, lowerTiltThreshold, skipCtfCorrection, bfactorPerDose, onlyModels,
                relionScripts, eraseOutliers, threads, output, false);
    }

    /** The script's defaults where it has them (300 kV, 2.7 mm, 0.07, B 4), CTFFIND-like search ranges. */
    public static PrepareParameters defaults(Path projectDir, int box) {
        return new PrepareParameters(projectDir, Path.of("all_tomograms.star"), false, null, 300, 2.7, 0.07, Double.NaN, box,
                512, 40, Double.NaN, 5000, 80000, 100, false, false, 30, false, 4, false, false, 3,
                Math.max(1, Runtime.getRuntime().availableProcessors()), Path.of(DEFAULT_OUTPUT));
    }

    public PrepareParameters validate() {
        if (box < 16 || box % 2 != 0) throw new InputException("--box " + box + ": give the extraction box, even and at least 16 pixels");
        if (!(bfactorPerDose >= 0)) throw new InputException("--bfactor_per_dose " + bfactorPerDose + ": give Å² per e-/Å² (zero or positive), e.g. 4");
        if (!(voltage > 0)) throw new InputException("--voltage " + voltage + ": give kV, e.g. 300");
        if (!(cs >= 0)) throw new InputException("--cs " + cs + ": give mm, zero or positive, e.g. 2.7");
        if (!(amplitudeContrast >= 0 && amplitudeContrast < 1)) throw new InputException("--q0 " + amplitudeContrast + ": give a fraction in [0, 1), e.g. 0.07");
        if (!Double.isNaN(angpix) && !(angpix > 0)) throw new InputException("--angpix " + angpix + ": must be positive (Å)");
        if (!(eraseOutliers == 0 || eraseOutliers >= 2)) throw new InputException("--erase_outliers " + eraseOutliers + ": give 0 (off) or a number of standard deviations >= 2, e.g. 4");
        if (exposureFilter && relionScripts)
            throw new InputException("--exposure_filter with --relion_scripts: RELION's per-particle STAR files can only give the dose as a B-factor; drop one of the two");
        if (threads < 1) throw new InputException("--j " + threads + ": at least 1 thread");
        if (onlyLowerTiltDefoci && !(lowerTiltThreshold >= 0 && lowerTiltThreshold < 90))
            throw new InputException("--lower_tilt_threshold " + lowerTiltThreshold + ": give |tilt| in [0, 90), e.g. 30");
        return this;
    }

    public PrepareParameters withThreads(int j) {
        return new PrepareParameters(projectDir, tomogramsStar, discover, onlyTomogram, voltage, cs, amplitudeContrast, angpix, box, ctfBox,
                resMin, resMax, dfMin, dfMax, dfStep, useTrials, onlyLowerTiltDefoci, lowerTiltThreshold, skipCtfCorrection, bfactorPerDose,
                onlyModels, relionScripts, eraseOutliers, j, output, exposureFilter);
    }

    public PrepareParameters withOptics(double kv, double csMm, double q, double pixel) {
        return new PrepareParameters(projectDir, tomogramsStar, discover, onlyTomogram, kv, csMm, q, pixel, box, ctfBox,
                resMin, resMax, dfMin, dfMax, dfStep, useTrials, onlyLowerTiltDefoci, lowerTiltThreshold, skipCtfCorrection, bfactorPerDose,
                onlyModels, relionScripts, eraseOutliers, threads, output, exposureFilter);
    }

    public PrepareParameters withOnlyModels(boolean on) {
        return new PrepareParameters(projectDir, tomogramsStar, discover, onlyTomogram, voltage, cs, amplitudeContrast, angpix, box, ctfBox,
                resMin, resMax, dfMin, dfMax, dfStep, useTrials, onlyLowerTiltDefoci, lowerTiltThreshold, skipCtfCorrection, bfactorPerDose,
                on, relionScripts, eraseOutliers, threads, output, exposureFilter);
    }

    public PrepareParameters withTrials(boolean on) {
        return new PrepareParameters(projectDir, tomogramsStar, discover, onlyTomogram, voltage, cs, amplitudeContrast, angpix, box, ctfBox,
                resMin, resMax, dfMin, dfMax, dfStep, on, onlyLowerTiltDefoci, lowerTiltThreshold, skipCtfCorrection, bfactorPerDose,
                onlyModels, relionScripts, eraseOutliers, threads, output, exposureFilter);
    }

    public PrepareParameters withExposureFilter(boolean on) {
        return new PrepareParameters(projectDir, tomogramsStar, discover, onlyTomogram, voltage, cs, amplitudeContrast, angpix, box, ctfBox,
                resMin, resMax, dfMin, dfMax, dfStep, useTrials, onlyLowerTiltDefoci, lowerTiltThreshold, skipCtfCorrection, bfactorPerDose,
                onlyModels, relionScripts, eraseOutliers, threads, output, on);
    }

    public PrepareParameters withSkipCtf(boolean on) {
        return new PrepareParameters(projectDir, tomogramsStar, discover, onlyTomogram, voltage, cs, amplitudeContrast, angpix, box, ctfBox,
                resMin, resMax, dfMin, dfMax, dfStep, useTrials, onlyLowerTiltDefoci, lowerTiltThreshold, on, bfactorPerDose,
                onlyModels, relionScripts, eraseOutliers, threads, output, exposureFilter);
    }
}
