package org.subtomo.app.cli;

import org.subtomo.core.fft.FftBench;
import org.subtomo.core.io.mrc.MrcWindowBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code subtomo bench}: speed measurements of the building blocks on this machine. A parent with
 * one subcommand per component.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark building blocks on this machine ('subtomo bench fft', 'subtomo bench mrc').",
        subcommands = {BenchCommand.Fft.class, BenchCommand.Mrc.class, BenchCommand.Em3dKernels.class, BenchCommand.StartupTraining.class, BenchCommand.Refine3dData.class, BenchCommand.Refine3dScoreCommand.class,
                Class3dBench.Data.class, Class3dBench.Score.class, Class2dBench.Score.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    /** {@code subtomo bench fft}: all business logic lives in {@link FftBench}. */
    @Command(name = "fft", mixinStandardHelpOptions = true,
            description = {"Milliseconds per r2c+c2r pair for 64^3, 128^3, 256^3 and 128 images of 128^2,",
                    "for each available FFT backend, with 1 thread, 2 Java threads (independent",
                    "transforms, as when working on particles in parallel) and 2 FFTW threads (one",
                    "transform). With gcc + libfftw3-dev it also times FFTW from C (the ceiling)."})
    static final class Fft implements Runnable {
        @Option(names = "--reps", defaultValue = "7", description = "Timed repetitions per size (median reported; default ${DEFAULT-VALUE}).")
        int reps;
        @Option(names = "--warmup", defaultValue = "2", description = "Untimed warm-up pairs (default ${DEFAULT-VALUE}).")
        int warmup;
        @Option(names = "--no-ceiling", description = "Skip the C FFTW ceiling run.")
        boolean noCeiling;
        @Option(names = "--ceiling", description = "Run the C ceiling (default; kept for explicitness).")
        boolean ceiling;
        @Option(names = "--ceiling-script", paramLabel = "PATH", description = "fftw-ceiling.sh to use (default: found next to the installation).")
        Path script;
        @Option(names = "--quick", description = "Small sizes only (64^3 and 32 images of 64^2), for a smoke test.")
        boolean quick;

        @Override public void run() {
            if (reps < 1 || warmup < 0) throw new CommandLine.ParameterException(new CommandLine(this), "--reps must be >= 1 and --warmup >= 0");
            List<FftBench.Case> cases = quick
                    ? List.of(new FftBench.Case("64^3", 64, 64, 64, 1), new FftBench.Case("64x64^2", 64, 64, 1, 32))
                    : FftBench.STANDARD;
            FftBench.run(System.out, new FftBench.Options(cases, reps, warmup, !noCeiling, script));
        }
    }

    /** {@code subtomo bench mrc}: header + 64^3 window of a sparse 1 GiB map, time and memory. */
    @Command(name = "mrc", mixinStandardHelpOptions = true,
            description = {"Time and memory to read the header and a 64^3 window of a 1 GiB float32 MRC",
                    "(a sparse file made in a temporary directory): windows never read the whole map."})
    static final class Mrc implements Runnable {
        @Override public void run() { MrcWindowBench.run(System.out); }
    }

    /** {@code subtomo bench em3d}: the 3D engine's rotation and back-projection loops. */
    @Command(name = "em3d", mixinStandardHelpOptions = true,
            description = {"Nanoseconds per Fourier component of the 3D engine's hot loops (reference rotation for pass 2",
                    "and local searches, back-projector insertion for the M-step), one thread, boxes 32 and 64."})
    static final class Em3dKernels implements Runnable {
        @Option(names = "--reps", defaultValue = "7", description = "Timed repetitions (median reported; default ${DEFAULT-VALUE}).") int reps;

        @Override public void run() {
            if (reps < 1) throw new CommandLine.ParameterException(new CommandLine(this), "--reps must be >= 1");
            org.subtomo.refine.ml.Em3DKernelBench.run(System.out, reps);
        }
    }

    /**
     * {@code subtomo bench startup-training} (hidden): the workload the launcher records into the JDK's ahead-of-time
     * cache after each build. One JVM runs the three 3D engines' paths (class3d with fixed poses, class3d with local
     * searches, refine3d with a global search) on a small synthetic sample, so that later runs of any of them start
     * with the classes loaded and linked and with method profiles, and the JIT compiles their hot loops sooner
     * (class3d local searches, 100 particles: about 0.5 s less wall time of ~6 s).
     */
    @Command(name = "startup-training", hidden = true, description = "Workload for the launcher's ahead-of-time cache (internal).")
    static final class StartupTraining implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--o", required = true, description = "working directory (written)") Path out;

        @Override public Integer call() {
            String dir = out.toString();
            String[][] steps = {
                    {"bench", "class3d-data", "--o", dir, "--particles", "120", "--pose_error", "6", "--random_seed", "1"},
                    {"class3d", "--i", dir + "/particles.star", "--o", dir + "/fixed/run", "--ref", dir + "/consensus.mrc", "--ini_high", "40", "--ctf",
                            "--particle_diameter", "250", "--K", "2", "--iter", "3", "--skip_align", "--j", "2", "--random_seed", "1"},
                    {"class3d", "--i", dir + "/particles.star", "--o", dir + "/local/run", "--ref", dir + "/consensus.mrc", "--ini_high", "40", "--ctf",
                            "--particle_diameter", "250", "--K", "2", "--iter", "2", "--sigma_ang", "4", "--healpix_order", "3", "--offset_range", "1",
                            "--offset_step", "1", "--j", "2", "--random_seed", "1"},
                    {"refine3d", "--i", dir + "/particles.star", "--o", dir + "/global/run", "--ref", dir + "/consensus.mrc", "--ini_high", "40", "--ctf",
                            "--particle_diameter", "250", "--healpix_order", "1", "--auto_local_healpix_order", "2", "--offset_range", "2",
                            "--offset_step", "2", "--iter", "2", "--j", "2", "--random_seed", "1"}};
            for (String[] step : steps) {
                int code = SubtomoCommand.commandLine().execute(step);
                if (code != 0) { System.err.println("startup training: '" + String.join(" ", step) + "' failed"); return code; }
            }
            return 0;
        }
    }

    /** {@code subtomo bench refine3d-data}: a synthetic sub-tomogram project with ground truth. */
    @Command(name = "refine3d-data", mixinStandardHelpOptions = true,
            description = {"Writes a synthetic sub-tomogram project (particles.star, Subtomograms/*.mrc + 3D CTF cubes, truth.mrc,",
                    "truth_particles.star) from a blob phantom at random poses, with a +-tilt missing wedge, CTF and noise."})
    static final class Refine3dData implements Runnable {
        @Option(names = "--o", required = true, description = "output directory") Path out;
        @Option(names = "--particles", defaultValue = "200") int particles;
        @Option(names = "--box", defaultValue = "32") int box;
        @Option(names = "--angpix", defaultValue = "9") double angpix;
        @Option(names = "--snr", defaultValue = "0.5", description = "signal variance / noise variance in real space (${DEFAULT-VALUE})") double snr;
        @Option(names = "--max_shift", defaultValue = "2", description = "px (${DEFAULT-VALUE})") double maxShift;
        @Option(names = "--tilt_max", defaultValue = "60", description = "degrees (${DEFAULT-VALUE})") double tiltMax;
        @Option(names = "--sym", defaultValue = "C1") String sym;
        @Option(names = "--random_seed", defaultValue = "1") long seed;

        @Override public void run() {
            var p = new org.subtomo.refine.synth.SyntheticSubtomograms.Params(box, angpix, particles, snr, maxShift, tiltMax, true, 20000, 40000, sym, 30, seed);
            Path star = org.subtomo.refine.synth.SyntheticProjectWriter.write(new org.subtomo.refine.synth.SyntheticSubtomograms(p), out);
            System.out.println("wrote " + star + " and " + out.resolve("truth.mrc"));
        }
    }

    /** {@code subtomo bench refine3d-score}: FSC against the truth map and median angular error of a refinement. */
    @Command(name = "refine3d-score", mixinStandardHelpOptions = true,
            description = "Scores a refined map and its data.star (subtomo or RELION) against a refine3d-data truth.")
    static final class Refine3dScoreCommand implements Runnable {
        @Option(names = "--truth", required = true, description = "directory written by refine3d-data") Path truth;
        @Option(names = "--map", required = true) Path map;
        @Option(names = "--data", required = true) Path data;
        @Option(names = "--sym", defaultValue = "C1") String sym;

        @Override public void run() {
            var s = org.subtomo.refine.synth.Refine3dScore.score(truth.resolve("truth.mrc"), truth.resolve("truth_particles.star"), map, data, sym);
            System.out.printf(java.util.Locale.ROOT, "map vs truth: FSC 0.5 at %.2f A, 0.143 at %.2f A; median angular error %.2f deg over %d particles (frame rotation %.1f deg)%n",
                    s.fsc05(), s.fsc0143(), s.medianAngularErrorDeg(), s.particles(), s.frameRotationDeg());
        }
    }
}
