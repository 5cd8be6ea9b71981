package org.subtomo.refine.ml;

import org.subtomo.core.geom.Euler;
import org.subtomo.core.geom.HealpixSampling;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.mask.SoftMasks;
import org.subtomo.core.progress.Progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The E-step and M-step accumulation of the regularised likelihood model for sub-tomograms (3D data,
 * K classes): hidden class κ, orientation A (HEALPix direction × psi, asymmetric unit of the point
 * group, or a local neighbourhood of the current pose) and 3D translation t.
 *
 * <p><b>Model</b>: X(k) = W(k)·V_κ(Aᵀk)·e^{−2πik·t/N} + n(k), W the particle's 3D CTF volume (zero in
 * the missing wedge), n complex Gaussian with variance σ²(group, shell). The CTF multiplies the rotated
 * reference in the E-step and weights the M-step sums (Σ w·W·X/σ², Σ w·W²/σ²).
 *
 * <p><b>Adaptive oversampling</b> (RELION): pass 1 scores every coarse (κ, A, t) on the components up to
 * the coarse radius; the smallest set of poses holding {@code adaptiveFraction} of the posterior is
 * significant; pass 2 scores the 8 orientation children (4 HEALPix children × 2 psi) × 8 translation
 * children (±step/4 per axis) of each significant pose at the current radius, and the same cut again
 * selects the poses that enter the M-step with their renormalised weights.
 *
 * <p><b>σ²</b>: by default per shell over the components where the CTF volume is non-zero: inside the
 * missing wedge a sub-tomogram holds neither signal nor noise, so RELION's average over all components
 * ({@code wedgeSigma = false}) is biased low by the fraction of the wedge.
 *
 * <p><b>Determinism</b>: particles are cut into fixed blocks, each summed by one thread into its own
 * accumulator, and blocks are merged in block order: the result is bit-identical for any thread count.
 */
public final class Em3D {
    private Em3D() {}

    private static final Map<Integer, FourierComponents3D> COMPONENTS = new ConcurrentHashMap<>();
    /** Floats allowed for the table of coarse rotated references (the coarse radius shrinks to fit). */
    static final long COARSE_TABLE_FLOATS = 48L << 20;

    /** Time spent per phase (ns), pass-1 and pass-2 orientations, summed over workers and particles; for profiling. */
    public static final java.util.concurrent.atomic.LongAdder T_PREP = new java.util.concurrent.atomic.LongAdder(),
            T_COARSE = new java.util.concurrent.atomic.LongAdder(), T_FINE = new java.util.concurrent.atomic.LongAdder(),
            T_MSTEP = new java.util.concurrent.atomic.LongAdder(), N_FINE_ORI = new java.util.concurrent.atomic.LongAdder(),
            N_COARSE_ORI = new java.util.concurrent.atomic.LongAdder(),
            N_FINE = new java.util.concurrent.atomic.LongAdder();

    /** The phase timers and sample counts since start-up, one line (printed with -Dsubtomo.profile=true). */
    public static String profileSummary() {
        return String.format(java.util.Locale.ROOT, "profile: E-step phases (thread-seconds) setup + coarse orientations %.1f s, pass 1 %.1f s, "
                        + "pass 2 %.1f s, M-step sums %.1f s; orientations: pass 1 %d, pass 2 %d; pass-2 samples %d",
                T_PREP.sum() / 1e9, T_COARSE.sum() / 1e9, T_FINE.sum() / 1e9, T_MSTEP.sum() / 1e9, N_COARSE_ORI.sum(), N_FINE_ORI.sum(), N_FINE.sum());
    }

    public static FourierComponents3D components(int n) { return COMPONENTS.computeIfAbsent(n, k -> FourierComponents3D.of(k, k / 2 - 1)); }

    /** Per-particle outcome (arrays indexed by particle; only the particles of the subset are filled). */
    public static final class ParticleResults {
        public final double[] rot, tilt, psi, originX, originY, originZ, pmax, logLike;
        public final int[] classNumber, nSignificant;
        public ParticleResults(int n) {
            rot = new double[n]; tilt = new double[n]; psi = new double[n];
            originX = new double[n]; originY = new double[n]; originZ = new double[n];
            pmax = new double[n]; logLike = new double[n]; classNumber = new int[n]; nSignificant = new int[n];
        }
    }

    /** Sums of one E-step over a subset of particles: per-class back-projectors and noise/offset statistics. */
    public static final class Expectation {
        public final BackProjector3D[] classes;
        public final double[][] sigmaSum, sigmaCount;
        public final long[] groupCount;
        public final double[] classWeight;
        public double offsetSum, weightSum, logLikelihood, pmaxSum;
        public int particles;
        public int currentRadius;
        public ParticleResults results;

        Expectation(int k, int groups, int shells) {
            classes = new BackProjector3D[k];
            sigmaSum = new double[groups][shells]; sigmaCount = new double[groups][shells];
            groupCount = new long[groups]; classWeight = new double[k];
        }

