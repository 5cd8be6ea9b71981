package org.subtomo.refine.ml;

import org.subtomo.core.mpi.Partition;
import org.subtomo.core.mpi.Ranks;
import org.subtomo.core.progress.Progress;

import java.util.Arrays;

/**
 * {@link Em3D#expectation} on MPI ranks: each rank takes a contiguous share of the subset's blocks (the
 * block size of the settings, so every rank's blocks are the single-process blocks), the ranks'
 * {@link Em3D.Expectation}s are summed in rank order (back-projector data and weight, σ² and offset sums),
 * and the per-particle results are gathered, so that every rank returns the whole expectation.
 *
 * <p>Communication per call: the flattened sums (3 doubles per padded half-grid voxel per class, e.g.
 * 2·65·128² + 65·128² = 3.2 M doubles = 25.6 MB for a 64³ box, pad 2) gathered from every rank, plus 10
 * doubles per particle.
 */
public final class Em3DRanks {
    private Em3DRanks() {}

    /** Per-particle values gathered: rot, tilt, psi, origin x/y/z, pmax, logLike, class, nSignificant. */
    private static final int PER_PARTICLE = 10;

    public static Em3D.Expectation expectation(MlModel model, ParticleData3D data, int[] subset, EngineSettings3D s, Progress progress,
                                               Ranks ranks) {
        if (!ranks.isParallel()) return Em3D.expectation(model, data, subset, s, progress);
        int bs = Math.max(1, s.blockSize());
        Partition blocks = Partition.of((subset.length + bs - 1) / bs, ranks.size());
        Partition.Range mine = range(blocks.part(ranks.rank()), bs, subset.length);
        Em3D.Expectation e = Em3D.expectation(model, data, Arrays.copyOfRange(subset, mine.from(), mine.to()), s, progress);
        sum(e, ranks);
        gather(e.results, subset, blocks, bs, ranks);
        return e;
    }

    /** This rank's share of a subset of {@code n} particles (for a progress total). */
    public static int shareSize(int n, EngineSettings3D s, Ranks ranks) {
        int bs = Math.max(1, s.blockSize());
        return range(Partition.of((n + bs - 1) / bs, ranks.size()).part(ranks.rank()), bs, n).size();
    }

    private static Partition.Range range(Partition.Range blocks, int bs, int n) {
        return new Partition.Range(Math.min(n, blocks.from() * bs), Math.min(n, blocks.to() * bs));
    }

    private static void sum(Em3D.Expectation e, Ranks ranks) {
        int k = e.classes.length, groups = e.sigmaSum.length, shells = groups == 0 ? 0 : e.sigmaSum[0].length;
        long size = 0;
        for (BackProjector3D b : e.classes) size += b.data.length + b.weight.length;
        size += 2L * groups * shells + groups + k + 5;
        if (size > Integer.MAX_VALUE - 8) throw new IllegalStateException("M-step sums of " + size + " doubles: too large for one array");
        double[] flat = new double[(int) size];
        int o = 0;
        for (BackProjector3D b : e.classes) {
            System.arraycopy(b.data, 0, flat, o, b.data.length); o += b.data.length;
            System.arraycopy(b.weight, 0, flat, o, b.weight.length); o += b.weight.length;
        }
        for (int g = 0; g < groups; g++) { System.arraycopy(e.sigmaSum[g], 0, flat, o, shells); o += shells; }
        for (int g = 0; g < groups; g++) { System.arraycopy(e.sigmaCount[g], 0, flat, o, shells); o += shells; }
        for (int g = 0; g < groups; g++) flat[o++] = e.groupCount[g];
        for (int c = 0; c < k; c++) flat[o++] = e.classWeight[c];
        flat[o++] = e.offsetSum; flat[o++] = e.weightSum; flat[o++] = e.logLikelihood; flat[o++] = e.pmaxSum; flat[o] = e.particles;
        ranks.sumInRankOrder(flat);
        o = 0;
        for (BackProjector3D b : e.classes) {
            System.arraycopy(flat, o, b.data, 0, b.data.length); o += b.data.length;
            System.arraycopy(flat, o, b.weight, 0, b.weight.length); o += b.weight.length;
        }
        for (int g = 0; g < groups; g++) { System.arraycopy(flat, o, e.sigmaSum[g], 0, shells); o += shells; }
        for (int g = 0; g < groups; g++) { System.arraycopy(flat, o, e.sigmaCount[g], 0, shells); o += shells; }
        for (int g = 0; g < groups; g++) e.groupCount[g] = (long) flat[o++];
        for (int c = 0; c < k; c++) e.classWeight[c] = flat[o++];
        e.offsetSum = flat[o++]; e.weightSum = flat[o++]; e.logLikelihood = flat[o++]; e.pmaxSum = flat[o++]; e.particles = (int) flat[o];
    }

    private static void gather(Em3D.ParticleResults r, int[] subset, Partition blocks, int bs, Ranks ranks) {
        int[] counts = new int[ranks.size()];
        for (int q = 0; q < counts.length; q++) counts[q] = PER_PARTICLE * range(blocks.part(q), bs, subset.length).size();
        Partition.Range mine = range(blocks.part(ranks.rank()), bs, subset.length);
        double[] local = new double[PER_PARTICLE * mine.size()];
        for (int j = mine.from(), o = 0; j < mine.to(); j++) {
            int i = subset[j];
            local[o++] = r.rot[i]; local[o++] = r.tilt[i]; local[o++] = r.psi[i];
            local[o++] = r.originX[i]; local[o++] = r.originY[i]; local[o++] = r.originZ[i];
            local[o++] = r.pmax[i]; local[o++] = r.logLike[i]; local[o++] = r.classNumber[i]; local[o++] = r.nSignificant[i];
        }
        double[] all = ranks.allGather(local, counts);
        for (int j = 0, o = 0; j < subset.length; j++) {
            int i = subset[j];
            r.rot[i] = all[o++]; r.tilt[i] = all[o++]; r.psi[i] = all[o++];
            r.originX[i] = all[o++]; r.originY[i] = all[o++]; r.originZ[i] = all[o++];
            r.pmax[i] = all[o++]; r.logLike[i] = all[o++]; r.classNumber[i] = (int) all[o++]; r.nSignificant[i] = (int) all[o++];
        }
    }
}
