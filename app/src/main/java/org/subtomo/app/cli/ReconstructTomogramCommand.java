package org.subtomo.app.cli;

import org.subtomo.sim.tomo.TomogramReconstruction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code subtomo reconstruct-tomogram}: weighted back-projection of an aligned tilt series. */
@Command(name = "reconstruct-tomogram", mixinStandardHelpOptions = true,
        description = "Reconstruct a tomogram by weighted back-projection of an aligned tilt series (tilt axis along Y).")
public final class ReconstructTomogramCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--i", required = true, description = "Aligned tilt series (.mrcs/.st/.mrc).") Path stack;
    @Option(names = "--tlt", description = "Tilt angles, one per image (IMOD .tlt); default: the stack's extended header.") Path tlt;
    @Option(names = "--o", required = true, description = "Output tomogram (.mrc).") Path out;
    @Option(names = "--thickness", required = true, description = "Tomogram thickness in pixels.") int thickness;
    @Option(names = "--rolloff", defaultValue = "0.85", description = "Start of the cosine roll-off as a fraction of Nyquist (default ${DEFAULT-VALUE}; 1 = none).") double rollOff;
    @Option(names = "--sirt_like", paramLabel = "N", defaultValue = "0", description = "SIRT-like filter equivalent to N SIRT iterations (default ${DEFAULT-VALUE}: R-weighting).") int sirtLike;
    @Option(names = "--no_weighting", description = "Plain (unweighted) back-projection.") boolean noWeighting;

    @Override public Integer call() throws Exception {
        long t0 = System.nanoTime();
        var tomo = TomogramReconstruction.run(new TomogramReconstruction.Parameters(stack, tlt, out, thickness, rollOff, !noWeighting, sirtLike));
        System.out.printf("wrote %s (%dx%dx%d) in %.1f s%n", out, tomo.nx, tomo.ny, tomo.nz, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