        void add(Expectation o) {
            for (int c = 0; c < classes.length; c++) {
                if (o.classes[c] == null) continue;
                if (classes[c] == null) classes[c] = o.classes[c]; else classes[c].add(o.classes[c]);
            }
            for (int g = 0; g < sigmaSum.length; g++) for (int s = 0; s < sigmaSum[g].length; s++) {
                sigmaSum[g][s] += o.sigmaSum[g][s]; sigmaCount[g][s] += o.sigmaCount[g][s];
            }
            for (int g = 0; g < groupCount.length; g++) groupCount[g] += o.groupCount[g];
            for (int c = 0; c < classWeight.length; c++) classWeight[c] += o.classWeight[c];
            offsetSum += o.offsetSum; weightSum += o.weightSum; logLikelihood += o.logLikelihood; pmaxSum += o.pmaxSum;
            particles += o.particles;
        }
    }

    /** Radius of the E/M steps: the settings' fixed radius, else resolution shell + incrShells (≤ N/2 − 1). */
    public static int currentRadius(MlModel m, EngineSettings3D s) {
        if (s.currentRadius() > 0) return Math.min(m.n / 2 - 1, s.currentRadius());
        return Math.max(2, Math.min(m.n / 2 - 1, m.resShell + s.incrShells()));
    }

    /** Everything fixed during one E-step, shared read-only by the workers. */
    private static final class Plan {
        MlModel model; ParticleData3D data; EngineSettings3D s; int[] subset;
        FourierComponents3D comp; int rM, rC, cm, cc, k;
        Projector3D[] proj;
        HealpixSampling coarse, fine;
        Matrix3 perturb;
        List<HealpixSampling.Orientation> global;
        Matrix3[] globalA;
        int[] globalPix, globalPsi;   // HEALPix pixel and psi index of each global orientation
        float[][][] globalRef;        // [class][orientation][2cc]
        TranslationGrid3D grid;
        float[][] coarsePhase;        // [t][2cc]
        float[][] invSig2;            // [g][cm]
        double[] logPdf;
        RealGrid mask;
        double norm;
        /**
         * Block accumulators already merged, for reuse: a padded grid is 25 MB of doubles at 64³, one per block of
         * particles, and allocating each anew made the garbage collector grow the heap (peak memory).
         */
        final java.util.ArrayDeque<BackProjector3D> spare = new java.util.ArrayDeque<>();

        BackProjector3D acquire() {
            BackProjector3D b;
            synchronized (spare) { b = spare.poll(); }
            if (b == null) return new BackProjector3D(model.n, 2);
            b.clear();
            return b;
        }

        void release(BackProjector3D b) { synchronized (spare) { spare.push(b); } }

        /** Workers (with their particle buffers) between blocks: at most one per thread is ever made. */
        final java.util.ArrayDeque<Worker> idle = new java.util.ArrayDeque<>();

        Worker acquireWorker() {
            synchronized (idle) { Worker w = idle.poll(); if (w != null) return w; }
            return new Worker(this);
        }

        void releaseWorker(Worker w) { synchronized (idle) { idle.push(w); } }
    }

    /** Runs the E-step over {@code subset} and accumulates the M-step sums; the model is not changed. */
    public static Expectation expectation(MlModel model, ParticleData3D data, int[] subset, EngineSettings3D s, Progress progress) {
        int threads = Math.max(1, s.threads());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Plan p = plan(model, data, subset, s, pool);
            Expectation total = new Expectation(p.k, model.groupNames.length, model.shells());
            for (int c = 0; c < p.k; c++) total.classes[c] = new BackProjector3D(model.n, 2);   // 0 + x = x: same sums as before
            total.results = new ParticleResults(data.size());
            total.currentRadius = p.rM;
            int bs = Math.max(1, s.blockSize()), nBlocks = (subset.length + bs - 1) / bs;
            List<Future<Expectation>> futures = new ArrayList<>();
            int window = 2 * threads, next = 0;
            for (; next < Math.min(nBlocks, window); next++) futures.add(submit(pool, p, next, total.results, progress));
            for (int b = 0; b < nBlocks; b++) {
                Expectation e = futures.get(b).get();
                futures.set(b, null);
                total.add(e);
                for (BackProjector3D bp : e.classes) if (bp != null) p.release(bp);
                if (next < nBlocks) futures.add(submit(pool, p, next++, total.results, progress));
            }
            for (int c = 0; c < p.k; c++) if (total.classes[c] == null) total.classes[c] = new BackProjector3D(model.n, 2);
            return total;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error er) throw er;
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Future<Expectation> submit(ExecutorService pool, Plan p, int block, ParticleResults res, Progress progress) {
        return pool.submit(() -> {
            Expectation a = new Expectation(p.k, p.model.groupNames.length, p.model.shells());
            Worker w = p.acquireWorker();
            try {
                int bs = Math.max(1, p.s.blockSize());
                int from = block * bs, to = Math.min(p.subset.length, from + bs);
                for (int q = from; q < to; q++) {
                    w.particle(p.subset[q], a, res);
                    if (progress != null) progress.step();
                }
            } finally {
                p.releaseWorker(w);
            }
            return a;
        });
    }

