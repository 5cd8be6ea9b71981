package org.subtomo.refine.refine3d;

import java.nio.file.Path;

/**
 * Options of {@code subtomo refine3d} (RELION's relion_refine --auto_refine --split_random_halves names).
 *
 * @param reference          "None" (de novo from random orientations) or a map file
 * @param iniHigh            low-pass of the initial reference, Å
 * @param firstIterCc        first iteration by cross-correlation (references not on the data's grey scale)
 * @param ctf                use the particles' 3D CTF volumes (rlnCtfImage)
 * @param particleDiameter   Å: particle mask and solvent flattening (≤ 0: box minus edge)
 * @param maskEdge           px, cosine edge of those masks
 * @param healpixOrder       initial HEALPix order of the coarse pass
 * @param offsetRange        px, initial translational range
 * @param offsetStep         px, initial translational step
 * @param autoLocalHealpixOrder  order from which searches are local around the previous pose
 * @param tau2Fudge          T
 * @param iterations         maximum number of iterations (the final joined one included)
 * @param relionSigma2       σ² averaged over all components, missing wedge included (RELION's behaviour)
 * @param sigmaOffsetAngst   initial width of the offset prior, Å
 * @param oversampling       adaptive oversampling order (0 or 1)
 * @param refCorrectGreyscale put the given map on the particles' grey scale before iteration 1: scale fitted to an
 *                           unregularised reconstruction from cross-correlation poses, solvent level set to 0
 * @param ctfCorrectedRef    the given map is CTF-corrected (RELION's --ctf_corrected_ref); if not, iteration 1
 *                           compares the particles with the map without multiplying it by their CTF
 * @param solventMask        mask (values 0..1, box³) multiplied on the references after every M-step instead of
 *                           the particle-diameter sphere (RELION's --solvent_mask with --flatten_solvent); null: sphere
 * @param incrShells         Fourier shells beyond the current resolution taken into the E- and M-steps (RELION's
 *                           --incr_size, 10); the cost of both grows with the cube of that radius
 * @param maxSignificant     most coarse poses per particle taken into the fine pass (RELION's --maxsig)
 */
