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
        subcommands = {BenchCommand.Fft.class, BenchCommand.Mrc.class})
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
}