    private static Plan plan(MlModel model, ParticleData3D data, int[] subset, EngineSettings3D s, ExecutorService pool)
            throws InterruptedException, ExecutionException {
        Plan p = new Plan();
        p.model = model; p.data = data; p.s = s; p.subset = subset;
        int n = model.n;
        p.norm = 1.0 / ((double) n * n * n);
        p.comp = components(n);
        p.k = model.classes;
        p.rM = currentRadius(model, s);
        p.cm = p.comp.countUpTo(p.rM);
        p.rC = s.coarseRadius() > 0 ? Math.min(p.rM, s.coarseRadius()) : p.rM;
        p.coarse = new HealpixSampling(s.healpixOrder());
        p.fine = s.oversampling() > 0 ? new HealpixSampling(s.healpixOrder() + 1) : p.coarse;
        p.perturb = s.perturbation() == null ? Matrix3.IDENTITY : s.perturbation();
        p.proj = new Projector3D[p.k];
        for (int c = 0; c < p.k; c++) p.proj[c] = new Projector3D(model.refs[c], 2);
        if (s.localSigmaDeg() <= 0) {
            p.global = p.coarse.orientations(s.symmetry());
            int no = p.global.size();
            while (p.rC > 2 && (long) p.k * no * 2L * p.comp.countUpTo(p.rC) > COARSE_TABLE_FLOATS) p.rC--;
        }
        p.cc = p.comp.countUpTo(p.rC);
        if (p.global != null) {
            int no = p.global.size();
            p.globalA = new Matrix3[no];
            p.globalPix = new int[no]; p.globalPsi = new int[no];
            for (int o = 0; o < no; o++) {
                p.globalA[o] = p.global.get(o).matrix().times(p.perturb);
                p.globalPix[o] = p.global.get(o).pixel(); p.globalPsi[o] = p.global.get(o).psiIndex();
            }
            p.globalRef = new float[p.k][no][];
            List<Future<?>> fs = new ArrayList<>();
            int chunk = 64;
            for (int o0 = 0; o0 < no; o0 += chunk) {
                final int from = o0, to = Math.min(no, o0 + chunk);
                fs.add(pool.submit(() -> {
                    float[][] refs = new float[p.k][];
                    for (int o = from; o < to; o++) {
                        for (int c = 0; c < p.k; c++) refs[c] = p.globalRef[c][o] = new float[2 * p.cc];
                        Projector3D.rotate(p.proj, p.globalA[o], p.comp, p.cc, p.norm, refs);   // all classes at once
                    }
                }));
            }
            for (Future<?> f : fs) f.get();
        }
        p.grid = new TranslationGrid3D(s.offsetRangePx(), s.offsetStepPx());
        p.coarsePhase = new float[p.grid.size][2 * p.cc];
        // tables that move the centred particle by +t: centred on origin o, it is then centred on o + t (RELION's sign)
        for (int t = 0; t < p.grid.size; t++) TranslationGrid3D.phases(p.comp, p.cc, -p.grid.x[t], -p.grid.y[t], -p.grid.z[t], p.coarsePhase[t]);
        int groups = model.groupNames.length;
        p.invSig2 = new float[groups][p.cm];
        for (int g = 0; g < groups; g++)
            for (int i = 0; i < p.cm; i++) p.invSig2[g][i] = (float) (1.0 / Math.max(model.sigma2[g][p.comp.shell[i]], 1e-30));
        p.logPdf = new double[p.k];
        for (int c = 0; c < p.k; c++) p.logPdf[c] = model.pdfClass[c] > 0 ? Math.log(model.pdfClass[c]) : Double.NEGATIVE_INFINITY;
        p.mask = SoftMasks.sphere(n, n, n, s.maskRadiusPx(), s.maskEdgePx());
        return p;
    }

    /** A pass-2 orientation: class, matrix, log prior and the fine translations to score with it. */
    private static final class FineOrientation {
        final int cls; final Matrix3 a; final double logPrior;
        final List<Integer> shifts = new ArrayList<>();
        FineOrientation(int cls, Matrix3 a, double logPrior) { this.cls = cls; this.a = a; this.logPrior = logPrior; }
    }

    /**
     * One thread's E-step over a block of particles. A particle's work is split into phases (setup, the coarse
     * orientations, pass 1, pass 2, the M-step sums) that share its state through fields: as a single method it
     * compiled to 170 kB that the JIT rebuilt three times at ~2 s each, a third of the CPU of a short class3d run.
     */
    private static final class Worker {
        final Plan p;
        final float[] a;                  // scratch: one rotated reference on the first cm components
        // the particle being processed
        int i, g;
        double ox, oy, oz, xx, sOff2, sigAng;
        boolean cc1;
        float[] zu, zm, ctf, inv, ctfInv, c2i, refW, refInv, refC2i;
        /**
         * The particle's components with a non-zero CTF volume, ascending; the first nActiveCoarse are within the coarse
         * radius. Components in the missing wedge have W = 0 (and so refW = 0): they add nothing to a score, to σ² or to
         * the back-projection, so references are rotated and sums inserted on these only (a third fewer at ±60°).
         */
        final int[] active;
        int nActive, nActiveCoarse;
        Matrix3 prev;
        List<Matrix3> prevMates;
        // pass 1: coarse orientations × coarse translations
        Matrix3[] oriA;
        int[] oriPix, oriPsi;
        double[] oriPrior, w;
        float[][][] oriRef;
        int no, nCoarse;
        double thr;
        // pass 2: the fine orientations with their translations, weights and significant cut
        List<FineOrientation> fos;
        double[] wf;
        double thrF, kept, maxF, sumF;
        int bestF, nFine, nsig;

