package org.subtomo.refine.ml;

/**
 * Options of one E/M iteration.
 *
 * @param psiStepDeg        in-plane angular step actually sampled (no adaptive oversampling yet)
 * @param offsetRangePx     translational search range around the current offset (pixels)
 * @param offsetStepPx      translational step (pixels)
 * @param tau2Fudge         T: the regularisation parameter multiplying τ²
 * @param maskRadiusPx      soft circular mask radius for particles and references
 * @param maskEdgePx        width of its cosine edge
 * @param zeroMask          particles' background outside the mask = background mean (else coloured noise)
 * @param strictShell       E-step limited to this shell (from --strict_highres_exp); ≤ 0 for none
 * @param incrShells        shells beyond the current resolution included in the E/M steps (RELION: 10)
 * @param adaptiveFraction  posterior mass kept per particle (RELION's --adaptive_fraction, 0.999)
 * @param threads           worker threads; results do not depend on it
 * @param seed              random seed (noise fill, initial classes)
 * @param blockSize         particles per accumulation block (fixed, independent of threads)
 * @param hardAssignment    binarise the posterior to its best pose (as RELION's --firstiter_cc does)
 * @param fixClassPrior     keep the class prior uniform (1/K) in this iteration
 */
public record EngineSettings(double psiStepDeg, double offsetRangePx, double offsetStepPx, double tau2Fudge,
                             double maskRadiusPx, double maskEdgePx, boolean zeroMask, int strictShell, int incrShells,
                             double adaptiveFraction, int threads, long seed, int blockSize,
                             boolean hardAssignment, boolean fixClassPrior) {
    public EngineSettings withEarly(boolean hard, boolean fixPrior) {
        return new EngineSettings(psiStepDeg, offsetRangePx, offsetStepPx, tau2Fudge, maskRadiusPx, maskEdgePx, zeroMask, strictShell,
                incrShells, adaptiveFraction, threads, seed, blockSize, hard, fixPrior);
    }

    public int psiCount() { return Math.max(1, (int) Math.round(360.0 / psiStepDeg)); }
}
