package org.subtomo.post;

import org.subtomo.core.fsc.FscCurve;

/**
 * The mask-corrected FSC of Chen et al. (2013): FSC_true = (FSC_t − FSC_n) / (1 − FSC_n), where FSC_t is
 * the FSC of the masked half maps and FSC_n that of the masked phase-randomised halves. As RELION does,
 * shells below ℓ_r + 2 (ℓ_r the first randomised shell) keep FSC_t, because the randomisation leaves
 * small artefacts just above ℓ_r. Where FSC_n &gt; FSC_t the result is negative, not clamped: RELION 3.1.3
 * writes it so (measured), and the FSC weighting then stops at the first shell below ~0.
 */
public final class ChenCorrection {
    private ChenCorrection() {}

    /** Shells of margin above the randomisation shell before the correction applies (RELION: 2). */
    public static final int MARGIN_SHELLS = 2;

    public static FscCurve correct(FscCurve masked, FscCurve randomisedMasked, int randomisedFromShell) {
        if (masked.shells() != randomisedMasked.shells())
            throw new IllegalArgumentException("curves differ in length: " + masked.shells() + " vs " + randomisedMasked.shells());
        double[] t = masked.fsc(), n = randomisedMasked.fsc(), out = new double[t.length];
        for (int s = 0; s < t.length; s++) {
            if (s < randomisedFromShell + MARGIN_SHELLS) out[s] = t[s];
            else out[s] = (t[s] - n[s]) / (1 - n[s]);
        }
        return new FscCurve(out, masked.counts(), masked.boxSize(), masked.pixelSize());
    }

    /**
     * First shell ≥ 1 where the (unmasked) FSC drops below {@code threshold}: where RELION starts the
     * randomisation for {@code --randomize_at_fsc}. −1 if it never does.
     */
    public static int randomisationShell(FscCurve unmasked, double threshold) {
        return unmasked.firstShellBelow(threshold);
    }
}