        /*
         * Buffers reused from particle to particle (the worker itself is reused across blocks): allocated per particle,
         * several MB each, they were most of a run's allocation (class3d local searches, 400 particles: 18 GB, now 3.6).
         */
        final float[] ctfInvBuf, c2iBuf, refWBuf, refInvBuf, refC2iBuf;
        final float[][] y;                // pass-1 particle × shift phase × CTF/σ², per coarse translation
        final double[] priorT, dsum, dd, ww;
        float[][][] localRefs = new float[0][][];   // [class][orientation][2cc], grown as needed
        double[] lp = new double[0], crossBuf = new double[0], sortBuf = new double[0], lf = new double[0];
        /** Pass-2 shift tables by slot (a fine translation's first use in this particle takes the next slot). */
        final List<float[]> phaseSlots = new ArrayList<>(), yfSlots = new ArrayList<>();
        final int[] slotOf, slotStamp;    // by fine translation id: its slot, valid when slotStamp == stamp
        int stamp;

        Worker(Plan p) {
            this.p = p;
            int cm = p.cm, nt = p.grid.size;
            a = new float[2 * cm]; active = new int[cm];
            ctfInvBuf = new float[cm]; c2iBuf = new float[cm]; refWBuf = new float[cm]; refInvBuf = new float[cm]; refC2iBuf = new float[cm];
            y = new float[nt][2 * p.cc];
            priorT = new double[nt];
            dsum = new double[2 * cm]; dd = new double[2 * cm]; ww = new double[cm];
            int fineIds = nt * (p.s.oversampling() > 0 ? 8 : 1);
            slotOf = new int[fineIds]; slotStamp = new int[fineIds];
        }

        private static double[] atLeast(double[] b, int n) { return b.length >= n ? b : new double[Math.max(n, 2 * b.length)]; }

        void particle(int i, Expectation acc, ParticleResults res) {
            long c0 = System.nanoTime();
            setup(i);
            coarseOrientations();
            long c1 = System.nanoTime();
            T_PREP.add(c1 - c0);
            N_COARSE_ORI.add(no);
            coarsePass();
            long c2 = System.nanoTime();
            T_COARSE.add(c2 - c1);
            finePass();
            long c3 = System.nanoTime();
            T_FINE.add(c3 - c2);
            N_FINE_ORI.add(fos.size());
            N_FINE.add(nFine);
            accumulate(acc, res);
            T_MSTEP.add(System.nanoTime() - c3);
        }

        /** The particle's transforms, CTF/σ² weights, origin and previous pose. */
        private void setup(int i) {
            MlModel m = p.model; ParticleData3D d = p.data; EngineSettings3D s = p.s;
            int cm = p.cm;
            this.i = i;
            g = d.group[i];
            double px = d.pixelSize;
            ox = d.originX[i] / px; oy = d.originY[i] / px; oz = d.originZ[i] / px;
            ParticleData3D.Transforms tr = d.transforms(i, p.comp, p.comp.count, p.mask);
            zu = tr.unmasked(); zm = tr.masked(); ctf = tr.ctf();
            inv = p.invSig2[g];
            ctfInv = ctfInvBuf; c2i = c2iBuf;
            for (int q = 0; q < cm; q++) { ctfInv[q] = ctf[q] * inv[q]; c2i[q] = ctf[q] * ctfInv[q]; }
            // the reference as the E-step and σ² see it: W·V, or (a map not CTF-corrected) only the wedge of W
            refW = ctf; refInv = ctfInv; refC2i = c2i;
            if (!s.ctfOnReference()) {
                refW = refWBuf; refInv = refInvBuf; refC2i = refC2iBuf;
                for (int q = 0; q < cm; q++) { refW[q] = ctf[q] != 0f ? 1f : 0f; refInv[q] = refW[q] * inv[q]; refC2i[q] = refInv[q]; }
            }
            nActive = 0; nActiveCoarse = 0;
            for (int q = 0; q < cm; q++)
                if (ctf[q] != 0f) { active[nActive++] = q; if (q < p.cc) nActiveCoarse++; }
            java.util.Arrays.fill(a, 0f);   // entries off the active list stay zero for this particle
            xx = 0;
            for (int q = 0; q < cm; q++) xx += 0.5 * inv[q] * (zm[2 * q] * (double) zm[2 * q] + zm[2 * q + 1] * (double) zm[2 * q + 1]);
            sOff2 = Math.max(m.sigmaOffsetPx * m.sigmaOffsetPx, 1e-6);
            cc1 = s.firstIterCc();
            sigAng = Math.toRadians(s.localSigmaDeg());
            prev = Euler.toMatrix(Math.toRadians(d.rot[i]), Math.toRadians(d.tilt[i]), Math.toRadians(d.psi[i]));
            prevMates = new ArrayList<>();
            for (Matrix3 r : s.symmetry().rotations()) prevMates.add(prev.times(r));
        }

