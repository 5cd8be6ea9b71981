package org.subtomo.sim;

import org.subtomo.core.error.InputException;
import org.subtomo.sim.sample.TiltScheme;

import java.nio.file.Path;

/**
 * Everything {@code subtomo simulate} needs; option names in brackets. Defaults make the demo
 * project: 4 tomograms of the Unc18-syntaxin complex (PDB 2XHE) at 5 Å/pixel, 70% complete and
 * 30% without syntaxin (a domain missing), plus gold beads and ice blobs as false picks.
 *
 * @param model            atomic model (.pdb/.cif[.gz]) or MRC map; null = built-in 2XHE [--model]
 * @param tomograms        number of tomograms [--tomograms]
 * @param particles        particles per tomogram [--particles]
 * @param secondFraction   fraction of particles in the second conformation, 0 = one species [--second_fraction]
 * @param removeChains     chains removed to make the second conformation [--remove_chains]
 * @param gold,ice         junk objects per tomogram [--gold, --ice]
 * @param pixelSize        Å per pixel of tilt images and tomograms [--angpix]
 * @param box              box (pixels) of the ground-truth maps, = the extraction box to use [--box]
 * @param tomoXY,tomoZ     tomogram size in pixels [--tomo_xy, --tomo_z]
 * @param thickness        ice thickness, Å [--thickness]
 * @param scheme,tiltMax,tiltStep,dosePerTilt  acquisition [--scheme, --tilt_max, --tilt_step, --dose_per_tilt]
 * @param voltage,cs,q     optics [--voltage, --cs, --q0]
 * @param defocus,defocusSpread,astigmatism  mean defocus (Å), its spread between tomograms and
 *                         between tilts (Å), largest astigmatism (Å) [--defocus, --defocus_spread, --astigmatism]
 * @param bFactor          B-factor (Å²) of every atom [--bfactor]
 * @param inelasticMfp     inelastic mean free path in ice, Å (signal loss with path length)
 * @param seed             random seed [--random_seed]
 * @param iceNoise         amorphous-ice phase texture, 1 = the model of TiltSeriesSimulator, 0 = uniform ice [--ice_noise]
 * @param trials           also write .trial stacks: two images per tilt (protocol step 12) [--trials]
 * @param trialDefocusOffset the two trial images of a tilt are at its defocus ± this, Å [--trial_defocus_offset]
 * @param trialDose        dose of each trial image, e⁻/Å² [--trial_dose]
 * @param sirtLike         0 = R-weighted back-projection; N &gt; 0 = the SIRT-like filter equivalent to N SIRT iterations [--sirt_like]
 */