public record Refine3dParams(Path input, String outputRoot, String reference, double iniHigh, boolean firstIterCc, boolean ctf,
                             double particleDiameter, double maskEdge, String symmetry, int healpixOrder, double offsetRange,
                             double offsetStep, int autoLocalHealpixOrder, double tau2Fudge, int threads, int iterations, long seed,
                             boolean relionSigma2, Path continueFrom, double sigmaOffsetAngst, double adaptiveFraction, int oversampling,
                             boolean refCorrectGreyscale, boolean ctfCorrectedRef, Path solventMask, int incrShells, int maxSignificant) {
    public static final int DEFAULT_INCR_SHELLS = 10;

    /** With RELION's --incr_size 10 and the engine's default --maxsig. */
    public Refine3dParams(Path input, String outputRoot, String reference, double iniHigh, boolean firstIterCc, boolean ctf,
                          double particleDiameter, double maskEdge, String symmetry, int healpixOrder, double offsetRange,
                          double offsetStep, int autoLocalHealpixOrder, double tau2Fudge, int threads, int iterations, long seed,
                          boolean relionSigma2, Path continueFrom, double sigmaOffsetAngst, double adaptiveFraction, int oversampling,
                          boolean refCorrectGreyscale, boolean ctfCorrectedRef, Path solventMask) {
        this(input, outputRoot, reference, iniHigh, firstIterCc, ctf, particleDiameter, maskEdge, symmetry, healpixOrder, offsetRange, offsetStep,
                autoLocalHealpixOrder, tau2Fudge, threads, iterations, seed, relionSigma2, continueFrom, sigmaOffsetAngst, adaptiveFraction,
                oversampling, refCorrectGreyscale, ctfCorrectedRef, solventMask, DEFAULT_INCR_SHELLS, org.subtomo.refine.ml.EngineSettings3D.DEFAULT_MAX_SIGNIFICANT);
    }

    public static Refine3dParams defaults(Path input, String output) {
        return new Refine3dParams(input, output, "None", 60, false, true, -1, 5, "C1", 2, 5, 2, 4, 1, 1, 50, 0, false, null, 10,
                0.999, 1, false, false, null);
    }

    public Refine3dParams withReference(String r) { return new Refine3dParams(input, outputRoot, r, iniHigh, firstIterCc, ctf, particleDiameter, maskEdge, symmetry, healpixOrder, offsetRange, offsetStep, autoLocalHealpixOrder, tau2Fudge, threads, iterations, seed, relionSigma2, continueFrom, sigmaOffsetAngst, adaptiveFraction, oversampling, refCorrectGreyscale, ctfCorrectedRef, solventMask, incrShells, maxSignificant); }
    public Refine3dParams withIterations(int it) { return new Refine3dParams(input, outputRoot, reference, iniHigh, firstIterCc, ctf, particleDiameter, maskEdge, symmetry, healpixOrder, offsetRange, offsetStep, autoLocalHealpixOrder, tau2Fudge, threads, it, seed, relionSigma2, continueFrom, sigmaOffsetAngst, adaptiveFraction, oversampling, refCorrectGreyscale, ctfCorrectedRef, solventMask, incrShells, maxSignificant); }
    public Refine3dParams withThreads(int t) { return new Refine3dParams(input, outputRoot, reference, iniHigh, firstIterCc, ctf, particleDiameter, maskEdge, symmetry, healpixOrder, offsetRange, offsetStep, autoLocalHealpixOrder, tau2Fudge, t, iterations, seed, relionSigma2, continueFrom, sigmaOffsetAngst, adaptiveFraction, oversampling, refCorrectGreyscale, ctfCorrectedRef, solventMask, incrShells, maxSignificant); }
    public Refine3dParams withOutput(String o) { return new Refine3dParams(input, o, reference, iniHigh, firstIterCc, ctf, particleDiameter, maskEdge, symmetry, healpixOrder, offsetRange, offsetStep, autoLocalHealpixOrder, tau2Fudge, threads, iterations, seed, relionSigma2, continueFrom, sigmaOffsetAngst, adaptiveFraction, oversampling, refCorrectGreyscale, ctfCorrectedRef, solventMask, incrShells, maxSignificant); }
    public Refine3dParams withContinue(Path c) { return new Refine3dParams(input, outputRoot, reference, iniHigh, firstIterCc, ctf, particleDiameter, maskEdge, symmetry, healpixOrder, offsetRange, offsetStep, autoLocalHealpixOrder, tau2Fudge, threads, iterations, seed, relionSigma2, c, sigmaOffsetAngst, adaptiveFraction, oversampling, refCorrectGreyscale, ctfCorrectedRef, solventMask, incrShells, maxSignificant); }
    public Refine3dParams withSampling(String sym, int order, double range, double step, int local) { return new Refine3dParams(input, outputRoot, reference, iniHigh, firstIterCc, ctf, particleDiameter, maskEdge, sym, order, range, step, local, tau2Fudge, threads, iterations, seed, relionSigma2, continueFrom, sigmaOffsetAngst, adaptiveFraction, oversampling, refCorrectGreyscale, ctfCorrectedRef, solventMask, incrShells, maxSignificant); }
    public Refine3dParams withRelionSigma2(boolean r) { return new Refine3dParams(input, outputRoot, reference, iniHigh, firstIterCc, ctf, particleDiameter, maskEdge, symmetry, healpixOrder, offsetRange, offsetStep, autoLocalHealpixOrder, tau2Fudge, threads, iterations, seed, r, continueFrom, sigmaOffsetAngst, adaptiveFraction, oversampling, refCorrectGreyscale, ctfCorrectedRef, solventMask, incrShells, maxSignificant); }
    public Refine3dParams withDiameter(double d) { return new Refine3dParams(input, outputRoot, reference, iniHigh, firstIterCc, ctf, d, maskEdge, symmetry, healpixOrder, offsetRange, offsetStep, autoLocalHealpixOrder, tau2Fudge, threads, iterations, seed, relionSigma2, continueFrom, sigmaOffsetAngst, adaptiveFraction, oversampling, refCorrectGreyscale, ctfCorrectedRef, solventMask, incrShells, maxSignificant); }
    public Refine3dParams withIniHigh(double h) { return new Refine3dParams(input, outputRoot, reference, h, firstIterCc, ctf, particleDiameter, maskEdge, symmetry, healpixOrder, offsetRange, offsetStep, autoLocalHealpixOrder, tau2Fudge, threads, iterations, seed, relionSigma2, continueFrom, sigmaOffsetAngst, adaptiveFraction, oversampling, refCorrectGreyscale, ctfCorrectedRef, solventMask, incrShells, maxSignificant); }
    public Refine3dParams withSeed(long s) { return new Refine3dParams(input, outputRoot, reference, iniHigh, firstIterCc, ctf, particleDiameter, maskEdge, symmetry, healpixOrder, offsetRange, offsetStep, autoLocalHealpixOrder, tau2Fudge, threads, iterations, s, relionSigma2, continueFrom, sigmaOffsetAngst, adaptiveFraction, oversampling, refCorrectGreyscale, ctfCorrectedRef, solventMask, incrShells, maxSignificant); }
    public Refine3dParams withReferenceHandling(boolean correctGreyscale, boolean ctfCorrected, boolean firstCc) { return new Refine3dParams(input, outputRoot, reference, iniHigh, firstCc, ctf, particleDiameter, maskEdge, symmetry, healpixOrder, offsetRange, offsetStep, autoLocalHealpixOrder, tau2Fudge, threads, iterations, seed, relionSigma2, continueFrom, sigmaOffsetAngst, adaptiveFraction, oversampling, correctGreyscale, ctfCorrected, solventMask, incrShells, maxSignificant); }
    public Refine3dParams withSolventMask(Path m) { return new Refine3dParams(input, outputRoot, reference, iniHigh, firstIterCc, ctf, particleDiameter, maskEdge, symmetry, healpixOrder, offsetRange, offsetStep, autoLocalHealpixOrder, tau2Fudge, threads, iterations, seed, relionSigma2, continueFrom, sigmaOffsetAngst, adaptiveFraction, oversampling, refCorrectGreyscale, ctfCorrectedRef, m, incrShells, maxSignificant); }
    /** RELION's --incr_size and --maxsig. */
    public Refine3dParams withSearchLimits(int incr, int maxSig) { return new Refine3dParams(input, outputRoot, reference, iniHigh, firstIterCc, ctf, particleDiameter, maskEdge, symmetry, healpixOrder, offsetRange, offsetStep, autoLocalHealpixOrder, tau2Fudge, threads, iterations, seed, relionSigma2, continueFrom, sigmaOffsetAngst, adaptiveFraction, oversampling, refCorrectGreyscale, ctfCorrectedRef, solventMask, incr, maxSig); }
}