        /** Pass-1 orientations: the global table, or the coarse grid within 3σ of the previous pose (rotated here). */
        private void coarseOrientations() {
            EngineSettings3D s = p.s;
            int cc = p.cc;
            if (p.global != null) {
                no = p.global.size();
                oriA = p.globalA; oriPix = p.globalPix; oriPsi = p.globalPsi; oriRef = p.globalRef;
                if (oriPrior == null || oriPrior.length != no) oriPrior = new double[no];   // all zero: no orientation prior
            } else {
                List<HealpixSampling.Neighbour> nb = p.coarse.localOrientations(prev.times(p.perturb.transpose()), 3 * sigAng, s.symmetry());
                if (nb.isEmpty()) nb = p.coarse.localOrientations(prev.times(p.perturb.transpose()), 3 * sigAng + p.coarse.angularStep(), s.symmetry());
                no = nb.size();
                oriA = new Matrix3[no]; oriPix = new int[no]; oriPsi = new int[no]; oriPrior = new double[no];
                if (localRefs.length < p.k || localRefs[0].length < no) {
                    int cap = Math.max(no, localRefs.length == 0 ? 0 : 2 * localRefs[0].length);
                    localRefs = new float[p.k][cap][2 * cc];
                }
                // entries off this particle's active list keep earlier values: they meet zero weights only
                oriRef = localRefs;
                float[][] refs = new float[p.k][];
                for (int o = 0; o < no; o++) {
                    HealpixSampling.Orientation or = nb.get(o).orientation();
                    oriA[o] = or.matrix().times(p.perturb); oriPix[o] = or.pixel(); oriPsi[o] = or.psiIndex();
                    double dist = distance(prevMates, oriA[o]);
                    oriPrior[o] = -dist * dist / (2 * sigAng * sigAng);
                    for (int c = 0; c < p.k; c++) refs[c] = oriRef[c][o];
                    Projector3D.rotate(p.proj, oriA[o], p.comp, active, nActiveCoarse, p.norm, refs);   // all classes at once
                }
            }
        }

        /** Pass 1: every coarse (class, orientation, translation) scored on the coarse components; sets w and thr. */
        private void coarsePass() {
            EngineSettings3D s = p.s;
            int cc = p.cc, nt = p.grid.size;
            for (int t = 0; t < nt; t++) {
                ShiftSearch.premultiply(zm, p.coarsePhase[t], refInv, cc, y[t]);
                double tx = ox + p.grid.x[t], ty = oy + p.grid.y[t], tz = oz + p.grid.z[t];
                priorT[t] = -(tx * tx + ty * ty + tz * tz) / (2 * sOff2);
            }
            nCoarse = p.k * no * nt;
            lp = atLeast(lp, nCoarse);
            double max = Double.NEGATIVE_INFINITY;
            int best = 0;
            double[] crossAll = crossBuf = atLeast(crossBuf, no * nt);
            for (int c = 0; c < p.k; c++) {
                if (p.logPdf[c] == Double.NEGATIVE_INFINITY) {
                    java.util.Arrays.fill(lp, c * no * nt, (c + 1) * no * nt, Double.NEGATIVE_INFINITY);
                    continue;
                }
                ShiftSearch.crossAll(oriRef[c], no, y, nt, cc, crossAll);
                for (int o = 0; o < no; o++) {
                    int base = (c * no + o) * nt;
                    double aa = ShiftSearch.power(oriRef[c][o], refC2i, cc);
                    for (int t = 0; t < nt; t++) {
                        double cr = crossAll[o * nt + t];
                        double l = cc1 ? cr / Math.sqrt(Math.max(2 * aa, 1e-30)) : p.logPdf[c] + oriPrior[o] + priorT[t] - (aa - cr);
                        lp[base + t] = l;
                        if (l > max) { max = l; best = base + t; }
                    }
                }
            }
            w = atLeast(w == null ? new double[0] : w, nCoarse);
            double sum = 0;
            for (int q = 0; q < nCoarse; q++) {
                double dl = max - lp[q];
                w[q] = cc1 ? (q == best ? 1 : 0) : (dl < 700 ? Math.exp(-dl) : 0);
                sum += w[q];
            }
            sortBuf = atLeast(sortBuf, nCoarse);
            thr = cc1 ? 1 : ShiftSearch.threshold(w, nCoarse, s.adaptiveFraction(), sum, sortBuf);
            // speed guard (RELION's --maxsig): with a featureless early reference thousands of poses can be
            // significant, each costing 8 orientations × 8 shifts in pass 2; keep the maxSignificant best
            if (!cc1) {
                int nSig = 0, maxSig = s.maxSignificant();
                for (int q = 0; q < nCoarse; q++) if (w[q] >= thr && w[q] > 0) nSig++;
                if (nSig > maxSig) {
                    System.arraycopy(w, 0, sortBuf, 0, nCoarse);
                    java.util.Arrays.sort(sortBuf, 0, nCoarse);
                    thr = sortBuf[nCoarse - maxSig];
                }
            }
        }