public record SimulationParameters(Path model, int tomograms, int particles, double secondFraction, String removeChains,
                                   int gold, int ice, double pixelSize, int box, int tomoXY, int tomoZ, double thickness,
                                   TiltScheme.Kind scheme, double tiltMax, double tiltStep, double dosePerTilt,
                                   double voltage, double cs, double q, double defocus, double defocusSpread,
                                   double astigmatism, double bFactor, double inelasticMfp, long seed,
                                   double iceNoise, boolean trials, double trialDefocusOffset, double trialDose, int sirtLike) {

    /** The parameters without the solvent texture, trials and SIRT-like filter options (uniform ice, no trials, WBP). */
    public SimulationParameters(Path model, int tomograms, int particles, double secondFraction, String removeChains,
                                int gold, int ice, double pixelSize, int box, int tomoXY, int tomoZ, double thickness,
                                TiltScheme.Kind scheme, double tiltMax, double tiltStep, double dosePerTilt,
                                double voltage, double cs, double q, double defocus, double defocusSpread,
                                double astigmatism, double bFactor, double inelasticMfp, long seed) {
        this(model, tomograms, particles, secondFraction, removeChains, gold, ice, pixelSize, box, tomoXY, tomoZ, thickness, scheme,
                tiltMax, tiltStep, dosePerTilt, voltage, cs, q, defocus, defocusSpread, astigmatism, bFactor, inelasticMfp, seed, 0, false, 250, 3, 0);
    }

    public SimulationParameters withIceNoise(double v) {
        return new SimulationParameters(model, tomograms, particles, secondFraction, removeChains, gold, ice, pixelSize, box, tomoXY, tomoZ,
                thickness, scheme, tiltMax, tiltStep, dosePerTilt, voltage, cs, q, defocus, defocusSpread, astigmatism, bFactor, inelasticMfp,
                seed, v, trials, trialDefocusOffset, trialDose, sirtLike);
    }

    public SimulationParameters withTrials(boolean on, double offset, double dose) {
        return new SimulationParameters(model, tomograms, particles, secondFraction, removeChains, gold, ice, pixelSize, box, tomoXY, tomoZ,
                thickness, scheme, tiltMax, tiltStep, dosePerTilt, voltage, cs, q, defocus, defocusSpread, astigmatism, bFactor, inelasticMfp,
                seed, iceNoise, on, offset, dose, sirtLike);
    }

    public SimulationParameters withSirtLike(int n) {
        return new SimulationParameters(model, tomograms, particles, secondFraction, removeChains, gold, ice, pixelSize, box, tomoXY, tomoZ,
                thickness, scheme, tiltMax, tiltStep, dosePerTilt, voltage, cs, q, defocus, defocusSpread, astigmatism, bFactor, inelasticMfp,
                seed, iceNoise, trials, trialDefocusOffset, trialDose, n);
    }

    public static SimulationParameters defaults() {
        return new SimulationParameters(null, 4, 100, 0.3, "B", 5, 5, 5.0, 48, 400, 120, 450,
                TiltScheme.Kind.DOSE_SYMMETRIC, 60, 3, 3.0, 300, 2.7, 0.1, 35000, 2000, 300, 50, 3500, 0, 1, false, 250, 3, 0);
    }

    /** Checks every option and throws a one-line InputException naming the option and the fix. */
    public SimulationParameters validate() {
        if (tomograms < 1) throw new InputException("--tomograms " + tomograms + ": need at least 1");
        if (particles < 1) throw new InputException("--particles " + particles + ": need at least 1 per tomogram");
        if (!(secondFraction >= 0 && secondFraction < 1)) throw new InputException("--second_fraction " + secondFraction + ": must be in [0, 1), e.g. 0.3");
        if (gold < 0 || ice < 0) throw new InputException("--gold/--ice: counts must be 0 or more");
        if (!(pixelSize > 0)) throw new InputException("--angpix " + pixelSize + ": the pixel size must be positive (Å)");
        if (box < 16 || box % 2 != 0) throw new InputException("--box " + box + ": use an even box of at least 16 pixels");
        if (tomoZ < 8 || tomoXY < 8) throw new InputException("--tomo_xy/--tomo_z: the tomogram must be at least 8 pixels on each side");
        if (box > tomoXY || box > tomoZ) throw new InputException("--box " + box + " is larger than the tomogram (" + tomoXY + "x" + tomoXY + "x" + tomoZ + "); lower --box or enlarge --tomo_xy/--tomo_z");
        if (!(thickness > 0) || thickness > tomoZ * pixelSize) throw new InputException("--thickness " + thickness + " Å: must be positive and fit the tomogram (" + tomoZ * pixelSize + " Å thick)");
        if (!(dosePerTilt >= 0)) throw new InputException("--dose_per_tilt " + dosePerTilt + ": the dose must be zero or positive (e-/A^2 per image), e.g. 3");
        if (!(voltage >= 60 && voltage <= 1000)) throw new InputException("--voltage " + voltage + ": expected kV between 60 and 1000, e.g. 300");
        if (!(cs >= 0)) throw new InputException("--cs " + cs + ": spherical aberration (mm) must be zero or positive");
        if (!(q >= 0 && q < 1)) throw new InputException("--q0 " + q + ": amplitude contrast must be in [0, 1), e.g. 0.1");
        if (!(defocus > 0)) throw new InputException("--defocus " + defocus + ": give a positive underfocus in Å, e.g. 35000");
        if (defocusSpread < 0 || astigmatism < 0) throw new InputException("--defocus_spread/--astigmatism must be zero or positive (Å)");
        if (defocusSpread >= defocus / 2) throw new InputException("--defocus_spread " + defocusSpread + " is too large for --defocus " + defocus);
        TiltScheme.of(scheme, tiltMax, tiltStep, dosePerTilt);   // validates the tilt options
        if (!(iceNoise >= 0)) throw new InputException("--ice_noise " + iceNoise + ": give 0 (uniform ice) or a positive factor, e.g. 1");
        if (trials && !(trialDose > 0)) throw new InputException("--trial_dose " + trialDose + ": the dose of a trial image must be positive (e-/A^2), e.g. 3");
        if (trials && !(Math.abs(trialDefocusOffset) < defocus / 2)) throw new InputException("--trial_defocus_offset " + trialDefocusOffset + " Å: must be smaller than half the defocus, e.g. 250");
        if (sirtLike < 0 || sirtLike > 1000) throw new InputException("--sirt_like " + sirtLike + ": give 0 (R-weighted back-projection) or 1-1000 iterations, e.g. 10");
        return this;
    }
}
