package org.subtomo.refine.class3d;

import org.subtomo.core.mpi.Partition;
import org.subtomo.core.mpi.Ranks;
import org.subtomo.core.progress.Progress;
import org.subtomo.refine.ml.Em3DRanks;
import org.subtomo.refine.ml.MlModel;
import org.subtomo.refine.ml.ParticleData3D;

/**
 * The fixed-pose E-step ({@code --skip_align}) on MPI ranks: each rank takes a contiguous share of the
 * {@link FixedPoseExpectation#BLOCK}-particle blocks (so each rank's blocks are the single-process blocks and
 * each rank's transform cache holds only its particles), the ranks' sums are added in rank order
 * ({@link Em3DRanks#sumInRankOrder}) and the per-particle class, Pmax, log-likelihood and significant-class
 * count are gathered, so every rank returns the whole expectation. The poses are the input's on every rank.
 *
 * <p>Communication per iteration: the class back-projectors on the padded half-grid voxels within the current
 * radius (3 doubles each per class), plus 4 doubles per particle.
 */
final class FixedPoseRanks {
    private FixedPoseRanks() {}

    private static final int PER_PARTICLE = 4;

    static ClassSums run(MlModel m, ParticleData3D d, int radius, double maskRadius, double maskEdge, boolean wedgeSigma, int[] seeds,
                         int threads, Progress progress, FixedPoseExpectation.Cached[] cache, Ranks ranks) {
        if (!ranks.isParallel())
            return FixedPoseExpectation.run(m, d, radius, maskRadius, maskEdge, wedgeSigma, seeds, threads, progress, cache);
        Partition blocks = blocks(d.size(), ranks);
        Partition.Range mine = blocks.part(ranks.rank());
        ClassSums s = FixedPoseExpectation.run(m, d, radius, maskRadius, maskEdge, wedgeSigma, seeds, threads, progress, cache,
                mine.from(), mine.to());
        sum(s, radius, ranks);
        gather(s.results, d, blocks, ranks);
        return s;
    }

    /** This rank's number of particles (a progress total). */
    static int shareSize(int particles, Ranks ranks) { return particles(blocks(particles, ranks).part(ranks.rank()), particles).size(); }

    private static Partition blocks(int particles, Ranks ranks) {
        return Partition.of((particles + FixedPoseExpectation.BLOCK - 1) / FixedPoseExpectation.BLOCK, ranks.size());
    }

    private static Partition.Range particles(Partition.Range blocks, int n) {
        int b = FixedPoseExpectation.BLOCK;
        return new Partition.Range(Math.min(n, blocks.from() * b), Math.min(n, blocks.to() * b));
    }

    private static void sum(ClassSums s, int radius, Ranks ranks) {
        int k = s.classes.length, groups = s.sigmaSum.length, shells = groups == 0 ? 0 : s.sigmaSum[0].length;
        double[] stats = new double[2 * groups * shells + groups + k + 5];
        int o = 0;
        for (int g = 0; g < groups; g++) { System.arraycopy(s.sigmaSum[g], 0, stats, o, shells); o += shells; }
        for (int g = 0; g < groups; g++) { System.arraycopy(s.sigmaCount[g], 0, stats, o, shells); o += shells; }
        for (int g = 0; g < groups; g++) stats[o++] = s.groupCount[g];
        for (int c = 0; c < k; c++) stats[o++] = s.classWeight[c];
        stats[o++] = s.offsetSum; stats[o++] = s.weightSum; stats[o++] = s.logLikelihood; stats[o++] = s.pmaxSum; stats[o] = s.particles;
        Em3DRanks.sumInRankOrder(s.classes, radius, stats, ranks);
        o = 0;
        for (int g = 0; g < groups; g++) { System.arraycopy(stats, o, s.sigmaSum[g], 0, shells); o += shells; }
        for (int g = 0; g < groups; g++) { System.arraycopy(stats, o, s.sigmaCount[g], 0, shells); o += shells; }
        for (int g = 0; g < groups; g++) s.groupCount[g] = (long) stats[o++];
        for (int c = 0; c < k; c++) s.classWeight[c] = stats[o++];
        s.offsetSum = stats[o++]; s.weightSum = stats[o++]; s.logLikelihood = stats[o++]; s.pmaxSum = stats[o++]; s.particles = (int) stats[o];
    }

    private static void gather(org.subtomo.refine.ml.Em3D.ParticleResults r, ParticleData3D d, Partition blocks, Ranks ranks) {
        int n = d.size();
        int[] counts = new int[ranks.size()];
        for (int q = 0; q < counts.length; q++) counts[q] = PER_PARTICLE * particles(blocks.part(q), n).size();
        Partition.Range mine = particles(blocks.part(ranks.rank()), n);
        double[] local = new double[PER_PARTICLE * mine.size()];
        for (int i = mine.from(), o = 0; i < mine.to(); i++) {
            local[o++] = r.classNumber[i]; local[o++] = r.pmax[i]; local[o++] = r.logLike[i]; local[o++] = r.nSignificant[i];
        }
        double[] all = ranks.allGather(local, counts);
        for (int i = 0, o = 0; i < n; i++) {
            r.rot[i] = d.rot[i]; r.tilt[i] = d.tilt[i]; r.psi[i] = d.psi[i];
            r.originX[i] = d.originX[i]; r.originY[i] = d.originY[i]; r.originZ[i] = d.originZ[i];
            r.classNumber[i] = (int) all[o++]; r.pmax[i] = all[o++]; r.logLike[i] = all[o++]; r.nSignificant[i] = (int) all[o++];
        }
    }
}