        /** Pass 2: the children of the significant coarse poses on the current components; sets wf, thrF, kept, bestF. */
        private void finePass() {
            EngineSettings3D s = p.s;
            int cm = p.cm, nt = p.grid.size;
            int oChildren = s.oversampling() > 0 ? 8 : 1, tChildren = s.oversampling() > 0 ? 8 : 1;
            double dPsi = p.coarse.angularStep();
            LinkedHashMap<Long, FineOrientation> fine = new LinkedHashMap<>();
            for (int q = 0; q < nCoarse; q++) {
                if (!(w[q] >= thr) || w[q] <= 0) continue;
                int c = q / (no * nt), o = (q / nt) % no, t = q % nt;
                for (int ch = 0; ch < oChildren; ch++) {
                    long key = ((long) (c * no + o)) * oChildren + ch;
                    FineOrientation fo = fine.get(key);
                    if (fo == null) {
                        Matrix3 a;
                        if (oChildren == 1) a = oriA[o];
                        else {
                            int pix = 4 * oriPix[o] + (ch >> 1);
                            double psi = oriPsi[o] * dPsi + ((ch & 1) == 0 ? -0.25 : 0.25) * dPsi;
                            a = Euler.toMatrix(p.fine.rot(pix), p.fine.tilt(pix), psi).times(p.perturb);
                        }
                        double prior = 0;
                        if (p.global == null) { double dist = distance(prevMates, a); prior = -dist * dist / (2 * sigAng * sigAng); }
                        fo = new FineOrientation(c, a, prior);
                        fine.put(key, fo);
                    }
                    for (int tc = 0; tc < tChildren; tc++) fo.shifts.add(t * tChildren + tc);
                }
            }
            stamp++;
            int slots = 0;
            double step = p.grid.step;
            fos = new ArrayList<>(fine.values());
            nFine = 0;
            for (FineOrientation fo : fos) nFine += fo.shifts.size();
            lf = atLeast(lf, nFine);
            double[] fineShiftPx = new double[3];
            maxF = Double.NEGATIVE_INFINITY;
            bestF = 0;
            int idx = 0;
            for (FineOrientation fo : fos) {
                p.proj[fo.cls].rotate(fo.a, p.comp, active, nActive, p.norm, a);
                double aa = ShiftSearch.power(a, refC2i, cm);
                for (int ft : fo.shifts) {
                    float[] yy;
                    if (slotStamp[ft] == stamp) yy = yfSlots.get(slotOf[ft]);
                    else {
                        if (slots == phaseSlots.size()) { phaseSlots.add(new float[2 * cm]); yfSlots.add(new float[2 * cm]); }
                        slotStamp[ft] = stamp; slotOf[ft] = slots;
                        float[] ph = phaseSlots.get(slots);
                        yy = yfSlots.get(slots);
                        slots++;
                        fineShift(p, ft, tChildren, step, fineShiftPx);
                        TranslationGrid3D.phases(p.comp, cm, -fineShiftPx[0], -fineShiftPx[1], -fineShiftPx[2], ph);   // moves by +shift
                        ShiftSearch.premultiply(zm, ph, refInv, cm, yy);
                    }
                    fineShift(p, ft, tChildren, step, fineShiftPx);
                    double tx = ox + fineShiftPx[0], ty = oy + fineShiftPx[1], tz = oz + fineShiftPx[2];
                    double cr = ShiftSearch.cross(yy, a, cm);
                    double l = cc1 ? cr / Math.sqrt(Math.max(2 * aa, 1e-30))
                            : p.logPdf[fo.cls] + fo.logPrior - (tx * tx + ty * ty + tz * tz) / (2 * sOff2) - (aa - cr);
                    lf[idx] = l;
                    if (l > maxF) { maxF = l; bestF = idx; }
                    idx++;
                }
            }
            wf = atLeast(wf == null ? new double[0] : wf, nFine);
            sumF = 0;
            for (int q = 0; q < nFine; q++) {
                double dl = maxF - lf[q];
                wf[q] = cc1 ? (q == bestF ? 1 : 0) : (dl < 700 ? Math.exp(-dl) : 0);
                sumF += wf[q];
            }
            sortBuf = atLeast(sortBuf, nFine);
            thrF = cc1 ? 1 : ShiftSearch.threshold(wf, nFine, s.adaptiveFraction(), sumF, sortBuf);
            kept = 0;
            nsig = 0;
            for (int q = 0; q < nFine; q++) if (wf[q] >= thrF && wf[q] > 0) { kept += wf[q]; nsig++; }
        }

