package org.subtomo.app.cli;

import org.subtomo.post.localres.LocalResolution;
import org.subtomo.post.localres.LocalResolutionParameters;
import org.subtomo.post.localres.LocalResolutionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code subtomo localres}: local resolution map by windowed FSC (protocol step 25; relion_postprocess --locres options). */
@Command(name = "localres", mixinStandardHelpOptions = true,
        description = {"Local resolution (protocol step 25): windowed, mask-corrected FSC between the half maps at points inside the mask.",
                "Writes ROOT_locres.mrc (A per voxel; in ChimeraX colour the sharpened map by it), ROOT_locres_filtered.mrc (the map low-passed",
                "to its local resolution), ROOT_locres_histogram.png/.svg and ROOT_locres.txt."})
public final class LocalresCommand implements Callable<Integer> {
    @Option(names = "--i", required = true, paramLabel = "MRC", description = "half map 1, e.g. Refine3D/run1_half1_class001_unfil.mrc") Path half1;
    @Option(names = "--i2", paramLabel = "MRC", description = "half map 2 (default: --i with half1 replaced by half2)") Path half2;
    @Option(names = "--mask", required = true, paramLabel = "MRC", description = "solvent mask, e.g. PostProcess/run1/postprocess_automask.mrc") Path mask;
    @Option(names = "--o", paramLabel = "ROOT", defaultValue = "relion", description = "output root, e.g. LocalRes/run1/relion (${DEFAULT-VALUE})") Path output;
    @Option(names = "--angpix", defaultValue = "-1", description = "pixel size in A (default: from the MRC header)") double angpix;
    @Option(names = "--locres_sampling", defaultValue = "25", description = "spacing of the sampled points, A (${DEFAULT-VALUE})") double sampling;
    @Option(names = "--locres_maskrad", defaultValue = "-1", description = "radius of each spherical window, A (default: sampling/2)") double maskRad;
    @Option(names = "--locres_edgwidth", defaultValue = "-1", description = "soft edge of each window, A (default: sampling)") double edge;
    @Option(names = "--locres_randomize_at", defaultValue = "25", description = "randomise phases beyond this resolution, A (${DEFAULT-VALUE})") double randomizeAt;
    @Option(names = "--locres_minres", defaultValue = "50", description = "coarsest local resolution written, A (${DEFAULT-VALUE})") double minRes;
    @Option(names = "--adhoc_bfac", defaultValue = "0", description = "B-factor to sharpen the locally filtered map with, A^2 (0: none)") double adhocBfac;
    @Option(names = "--random_seed", defaultValue = "0", description = "seed of the phase randomisation (${DEFAULT-VALUE})") long seed;

    @Override public Integer call() {
        LocalResolutionResult r = LocalResolution.run(new LocalResolutionParameters(half1, half2, mask, output, angpix, sampling, maskRad, edge,
                randomizeAt, minRes, seed, adhocBfac));
        System.out.print(r.summary());
        for (Path f : r.outputs()) System.out.println("wrote " + f);
        return 0;
    }
}
