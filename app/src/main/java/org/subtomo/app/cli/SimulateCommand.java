package org.subtomo.app.cli;

import org.subtomo.sim.ProjectSimulator;
import org.subtomo.sim.SimulationParameters;
import org.subtomo.sim.sample.TiltScheme;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

/** {@code subtomo simulate}: a ground-truth project in the protocol's layout (see ProjectSimulator). */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate a cryo-ET project with ground truth: tomograms, tilt series, .tlt/.order/.coords,",
                "all_tomograms.star and truth/ (true maps, poses, classes, per-tilt defocus)."})
public final class SimulateCommand implements Runnable {
    private static final SimulationParameters D = SimulationParameters.defaults();

    @Option(names = "--o", required = true, description = "Project directory to create.") Path out;
    @Option(names = "--model", description = "Atomic model (.pdb/.cif, optionally .gz) or MRC map; default: built-in PDB 2XHE (Unc18-syntaxin).") Path model;
    @Option(names = "--tomograms", description = "Number of tomograms (default ${DEFAULT-VALUE}).") int tomograms = D.tomograms();
    @Option(names = "--particles", description = "Particles per tomogram (default ${DEFAULT-VALUE}).") int particles = D.particles();
    @Option(names = "--second_fraction", description = "Fraction in the second conformation (chains removed); 0 = one species (default ${DEFAULT-VALUE}).") double secondFraction = D.secondFraction();
    @Option(names = "--remove_chains", description = "Chains removed for the second conformation, comma-separated (default ${DEFAULT-VALUE}).") String removeChains = D.removeChains();
    @Option(names = "--gold", description = "Gold beads per tomogram, listed in .coords as false picks (default ${DEFAULT-VALUE}).") int gold = D.gold();
    @Option(names = "--ice", description = "Ice blobs per tomogram, listed in .coords as false picks (default ${DEFAULT-VALUE}).") int ice = D.ice();
    @Option(names = "--angpix", description = "Pixel size in Å (default ${DEFAULT-VALUE}).") double angpix = D.pixelSize();
    @Option(names = "--box", description = "Box of the truth maps = extraction box, pixels (default ${DEFAULT-VALUE}).") int box = D.box();
    @Option(names = "--tomo_xy", description = "Tomogram width and height, pixels (default ${DEFAULT-VALUE}).") int tomoXY = D.tomoXY();
    @Option(names = "--tomo_z", description = "Tomogram thickness, pixels (default ${DEFAULT-VALUE}).") int tomoZ = D.tomoZ();
    @Option(names = "--thickness", description = "Ice thickness in Å (default ${DEFAULT-VALUE}).") double thickness = D.thickness();
    @Option(names = "--scheme", description = "Tilt scheme: dose_symmetric, bidirectional, unidirectional (default dose_symmetric).") String scheme = "dose_symmetric";
    @Option(names = "--tilt_max", description = "Largest |tilt| in degrees (default ${DEFAULT-VALUE}).") double tiltMax = D.tiltMax();
    @Option(names = "--tilt_step", description = "Tilt increment in degrees (default ${DEFAULT-VALUE}).") double tiltStep = D.tiltStep();
    @Option(names = "--dose_per_tilt", description = "Electron dose per image, e/Å² (default ${DEFAULT-VALUE}).") double dose = D.dosePerTilt();
    @Option(names = "--voltage", description = "Acceleration voltage, kV (default ${DEFAULT-VALUE}).") double voltage = D.voltage();
    @Option(names = "--cs", description = "Spherical aberration, mm (default ${DEFAULT-VALUE}).") double cs = D.cs();
    @Option(names = "--q0", description = "Amplitude contrast (default ${DEFAULT-VALUE}).") double q0 = D.q();
    @Option(names = "--defocus", description = "Mean defocus, Å underfocus (default ${DEFAULT-VALUE}).") double defocus = D.defocus();
    @Option(names = "--defocus_spread", description = "Defocus spread between tomograms, Å (default ${DEFAULT-VALUE}).") double spread = D.defocusSpread();
    @Option(names = "--astigmatism", description = "Largest astigmatism, Å (default ${DEFAULT-VALUE}).") double astig = D.astigmatism();
    @Option(names = "--bfactor", description = "B-factor of every atom, Å² (default ${DEFAULT-VALUE}).") double bfactor = D.bFactor();
    @Option(names = "--ice_noise", description = "Amorphous-ice phase texture (gives Thon rings); 0 = uniform ice (default ${DEFAULT-VALUE}).") double iceNoise = D.iceNoise();
    @Option(names = "--trials", description = "Also write <t>.trial: two extra images per tilt for CTF estimation (protocol step 12).") boolean trials;
    @Option(names = "--trial_defocus_offset", paramLabel = "A", description = "Trial images of a tilt are at its defocus -/+ this, Å (default ${DEFAULT-VALUE}).") double trialOffset = D.trialDefocusOffset();
    @Option(names = "--trial_dose", paramLabel = "E", description = "Dose of each trial image, e/Å² (default ${DEFAULT-VALUE}).") double trialDose = D.trialDose();
    @Option(names = "--sirt_like", paramLabel = "N", description = "Tomogram with the SIRT-like filter equivalent to N SIRT iterations; 0 = R-weighted back-projection (default ${DEFAULT-VALUE}).") int sirtLike = D.sirtLike();
    @Option(names = "--random_seed", description = "Random seed (default ${DEFAULT-VALUE}).") long seed = D.seed();

    @Override public void run() {
        // Same seed, same bytes: FFTW's MEASURE planner times candidate plans and may pick another one
        // on the next run, which changes float rounding (seen: 2e-5 in the tilt images, then a different
        // Poisson draw). ESTIMATE plans are a pure function of the sizes. Honour an explicit choice.
        org.subtomo.core.fft.FftwBackend.preferEstimatePlanner();
        TiltScheme.Kind kind;
        try {
            kind = TiltScheme.Kind.valueOf(scheme.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new org.subtomo.core.error.InputException("--scheme " + scheme + ": use dose_symmetric, bidirectional or unidirectional");
        }
        SimulationParameters p = new SimulationParameters(model, tomograms, particles, secondFraction, removeChains, gold, ice,
                angpix, box, tomoXY, tomoZ, thickness, kind, tiltMax, tiltStep, dose, voltage, cs, q0, defocus, spread, astig,
                bfactor, D.inelasticMfp(), seed, iceNoise, trials, trialOffset, trialDose, sirtLike);
        ProjectSimulator.Summary s = ProjectSimulator.run(p, out, System.out);
        System.out.printf(Locale.ROOT, "simulated %d tomograms, %d particles and %d junk objects in %.1f s%n",
                s.tomograms(), s.particles(), s.junk(), s.seconds());
        System.out.println("project:     " + s.project().resolve("all_tomograms.star"));
        System.out.println("truth maps:  " + String.join(", ", s.truthMaps().stream().map(Path::toString).toList()));
    }
}
