package org.subtomo.app.cli;

import org.subtomo.core.mpi.Cluster;
import org.subtomo.refine.refine3d.Refine3d;
import org.subtomo.refine.refine3d.Refine3dParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code subtomo refine3d}: gold-standard 3D auto-refinement of sub-tomograms (RELION Refine3D options). */
@Command(name = "refine3d", mixinStandardHelpOptions = true,
        description = {"Gold-standard 3D auto-refinement of sub-tomograms with their 3D CTF models (protocol step 20).",
                "Writes <o>_itNNN_half{1,2}_class001.mrc/_model.star, _data.star, _optimiser.star, a PNG per iteration,",
                "and finally <o>_class001.mrc, <o>_half{1,2}_class001_unfil.mrc, <o>_data.star, <o>_model.star."})
public final class Refine3dCommand implements Callable<Integer>, RunsOnRanks {
    @Option(names = "--i", paramLabel = "STAR", description = "sub-tomogram particle STAR file (rlnImageName, rlnCtfImage)") Path input;
    @Option(names = "--o", paramLabel = "ROOT", description = "output root, e.g. Refine3D/run1/run") String output;
    @Option(names = "--ref", defaultValue = "None", description = "initial reference map, or None for a de novo start (${DEFAULT-VALUE})") String reference;
    @Option(names = "--ini_high", defaultValue = "60", description = "low-pass of the initial reference, A (${DEFAULT-VALUE})") double iniHigh;
    @Option(names = "--firstiter_cc", description = "first iteration by cross-correlation (reference not on the data's grey scale)") boolean firstIterCc;
    @Option(names = "--ref_correct_greyscale", description = "put the --ref map on the particles' grey scale first (scale fitted from cross-correlation poses, solvent set to 0); for maps not made from these data") boolean refCorrectGreyscale;
    @Option(names = "--ctf", description = "use the 3D CTF volumes (rlnCtfImage)") boolean ctf;
    @Option(names = "--ctf_corrected_ref", description = "the --ref map is CTF-corrected (a refined map); without it iteration 1 compares the particles with the map without their CTF (RELION)") boolean ctfCorrectedRef;
    @Option(names = "--solvent_mask", paramLabel = "MRC", description = "soft mask (0..1, particle box) multiplied on the references after every iteration, instead of the --particle_diameter sphere") Path solventMask;
    @Option(names = "--particle_diameter", defaultValue = "-1", description = "mask diameter, A (default: box)") double diameter;
    @Option(names = "--maskedge", defaultValue = "5", description = "mask edge, px (${DEFAULT-VALUE})") double maskEdge;
    @Option(names = "--sym", defaultValue = "C1", description = "point group: C1, Cn, Dn, T, O, I1..I4 (${DEFAULT-VALUE})") String symmetry;
    @Option(names = "--healpix_order", defaultValue = "2", description = "initial HEALPix order of the coarse search; oversampled once (${DEFAULT-VALUE})") int healpixOrder;
    @Option(names = "--offset_range", defaultValue = "5", description = "px (${DEFAULT-VALUE})") double offsetRange;
    @Option(names = "--offset_step", defaultValue = "2", description = "px (${DEFAULT-VALUE})") double offsetStep;
    @Option(names = "--auto_local_healpix_order", defaultValue = "4", description = "local searches from this order (${DEFAULT-VALUE})") int autoLocal;
    @Option(names = "--tau2_fudge", defaultValue = "1", description = "regularisation parameter T (${DEFAULT-VALUE})") double tau2Fudge;
    @Option(names = "--offset", defaultValue = "10", description = "initial offset prior width, A (${DEFAULT-VALUE})") double sigmaOffset;
    @Option(names = "--oversampling", defaultValue = "1", description = "adaptive oversampling order, 0 or 1 (${DEFAULT-VALUE})") int oversampling;
    @Option(names = "--adaptive_fraction", defaultValue = "0.999", description = "posterior mass kept per pass (${DEFAULT-VALUE})") double adaptive;
    @Option(names = "--incr_size", defaultValue = "10", description = "Fourier shells beyond the current resolution used in each iteration (${DEFAULT-VALUE}, RELION's)") int incrSize;
    @Option(names = "--maxsig", defaultValue = "500", description = "most coarse poses per particle refined in the oversampled pass (${DEFAULT-VALUE}); fewer speed up a featureless de novo start") int maxSig;
    @Option(names = "--relion_sigma2", description = "noise spectra averaged over all Fourier voxels, missing wedge included (RELION); default: only where the CTF volume is non-zero") boolean relionSigma2;
    @Option(names = "--iter", defaultValue = "50", description = "maximum number of iterations, the final one included (${DEFAULT-VALUE})") int iterations;
    @Option(names = "--j", defaultValue = "1", description = "threads; results do not depend on it (${DEFAULT-VALUE})") int threads;
    @Option(names = "--random_seed", defaultValue = "0", description = "(${DEFAULT-VALUE})") long seed;
    @Option(names = "--continue", paramLabel = "OPTIMISER", description = "resume from <o>_itNNN_optimiser.star") Path continueFrom;

    @Override public Integer call() {
        Refine3dParams p = new Refine3dParams(input, output, reference, iniHigh, firstIterCc, ctf, diameter, maskEdge, symmetry, healpixOrder,
                offsetRange, offsetStep, autoLocal, tau2Fudge, threads, iterations, seed, relionSigma2, continueFrom, sigmaOffset, adaptive, oversampling,
                refCorrectGreyscale, ctfCorrectedRef, solventMask, incrSize, maxSig);
        Refine3d.run(p, System.out, Cluster.ranks());
        return 0;
    }
}
