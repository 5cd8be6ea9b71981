package org.subtomo.refine.ml;

import org.subtomo.core.ctf.Ctf;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierShift;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.mask.SoftMasks;
import org.subtomo.core.mpi.Partition;
import org.subtomo.core.mpi.Ranks;
import org.subtomo.core.progress.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One expectation-maximisation iteration of the regularised likelihood model for 2D images
 * (Scheres 2012): hidden class κ, in-plane angle ψ and translation t; Gaussian noise per group and
 * shell; Gaussian signal prior per class and shell (× T).
 *
 * <p><b>E-step</b> per particle: the image is centred on its current offset (exact Fourier shift),
 * masked (soft circle; outside = background mean or σ²-coloured noise), transformed once and cropped
 * to the E-step radius. For every (κ, ψ) the <em>reference</em> is rotated (precomputed once per
 * iteration), and every translation is one dot product against the particle pre-multiplied by a
 * phase table and CTF/σ²:
 * D = Σ|X|²/2σ² + Σ CTF²|A|²/2σ² − Σ Re(X·e^{−2πik·t/N}·CTF·Ā)/σ² (a particle centred on origin o and then moved
 * by +t is centred on origin o + t: RELION's sign, as extract writes it). Weights ∝ π_κ·P(t)·e^{−D}; the
 * smallest set of poses holding {@code adaptiveFraction} of the posterior mass is kept (ties at the
 * cut included) and renormalised.
 *
 * <p><b>M-step</b> accumulation with the <em>unmasked</em> particle, in the image frame per (κ, ψ):
 * Σ w·CTF·X_t/σ² and Σ w·CTF²/σ², plus Σ w|X_t − CTF·A|² per shell for σ² with the <em>masked</em> X (RELION:
 * σ² is the noise of the images the E-step compares; beyond the current size, their own power). After all particles each
 * (κ, ψ) sum is back-rotated once into its class ({@link BackRotator2D}) and the class is
 * reconstructed as Σ w CTF X/σ² / (Σ w CTF²/σ² + 1/(T·τ²)).
 *
 * <p><b>Determinism</b>: particles are cut into fixed blocks ({@code blockSize}); each block is summed
 * sequentially by one thread into its own accumulator, and blocks are merged in block order, so
 * results are bit-identical for any thread count.
 */
public final class Em2D {
    private Em2D() {}

    /** Per-particle outcome of the E-step (best pose and posterior statistics). */
    public static final class ParticleResults {
        public final int[] classNumber;      // 1-based
        public final double[] psiDeg;
        public final double[] pmax;
        public final int[] nSignificant;
        public final double[] logLike;
        ParticleResults(int n) {
            classNumber = new int[n]; psiDeg = new double[n]; pmax = new double[n]; nSignificant = new int[n]; logLike = new double[n];
        }
    }

    /** Everything fixed during one iteration, shared read-only by the workers. */
    private static final class Plan {
        MlModel model; ParticleData2D data; EngineSettings s;
        FourierComponents comp; int cm, ce, rM, rE;
        int nPsi, nTrans, k;
        double[] psi;
        TranslationGrid grid;
        float[][] phase;          // [t][2cm]
        float[][][] refs;         // [c][j][2cm]
        float[][] invSig2;        // [g][cm]
        float[][] sigmaFull;      // [g][full count] σ per component for noise fill
        double[] logPdf;
        RealGrid mask;
        long[] shellCount;        // components per shell (full list)
        int iteration;
    }

    /** Block accumulator: image-frame sums per (class, psi), σ² sums, class weights, offsets. */
    private static final class Acc {
        final double[][] data, weight;  // [c*nPsi+j] lazily allocated
        final double[][] sig;           // [g][shell]
        final long[] groupCount;
        final double[] classW;
        double offSum, logLikeSum, pmaxSum;
        Acc(Plan p) {
            data = new double[p.k * p.nPsi][]; weight = new double[p.k * p.nPsi][];
            sig = new double[p.model.groupNames.length][p.model.shells()];
            groupCount = new long[p.model.groupNames.length];
            classW = new double[p.k];
        }
        void add(Acc o) {
            for (int i = 0; i < data.length; i++) {
                if (o.data[i] == null) continue;
                if (data[i] == null) { data[i] = o.data[i]; weight[i] = o.weight[i]; continue; }
                double[] d = data[i], od = o.data[i], w = weight[i], ow = o.weight[i];
                for (int q = 0; q < d.length; q++) d[q] += od[q];
                for (int q = 0; q < w.length; q++) w[q] += ow[q];
            }
            for (int g = 0; g < sig.length; g++) for (int q = 0; q < sig[g].length; q++) sig[g][q] += o.sig[g][q];
            for (int g = 0; g < groupCount.length; g++) groupCount[g] += o.groupCount[g];
            for (int c = 0; c < classW.length; c++) classW[c] += o.classW[c];
            offSum += o.offSum; logLikeSum += o.logLikeSum; pmaxSum += o.pmaxSum;
        }
    }

    /** Radius of the M-step (current size / 2) for a resolution shell. */
    public static int currentRadius(MlModel m, EngineSettings s) {
        return Math.max(2, Math.min(m.n / 2 - 1, m.resShell + s.incrShells()));
    }

    /**
     * Runs one iteration in place: updates the model (references, class prior, σ², τ², σ_offset,
     * resolution) and the particles' offsets; returns the per-particle results.
     */
    public static ParticleResults iterate(MlModel model, ParticleData2D data, EngineSettings s, Progress progress) {
        return iterate(model, data, s, progress, Ranks.single());
    }

    /**
     * As {@link #iterate(MlModel, ParticleData2D, EngineSettings, Progress)} on several MPI ranks: each rank
     * takes a contiguous share of the blocks ({@link #share}), the ranks' sums are added in rank order, every
     * rank maximises and the leader's model is broadcast ({@link ModelSync}); the per-particle results and
     * offsets of all particles are gathered on every rank. {@code progress} counts this rank's particles.
     */
    public static ParticleResults iterate(MlModel model, ParticleData2D data, EngineSettings s, Progress progress, Ranks ranks) {
        Plan p = plan(model, data, s);
        int np = data.size();
        ParticleResults res = new ParticleResults(np);
        double[] newOx = new double[np], newOy = new double[np];
        int nBlocks = (np + s.blockSize() - 1) / s.blockSize();
        Partition.Range mine = Partition.of(nBlocks, ranks.size()).part(ranks.rank());
        int threads = Math.max(1, s.threads());
        Acc total = new Acc(p);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Acc>> futures = new ArrayList<>();
            int window = 2 * threads, next = mine.from();
            for (; next < Math.min(mine.to(), mine.from() + window); next++) futures.add(submit(pool, p, next, res, newOx, newOy, progress));
            for (int b = mine.from(); b < mine.to(); b++) {
                Acc a = futures.get(b - mine.from()).get();
                futures.set(b - mine.from(), null);
                total.add(a);
                if (next < mine.to()) futures.add(submit(pool, p, next++, res, newOx, newOy, progress));
            }
            if (ranks.isParallel()) {
                total = reduce(p, total, ranks);
                gatherResults(np, s.blockSize(), ranks, res, newOx, newOy);
            }
            maximise(p, total, pool);
            ModelSync.fromLeader(model, ranks);
        } catch (java.util.concurrent.ExecutionException e) {
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
        for (int i = 0; i < np; i++) { data.originXAngst[i] = newOx[i]; data.originYAngst[i] = newOy[i]; }
        model.logLikelihood = total.logLikeSum;
        model.avePmax = total.pmaxSum / np;
        return res;
    }

    /** This rank's particles [from, to) when {@code ranks} split {@code np} particles in blocks of {@code blockSize}. */
    public static Partition.Range share(int np, int blockSize, Ranks ranks) {
        return particles(np, blockSize, Partition.of((np + blockSize - 1) / blockSize, ranks.size()).part(ranks.rank()));
    }

    private static Partition.Range particles(int np, int blockSize, Partition.Range blocks) {
        return new Partition.Range(Math.min(np, blocks.from() * blockSize), Math.min(np, blocks.to() * blockSize));
    }

    /** Sums every rank's accumulator in rank order (flattened to one array; absent (κ, ψ) sums stay absent). */
    private static Acc reduce(Plan p, Acc a, Ranks ranks) {
        int kj = a.data.length, per = 1 + 3 * p.cm, groups = a.sig.length, shells = p.model.shells();
        double[] flat = new double[kj * per + groups * shells + groups + p.k + 3];
        for (int cj = 0; cj < kj; cj++) {
            if (a.data[cj] == null) continue;
            int o = cj * per;
            flat[o] = 1;
            System.arraycopy(a.data[cj], 0, flat, o + 1, 2 * p.cm);
            System.arraycopy(a.weight[cj], 0, flat, o + 1 + 2 * p.cm, p.cm);
        }
        int o = kj * per;
        for (int g = 0; g < groups; g++, o += shells) System.arraycopy(a.sig[g], 0, flat, o, shells);
        for (int g = 0; g < groups; g++) flat[o++] = a.groupCount[g];
        for (int c = 0; c < p.k; c++) flat[o++] = a.classW[c];
        flat[o++] = a.offSum; flat[o++] = a.logLikeSum; flat[o] = a.pmaxSum;
        ranks.sumInRankOrder(flat);
        Acc t = new Acc(p);
        for (int cj = 0; cj < kj; cj++) {
            int q = cj * per;
            if (flat[q] == 0) continue;
            t.data[cj] = java.util.Arrays.copyOfRange(flat, q + 1, q + 1 + 2 * p.cm);
            t.weight[cj] = java.util.Arrays.copyOfRange(flat, q + 1 + 2 * p.cm, q + per);
        }
        o = kj * per;
        for (int g = 0; g < groups; g++, o += shells) System.arraycopy(flat, o, t.sig[g], 0, shells);
        for (int g = 0; g < groups; g++) t.groupCount[g] = (long) flat[o++];
        for (int c = 0; c < p.k; c++) t.classW[c] = flat[o++];
        t.offSum = flat[o++]; t.logLikeSum = flat[o++]; t.pmaxSum = flat[o];
        return t;
    }

    /** Fills every particle's results and new offsets from the ranks that computed them. */
    private static void gatherResults(int np, int blockSize, Ranks ranks, ParticleResults res, double[] ox, double[] oy) {
        final int per = 7;
        Partition blocks = Partition.of((np + blockSize - 1) / blockSize, ranks.size());
        int[] counts = new int[ranks.size()];
        for (int r = 0; r < counts.length; r++) counts[r] = per * particles(np, blockSize, blocks.part(r)).size();
        Partition.Range mine = particles(np, blockSize, blocks.part(ranks.rank()));
        double[] local = new double[per * mine.size()];
        for (int i = mine.from(), o = 0; i < mine.to(); i++) {
            local[o++] = res.classNumber[i]; local[o++] = res.psiDeg[i]; local[o++] = res.pmax[i];
            local[o++] = res.nSignificant[i]; local[o++] = res.logLike[i]; local[o++] = ox[i]; local[o++] = oy[i];
        }
        double[] all = ranks.allGather(local, counts);
        for (int i = 0, o = 0; i < np; i++) {
            res.classNumber[i] = (int) all[o++]; res.psiDeg[i] = all[o++]; res.pmax[i] = all[o++];
            res.nSignificant[i] = (int) all[o++]; res.logLike[i] = all[o++]; ox[i] = all[o++]; oy[i] = all[o++];
        }
    }

    private static Future<Acc> submit(ExecutorService pool, Plan p, int block, ParticleResults res, double[] ox, double[] oy, Progress progress) {
        return pool.submit(() -> {
            Acc a = new Acc(p);
            Worker w = new Worker(p);
            int from = block * p.s.blockSize(), to = Math.min(p.data.size(), from + p.s.blockSize());
            for (int i = from; i < to; i++) {
                w.particle(i, a, res, ox, oy);
                if (progress != null) progress.step();
            }
            return a;
        });
    }

    private static Plan plan(MlModel model, ParticleData2D data, EngineSettings s) {
        Plan p = new Plan();
        p.model = model; p.data = data; p.s = s;
        int n = model.n;
        p.comp = FourierComponents.of2D(n, n / 2 - 1);
        p.rM = currentRadius(model, s);
        p.rE = s.strictShell() > 0 ? Math.max(1, Math.min(p.rM, s.strictShell())) : p.rM;
        p.cm = p.comp.countUpTo(p.rM);
        p.ce = p.comp.countUpTo(p.rE);
        p.k = model.classes;
        p.nPsi = s.psiCount();
        p.psi = new double[p.nPsi];
        for (int j = 0; j < p.nPsi; j++) p.psi[j] = Math.toRadians(j * 360.0 / p.nPsi);
        p.grid = new TranslationGrid(s.offsetRangePx(), s.offsetStepPx());
        p.nTrans = p.grid.size;
        p.phase = p.grid.originTables(p.comp, p.cm);
        p.mask = SoftMasks.circle(n, n, s.maskRadiusPx(), s.maskEdgePx());
        p.refs = new float[p.k][p.nPsi][];
        for (int c = 0; c < p.k; c++) {
            FourierRotator2D rot = new FourierRotator2D(model.refs[c], 2);
            for (int j = 0; j < p.nPsi; j++) {
                p.refs[c][j] = new float[2 * p.cm];
                rot.sample(p.psi[j], p.comp, p.cm, p.refs[c][j]);
            }
        }
        int groups = model.groupNames.length;
        p.invSig2 = new float[groups][p.cm];
        p.sigmaFull = new float[groups][p.comp.count];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < p.comp.count; i++) {
                double s2 = Math.max(model.sigma2[g][p.comp.shell[i]], 1e-30);
                if (i < p.cm) p.invSig2[g][i] = (float) (1.0 / s2);
                p.sigmaFull[g][i] = (float) Math.sqrt(s2);
            }
        }
        p.logPdf = new double[p.k];
        for (int c = 0; c < p.k; c++) p.logPdf[c] = model.pdfClass[c] > 0 ? Math.log(model.pdfClass[c]) : Double.NEGATIVE_INFINITY;
        p.shellCount = p.comp.shellCounts();
        p.iteration = model.iteration + 1;
        return p;
    }

    /** Per-thread scratch and the per-particle E- and M-step. */
    private static final class Worker {
        final Plan p;
        final float[] zu, zm, ctf;
        final float[][] yw;
        final double[] logp, w, sortedW, shiftSum;
        final float[] cross;
        final RealGrid centred;

        Worker(Plan p) {
            this.p = p;
            zu = new float[2 * p.cm]; zm = new float[2 * p.comp.count]; ctf = new float[p.cm];
            yw = new float[p.nTrans][2 * p.ce];
            logp = new double[p.k * p.nPsi * p.nTrans];
            w = new double[logp.length];
            sortedW = new double[logp.length];
            cross = new float[p.nTrans];
            shiftSum = new double[2 * p.cm];
            centred = RealGrid.image(p.model.n, p.model.n);
        }

        /**
         * cross[t] = sum_q y_t[q] a[q] for every translation t, four translations per pass: each a[q] is
         * loaded once for four independent accumulators, which the CPU pipelines (a single float
         * reduction chain is latency bound). The hottest loop of 2D classification.
         */
        private void crossTerms(float[] a, float[] cross) {
            int nq = 2 * p.ce, nt = p.nTrans, t = 0;
            for (; t + 3 < nt; t += 4) {
                float[] y0 = yw[t], y1 = yw[t + 1], y2 = yw[t + 2], y3 = yw[t + 3];
                float c0 = 0, c1 = 0, c2 = 0, c3 = 0;
                for (int q = 0; q < nq; q++) {
                    float aq = a[q];
                    c0 += y0[q] * aq; c1 += y1[q] * aq; c2 += y2[q] * aq; c3 += y3[q] * aq;
                }
                cross[t] = c0; cross[t + 1] = c1; cross[t + 2] = c2; cross[t + 3] = c3;
            }
            for (; t < nt; t++) {
                float[] y = yw[t];
                float c0 = 0;
                for (int q = 0; q < nq; q++) c0 += y[q] * a[q];
                cross[t] = c0;
            }
        }

        void particle(int i, Acc acc, ParticleResults res, double[] newOx, double[] newOy) {
            MlModel m = p.model; ParticleData2D d = p.data; EngineSettings s = p.s;
            int n = m.n, g = d.group[i];
            double px = d.pixelSize;
            double ox = d.originXAngst[i] / px, oy = d.originYAngst[i] / px;
            // --- centre on the current offset (RELION's sign: move by +origin); unmasked components ----
            System.arraycopy(d.images[i], 0, centred.data, 0, n * n);
            FourierGrid f = Fft.forward(centred);
            FourierShift.shift(f, ox, oy, 0);
            p.comp.gather(f, p.cm, zu);
            // --- masked copy: the E-step, and σ² (RELION: the noise of the images that are compared;
            // the unmasked box has about twice the noise power of the masked one) ----------------------
            RealGrid img = Fft.inverse(f);
            maskParticle(img, i, g);
            FourierGrid fm = Fft.forward(img);
            p.comp.gather(fm, p.comp.count, zm);
            double[] sig = acc.sig[g];
            for (int q = p.cm; q < p.comp.count; q++) {
                sig[p.comp.shell[q]] += zm[2 * q] * (double) zm[2 * q] + zm[2 * q + 1] * (double) zm[2 * q + 1];
            }
            acc.groupCount[g]++;
            if (d.ctf != null) {
                float[] half = new Ctf(d.ctf[i]).sampleHalf(n, n, px, Ctf.Mode.VALUE);
                p.comp.gatherReal(half, p.cm, ctf);
            } else java.util.Arrays.fill(ctf, 1f);
            float[] inv = p.invSig2[g];
            // --- E-step --------------------------------------------------------------------------------
            double xx = 0;
            for (int q = 0; q < p.ce; q++) xx += (zm[2 * q] * (double) zm[2 * q] + zm[2 * q + 1] * (double) zm[2 * q + 1]) * inv[q];
            xx *= 0.5;
            for (int t = 0; t < p.nTrans; t++) {
                float[] ph = p.phase[t], y = yw[t];
                for (int q = 0; q < p.ce; q++) {
                    float a = zm[2 * q], b = zm[2 * q + 1], c = ph[2 * q], e = ph[2 * q + 1], fct = ctf[q] * inv[q];
                    y[2 * q] = (a * c - b * e) * fct;
                    y[2 * q + 1] = (a * e + b * c) * fct;
                }
            }
            double sOff2 = Math.max(m.sigmaOffsetPx * m.sigmaOffsetPx, 1e-6);
            double[] logPrior = new double[p.nTrans];
            for (int t = 0; t < p.nTrans; t++) {
                double tx = ox + p.grid.x[t], ty = oy + p.grid.y[t];
                logPrior[t] = -(tx * tx + ty * ty) / (2 * sOff2);
            }
            double max = Double.NEGATIVE_INFINITY;
            int best = 0;
            for (int c = 0; c < p.k; c++) {
                for (int j = 0; j < p.nPsi; j++) {
                    int base = (c * p.nPsi + j) * p.nTrans;
                    if (p.logPdf[c] == Double.NEGATIVE_INFINITY) {
                        for (int t = 0; t < p.nTrans; t++) logp[base + t] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    float[] a = p.refs[c][j];
                    double aa = 0;
                    for (int q = 0; q < p.ce; q++) {
                        double cq = ctf[q];
                        aa += cq * cq * (a[2 * q] * (double) a[2 * q] + a[2 * q + 1] * (double) a[2 * q + 1]) * inv[q];
                    }
                    aa *= 0.5;
                    crossTerms(a, cross);
                    for (int t = 0; t < p.nTrans; t++) {
                        double l = p.logPdf[c] + logPrior[t] - (xx + aa - cross[t]);
                        logp[base + t] = l;
                        if (l > max) { max = l; best = base + t; }
                    }
                }
            }
            double sum = 0;
            for (int q = 0; q < logp.length; q++) {
                double dl = max - logp[q];
                w[q] = dl < 700 ? Math.exp(-dl) : 0;
                sum += w[q];
            }
            // significant poses: the smallest set of the heaviest poses holding >= adaptiveFraction of
            // the mass, ties with the lightest member kept. Found on a sorted primitive copy of the
            // weights (a threshold weight), then visited in pose-index order, so no boxed sort.
            double thr, cum = 0;
            int nsig = 0;
            if (s.hardAssignment()) thr = w[best];
            else {
                System.arraycopy(w, 0, sortedW, 0, w.length);
                java.util.Arrays.sort(sortedW);
                double cut = s.adaptiveFraction() * sum, acc0 = 0;
                int r = sortedW.length - 1;
                while (r > 0 && acc0 < cut) acc0 += sortedW[r--];
                thr = acc0 < cut ? sortedW[0] : sortedW[r + 1];
            }
            // --- results -----------------------------------------------------------------------------
            int bc = best / (p.nPsi * p.nTrans), bj = (best / p.nTrans) % p.nPsi, bt = best % p.nTrans;
            res.classNumber[i] = bc + 1;
            res.psiDeg[i] = Math.toDegrees(p.psi[bj]);
            res.pmax[i] = 1.0 / sum;
            res.logLike[i] = max + Math.log(sum) - Math.log(p.nPsi) - Math.log(2 * Math.PI * sOff2);
            newOx[i] = (ox + p.grid.x[bt]) * px;
            newOy[i] = (oy + p.grid.y[bt]) * px;
            acc.logLikeSum += res.logLike[i];
            acc.pmaxSum += res.pmax[i];
            if (s.hardAssignment()) { nsig = 1; cum = w[best]; }
            else for (int q = 0; q < w.length; q++) if (w[q] >= thr && w[q] > 0) { nsig++; cum += w[q]; }
            res.nSignificant[i] = nsig;
            // --- M-step accumulation -----------------------------------------------------------------
            // Per (class, psi) the significant translations are summed into one phase factor
            // P = sum_t w_t e^{-2 pi i k.t}; with |e^{..}| = 1 the weighted data term is zu P and the
            // weighted residual of the masked image zm: sum_t w_t |zm e_t - c a|^2 = W (|zm|^2 + c^2 |a|^2) - 2 c Re(conj(a) zm P).
            int[] shell = p.comp.shell;
            for (int cj = 0; cj < p.k * p.nPsi; cj++) {
                int base = cj * p.nTrans, c = cj / p.nPsi, j = cj % p.nPsi;
                double wsum = 0;
                for (int t = 0; t < p.nTrans; t++) {
                    double wq = w[base + t];
                    boolean sig0 = s.hardAssignment() ? base + t == best : wq >= thr && wq > 0;
                    if (!sig0) continue;
                    if (wsum == 0) java.util.Arrays.fill(shiftSum, 0);   // only (class, psi) blocks with a significant pose
                    double wt = wq / cum;
                    wsum += wt;
                    float[] ph = p.phase[t];
                    for (int q = 0; q < 2 * p.cm; q++) shiftSum[q] += wt * ph[q];
                    acc.classW[c] += wt;
                    double tx = ox + p.grid.x[t], ty = oy + p.grid.y[t];
                    acc.offSum += wt * (tx * tx + ty * ty);
                }
                if (wsum == 0) continue;
                if (acc.data[cj] == null) { acc.data[cj] = new double[2 * p.cm]; acc.weight[cj] = new double[p.cm]; }
                double[] dd = acc.data[cj], ww = acc.weight[cj];
                float[] a = p.refs[c][j];
                for (int q = 0; q < p.cm; q++) {
                    double zr = zu[2 * q], zi = zu[2 * q + 1], pr = shiftSum[2 * q], pi = shiftSum[2 * q + 1];
                    double vr = zr * pr - zi * pi, vi = zr * pi + zi * pr;
                    double cq = ctf[q], fct = cq * inv[q];
                    dd[2 * q] += fct * vr;
                    dd[2 * q + 1] += fct * vi;
                    ww[q] += wsum * fct * cq;
                    double ar = a[2 * q], ai = a[2 * q + 1], mr = zm[2 * q], mi = zm[2 * q + 1];
                    double ur = mr * pr - mi * pi, ui = mr * pi + mi * pr;
                    sig[shell[q]] += wsum * (mr * mr + mi * mi + cq * cq * (ar * ar + ai * ai)) - 2 * cq * (ar * ur + ai * ui);
                }
            }
        }

        /** Soft circular mask; outside = background mean (zero_mask) or mean + σ²-coloured noise. */
        private void maskParticle(RealGrid img, int i, int g) {
            float[] mk = p.mask.data, v = img.data;
            double sum = 0, wsum = 0;
            for (int q = 0; q < v.length; q++) { double o = 1 - mk[q]; sum += o * v[q]; wsum += o; }
            float bg = wsum > 0 ? (float) (sum / wsum) : 0f;
            float[] noise = null;
            if (!p.s.zeroMask()) {
                // per-particle seed (seed + particle index): the same noise for any thread count
                SplittableRandom rnd = new SplittableRandom(p.s.seed() * 0x9E3779B97F4A7C15L + i);
                float[] vals = new float[2 * p.comp.count];
                float[] sg = p.sigmaFull[g];
                for (int q = 0; q < p.comp.count; q++) {
                    vals[2 * q] = (float) (rnd.nextGaussian() * sg[q]);
                    vals[2 * q + 1] = (float) (rnd.nextGaussian() * sg[q]);
                }
                FourierGrid nf = new FourierGrid(p.model.n, p.model.n, 1);
                p.comp.scatter(vals, p.comp.count, nf);
                noise = Fft.inverse(nf).data;
            }
            for (int q = 0; q < v.length; q++) {
                float o = 1 - mk[q];
                v[q] = mk[q] * v[q] + o * (bg + (noise == null ? 0f : noise[q]));
            }
        }
    }

    /** M-step: class prior, σ², σ_offset, references (per class, deterministic), τ², resolution. */
    private static void maximise(Plan p, Acc total, ExecutorService pool) throws InterruptedException, java.util.concurrent.ExecutionException {
        MlModel m = p.model;
        int np = p.data.size();
        for (int c = 0; c < p.k; c++) m.pdfClass[c] = p.s.fixClassPrior() ? 1.0 / p.k : total.classW[c] / np;
        int last = m.n / 2 - 1;
        for (int g = 0; g < m.groupNames.length; g++) {
            if (total.groupCount[g] == 0) continue;
            for (int sh = 1; sh <= last; sh++) {
                m.sigma2[g][sh] = total.sig[g][sh] / (2.0 * p.shellCount[sh] * total.groupCount[g]);
            }
            m.sigma2[g][0] = 0;
            m.sigma2[g][m.n / 2] = m.sigma2[g][last];
            Spectra.fillNonPositive(m.sigma2[g]);
        }
        m.sigmaOffsetPx = Math.sqrt(Math.max(total.offSum / (2.0 * np), 1e-6));
        List<Future<BackRotator2D.Result>> rec = new ArrayList<>();
        double[][] oldTau2 = m.tau2;
        for (int c = 0; c < p.k; c++) {
            final int cc = c;
            rec.add(pool.submit(() -> {
                BackRotator2D br = new BackRotator2D(m.n, 2);
                for (int j = 0; j < p.nPsi; j++) {
                    int cj = cc * p.nPsi + j;
                    if (total.data[cj] != null) br.insert(p.psi[j], p.comp, p.cm, total.data[cj], total.weight[cj]);
                }
                return br.reconstruct(oldTau2[cc], p.s.tau2Fudge(), p.rM);
            }));
        }
        int bestShell = 1;
        for (int c = 0; c < p.k; c++) {
            BackRotator2D.Result r = rec.get(c).get();
            RealGrid img = r.image();
            SoftMasks.multiply(img, p.mask);   // solvent flattening of the 2D class
            m.refs[c] = img;
            FourierGrid f = Fft.forward(img.copy());
            float[] vals = new float[2 * p.comp.count];
            p.comp.gather(f, p.comp.count, vals);
            double[] power = Spectra.halfPower(vals, p.comp);
            if (m.pdfClass[c] > 0) for (int sh = 1; sh <= p.rM; sh++) m.tau2[c][sh] = power[sh];
            java.util.Arrays.fill(m.ssnr[c], 0);
            System.arraycopy(r.ssnr(), 0, m.ssnr[c], 0, Math.min(r.ssnr().length, m.ssnr[c].length));
            int est = 0;
            for (int sh = 1; sh <= p.rM; sh++) { if (r.ssnr()[sh] < 1) break; est = sh; }
            m.estResShell[c] = est;
            if (m.pdfClass[c] > 0) bestShell = Math.max(bestShell, est);
        }
        m.resShell = Math.max(bestShell, BackRotator2D.MINRES_MAP);   // RELION: never below --minres_map
        m.currentRadius = p.rM;
        m.iteration = p.iteration;
    }
}