        /** The poses' results and the M-step sums: back-projection, σ² and offset statistics, class weights. */
        private void accumulate(Expectation acc, ParticleResults res) {
            EngineSettings3D s = p.s;
            int cm = p.cm, tChildren = s.oversampling() > 0 ? 8 : 1;
            double px = p.data.pixelSize, step = p.grid.step;
            double[] fineShiftPx = new double[3];
            // ---- results ---------------------------------------------------------------------------------
            int idx = 0;
            double[] sig = acc.sigmaSum[g], cnt = acc.sigmaCount[g];
            for (FineOrientation fo : fos) {
                double wsum = 0;
                java.util.Arrays.fill(dsum, 0);
                for (int ft : fo.shifts) {
                    double wt = wf[idx];
                    if (idx == bestF) {
                        Euler e = Euler.fromMatrix(fo.a);
                        fineShift(p, ft, tChildren, step, fineShiftPx);
                        res.rot[i] = e.rotDeg(); res.tilt[i] = e.tiltDeg(); res.psi[i] = e.psiDeg();
                        res.originX[i] = (ox + fineShiftPx[0]) * px; res.originY[i] = (oy + fineShiftPx[1]) * px; res.originZ[i] = (oz + fineShiftPx[2]) * px;
                        res.classNumber[i] = fo.cls + 1;
                    }
                    idx++;
                    if (!(wt >= thrF) || wt <= 0) continue;
                    wt /= kept;
                    wsum += wt;
                    float[] ph = phaseSlots.get(slotOf[ft]);
                    for (int q = 0; q < cm; q++) {
                        float zr = zu[2 * q], zi = zu[2 * q + 1], c = ph[2 * q], e = ph[2 * q + 1];
                        dsum[2 * q] += wt * (zr * c - zi * e);
                        dsum[2 * q + 1] += wt * (zr * e + zi * c);
                    }
                    fineShift(p, ft, tChildren, step, fineShiftPx);
                    double tx = ox + fineShiftPx[0], ty = oy + fineShiftPx[1], tz = oz + fineShiftPx[2];
                    acc.offsetSum += wt * (tx * tx + ty * ty + tz * tz);
                }
                if (wsum == 0) continue;
                p.proj[fo.cls].rotate(fo.a, p.comp, active, nActive, p.norm, a);
                for (int q = 0; q < cm; q++) {
                    dd[2 * q] = ctfInv[q] * dsum[2 * q];
                    dd[2 * q + 1] = ctfInv[q] * dsum[2 * q + 1];
                    ww[q] = wsum * c2i[q];
                    if (s.wedgeSigma() && ctf[q] == 0f) continue;
                    double zz = zu[2 * q] * (double) zu[2 * q] + zu[2 * q + 1] * (double) zu[2 * q + 1];
                    double ar = a[2 * q], ai = a[2 * q + 1];
                    sig[p.comp.shell[q]] += wsum * zz - 2 * refW[q] * (dsum[2 * q] * ar + dsum[2 * q + 1] * ai)
                            + wsum * refW[q] * (double) refW[q] * (ar * ar + ai * ai);
                }
                if (acc.classes[fo.cls] == null) acc.classes[fo.cls] = p.acquire();
                acc.classes[fo.cls].insert(fo.a, p.comp, cm, dd, ww);
                acc.classWeight[fo.cls] += wsum;
                acc.weightSum += wsum;
            }
            countNoiseComponents(zu, ctf, cm, p.comp.count, s.wedgeSigma(), p.comp.shell, sig, cnt);
            acc.groupCount[g]++;
            res.pmax[i] = cc1 ? 1 : 1.0 / sumF;
            res.nSignificant[i] = nsig;
            res.logLike[i] = cc1 ? maxF : maxF + Math.log(sumF) - xx;
            acc.logLikelihood += res.logLike[i];
            acc.pmaxSum += res.pmax[i];
            acc.particles++;
        }
    }

    /**
     * The σ² sums' per-particle part that needs no pose: components counted per shell (only where the CTF volume is
     * non-zero with wedgeSigma), and |X|² added beyond the current radius cm (no signal model there). Shared by this
     * engine and class3d's fixed-pose E-step.
     */
    public static void countNoiseComponents(float[] zu, float[] ctf, int cm, int count, boolean wedgeSigma, int[] shell, double[] sig, double[] cnt) {
        for (int q = 0; q < count; q++) {
            if (wedgeSigma && ctf[q] == 0f) continue;
            cnt[shell[q]] += 1;
            if (q >= cm) sig[shell[q]] += zu[2 * q] * (double) zu[2 * q] + zu[2 * q + 1] * (double) zu[2 * q + 1];
        }
    }

    /** Shift (px, relative to the current origin) of fine translation id ft = coarse t · children + child. */
    private static void fineShift(Plan p, int ft, int children, double step, double[] out) {
        int t = ft / children, ch = ft % children;
        out[0] = p.grid.x[t]; out[1] = p.grid.y[t]; out[2] = p.grid.z[t];
        if (children > 1) {
            out[0] += ((ch & 1) == 0 ? -0.25 : 0.25) * step;
            out[1] += ((ch & 2) == 0 ? -0.25 : 0.25) * step;
            out[2] += ((ch & 4) == 0 ? -0.25 : 0.25) * step;
        }
    }

    private static double distance(List<Matrix3> mates, Matrix3 a) {
        double d = Double.POSITIVE_INFINITY;
        for (Matrix3 mt : mates) d = Math.min(d, mt.angleTo(a));
        return d;
    }

