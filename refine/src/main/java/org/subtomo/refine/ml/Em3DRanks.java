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
 * <p>Communication per call: the sums on the padded half-grid voxels within the current radius (3 doubles
 * each per class: at most 3·65·128² = 3.2 M doubles = 25.6 MB for a 64³ box at Nyquist, pad 2, about an
 * eighth of that at half Nyquist) gathered from every rank, plus 10 doubles per particle.
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

    /**
     * Padded-grid voxels (indices into a back-projector's weight array) that can hold sums at the current
     * radius: |k| ≤ pad·(radius + 1) + 2 (trilinear splats reach one voxel beyond pad·|k|). Voxels outside are
     * zero on every rank, so only these travel: in early iterations, when the radius is a fraction of N/2,
     * that is a small part of the grid.
     */
    static int[] voxelsWithin(BackProjector3D b, int radius) {
        double r = b.pad * (radius + 1.0) + 2, r2 = r * r;
        int count = 0;
        int[] out = new int[16];
        for (int z = 0; z < b.p; z++) {
            int zc = z <= b.p / 2 ? z : z - b.p;
            for (int y = 0; y < b.p; y++) {
                int yc = y <= b.p / 2 ? y : y - b.p;
                double yz = (double) yc * yc + (double) zc * zc;
                if (yz > r2) continue;
                for (int x = 0; x < b.hp; x++) {
                    if (x * (double) x + yz > r2) break;
                    if (count == out.length) out = Arrays.copyOf(out, 2 * count);
                    out[count++] = x + b.hp * (y + b.p * z);
                }
            }
        }
        return Arrays.copyOf(out, count);
    }

    private static void sum(Em3D.Expectation e, Ranks ranks) {
        int k = e.classes.length, groups = e.sigmaSum.length, shells = groups == 0 ? 0 : e.sigmaSum[0].length;
        double[] stats = new double[2 * groups * shells + groups + k + 5];
        int o = 0;
        for (int g = 0; g < groups; g++) { System.arraycopy(e.sigmaSum[g], 0, stats, o, shells); o += shells; }
        for (int g = 0; g < groups; g++) { System.arraycopy(e.sigmaCount[g], 0, stats, o, shells); o += shells; }
        for (int g = 0; g < groups; g++) stats[o++] = e.groupCount[g];
        for (int c = 0; c < k; c++) stats[o++] = e.classWeight[c];
        stats[o++] = e.offsetSum; stats[o++] = e.weightSum; stats[o++] = e.logLikelihood; stats[o++] = e.pmaxSum; stats[o] = e.particles;
        sumInRankOrder(e.classes, e.currentRadius, stats, ranks);
        o = 0;
        for (int g = 0; g < groups; g++) { System.arraycopy(stats, o, e.sigmaSum[g], 0, shells); o += shells; }
        for (int g = 0; g < groups; g++) { System.arraycopy(stats, o, e.sigmaCount[g], 0, shells); o += shells; }
        for (int g = 0; g < groups; g++) e.groupCount[g] = (long) stats[o++];
        for (int c = 0; c < k; c++) e.classWeight[c] = stats[o++];
        e.offsetSum = stats[o++]; e.weightSum = stats[o++]; e.logLikelihood = stats[o++]; e.pmaxSum = stats[o++]; e.particles = (int) stats[o];
    }

    /**
     * Sums, in place and in rank order, every rank's per-class back-projectors (only the voxels within
     * {@code radius} travel, unless some rank has sums outside) and a vector of statistics; afterwards every rank
     * holds the same bits. Every class must have a back-projector of the same size on every rank.
     */
    public static void sumInRankOrder(BackProjector3D[] classes, int radius, double[] stats, Ranks ranks) {
        int[] vox = voxelsWithin(classes[0], radius);
        // every rank checks that its sums are zero outside; if any is not (a wider splat), all send the whole grid
        double[] outside = {0};
        for (BackProjector3D b : classes) outside[0] += nonZeroOutside(b, vox);
        ranks.allreduceSum(outside);
        boolean sparse = outside[0] == 0;
        long per = sparse ? 3L * vox.length : classes[0].data.length + (long) classes[0].weight.length;
        long size = classes.length * per + stats.length;
        if (size > Integer.MAX_VALUE - 8) throw new IllegalStateException("M-step sums of " + size + " doubles: too large for one array");
        double[] flat = new double[(int) size];
        int o = 0;
        for (BackProjector3D b : classes) {
            if (sparse) {
                for (int j : vox) { flat[o++] = b.data[2 * j]; flat[o++] = b.data[2 * j + 1]; flat[o++] = b.weight[j]; }
            } else {
                System.arraycopy(b.data, 0, flat, o, b.data.length); o += b.data.length;
                System.arraycopy(b.weight, 0, flat, o, b.weight.length); o += b.weight.length;
            }
        }
        System.arraycopy(stats, 0, flat, o, stats.length);
        ranks.sumInRankOrder(flat);
        o = 0;
        for (BackProjector3D b : classes) {
            if (sparse) {
                for (int j : vox) { b.data[2 * j] = flat[o++]; b.data[2 * j + 1] = flat[o++]; b.weight[j] = flat[o++]; }
            } else {
                System.arraycopy(flat, o, b.data, 0, b.data.length); o += b.data.length;
                System.arraycopy(flat, o, b.weight, 0, b.weight.length); o += b.weight.length;
            }
        }
        System.arraycopy(flat, o, stats, 0, stats.length);
    }

    /** Non-zero weight or data values outside the voxel list. */
    static int nonZeroOutside(BackProjector3D b, int[] vox) {
        boolean[] in = new boolean[b.weight.length];
        for (int j : vox) in[j] = true;
        int n = 0;
        for (int j = 0; j < in.length; j++) if (!in[j] && (b.weight[j] != 0 || b.data[2 * j] != 0 || b.data[2 * j + 1] != 0)) n++;
        return n;
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
