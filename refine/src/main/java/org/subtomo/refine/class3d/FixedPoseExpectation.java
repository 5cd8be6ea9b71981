package org.subtomo.refine.class3d;

import org.subtomo.core.geom.Euler;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.mask.SoftMasks;
import org.subtomo.core.progress.Progress;
import org.subtomo.refine.ml.BackProjector3D;
import org.subtomo.refine.ml.Em3D;
import org.subtomo.refine.ml.FourierComponents3D;
import org.subtomo.refine.ml.MlModel;
import org.subtomo.refine.ml.ParticleData3D;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * E-step of classification without alignment ({@code --skip_align}, RELION's focused classification):
 * each particle keeps the pose of the input STAR file, only the class is hidden. Per class κ the
 * reference is rotated once to the particle's pose, and
 * log P(κ|X) = log π_κ − Σ_k |X(k) − W(k)·V_κ(Aᵀk)|²/(2σ²(ℓ)) + const over 0 &lt; |k| ≤ r (the masked
 * particle, DC excluded, exactly the terms of {@link Em3D}); the M-step sums take the unmasked particle
 * with weight P(κ|X). With {@code seeds} (iteration 1 from one reference) the class is the given
 * random class with weight 1, RELION's way of seeding K different classes from one map.
 *
 * <p>Particles are cut into fixed blocks merged in block order: results do not depend on the thread count.
 */
final class FixedPoseExpectation {
    private FixedPoseExpectation() {}

    static final int BLOCK = 16;

    static ClassSums run(MlModel m, ParticleData3D d, int radius, double maskRadius, double maskEdge, boolean wedgeSigma, int[] seeds,
                         int threads, Progress progress) {
        return run(m, d, radius, maskRadius, maskEdge, wedgeSigma, seeds, threads, progress, null);
    }

    /**
     * Bytes a cache of every particle's transforms takes (unmasked, masked, CTF on all components): poses and
     * mask are fixed, so they are computed once per run instead of three FFTs per particle per iteration.
     */
    static long cacheBytes(ParticleData3D d) {
        return (long) d.size() * Em3D.components(d.n).count * (5L * Float.BYTES + Stencils.bytesPerComponent());
    }

    /** What a particle needs every iteration when its pose is fixed: its transforms and its stencils. */
    record Cached(ParticleData3D.Transforms transforms, Stencils stencils) {}

    /** @param cache null, or one slot per particle filled on first use and reused by later iterations */
    static ClassSums run(MlModel m, ParticleData3D d, int radius, double maskRadius, double maskEdge, boolean wedgeSigma, int[] seeds,
                         int threads, Progress progress, Cached[] cache) {
        return run(m, d, radius, maskRadius, maskEdge, wedgeSigma, seeds, threads, progress, cache, 0, (d.size() + BLOCK - 1) / BLOCK);
    }

    /** As above for blocks [firstBlock, endBlock) of BLOCK particles only (one MPI rank's share); results of the others stay 0. */
    static ClassSums run(MlModel m, ParticleData3D d, int radius, double maskRadius, double maskEdge, boolean wedgeSigma, int[] seeds,
                         int threads, Progress progress, Cached[] cache, int firstBlock, int endBlock) {
        int n = m.n, k = m.classes;
        FourierComponents3D comp = Em3D.components(n);
        int cm = comp.countUpTo(radius);
        float[][] proj = new float[k][];
        for (int c = 0; c < k; c++) proj[c] = m.pdfClass[c] > 0 || seeds != null ? Stencils.paddedTransform(m.refs[c], 2) : null;
        RealGrid mask = SoftMasks.sphere(n, n, n, maskRadius, maskEdge);
        double[][] invSigma2 = inverseSigma2(m, comp, cm);
        ClassSums total = new ClassSums(n, k, m.groupNames.length, m.shells(), d.size());
        int nb = endBlock - firstBlock;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<ClassSums>> fs = new ArrayList<>();
            int window = 2 * Math.max(1, threads), next = 0;
            for (; next < Math.min(nb, window); next++)
                fs.add(submit(pool, m, d, firstBlock + next, comp, cm, proj, mask, invSigma2, wedgeSigma, seeds, total, progress, cache));
            // merged in block order; at most `window` blocks' sums are held at once
            for (int b = 0; b < nb; b++) {
                ClassSums blockSums = fs.get(b).get();
                for (int c = 0; c < k; c++) if (blockSums.classes[c] != null && total.classes[c] == null) total.classes[c] = new BackProjector3D(n, 2);
                total.add(blockSums);
                // a block's accumulators are zeroed and reused by later blocks: a few live at a time, not one set per block
                for (BackProjector3D bp : blockSums.classes) if (bp != null) {
                    java.util.Arrays.fill(bp.dataArray(), 0);
                    java.util.Arrays.fill(bp.weightArray(), 0);
                    total.pool.offer(bp);
                }
                fs.set(b, null);
                if (next < nb) fs.add(submit(pool, m, d, firstBlock + next++, comp, cm, proj, mask, invSigma2, wedgeSigma, seeds, total, progress, cache));
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        for (int c = 0; c < k; c++) if (total.classes[c] == null) total.classes[c] = new BackProjector3D(n, 2);
        return total;
    }

    private static Future<ClassSums> submit(ExecutorService pool, MlModel m, ParticleData3D d, int block, FourierComponents3D comp, int cm,
                                            float[][] proj, RealGrid mask, double[][] invSigma2, boolean wedgeSigma, int[] seeds, ClassSums total,
                                            Progress progress, Cached[] cache) {
        int from = block * BLOCK, to = Math.min(d.size(), from + BLOCK);
        return pool.submit(() -> {
            ClassSums s = new ClassSums(m.n, m.classes, m.groupNames.length, m.shells(), 0);
            s.results = total.results;
            s.pool = total.pool;
            Scratch scratch = new Scratch(m.classes, cm);
            for (int i = from; i < to; i++) {
                particle(m, d, i, comp, cm, proj, mask, invSigma2[d.group[i]], wedgeSigma, seeds == null ? -1 : seeds[i], s, cache, scratch);
                if (progress != null) progress.step();
            }
            return s;
        });
    }

    /** 1/σ²(group, shell) on the first cm components: the same for every particle of a group. */
    static double[][] inverseSigma2(MlModel m, FourierComponents3D comp, int cm) {
        double[][] inv = new double[m.sigma2.length][cm];
        for (int g = 0; g < inv.length; g++)
            for (int q = 0; q < cm; q++) inv[g][q] = 1.0 / Math.max(m.sigma2[g][comp.shell[q]], 1e-30);
        return inv;
    }

    /** Work arrays of one block's thread, reused for each of its particles (no per-particle garbage). */
    private static final class Scratch {
        final float[][] ref;
        final double[] l, w, dd, ww;
        Scratch(int k, int cm) {
            ref = new float[k][2 * cm];
            l = new double[k]; w = new double[k];
            dd = new double[2 * cm]; ww = new double[cm];
        }
    }

    /*
     * One particle. The loops over components are small static kernels rather than inline loops: the JIT
     * then compiles each once (this method is called a few thousand times per run), instead of compiling
     * this whole method again for every loop it enters on-stack.
     */
    private static void particle(MlModel m, ParticleData3D d, int i, FourierComponents3D comp, int cm, float[][] proj, RealGrid mask,
                                 double[] inv, boolean wedgeSigma, int seed, ClassSums acc, Cached[] cache, Scratch sc) {
        int k = m.classes, g = d.group[i];
        double norm = 1.0 / ((double) m.n * m.n * m.n);
        Cached cached = cache != null ? cache[i] : null;
        if (cached == null) {
            Matrix3 a = Euler.toMatrix(Math.toRadians(d.rot[i]), Math.toRadians(d.tilt[i]), Math.toRadians(d.psi[i]));
            cached = new Cached(d.transforms(i, comp, comp.count, mask), new Stencils(a, comp, comp.count, 2));
            if (cache != null) cache[i] = cached;
        }
        ParticleData3D.Transforms tr = cached.transforms();
        Stencils st = cached.stencils();
        float[] zu = tr.unmasked(), zm = tr.masked(), ctf = tr.ctf();
        double[] l = sc.l;
        double max = Double.NEGATIVE_INFINITY, xx = halfNorm(zm, inv, cm);
        int best = 0;
        for (int c = 0; c < k; c++) {
            boolean active = seed >= 0 ? c == seed : m.pdfClass[c] > 0;
            if (!active) { l[c] = Double.NEGATIVE_INFINITY; continue; }
            st.read(proj[c], norm, cm, sc.ref[c]);
            l[c] = (seed >= 0 ? 0 : Math.log(m.pdfClass[c])) + crossMinusPower(zm, sc.ref[c], ctf, inv, cm);
            if (l[c] > max) { max = l[c]; best = c; }
        }
        double[] w = sc.w;
        double sum = 0;
        for (int c = 0; c < k; c++) { double dl = max - l[c]; w[c] = dl < 700 ? Math.exp(-dl) : 0; sum += w[c]; }
        // RELION's significance cut: the fewest classes holding ADAPTIVE_FRACTION of the posterior enter the M-step
        double thr = significance(w, sum), kept = 0;
        for (int c = 0; c < k; c++) if (w[c] >= thr) kept += w[c];
        double[] sig = acc.sigmaSum[g], cnt = acc.sigmaCount[g];
        for (int c = 0; c < k; c++) {
            if (w[c] < thr || w[c] <= 0 || l[c] == Double.NEGATIVE_INFINITY) continue;
            double wt = w[c] / kept;
            weightedSums(zu, ctf, inv, sc.ref[c], wt, cm, wedgeSigma, comp.shell, sig, sc.dd, sc.ww);
            if (acc.classes[c] == null) {
                BackProjector3D free = acc.pool.poll();
                acc.classes[c] = free != null && free.n == m.n ? free : new BackProjector3D(m.n, 2);
            }
            st.splat(acc.classes[c], cm, sc.dd, sc.ww);
            acc.classWeight[c] += wt;
            acc.weightSum += wt;
        }
        org.subtomo.refine.ml.Em3D.countNoiseComponents(zu, ctf, cm, comp.count, wedgeSigma, comp.shell, sig, cnt);
        acc.groupCount[g]++;
        Em3D.ParticleResults res = acc.results;
        res.rot[i] = d.rot[i]; res.tilt[i] = d.tilt[i]; res.psi[i] = d.psi[i];
        res.originX[i] = d.originX[i]; res.originY[i] = d.originY[i]; res.originZ[i] = d.originZ[i];
        res.classNumber[i] = best + 1;
        res.pmax[i] = 1.0 / sum;
        res.nSignificant[i] = 0;
        for (int c = 0; c < k; c++) if (w[c] >= thr && w[c] > 0) res.nSignificant[i]++;
        res.logLike[i] = max + Math.log(sum) - xx;
        acc.logLikelihood += res.logLike[i];
        acc.pmaxSum += res.pmax[i];
        acc.particles++;
    }

    /** ½ Σ |z|²/σ² over the first cm components. */
    static double halfNorm(float[] z, double[] inv, int cm) {
        double xx = 0;
        for (int q = 0; q < cm; q++) xx += 0.5 * inv[q] * (z[2 * q] * (double) z[2 * q] + z[2 * q + 1] * (double) z[2 * q + 1]);
        return xx;
    }

    /** Σ W·Re(z·conj(a))/σ² − ½ Σ W²|a|²/σ²: the pose-dependent part of log P(X | class). */
    static double crossMinusPower(float[] z, float[] a, float[] ctf, double[] inv, int cm) {
        double cr = 0, aa = 0;
        for (int q = 0; q < cm; q++) {
            double ar = a[2 * q], ai = a[2 * q + 1], w = ctf[q];
            cr += inv[q] * w * (z[2 * q] * ar + z[2 * q + 1] * ai);
            aa += 0.5 * inv[q] * w * w * (ar * ar + ai * ai);
        }
        return cr - aa;
    }

    /** M-step terms of one class with weight wt: dd = wt·W·X/σ², ww = wt·W²/σ², and wt·|X − W·a|² into σ² per shell. */
    static void weightedSums(float[] zu, float[] ctf, double[] inv, float[] r, double wt, int cm, boolean wedgeSigma, int[] shell,
                             double[] sig, double[] dd, double[] ww) {
        for (int q = 0; q < cm; q++) {
            double f = wt * ctf[q] * inv[q];
            dd[2 * q] = f * zu[2 * q];
            dd[2 * q + 1] = f * zu[2 * q + 1];
            ww[q] = f * ctf[q];
            if (wedgeSigma && ctf[q] == 0f) continue;
            double ar = r[2 * q], ai = r[2 * q + 1];
            sig[shell[q]] += wt * (zu[2 * q] * (double) zu[2 * q] + zu[2 * q + 1] * (double) zu[2 * q + 1]
                    - 2 * ctf[q] * (zu[2 * q] * ar + zu[2 * q + 1] * ai) + ctf[q] * (double) ctf[q] * (ar * ar + ai * ai));
        }
    }

    static final double ADAPTIVE_FRACTION = 0.999;

    /** The smallest weight among the largest ones that together reach ADAPTIVE_FRACTION of the sum. */
    static double significance(double[] w, double sum) {
        double[] s = w.clone();
        java.util.Arrays.sort(s);
        double acc = 0;
        for (int q = s.length - 1; q >= 0; q--) {
            acc += s[q];
            if (acc >= ADAPTIVE_FRACTION * sum) return s[q];
        }
        return s[0];
    }
}
