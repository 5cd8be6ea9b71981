package org.subtomo.refine.class3d;

import org.subtomo.refine.ml.BackProjector3D;
import org.subtomo.refine.ml.Em3D;

/**
 * The M-step sums of one classification E-step, whichever engine produced them (fixed poses here, or
 * {@link Em3D} with alignment): per-class back-projectors and weights, noise and offset statistics, and
 * the per-particle results (pose, class, Pmax).
 */
final class ClassSums {
    final BackProjector3D[] classes;
    final double[] classWeight;
    final double[][] sigmaSum, sigmaCount;
    final long[] groupCount;
    double offsetSum, weightSum, logLikelihood, pmaxSum;
    int particles;
    Em3D.ParticleResults results;
    /** Zeroed accumulators free for reuse by the next block (fixed-pose E-step). */
    java.util.concurrent.ConcurrentLinkedQueue<BackProjector3D> pool = new java.util.concurrent.ConcurrentLinkedQueue<>();

    ClassSums(int n, int k, int groups, int shells, int particlesTotal) {
        classes = new BackProjector3D[k];
        classWeight = new double[k];
        sigmaSum = new double[groups][shells];
        sigmaCount = new double[groups][shells];
        groupCount = new long[groups];
        results = new Em3D.ParticleResults(particlesTotal);
    }

    /** Adds block sums (classes, noise, weights); results are written in place by the workers. */
    void add(ClassSums o) {
        for (int c = 0; c < classes.length; c++) {
            if (o.classes[c] == null) continue;
            if (classes[c] == null) classes[c] = o.classes[c]; else classes[c].add(o.classes[c]);
        }
        for (int c = 0; c < classWeight.length; c++) classWeight[c] += o.classWeight[c];
        addStats(o.sigmaSum, o.sigmaCount, o.groupCount, o.offsetSum, o.weightSum, o.logLikelihood, o.pmaxSum, o.particles);
    }

    /** Adds the sums of an {@link Em3D} E-step whose class c of {@code e} is class {@code target} here (−1: same index). */
    void addEm(Em3D.Expectation e, int[] subset, int target) {
        for (int c = 0; c < e.classes.length; c++) {
            int t = target >= 0 ? target : c;
            if (e.classes[c] == null) continue;
            if (classes[t] == null) classes[t] = e.classes[c]; else classes[t].add(e.classes[c]);
            classWeight[t] += e.classWeight[c];
        }
        addStats(e.sigmaSum, e.sigmaCount, e.groupCount, e.offsetSum, e.weightSum, e.logLikelihood, e.pmaxSum, e.particles);
        Em3D.ParticleResults r = e.results;
        for (int i : subset) {
            results.rot[i] = r.rot[i]; results.tilt[i] = r.tilt[i]; results.psi[i] = r.psi[i];
            results.originX[i] = r.originX[i]; results.originY[i] = r.originY[i]; results.originZ[i] = r.originZ[i];
            results.pmax[i] = r.pmax[i]; results.logLike[i] = r.logLike[i]; results.nSignificant[i] = r.nSignificant[i];
            results.classNumber[i] = target >= 0 ? target + 1 : r.classNumber[i];
        }
    }

    private void addStats(double[][] ss, double[][] sc, long[] gc, double off, double w, double ll, double pm, int np) {
        for (int g = 0; g < sigmaSum.length; g++) for (int s = 0; s < sigmaSum[g].length; s++) {
            sigmaSum[g][s] += ss[g][s]; sigmaCount[g][s] += sc[g][s];
        }
        for (int g = 0; g < groupCount.length; g++) groupCount[g] += gc[g];
        offsetSum += off; weightSum += w; logLikelihood += ll; pmaxSum += pm; particles += np;
    }
}
