package org.subtomo.refine.class3d;

import java.nio.file.Path;

/**
 * Options of {@code subtomo class3d} (RELION's relion_refine 3D classification names).
 *
 * @param reference        the map all classes start from (e.g. Refine3D/run1_class001.mrc)
 * @param iniHigh          low-pass of that map, Å
 * @param classes          K
 * @param iterations       number of E/M iterations
 * @param tau2Fudge        T (the protocol: 4 for sub-tomogram classification)
 * @param ctf              use the particles' 3D CTF volumes (rlnCtfImage)
 * @param particleDiameter Å: particle mask in the E-step and solvent flattening of the classes (≤ 0: box minus edge)
 * @param maskEdge         px, cosine edge of that mask
 * @param skipAlign        classification only: poses fixed to those of the input STAR file
 * @param sigmaAng         &gt; 0: local angular searches (Gaussian prior of this width, degrees) around the input poses
 * @param solventMask      focus mask (0..1 map) applied to the class references after each M-step, so only its
 *                         region differs between classes in the likelihood (focused classification); null: sphere
 * @param healpixOrder     HEALPix order of the coarse orientational sampling (2 = 15°)
 * @param offsetRange      px, translational search range around the input origin
 * @param offsetStep       px, translational step
 * @param relionSigma2     σ² averaged over all Fourier components including the missing wedge (RELION)
 * @param sigmaOffsetAngst initial width of the offset prior, Å
 * @param oversampling     adaptive oversampling order (0 or 1) for aligned runs
 */
public record Class3dParams(Path input, String outputRoot, String reference, double iniHigh, int classes, int iterations,
                            double tau2Fudge, boolean ctf, String symmetry, double particleDiameter, double maskEdge, boolean skipAlign,
                            double sigmaAng, Path solventMask, int healpixOrder, double offsetRange, double offsetStep, int threads,
                            long seed, Path continueFrom, boolean relionSigma2, double sigmaOffsetAngst, int oversampling) {

    public static Class3dParams defaults(Path input, String output, String reference) {
        return new Class3dParams(input, output, reference, 60, 3, 25, 4, true, "C1", -1, 5, false, -1, null, 2, 5, 1, 1, 0, null,
                false, 10, 1);
    }

    public boolean local() { return !skipAlign && sigmaAng > 0; }

    public Class3dParams withClasses(int k) { return new Class3dParams(input, outputRoot, reference, iniHigh, k, iterations, tau2Fudge, ctf, symmetry, particleDiameter, maskEdge, skipAlign, sigmaAng, solventMask, healpixOrder, offsetRange, offsetStep, threads, seed, continueFrom, relionSigma2, sigmaOffsetAngst, oversampling); }
    public Class3dParams withIterations(int it) { return new Class3dParams(input, outputRoot, reference, iniHigh, classes, it, tau2Fudge, ctf, symmetry, particleDiameter, maskEdge, skipAlign, sigmaAng, solventMask, healpixOrder, offsetRange, offsetStep, threads, seed, continueFrom, relionSigma2, sigmaOffsetAngst, oversampling); }
    public Class3dParams withThreads(int t) { return new Class3dParams(input, outputRoot, reference, iniHigh, classes, iterations, tau2Fudge, ctf, symmetry, particleDiameter, maskEdge, skipAlign, sigmaAng, solventMask, healpixOrder, offsetRange, offsetStep, t, seed, continueFrom, relionSigma2, sigmaOffsetAngst, oversampling); }
    public Class3dParams withOutput(String o) { return new Class3dParams(input, o, reference, iniHigh, classes, iterations, tau2Fudge, ctf, symmetry, particleDiameter, maskEdge, skipAlign, sigmaAng, solventMask, healpixOrder, offsetRange, offsetStep, threads, seed, continueFrom, relionSigma2, sigmaOffsetAngst, oversampling); }
    public Class3dParams withContinue(Path c) { return new Class3dParams(input, outputRoot, reference, iniHigh, classes, iterations, tau2Fudge, ctf, symmetry, particleDiameter, maskEdge, skipAlign, sigmaAng, solventMask, healpixOrder, offsetRange, offsetStep, threads, seed, c, relionSigma2, sigmaOffsetAngst, oversampling); }
    /** skip: fixed poses; sigma &gt; 0: local searches; otherwise global searches at the given order/offsets. */
    public Class3dParams withAlignment(boolean skip, double sigma, int order, double range, double step) { return new Class3dParams(input, outputRoot, reference, iniHigh, classes, iterations, tau2Fudge, ctf, symmetry, particleDiameter, maskEdge, skip, sigma, solventMask, order, range, step, threads, seed, continueFrom, relionSigma2, sigmaOffsetAngst, oversampling); }
    public Class3dParams withSolventMask(Path m) { return new Class3dParams(input, outputRoot, reference, iniHigh, classes, iterations, tau2Fudge, ctf, symmetry, particleDiameter, maskEdge, skipAlign, sigmaAng, m, healpixOrder, offsetRange, offsetStep, threads, seed, continueFrom, relionSigma2, sigmaOffsetAngst, oversampling); }
    public Class3dParams withDiameter(double d) { return new Class3dParams(input, outputRoot, reference, iniHigh, classes, iterations, tau2Fudge, ctf, symmetry, d, maskEdge, skipAlign, sigmaAng, solventMask, healpixOrder, offsetRange, offsetStep, threads, seed, continueFrom, relionSigma2, sigmaOffsetAngst, oversampling); }
    public Class3dParams withSeed(long s) { return new Class3dParams(input, outputRoot, reference, iniHigh, classes, iterations, tau2Fudge, ctf, symmetry, particleDiameter, maskEdge, skipAlign, sigmaAng, solventMask, healpixOrder, offsetRange, offsetStep, threads, s, continueFrom, relionSigma2, sigmaOffsetAngst, oversampling); }
    public Class3dParams withIniHigh(double h) { return new Class3dParams(input, outputRoot, reference, h, classes, iterations, tau2Fudge, ctf, symmetry, particleDiameter, maskEdge, skipAlign, sigmaAng, solventMask, healpixOrder, offsetRange, offsetStep, threads, seed, continueFrom, relionSigma2, sigmaOffsetAngst, oversampling); }
}
