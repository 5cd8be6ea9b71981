package org.subtomo.refine.refine3d;

/**
 * What the auto-refine schedule carries from one iteration to the next (RELION's auto-sampling
 * counters), saved exactly in the optimiser.star so a continued run takes the same decisions.
 */
public final class Refine3dState {
    public int iteration;
    public int healpixOrder;
    public double offsetRange, offsetStep;
    public boolean local;
    public double localSigmaDeg;
    public int itersWithoutResolutionGain, itersWithoutLargeChanges;
    public double smallestChangesOrient = 999, smallestChangesOffsets = 999;
    public int bestResolutionShell;
    public double accuracyRotDeg = 999, accuracyTransPx = 999;
    public double changesOrient = 999, changesOffsets = 999;
    /** True once converged: the next iteration is the final, joined one at Nyquist. */
    public boolean converged;
    /** True after the final iteration. */
    public boolean finished;
    public double[] fsc = new double[0];
}
