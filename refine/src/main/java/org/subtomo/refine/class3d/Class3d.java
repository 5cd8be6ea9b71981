package org.subtomo.refine.class3d;

import org.subtomo.core.error.InputException;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.geom.Euler;
import org.subtomo.core.geom.HealpixSampling;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.geom.SymmetryGroup;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.core.mask.SoftMasks;
import org.subtomo.core.mpi.Ranks;
import org.subtomo.core.progress.Progress;
import org.subtomo.refine.ml.BackProjector3D;
import org.subtomo.refine.ml.Em3D;
import org.subtomo.refine.ml.Em3DRanks;
import org.subtomo.refine.ml.ModelSync;
import org.subtomo.refine.ml.EngineSettings3D;
import org.subtomo.refine.ml.FourierComponents3D;
import org.subtomo.refine.ml.MlModel;
import org.subtomo.refine.ml.ModelInit3D;
import org.subtomo.refine.ml.ParticleData3D;
import org.subtomo.refine.ml.Spectra;
import org.subtomo.refine.refine3d.Refine3dInput;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * 3D classification of sub-tomograms (protocol steps 21 and 26, RELION's relion_refine without
 * --auto_refine): K class references from one map, E/M iterations over all particles (no half sets).
 * <ol>
 *   <li>every class starts as the reference, masked and low-passed to --ini_high; τ² = ½|V|² per shell;</li>
 *   <li>iteration 1 puts each particle into one seeded random class (RELION's seeds): the K classes start
 *       as reconstructions of K random subsets;</li>
 *   <li>E-step: with {@code --skip_align} only the class is hidden (poses of the input STAR file,
 *       {@link FixedPoseExpectation}); otherwise class, orientation and shift through {@link Em3D}, globally or
 *       locally ({@code --sigma_ang}) around the input poses;</li>
 *   <li>M-step per class: V = Σw·W·X/σ² / (Σw·W²/σ² + 1/(T·τ²)), symmetrised, then multiplied by the solvent
 *       mask (the focus mask of {@code --solvent_mask}, else the particle sphere): for focused classification
 *       the classes can differ only inside that region, so only it separates particles in the likelihood;
 *       τ² = ½|V|² of the new map; class fractions Σw_κ/Σw; σ² and σ_offset as in refinement;</li>
 *   <li>resolution per class: last shell with SSNR^MAP ≥ 1; the next image size is the best class + 10 shells.</li>
 * </ol>
 */
public final class Class3d {
    private Class3d() {}

    public record Result(MlModel model, ParticleData3D data, int[] classNumber, int iteration, String outputRoot, double seconds) {}

    public static Result run(Class3dParams p, PrintStream log) { return run(p, log, Ranks.single()); }

    /**
     * As {@link #run(Class3dParams, PrintStream)} on MPI ranks: with alignment the particles are split across
     * ranks ({@link Em3DRanks}), and so are they with --skip_align ({@link FixedPoseRanks}).
     * Every rank takes the leader's model after each M-step; the leader alone writes files and prints.
     */
    public static Result run(Class3dParams p, PrintStream out, Ranks ranks) {
        PrintStream log = ranks.isLeader() ? out : new PrintStream(java.io.OutputStream.nullOutputStream());
        long t0 = System.nanoTime();
        Class3dParams params;
        MlModel model;
        ParticleStar star;
        ParticleData3D data;
        int it0;
        if (p.continueFrom() != null) {
            Class3dFiles.Checkpoint cp = Class3dFiles.read(p.continueFrom());
            params = cp.params().withIterations(p.iterations()).withThreads(p.threads())
                    .withOutput(p.outputRoot() != null ? p.outputRoot() : cp.params().outputRoot());
            model = cp.model();
            it0 = cp.iteration();
            star = Refine3dInput.readStar(cp.dataStar());
            data = Refine3dInput.load(star, cp.dataStar(), params.ctf(), params.input(), params.skipAlign());
            if (data.n != model.n) throw new InputException(cp.dataStar() + ": particles are " + data.n + " px, the model " + model.n);
            log.printf(Locale.ROOT, "class3d: continuing from iteration %d (%s)%n", it0, p.continueFrom());
        } else {
            validate(p);
            params = p;
            star = Refine3dInput.readStar(p.input());
            // with fixed poses the sub-tomograms and CTF volumes are read from disc when used, not held: each is read
            // twice (initial noise, first E-step) and then lives on as its cached transforms only. With alignment they
            // are held: reading and converting them again every iteration cost ~10% more CPU (local searches, 100 particles)
            data = Refine3dInput.load(star, p.input(), p.ctf(), null, p.skipAlign());
            RealGrid ref = readMap(Path.of(p.reference()), "--ref", data.n);
            if (p.solventMask() != null) readMap(p.solventMask(), "--solvent_mask", data.n);
            SymmetryGroup group = SymmetryGroup.parse(p.symmetry());
            model = ModelInit3D.initialise(data, data.subset(0), p.classes(), ref, group, p.seed(), p.iniHigh(), p.sigmaOffsetAngst(),
                    maskRadius(p, data), p.maskEdge(), !p.relionSigma2());
            it0 = 0;
            ModelSync.fromLeader(model, ranks);
            if (ranks.isLeader()) Class3dFiles.writeIteration(params, 0, model, star, data, null);
            log.printf(Locale.ROOT, "class3d: %d particles, box %d, %.3f A/px, K %d, T %.1f, sym %s, %s; wrote %s_*%n", data.size(), data.n,
                    data.pixelSize, p.classes(), p.tau2Fudge(), group.name(), p.skipAlign() ? "poses fixed (--skip_align)"
                            : p.local() ? String.format(Locale.ROOT, "local searches (sigma %.1f deg)", p.sigmaAng())
                            : String.format(Locale.ROOT, "global searches (healpix order %d)", p.healpixOrder()),
                    Class3dFiles.prefix(p.outputRoot(), 0));
        }
        RealGrid flatten = params.solventMask() != null ? readMap(params.solventMask(), "--solvent_mask", data.n)
                : SoftMasks.sphere(data.n, data.n, data.n, maskRadius(params, data), params.maskEdge());
        int[] prev = null;
        int[] classNumber = null;
        // fixed poses: each particle's transforms and stencils are the same every iteration; kept when they fit in a quarter of the heap
        FixedPoseExpectation.Cached[] cache = params.skipAlign() && FixedPoseExpectation.cacheBytes(data) < Runtime.getRuntime().maxMemory() / 4
                ? new FixedPoseExpectation.Cached[data.size()] : null;
        for (int it = it0 + 1; it <= params.iterations(); it++) {
            long i0 = System.nanoTime(), bytes0 = ranks.bytesCommunicated();
            ClassSums sums = expectation(params, model, data, it, cache, ranks);
            maximise(params, model, sums, flatten, it);
            ModelSync.fromLeader(model, ranks);   // FFT plans differ per process: continue from the leader's maps
            if (!params.skipAlign()) {
                Em3D.ParticleResults r = sums.results;
                for (int i = 0; i < data.size(); i++) {
                    data.rot[i] = r.rot[i]; data.tilt[i] = r.tilt[i]; data.psi[i] = r.psi[i];
                    data.originX[i] = r.originX[i]; data.originY[i] = r.originY[i]; data.originZ[i] = r.originZ[i];
                }
            }
            classNumber = sums.results.classNumber.clone();
            if (ranks.isLeader()) Class3dFiles.writeIteration(params, it, model, star, data, sums.results);
            int changed = 0;
            if (prev != null) for (int i = 0; i < classNumber.length; i++) if (prev[i] != classNumber[i]) changed++;
            prev = classNumber;
            double sec = (System.nanoTime() - i0) / 1e9;
            StringBuilder fr = new StringBuilder();
            for (int c = 0; c < model.classes; c++)
                fr.append(String.format(Locale.ROOT, "%s%.1f%% (%.1f A)", c == 0 ? "" : ", ", 100 * model.pdfClass[c], model.angstrom(model.estResShell[c])));
            log.printf(Locale.ROOT, "iteration %d/%d: classes %s; changed class %s; image size %d, <Pmax> %.3f, %.1f s, ETA %.0f s%n",
                    it, params.iterations(), fr, it == it0 + 1 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * changed / data.size()),
                    2 * model.currentRadius, model.avePmax, sec, sec * (params.iterations() - it));
            if (ranks.isParallel()) log.printf(Locale.ROOT, "  %s: the leader sent and received %.1f MB this iteration%n", ranks.describe(),
                    (ranks.bytesCommunicated() - bytes0) / 1e6);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        log.printf(Locale.ROOT, "class3d: done in %.1f s; wrote %s_*%n", secs, Class3dFiles.prefix(params.outputRoot(), params.iterations()));
        if (Boolean.getBoolean("subtomo.profile")) log.println(org.subtomo.refine.ml.Em3D.profileSummary());
        return new Result(model, data, classNumber, params.iterations(), params.outputRoot(), secs);
    }

    static void validate(Class3dParams p) {
        if (p.input() == null) throw new InputException("--i is required: a sub-tomogram particle STAR file");
        if (p.outputRoot() == null || p.outputRoot().isBlank()) throw new InputException("--o is required, e.g. Class3D/run1");
        if (p.reference() == null || p.reference().isBlank() || p.reference().equalsIgnoreCase("None"))
            throw new InputException("--ref is required: a map to start all classes from (e.g. Refine3D/run1_class001.mrc)");
        if (p.classes() < 1) throw new InputException("--K must be at least 1, got " + p.classes());
        if (p.iterations() < 1) throw new InputException("--iter must be at least 1, got " + p.iterations());
        if (!(p.tau2Fudge() > 0)) throw new InputException("--tau2_fudge must be > 0, got " + p.tau2Fudge());
        if (p.healpixOrder() < 0 || p.healpixOrder() > 8) throw new InputException("--healpix_order must be 0..8, got " + p.healpixOrder());
        if (!(p.offsetStep() > 0)) throw new InputException("--offset_step must be > 0 px, got " + p.offsetStep());
        if (p.offsetRange() < 0) throw new InputException("--offset_range must be >= 0 px, got " + p.offsetRange());
        if (p.threads() < 1) throw new InputException("--j must be at least 1, got " + p.threads());
        SymmetryGroup.parse(p.symmetry());
    }

    static RealGrid readMap(Path path, String option, int n) {
        if (!Files.isRegularFile(path)) throw new InputException(option + " " + path + ": no such file");
        RealGrid g;
        try (MrcReader r = MrcReader.open(path)) { g = r.readAll(); }
        if (g.nx != n || g.ny != n || g.nz != n)
            throw new InputException(option + " " + path + ": the map is " + g.nx + "x" + g.ny + "x" + g.nz + ", the particles " + n + "^3; rescale or re-extract");
        return g;
    }

    static double maskRadius(Class3dParams p, ParticleData3D d) {
        double r = p.particleDiameter() > 0 ? p.particleDiameter() / (2 * d.pixelSize) : d.n / 2.0 - p.maskEdge();
        return Math.max(1, Math.min(r, d.n / 2.0 - p.maskEdge()));
    }

    /** RELION's seeds: one random class per particle in iteration 1 (from the seed and the particle index only). */
    static int[] seeds(int particles, int classes, long seed) {
        int[] s = new int[particles];
        SplittableRandom r = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < particles; i++) s[i] = r.nextInt(classes);
        return s;
    }

    /** RELION's --perturb 0.5: a random rotation Euler(pΔ, pΔ, pΔ), p uniform in [−0.5, 0.5), seeded by seed + iteration. */
    static Matrix3 perturbation(long seed, int iteration, int order) {
        double p = new SplittableRandom(seed * 1000003L + iteration).nextDouble() - 0.5;
        double a = p * HealpixSampling.stepForOrder(order);
        return Euler.toMatrix(a, a, a);
    }

    /** RELION's coarse image size: 2·ceil(N·p·1.2/(π·D·Δθ/360)), as a radius in shells. */
    static int coarseRadius(Class3dParams p, ParticleData3D d, int order) {
        double diam = p.particleDiameter() > 0 ? p.particleDiameter() : d.n * d.pixelSize;
        double step = 60.0 / (1 << order);
        return (int) Math.ceil(d.n * d.pixelSize * 1.2 / (Math.PI * diam * step / 360));
    }

    static int radius(MlModel m) { return Math.max(2, Math.min(m.n / 2 - 1, m.resShell + 10)); }

    static ClassSums expectation(Class3dParams p, MlModel m, ParticleData3D d, int it, FixedPoseExpectation.Cached[] cache) {
        return expectation(p, m, d, it, cache, Ranks.single());
    }

    static ClassSums expectation(Class3dParams p, MlModel m, ParticleData3D d, int it, FixedPoseExpectation.Cached[] cache, Ranks ranks) {
        int radius = radius(m);
        int[] seeds = it == 1 && m.classes > 1 ? seeds(d.size(), m.classes, p.seed()) : null;
        long share = p.skipAlign() ? FixedPoseRanks.shareSize(d.size(), ranks) : (d.size() + ranks.size() - 1) / ranks.size();   // this rank's particles, about
        try (Progress progress = ranks.isLeader() ? Progress.start(String.format(Locale.ROOT, "Class3D iteration %d/%d", it, p.iterations()), share) : null) {
            if (p.skipAlign())
                return FixedPoseRanks.run(m, d, radius, maskRadius(p, d), p.maskEdge(), !p.relionSigma2(), seeds, p.threads(), progress, cache, ranks);
            SymmetryGroup group = SymmetryGroup.parse(p.symmetry());
            EngineSettings3D s = new EngineSettings3D(p.healpixOrder(), p.oversampling(), p.offsetRange(), p.offsetStep(), group,
                    p.local() ? p.sigmaAng() : -1, perturbation(p.seed(), it, p.healpixOrder()), maskRadius(p, d), p.maskEdge(), radius, 10,
                    coarseRadius(p, d, p.healpixOrder()), 0.999, !p.relionSigma2(), false, p.threads(), 8);
            ClassSums sums = new ClassSums(m.n, m.classes, m.groupNames.length, m.shells(), d.size());
            if (seeds == null) {
                int[] all = d.subset(0);
                sums.addEm(Em3DRanks.expectation(m, d, all, s, progress, ranks), all, -1);
            } else {
                // each class aligns its own random subset against its (still identical) reference
                for (int c = 0; c < m.classes; c++) {
                    final int cl = c;
                    int[] sub = IntStream.range(0, d.size()).filter(i -> seeds[i] == cl).toArray();
                    if (sub.length == 0) continue;
                    MlModel one = new MlModel(m.n, m.pixelSize, 1, m.groupNames);
                    one.refs[0] = m.refs[c]; one.pdfClass[0] = 1; one.sigma2 = m.sigma2; one.tau2[0] = m.tau2[c];
                    one.sigmaOffsetPx = m.sigmaOffsetPx; one.resShell = m.resShell; one.currentRadius = m.currentRadius;
                    sums.addEm(Em3DRanks.expectation(one, d, sub, s, progress, ranks), sub, c);
                }
                for (int c = 0; c < m.classes; c++) if (sums.classes[c] == null) sums.classes[c] = new BackProjector3D(m.n, 2);
            }
            return sums;
        }
    }

    static void maximise(Class3dParams p, MlModel m, ClassSums e, RealGrid flatten, int it) {
        int n = m.n, last = n / 2 - 1, radius = radius(m);
        for (int g = 0; g < m.groupNames.length; g++) {
            if (e.groupCount[g] == 0) continue;
            for (int sh = 1; sh <= last; sh++) m.sigma2[g][sh] = e.sigmaCount[g][sh] > 0 ? e.sigmaSum[g][sh] / (2.0 * e.sigmaCount[g][sh]) : 0;
            m.sigma2[g][0] = 0;
            m.sigma2[g][n / 2] = m.sigma2[g][last];
            Spectra.fillNonPositive(m.sigma2[g]);
        }
        if (e.weightSum > 0) {
            if (!p.skipAlign()) m.sigmaOffsetPx = Math.sqrt(Math.max(e.offsetSum / (3.0 * e.weightSum), 1e-6));
            for (int c = 0; c < m.classes; c++) m.pdfClass[c] = e.classWeight[c] / e.weightSum;
        }
        SymmetryGroup group = SymmetryGroup.parse(p.symmetry());
        FourierComponents3D comp = Em3D.components(n);
        float[] vals = new float[2 * comp.count];
        int best = 1;
        for (int c = 0; c < m.classes; c++) {
            java.util.Arrays.fill(m.ssnr[c], 0);
            if (!(e.classWeight[c] > 0)) {   // an empty class becomes a zero map (RELION)
                m.refs[c] = RealGrid.cube(n);
                java.util.Arrays.fill(m.tau2[c], 0);
                m.estResShell[c] = 0;
                continue;
            }
            BackProjector3D bp = e.classes[c];
            bp.enforceHermitian();
            bp.symmetrise(group, radius);
            // τ² = 0 (beyond the initial low-pass) regularises with 1000× the data weight, as RELION does, instead of none
            double[] mw = bp.meanWeight(radius), t2 = new double[radius + 1];
            for (int sh = 0; sh <= radius; sh++) {
                double floor = mw[sh] > 0 ? 1.0 / (8.0 * p.tau2Fudge() * 1000 * mw[sh]) : 0;
                t2[sh] = Math.max(m.tau2[c][sh], floor);
            }
            BackProjector3D.Result r = bp.reconstruct(t2, p.tau2Fudge(), radius);
            RealGrid map = r.map();
            SoftMasks.multiply(map, flatten);
            m.refs[c] = map;
            comp.gather(Fft.forward(map), comp.count, vals);
            double[] power = ModelInit3D.shellHalfPower(vals, comp);
            java.util.Arrays.fill(m.tau2[c], 0);
            System.arraycopy(power, 0, m.tau2[c], 0, Math.min(power.length, m.tau2[c].length));
            System.arraycopy(r.ssnr(), 0, m.ssnr[c], 0, Math.min(r.ssnr().length, m.ssnr[c].length));
            int est = 0;
            for (int sh = 1; sh <= radius; sh++) { if (r.ssnr()[sh] < 1) break; est = sh; }
            m.estResShell[c] = est;
            best = Math.max(best, est);
        }
        m.resShell = best;
        m.currentRadius = radius;
        m.iteration = it;
        m.logLikelihood = e.logLikelihood;
        m.avePmax = e.particles > 0 ? e.pmaxSum / e.particles : 0;
    }
}