    /**
     * Noise, offset and class-prior part of the M-step: σ²(group, shell) = Σ w|X − W·V|²/(2·count)
     * (count = components with W ≠ 0, or all in RELION mode), σ_offset² = Σw|t|²/(3Σw), π_κ = Σw_κ/Σw.
     * σ² is kept in the cross-correlation iteration (RELION).
     */
    public static void updateNoiseAndPriors(MlModel m, Expectation e, EngineSettings3D s, boolean fixClassPrior) {
        if (!s.firstIterCc()) {
            int last = m.n / 2 - 1;
            for (int g = 0; g < m.groupNames.length; g++) {
                if (e.groupCount[g] == 0) continue;
                for (int sh = 1; sh <= last; sh++)
                    m.sigma2[g][sh] = e.sigmaCount[g][sh] > 0 ? e.sigmaSum[g][sh] / (2.0 * e.sigmaCount[g][sh]) : 0;
                m.sigma2[g][0] = 0;
                m.sigma2[g][m.n / 2] = m.sigma2[g][last];
                Spectra.fillNonPositive(m.sigma2[g]);
            }
        }
        if (e.weightSum > 0) {
            m.sigmaOffsetPx = Math.sqrt(Math.max(e.offsetSum / (3.0 * e.weightSum), 1e-6));
            for (int c = 0; c < m.classes; c++) m.pdfClass[c] = fixClassPrior ? 1.0 / m.classes : e.classWeight[c] / e.weightSum;
        }
        m.logLikelihood = e.logLikelihood;
        m.avePmax = e.particles > 0 ? e.pmaxSum / e.particles : 0;
    }

    /**
     * RELION's accuracy estimate for sub-tomograms: for up to 10 particles of the subset, the current pose is
     * perturbed in growing steps (one seeded random Euler angle from 0.05°, one random shift axis from
     * 0.1 px, ×1.2 per step) until Σ|CTF·(V_A − V_A')|²/2σ² exceeds ln 100; returns the mean angle
     * (degrees, ≤ 30) and shift (px, ≤ 10) at which that happens.
     */
    public static double[] accuracy(MlModel m, ParticleData3D d, int[] subset, EngineSettings3D s, long seed) {
        int n = m.n, count = Math.min(10, subset.length);
        if (count == 0) return new double[]{30, 10};
        FourierComponents3D comp = components(n);
        int rM = currentRadius(m, s), cm = comp.countUpTo(rM);
        double norm = 1.0 / ((double) n * n * n);
        Projector3D proj = new Projector3D(m.refs[0], 2);
        RealGrid mask = SoftMasks.sphere(n, n, n, s.maskRadiusPx(), s.maskEdgePx());
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        float[] a0 = new float[2 * cm], a1 = new float[2 * cm], ph = new float[2 * cm];
        double accRot = 0, accTrans = 0, lim = Math.log(100);
        for (int q = 0; q < count; q++) {
            int i = subset[q];
            int g = d.group[i];
            float[] ctf = d.transforms(i, comp, cm, mask).ctf();
            double[] c2i = new double[cm];
            for (int k = 0; k < cm; k++) c2i[k] = ctf[k] * (double) ctf[k] / Math.max(m.sigma2[g][comp.shell[k]], 1e-30);
            double rot = Math.toRadians(d.rot[i]), tilt = Math.toRadians(d.tilt[i]), psi = Math.toRadians(d.psi[i]);
            proj.rotate(Euler.toMatrix(rot, tilt, psi), comp, cm, norm, a0);
            int axis = rnd.nextInt(3);
            double found = 30;
            for (double delta = 0.05; delta <= 30; delta *= 1.2) {
                double r = Math.toRadians(delta);
                proj.rotate(Euler.toMatrix(rot + (axis == 0 ? r : 0), tilt + (axis == 1 ? r : 0), psi + (axis == 2 ? r : 0)), comp, cm, norm, a1);
                double diff = 0;
                for (int k = 0; k < cm; k++) {
                    double dr = a0[2 * k] - a1[2 * k], di = a0[2 * k + 1] - a1[2 * k + 1];
                    diff += 0.5 * c2i[k] * (dr * dr + di * di);
                }
                if (diff > lim) { found = delta; break; }
            }
            accRot += found;
            int tAxis = rnd.nextInt(3);
            double foundT = 10;
            for (double delta = 0.1; delta <= 10; delta *= 1.2) {
                TranslationGrid3D.phases(comp, cm, tAxis == 0 ? delta : 0, tAxis == 1 ? delta : 0, tAxis == 2 ? delta : 0, ph);
                double diff = 0;
                for (int k = 0; k < cm; k++) {
                    double dr = 1 - ph[2 * k], di = ph[2 * k + 1];
                    diff += 0.5 * c2i[k] * (a0[2 * k] * (double) a0[2 * k] + a0[2 * k + 1] * (double) a0[2 * k + 1]) * (dr * dr + di * di);
                }
                if (diff > lim) { foundT = delta; break; }
            }
            accTrans += foundT;
        }
        return new double[]{accRot / count, accTrans / count};
    }
}
