package org.subtomo.refine.class2d;

import java.nio.file.Path;

/**
 * Options of {@code subtomo class2d} (RELION's Class2D names).
 *
 * @param input             particle STAR file (rlnImageName = N@stack.mrcs)
 * @param outputRoot        e.g. Class2D/run1: files are run1_itNNN_*
 * @param classes           K
 * @param iterations        total number of iterations (also when continuing)
 * @param tau2Fudge         T (2 for 2D)
 * @param particleDiameter  Å; ≤ 0: the box minus the mask edge
 * @param maskEdge          px, cosine edge of the circular mask (RELION 5)
 * @param zeroMask          background outside the mask = its mean, not noise
 * @param strictHighresExp  Å limit of the E-step; ≤ 0 none
 * @param ctf               apply per-particle CTFs (rlnDefocusU/V/Angle + optics)
 * @param psiStep           in-plane step (degrees) actually sampled
 * @param offsetRange       px
 * @param offsetStep        px
 * @param iniHigh           Å low-pass of the initial references; ≤ 0: 0.07·N shells
 * @param sigmaOffsetAngst  initial width of the offset prior, Å (RELION --offset, 10)
 * @param fixPriorIters     keep the class prior at 1/K for this many first iterations (anti-collapse)
 * @param adaptiveFraction  posterior mass kept per particle (0.999)
 * @param threads           --j
 * @param seed              --random_seed
 * @param continueFrom      an _itNNN_optimiser.star to resume from, or null
 */
public record Class2dParams(Path input, String outputRoot, int classes, int iterations, double tau2Fudge, double particleDiameter,
                            double maskEdge, boolean zeroMask, double strictHighresExp, boolean ctf, double psiStep,
                            double offsetRange, double offsetStep, double iniHigh, double sigmaOffsetAngst, int fixPriorIters,
                            double adaptiveFraction, int threads, long seed, Path continueFrom) {

    public static Class2dParams defaults(Path input, String outputRoot) {
        return new Class2dParams(input, outputRoot, 20, 25, 2, -1, 5, false, -1, false, 6, 5, 1, -1, 10, 5,
                0.999, 1, 0, null);
    }

    public Class2dParams withClasses(int k) { return new Class2dParams(input, outputRoot, k, iterations, tau2Fudge, particleDiameter, maskEdge, zeroMask, strictHighresExp, ctf, psiStep, offsetRange, offsetStep, iniHigh, sigmaOffsetAngst, fixPriorIters, adaptiveFraction, threads, seed, continueFrom); }
    public Class2dParams withIterations(int n) { return new Class2dParams(input, outputRoot, classes, n, tau2Fudge, particleDiameter, maskEdge, zeroMask, strictHighresExp, ctf, psiStep, offsetRange, offsetStep, iniHigh, sigmaOffsetAngst, fixPriorIters, adaptiveFraction, threads, seed, continueFrom); }
    public Class2dParams withThreads(int j) { return new Class2dParams(input, outputRoot, classes, iterations, tau2Fudge, particleDiameter, maskEdge, zeroMask, strictHighresExp, ctf, psiStep, offsetRange, offsetStep, iniHigh, sigmaOffsetAngst, fixPriorIters, adaptiveFraction, j, seed, continueFrom); }
    public Class2dParams withOutput(String o) { return new Class2dParams(input, o, classes, iterations, tau2Fudge, particleDiameter, maskEdge, zeroMask, strictHighresExp, ctf, psiStep, offsetRange, offsetStep, iniHigh, sigmaOffsetAngst, fixPriorIters, adaptiveFraction, threads, seed, continueFrom); }
    public Class2dParams withContinue(Path c) { return new Class2dParams(input, outputRoot, classes, iterations, tau2Fudge, particleDiameter, maskEdge, zeroMask, strictHighresExp, ctf, psiStep, offsetRange, offsetStep, iniHigh, sigmaOffsetAngst, fixPriorIters, adaptiveFraction, threads, seed, c); }
    public Class2dParams withSampling(double psi, double range, double step) { return new Class2dParams(input, outputRoot, classes, iterations, tau2Fudge, particleDiameter, maskEdge, zeroMask, strictHighresExp, ctf, psi, range, step, iniHigh, sigmaOffsetAngst, fixPriorIters, adaptiveFraction, threads, seed, continueFrom); }
    public Class2dParams withMask(double diameter, double edge, boolean zero) { return new Class2dParams(input, outputRoot, classes, iterations, tau2Fudge, diameter, edge, zero, strictHighresExp, ctf, psiStep, offsetRange, offsetStep, iniHigh, sigmaOffsetAngst, fixPriorIters, adaptiveFraction, threads, seed, continueFrom); }
    public Class2dParams withSeed(long s) { return new Class2dParams(input, outputRoot, classes, iterations, tau2Fudge, particleDiameter, maskEdge, zeroMask, strictHighresExp, ctf, psiStep, offsetRange, offsetStep, iniHigh, sigmaOffsetAngst, fixPriorIters, adaptiveFraction, threads, s, continueFrom); }
}
