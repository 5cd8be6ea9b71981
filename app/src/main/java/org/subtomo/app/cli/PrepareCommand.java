package org.subtomo.app.cli;

import org.subtomo.core.mpi.Cluster;
import org.subtomo.core.mpi.Ranks;
import org.subtomo.prep.project.Prepare;
import org.subtomo.prep.project.PrepareParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code subtomo prepare}: input validation, per-tilt CTF estimation and per-particle 3D CTF models (protocol steps 8-14). */
@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the project (Tomograms/<t>/<t>.mrc .coords .mrcs .tlt .order [.trial]), estimate the CTF of every tilt image "
                + "and write every particle's 3D CTF model (Particles/Tomograms/<t>/<t>_ctfNNNNNN.mrc) and particles_subtomo.star.",
                "Replaces relion_prepare_subtomograms.py, CTFFIND and do_all_reconstruct_ctfs.sh (protocol steps 8-14)."})
public final class PrepareCommand implements Callable<Integer>, RunsOnRanks {
    private static final PrepareParameters D = PrepareParameters.defaults(Path.of("."), 64);

    @Option(names = "--i", paramLabel = "STAR", description = "all_tomograms.star (default ${DEFAULT-VALUE}).") Path input = D.tomogramsStar();
    @Option(names = "--discover", description = "Take every Tomograms/<t>/<t>.mrc instead of the STAR file.") boolean discover;
    @Option(names = "--project_dir", paramLabel = "DIR", description = "Project directory (default: the current directory).") Path projectDir = Path.of(".");
    @Option(names = "--tomogram", paramLabel = "NAME", description = "Process this tomogram only (to split the work on a cluster).") String tomogram;
    @Option(names = "--o", paramLabel = "STAR", description = "Output STAR file (default ${DEFAULT-VALUE}).") Path output = D.output();
    @Option(names = "--box", required = true, paramLabel = "PX", description = "Size of the 3D CTF models = the extraction box (pixels, even).") int box;
    @Option(names = "--voltage", description = "Acceleration voltage, kV (default ${DEFAULT-VALUE}).") double voltage = D.voltage();
    @Option(names = "--cs", description = "Spherical aberration, mm (default ${DEFAULT-VALUE}).") double cs = D.cs();
    @Option(names = "--q0", description = "Amplitude contrast (default ${DEFAULT-VALUE}).") double q0 = D.amplitudeContrast();
    @Option(names = "--angpix", paramLabel = "A", description = "Pixel size of tilt images and tomograms, Å (default: the MRC header).") Double angpix;
    @Option(names = "--ctf_box", paramLabel = "PX", description = "CTF-estimation spectrum box, clipped to half the image height (default ${DEFAULT-VALUE}).") int ctfBox = D.ctfBox();
    @Option(names = "--res_min", paramLabel = "A", description = "Lowest resolution fitted, Å (default ${DEFAULT-VALUE}).") double resMin = D.resMin();
    @Option(names = "--res_max", paramLabel = "A", description = "Highest resolution fitted, Å (default max(8, 2.5 × pixel)).") Double resMax;
    @Option(names = "--df_min", paramLabel = "A", description = "Defocus search start, Å (default ${DEFAULT-VALUE}).") double dfMin = D.dfMin();
    @Option(names = "--df_max", paramLabel = "A", description = "Defocus search end, Å (default ${DEFAULT-VALUE}).") double dfMax = D.dfMax();
    @Option(names = "--df_step", paramLabel = "A", description = "Defocus search step, Å (default ${DEFAULT-VALUE}).") double dfStep = D.dfStep();
    @Option(names = "--use_trials", description = "Fit the two .trial images of each tilt (averaged spectra) instead of the tilt image.") boolean useTrials;
    @Option(names = "--only_lower_tilt_defoci", description = "Give tilts beyond --lower_tilt_threshold the mean defocus of the lower tilts.") boolean onlyLower;
    @Option(names = "--lower_tilt_threshold", paramLabel = "DEG", description = "|tilt| limit for --only_lower_tilt_defoci (default ${DEFAULT-VALUE}).") double lowerThreshold = D.lowerTiltThreshold();
    @Option(names = "--skip_ctf_correction", description = "Wedge-only models (tilt and dose weighting, no CTF).") boolean skipCtf;
    @Option(names = "--bfactor_per_dose", paramLabel = "B", description = "Dose B-factor, Å² per e-/Å² (default ${DEFAULT-VALUE}).") double bfactor = D.bfactorPerDose();
    @Option(names = "--exposure_filter", description = "3D CTF models as the images' own transfer: CTF × the exposure filter of Grant & Grigorieff (2015),"
            + " instead of RELION's cos(tilt) × CTF × dose B-factor (--bfactor_per_dose); RELION's scripts cannot make these models.") boolean exposureFilter;
    @Option(names = "--only_models", description = "Reuse Tomograms/<t>/ctffind/<t>_ctffind.star (e.g. edited defoci); remake the models only.") boolean onlyModels;
    @Option(names = "--erase_outliers", paramLabel = "SD", description = "Before CTF estimation, erase pixels beyond SD standard deviations (gold beads), 0 = off (default ${DEFAULT-VALUE}).") double eraseOutliers = D.eraseOutliers();
    @Option(names = "--relion_scripts", description = "Also write per-particle RELION CTF STAR files and do_all_reconstruct_ctfs.sh.") boolean relionScripts;
    @Option(names = "--j", paramLabel = "N", description = "Threads (default: all cores).") int threads = D.threads();

    @Override public Integer call() {
        // Same input, same bytes, in every process (MPI ranks included): FFTW's MEASURE planner may pick another
        // plan in another process, which changes float rounding (seen: different CTF fits); ESTIMATE plans are a
        // pure function of the sizes (and cost nothing here: 12.3 vs 12.8 CPU s for a tomogram of 41 tilts). Honour
        // an explicit choice.
        org.subtomo.core.fft.FftwBackend.preferEstimatePlanner();
        PrepareParameters p = new PrepareParameters(projectDir, input, discover, tomogram, voltage, cs, q0,
                angpix == null ? Double.NaN : angpix, box, ctfBox, resMin, resMax == null ? Double.NaN : resMax, dfMin, dfMax, dfStep,
                useTrials, onlyLower, lowerThreshold, skipCtf, bfactor, onlyModels, relionScripts, eraseOutliers, threads, output, exposureFilter);
        Ranks ranks = Cluster.ranks();
        Prepare.Result r = Prepare.run(p, System.out, ranks);
        if (ranks.isLeader()) System.out.printf(Locale.ROOT, "wrote %s (%d particles in %d tomograms) and subtomo_prepare_commands.txt%n", r.star(), r.particles(), r.tomograms());
        return 0;
    }
}
