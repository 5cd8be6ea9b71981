package org.subtomo.refine.ml;

import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.geom.SymmetryGroup;

/**
 * Options of one 3D E/M iteration.
 *
 * @param healpixOrder      HEALPix order of the coarse pass (step 60°/2^order for directions and psi)
 * @param oversampling      0: one pass; 1: significant coarse poses are re-evaluated at 8 orientation ×
 *                          8 translation children (RELION's adaptive oversampling)
 * @param offsetRangePx     translational search range around the current origin (px)
 * @param offsetStepPx      coarse translational step (px)
 * @param symmetry          point group: the global search covers its asymmetric unit
 * @param localSigmaDeg     &gt; 0: local search, orientations within 3σ of the current pose with a
 *                          Gaussian prior of width σ (degrees); ≤ 0: global search
 * @param perturbation      rotation post-multiplied to every sampled orientation (RELION's --perturb)
 * @param maskRadiusPx      particle soft-sphere mask radius for the E-step (px)
 * @param maskEdgePx        width of its cosine edge (px)
 * @param currentRadius     M-step/E-step radius in shells; ≤ 0: from the model's resolution + incrShells
 * @param incrShells        shells beyond the current resolution (RELION: 10)
 * @param coarseRadius      largest radius of the coarse pass; ≤ 0: the current radius
 * @param adaptiveFraction  posterior mass kept in each pass (0.999)
 * @param wedgeSigma        σ² from components where the CTF volume is non-zero only (else RELION: all)
 * @param firstIterCc       score by (whitened) cross-correlation with a hard assignment; σ² not updated
 * @param threads           worker threads; results do not depend on it
 * @param blockSize         particles per accumulation block (fixed)
 * @param ctfOnReference    the E-step (and σ²) compare X with W·V; false for a first reference that is not
 *                          CTF-corrected (RELION's --ctf_corrected_ref absent): then with V inside the
 *                          particle's wedge only (RELION uses V everywhere, which scores the wedge's empty
 *                          components against the reference); the M-step always weights by W
 * @param maxSignificant    most coarse (class, orientation, translation) samples taken into pass 2 per particle
 *                          (RELION's --maxsig); a featureless early reference makes thousands significant
 */
public record EngineSettings3D(int healpixOrder, int oversampling, double offsetRangePx, double offsetStepPx, SymmetryGroup symmetry,
                               double localSigmaDeg, Matrix3 perturbation, double maskRadiusPx, double maskEdgePx, int currentRadius,
                               int incrShells, int coarseRadius, double adaptiveFraction, boolean wedgeSigma, boolean firstIterCc,
                               int threads, int blockSize, boolean ctfOnReference, int maxSignificant) {
    /** Default pass-2 cap of {@link #maxSignificant}. */
    public static final int DEFAULT_MAX_SIGNIFICANT = 500;

    public EngineSettings3D {
        if (maxSignificant < 1) throw new IllegalArgumentException("maxSignificant must be >= 1: " + maxSignificant);
    }

    /** With the default pass-2 cap ({@value #DEFAULT_MAX_SIGNIFICANT}). */
    public EngineSettings3D(int healpixOrder, int oversampling, double offsetRangePx, double offsetStepPx, SymmetryGroup symmetry,
                            double localSigmaDeg, Matrix3 perturbation, double maskRadiusPx, double maskEdgePx, int currentRadius,
                            int incrShells, int coarseRadius, double adaptiveFraction, boolean wedgeSigma, boolean firstIterCc,
                            int threads, int blockSize) {
        this(healpixOrder, oversampling, offsetRangePx, offsetStepPx, symmetry, localSigmaDeg, perturbation, maskRadiusPx, maskEdgePx,
                currentRadius, incrShells, coarseRadius, adaptiveFraction, wedgeSigma, firstIterCc, threads, blockSize, true, DEFAULT_MAX_SIGNIFICANT);
    }

    public EngineSettings3D withCurrentRadius(int r) {
        return new EngineSettings3D(healpixOrder, oversampling, offsetRangePx, offsetStepPx, symmetry, localSigmaDeg, perturbation,
                maskRadiusPx, maskEdgePx, r, incrShells, coarseRadius, adaptiveFraction, wedgeSigma, firstIterCc, threads, blockSize, ctfOnReference, maxSignificant);
    }

    public EngineSettings3D withThreads(int t) {
        return new EngineSettings3D(healpixOrder, oversampling, offsetRangePx, offsetStepPx, symmetry, localSigmaDeg, perturbation,
                maskRadiusPx, maskEdgePx, currentRadius, incrShells, coarseRadius, adaptiveFraction, wedgeSigma, firstIterCc, t, blockSize, ctfOnReference, maxSignificant);
    }

    public EngineSettings3D withMaxSignificant(int m) {
        return new EngineSettings3D(healpixOrder, oversampling, offsetRangePx, offsetStepPx, symmetry, localSigmaDeg, perturbation,
                maskRadiusPx, maskEdgePx, currentRadius, incrShells, coarseRadius, adaptiveFraction, wedgeSigma, firstIterCc, threads, blockSize, ctfOnReference, m);
    }
}
