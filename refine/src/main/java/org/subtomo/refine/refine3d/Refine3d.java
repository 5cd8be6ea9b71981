package org.subtomo.refine.refine3d;

import org.subtomo.core.error.InputException;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierFilters;
import org.subtomo.core.fsc.Fsc;
import org.subtomo.core.fsc.FscCurve;
import org.subtomo.core.geom.Euler;
import org.subtomo.core.geom.HealpixSampling;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.geom.SymmetryGroup;
import org.subtomo.core.grid.FourierGrid;
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
import org.subtomo.refine.ml.MlModel;
import org.subtomo.refine.ml.ModelInit3D;
import org.subtomo.refine.ml.ParticleData3D;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Gold-standard 3D auto-refinement of sub-tomograms (protocol step 20, RELION's
 * {@code relion_refine --auto_refine --split_random_halves}):
 * <ol>
 *   <li>half sets from rlnRandomSubset (kept when all are 1 or 2) or a seeded coin flip per particle;</li>
 *   <li>one initial model for both halves (the given map or a de novo random-orientation average of all
 *       particles, low-passed to --ini_high): below that resolution the halves start joined, above it
 *       they never exchange information until the final iteration;</li>
 *   <li>per iteration, each half: E-step ({@link Em3D}) with its own reference, σ², offset prior; the
 *       half sums are symmetrised, the FSC between their unregularised estimates gives τ² =
 *       SSNR·σ²_rec (SSNR = FSC/(1 − FSC)) and the resolution (SSNR^MAP ≥ 1), each half is reconstructed
 *       and solvent-flattened;</li>
 *   <li>auto-sampling: when neither the resolution nor the pose changes improve, the HEALPix order goes up
 *       (offset step and range shrink with the translational accuracy), local searches from
 *       --auto_local_healpix_order; converged when the sampling is finer than 0.75× the angular accuracy;</li>
 *   <li>a final iteration at Nyquist whose half sums are joined (τ² from √(2FSC/(1+FSC))): run_class001.mrc,
 *       plus the unfiltered half maps run_half{1,2}_class001_unfil.mrc.</li>
 * </ol>
 */
public final class Refine3d {
    private Refine3d() {}

    public record Result(MlModel[] halves, ParticleData3D data, Refine3dState state, Path finalMap, FscCurve halfMapFsc,
                         double seconds) {}

    public static Result run(Refine3dParams p, PrintStream log) { return run(p, log, Ranks.single()); }

    /**
     * As {@link #run(Refine3dParams, PrintStream)} on MPI ranks: each half set's particles are split across
     * ranks ({@link Em3DRanks}), every rank runs the same M-step and takes the leader's maps and schedule
     * state, and the leader alone writes files and prints.
     */
    public static Result run(Refine3dParams p, PrintStream out, Ranks ranks) {
        PrintStream log = ranks.isLeader() ? out : new PrintStream(java.io.OutputStream.nullOutputStream());
        long t0 = System.nanoTime();
        Refine3dParams params;
        MlModel[] models;
        Refine3dState state;
        ParticleStar star;
        ParticleData3D data;
        if (p.continueFrom() != null) {
            Refine3dFiles.Checkpoint cp = Refine3dFiles.read(p.continueFrom());
            params = cp.params().withIterations(p.iterations()).withThreads(p.threads())
                    .withOutput(p.outputRoot() != null ? p.outputRoot() : cp.params().outputRoot());
            models = cp.models();
            state = cp.state();
            star = Refine3dInput.readStar(cp.dataStar());
            data = Refine3dInput.load(star, cp.dataStar(), params.ctf(), params.input(), true);
            if (data.n != models[0].n) throw new InputException(cp.dataStar() + ": particles are " + data.n + " px, the model " + models[0].n);
            log.printf(Locale.ROOT, "refine3d: continuing from iteration %d (%s)%n", state.iteration, p.continueFrom());
        } else {
            validate(p);
            params = p;
            star = Refine3dInput.readStar(p.input());
            data = Refine3dInput.load(star, p.input(), p.ctf(), null, true);
            assignHalves(data, p.seed());
            SymmetryGroup group = SymmetryGroup.parse(p.symmetry());
            RealGrid ref;
            if (p.reference() == null || p.reference().equalsIgnoreCase("None")) {
                ref = ModelInit3D.denovoReference(data, data.subset(0), group, p.seed());
            } else {
                Path rp = Path.of(p.reference());
                if (!Files.isRegularFile(rp)) throw new InputException("--ref " + rp + ": no such file (or use --ref None)");
                try (MrcReader r = MrcReader.open(rp)) { ref = r.readAll(); }
                if (ref.nx != data.n || ref.ny != data.n || ref.nz != data.n)
                    throw new InputException("--ref " + rp + ": the map is " + ref.nx + "x" + ref.ny + "x" + ref.nz + ", the particles " + data.n + "^3; rescale or re-extract");
            }
            solventMask(p, data);   // a wrong mask fails now, not after the first iteration
            models = initialModels(p, data, ref, group);
            if (p.refCorrectGreyscale() && givenMap(p)) {
                Refine3dState s0 = new Refine3dState();
                s0.healpixOrder = p.healpixOrder(); s0.offsetRange = p.offsetRange(); s0.offsetStep = p.offsetStep();
                EngineSettings3D cc = settings(p.withReferenceHandling(true, true, true), s0, data, 1, models[0].currentRadius);
                ReferenceGreyscale.Fit fit = ReferenceGreyscale.fit(ref, models[0], data, cc, maskRadius(p, data), p.maskEdge());
                ref = ReferenceGreyscale.apply(ref, fit);
                models = initialModels(p, data, ref, group);
                log.printf(Locale.ROOT, "refine3d: reference put on the particles' grey scale: x %.4g, solvent level %.4g set to 0 "
                        + "(cross-correlation poses of %d particles)%n", fit.scale(), fit.solvent(), fit.particles());
            }
            state = new Refine3dState();
            state.healpixOrder = p.healpixOrder();
            state.offsetRange = p.offsetRange();
            state.offsetStep = p.offsetStep();
            state.bestResolutionShell = models[0].resShell;
            if (ranks.isLeader()) Refine3dFiles.writeIteration(params, state, models, star, data, null);
            log.printf(Locale.ROOT, "refine3d: %d particles (%d + %d), box %d, %.3f A/px, sym %s, %s reference; wrote %s_*%n",
                    data.size(), data.subset(1).length, data.subset(2).length, data.n, data.pixelSize, group.name(),
                    p.reference() == null || p.reference().equalsIgnoreCase("None") ? "de novo" : "given", Refine3dFiles.prefix(p.outputRoot(), 0));
        }
        for (MlModel m : models) ModelSync.fromLeader(m, ranks);
        Path finalMap = null;
        FscCurve halfFsc = null;
        while (!state.finished && state.iteration < params.iterations()) {
            long it0 = System.nanoTime(), bytes0 = ranks.bytesCommunicated();
            int it = state.iteration + 1;
            boolean fin = state.converged || it == params.iterations();
            IterationOutcome o = iterate(params, state, models, data, it, fin, ranks);
            state.iteration = it;
            if (fin) {
                state.finished = true;
                if (ranks.isLeader()) finalMap = Refine3dFiles.writeFinal(params, state, models, star, data, o.results, o.finalMap, o.unfil);
                halfFsc = Fsc.compute(o.unfil[0], o.unfil[1], data.pixelSize);
            } else if (ranks.isLeader()) {
                Refine3dFiles.writeIteration(params, state, models, star, data, o.results);
            }
            double sec = (System.nanoTime() - it0) / 1e9;
            log.printf(Locale.ROOT, "iteration %d%s: resolution %.1f A (half-set FSC 0.143 at %.1f A), image size %d, healpix order %d%s, offsets %.2f/%.2f px, "
                            + "changes %.2f deg %.2f px, accuracy %.2f deg %.2f px, <Pmax> %.3f, %.1f s%n",
                    it, fin ? " (final, joined halves)" : "", models[0].angstrom(models[0].resShell), fsc0143(state.fsc, data),
                    2 * models[0].currentRadius, state.healpixOrder, state.local ? String.format(Locale.ROOT, " local %.1f deg", state.localSigmaDeg) : "",
                    state.offsetRange, state.offsetStep, state.changesOrient, state.changesOffsets, state.accuracyRotDeg, state.accuracyTransPx,
                    0.5 * (models[0].avePmax + models[1].avePmax), sec);
            if (ranks.isParallel()) log.printf(Locale.ROOT, "  %s: the leader sent and received %.1f MB this iteration%n", ranks.describe(),
                    (ranks.bytesCommunicated() - bytes0) / 1e6);
        }
        if (halfFsc != null)
            log.printf(Locale.ROOT, "refine3d: done in %.1f s; unfiltered half maps FSC 0.143 at %.2f A, 0.5 at %.2f A; wrote %s%n",
                    (System.nanoTime() - t0) / 1e9, halfFsc.resolution0143(), halfFsc.resolution05(), finalMap);
        if (Boolean.getBoolean("subtomo.profile")) log.println(org.subtomo.refine.ml.Em3D.profileSummary());
        return new Result(models, data, state, finalMap, halfFsc, (System.nanoTime() - t0) / 1e9);
    }

    private static MlModel[] initialModels(Refine3dParams p, ParticleData3D data, RealGrid ref, SymmetryGroup group) {
        MlModel[] models = new MlModel[2];
        for (int h = 0; h < 2; h++)
            models[h] = ModelInit3D.initialise(data, data.subset(h + 1), 1, ref, group, p.seed(), p.iniHigh(), p.sigmaOffsetAngst(),
                    maskRadius(p, data), p.maskEdge(), !p.relionSigma2());
        return models;
    }

    static boolean givenMap(Refine3dParams p) { return p.reference() != null && !p.reference().equalsIgnoreCase("None"); }

    /**
     * The mask multiplied on the references after each M-step: --solvent_mask (checked: box³, values in
     * [0, 1], not empty) or the soft sphere of --particle_diameter.
     */
    static RealGrid solventMask(Refine3dParams p, ParticleData3D d) {
        if (p.solventMask() == null) return SoftMasks.sphere(d.n, d.n, d.n, maskRadius(p, d), p.maskEdge());
        Path f = p.solventMask();
        if (!Files.isRegularFile(f)) throw new InputException("--solvent_mask " + f + ": no such file");
        RealGrid m;
        try (MrcReader r = MrcReader.open(f)) { m = r.readAll(); }
        if (m.nx != d.n || m.ny != d.n || m.nz != d.n)
            throw new InputException("--solvent_mask " + f + ": the mask is " + m.nx + "x" + m.ny + "x" + m.nz + ", the particles " + d.n
                    + "^3; make it on the particles' box");
        double sum = 0;
        for (float v : m.data) {
            if (!(v >= -1e-3f && v <= 1.001f))
                throw new InputException("--solvent_mask " + f + ": value " + v + " outside [0, 1]; make a soft mask (e.g. relion_mask_create)");
            sum += v;
        }
        if (sum <= 0) throw new InputException("--solvent_mask " + f + ": the mask is empty (all 0)");
        return m;
    }

    static double fsc0143(double[] fsc, ParticleData3D d) {
        for (int s = 1; s < fsc.length; s++) if (fsc[s] < 0.143) return s > 1 ? d.n * d.pixelSize / (s - 1) : 999;
        return fsc.length > 1 ? d.n * d.pixelSize / (fsc.length - 1) : 999;
    }

    static void validate(Refine3dParams p) {
        if (p.input() == null) throw new InputException("--i is required: a sub-tomogram particle STAR file");
        if (p.outputRoot() == null || p.outputRoot().isBlank()) throw new InputException("--o is required, e.g. Refine3D/run1");
        if (p.iterations() < 2) throw new InputException("--iter must be at least 2, got " + p.iterations());
        if (!(p.tau2Fudge() > 0)) throw new InputException("--tau2_fudge must be > 0, got " + p.tau2Fudge());
        if (p.healpixOrder() < 0 || p.healpixOrder() > 8) throw new InputException("--healpix_order must be 0..8, got " + p.healpixOrder());
        if (!(p.offsetStep() > 0)) throw new InputException("--offset_step must be > 0 px, got " + p.offsetStep());
        if (p.offsetRange() < 0) throw new InputException("--offset_range must be >= 0 px, got " + p.offsetRange());
        if (p.threads() < 1) throw new InputException("--j must be at least 1, got " + p.threads());
        if (p.incrShells() < 1) throw new InputException("--incr_size must be at least 1 shell, got " + p.incrShells());
        if (p.maxSignificant() < 1) throw new InputException("--maxsig must be at least 1, got " + p.maxSignificant());
        SymmetryGroup.parse(p.symmetry());
    }

    /** Keeps existing half sets when every particle has 1 or 2; otherwise a seeded coin flip each (RELION). */
    static void assignHalves(ParticleData3D d, long seed) {
        boolean all = true;
        for (int v : d.randomSubset) if (v != 1 && v != 2) { all = false; break; }
        if (all && d.subset(1).length > 0 && d.subset(2).length > 0) return;
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < d.size(); i++) d.randomSubset[i] = 1 + r.nextInt(2);
        if (d.subset(1).length == 0 || d.subset(2).length == 0) {
            if (d.size() < 2) throw new InputException("gold-standard refinement needs at least 2 particles");
            for (int i = 0; i < d.size(); i++) d.randomSubset[i] = 1 + (i % 2);
        }
    }

    static double maskRadius(Refine3dParams p, ParticleData3D d) {
        double r = p.particleDiameter() > 0 ? p.particleDiameter() / (2 * d.pixelSize) : d.n / 2.0 - p.maskEdge();
        return Math.max(1, Math.min(r, d.n / 2.0 - p.maskEdge()));
    }

    /** RELION's coarse image size: 2·ceil(N·p·1.2/(π·D·Δθ/360)), as a radius in shells. */
    static int coarseRadius(Refine3dParams p, ParticleData3D d, int order) {
        double diam = p.particleDiameter() > 0 ? p.particleDiameter() : d.n * d.pixelSize;
        double step = 60.0 / (1 << order);
        return (int) Math.ceil(d.n * d.pixelSize * 1.2 / (Math.PI * diam * step / 360));
    }

    /** RELION's --perturb 0.5: a random rotation Euler(pΔ, pΔ, pΔ), p uniform in [−0.5, 0.5), seeded by seed + iteration. */
    static Matrix3 perturbation(long seed, int iteration, int order) {
        double p = new SplittableRandom(seed * 1000003L + iteration).nextDouble() - 0.5;
        double a = p * HealpixSampling.stepForOrder(order);
        return Euler.toMatrix(a, a, a);
    }

    record IterationOutcome(Em3D.ParticleResults[] results, RealGrid finalMap, RealGrid[] unfil) {}

    static EngineSettings3D settings(Refine3dParams p, Refine3dState st, ParticleData3D d, int it, int radius) {
        SymmetryGroup g = SymmetryGroup.parse(p.symmetry());
        return new EngineSettings3D(st.healpixOrder, p.oversampling(), st.offsetRange, st.offsetStep, g, st.local ? st.localSigmaDeg : -1,
                perturbation(p.seed(), it, st.healpixOrder), maskRadius(p, d), p.maskEdge(), radius, p.incrShells(),
                coarseRadius(p, d, st.healpixOrder), p.adaptiveFraction(), !p.relionSigma2(), p.firstIterCc() && it == 1, p.threads(), 8,
                // a given map that is not CTF-corrected is compared without the CTF until the first M-step replaces it
                !(it == 1 && p.ctf() && givenMap(p) && !p.ctfCorrectedRef()),
                p.maxSignificant());
    }

    static IterationOutcome iterate(Refine3dParams p, Refine3dState st, MlModel[] models, ParticleData3D d, int it, boolean fin) {
        return iterate(p, st, models, d, it, fin, Ranks.single());
    }

    static IterationOutcome iterate(Refine3dParams p, Refine3dState st, MlModel[] models, ParticleData3D d, int it, boolean fin, Ranks ranks) {
        int n = d.n;
        SymmetryGroup group = SymmetryGroup.parse(p.symmetry());
        int radius = fin ? n / 2 - 1 : Em3D.currentRadius(models[0], settings(p, st, d, it, -1));
        EngineSettings3D s = settings(p, st, d, it, radius);
        Em3D.Expectation[] e = new Em3D.Expectation[2];
        int[][] subsets = {d.subset(1), d.subset(2)};
        try (Progress progress = ranks.isLeader() ? Progress.start(String.format(Locale.ROOT, "Refine3D iteration %d", it),
                Em3DRanks.shareSize(subsets[0].length, s, ranks) + Em3DRanks.shareSize(subsets[1].length, s, ranks)) : null) {
            for (int h = 0; h < 2; h++) e[h] = Em3DRanks.expectation(models[h], d, subsets[h], s, progress, ranks);
        }
        BackProjector3D[] bp = new BackProjector3D[2];
        for (int h = 0; h < 2; h++) {
            Em3D.updateNoiseAndPriors(models[h], e[h], s, true);
            bp[h] = e[h].classes[0];
            bp[h].enforceHermitian();
            bp[h].symmetrise(group, radius);
        }
        double[] fsc = BackProjector3D.fsc(bp[0], bp[1], radius);
        st.fsc = fsc;
        // pose changes (before the new poses replace the old ones)
        double angSum = 0, offSum = 0;
        Em3D.ParticleResults[] res = {e[0].results, e[1].results};
        for (int h = 0; h < 2; h++) for (int i : subsets[h]) {
            Em3D.ParticleResults r = res[h];
            Matrix3 a = Euler.ofDegrees(d.rot[i], d.tilt[i], d.psi[i]).toMatrix(), b = Euler.ofDegrees(r.rot[i], r.tilt[i], r.psi[i]).toMatrix();
            angSum += Math.toDegrees(Euler.distance(a, b, group));
            double dx = (r.originX[i] - d.originX[i]) / d.pixelSize, dy = (r.originY[i] - d.originY[i]) / d.pixelSize, dz = (r.originZ[i] - d.originZ[i]) / d.pixelSize;
            offSum += dx * dx + dy * dy + dz * dz;
            d.rot[i] = r.rot[i]; d.tilt[i] = r.tilt[i]; d.psi[i] = r.psi[i];
            d.originX[i] = r.originX[i]; d.originY[i] = r.originY[i]; d.originZ[i] = r.originZ[i];
        }
        st.changesOrient = angSum / d.size();
        st.changesOffsets = Math.sqrt(offSum / d.size() / 2);
        if (fin) {
            BackProjector3D joint = bp[0].copy();
            joint.add(bp[1]);
            double[] f2 = new double[fsc.length];
            for (int q = 0; q < fsc.length; q++) { double f = Math.max(0, fsc[q]); f2[q] = Math.sqrt(2 * f / (1 + f)); }
            double[] tau2 = joint.tau2FromFsc(f2, radius);
            BackProjector3D.Result r = joint.reconstruct(tau2, p.tau2Fudge(), radius);
            RealGrid[] unfil = {bp[0].reconstruct(null, 1, radius).map(), bp[1].reconstruct(null, 1, radius).map()};
            for (MlModel m : models) { m.iteration = it; m.currentRadius = radius; }
            return new IterationOutcome(res, r.map(), unfil);
        }
        RealGrid mask = solventMask(p, d);
        int resShell = radius;
        for (int h = 0; h < 2; h++) {
            double[] tau2 = bp[h].tau2FromFsc(fsc, radius);
            BackProjector3D.Result r = bp[h].reconstruct(tau2, p.tau2Fudge(), radius);
            RealGrid map = r.map();
            SoftMasks.multiply(map, mask);
            if (s.firstIterCc()) {
                FourierGrid f = Fft.forward(map);
                FourierFilters.lowPassRelion(f, d.pixelSize, p.iniHigh(), 2);
                map = Fft.inverse(f);
            }
            MlModel m = models[h];
            m.refs[0] = map;
            java.util.Arrays.fill(m.tau2[0], 0);
            System.arraycopy(tau2, 0, m.tau2[0], 0, Math.min(tau2.length, m.tau2[0].length));
            java.util.Arrays.fill(m.ssnr[0], 0);
            System.arraycopy(r.ssnr(), 0, m.ssnr[0], 0, Math.min(r.ssnr().length, m.ssnr[0].length));
            int est = 0;
            for (int sh = 1; sh <= radius; sh++) { if (r.ssnr()[sh] < 1) break; est = sh; }
            m.estResShell[0] = est;
            resShell = Math.min(resShell, est);
        }
        resShell = Math.max(1, resShell);
        for (MlModel m : models) { m.resShell = resShell; m.currentRadius = radius; m.iteration = it; }
        for (MlModel m : models) ModelSync.fromLeader(m, ranks);   // FFT plans differ per process: continue from the leader's maps
        updateSampling(p, st, models, d, subsets[0], s, it, resShell);
        syncState(st, ranks);
        return new IterationOutcome(res, null, null);
    }

    /** The leader's schedule state on every rank, so that all ranks take the same sampling decisions. */
    static void syncState(Refine3dState st, Ranks ranks) {
        if (!ranks.isParallel()) return;
        int[] i = {st.iteration, st.healpixOrder, st.local ? 1 : 0, st.itersWithoutResolutionGain, st.itersWithoutLargeChanges,
                st.bestResolutionShell, st.converged ? 1 : 0, st.finished ? 1 : 0, st.fsc.length};
        ranks.broadcast(i);
        st.iteration = i[0]; st.healpixOrder = i[1]; st.local = i[2] == 1; st.itersWithoutResolutionGain = i[3];
        st.itersWithoutLargeChanges = i[4]; st.bestResolutionShell = i[5]; st.converged = i[6] == 1; st.finished = i[7] == 1;
        double[] d = {st.offsetRange, st.offsetStep, st.localSigmaDeg, st.smallestChangesOrient, st.smallestChangesOffsets,
                st.accuracyRotDeg, st.accuracyTransPx, st.changesOrient, st.changesOffsets};
        ranks.broadcast(d);
        st.offsetRange = d[0]; st.offsetStep = d[1]; st.localSigmaDeg = d[2]; st.smallestChangesOrient = d[3]; st.smallestChangesOffsets = d[4];
        st.accuracyRotDeg = d[5]; st.accuracyTransPx = d[6]; st.changesOrient = d[7]; st.changesOffsets = d[8];
        if (st.fsc.length != i[8]) st.fsc = new double[i[8]];
        ranks.broadcast(st.fsc);
    }

    /** RELION's auto-sampling rules (see the class comment). */
    static void updateSampling(Refine3dParams p, Refine3dState st, MlModel[] models, ParticleData3D d, int[] subset, EngineSettings3D s,
                               int it, int resShell) {
        int os = p.oversampling();
        double fineStep = 60.0 / (1 << (st.healpixOrder + os));
        double fineOff = st.offsetStep / (1 << os);
        if (resShell > st.bestResolutionShell) { st.bestResolutionShell = resShell; st.itersWithoutResolutionGain = 0; }
        else st.itersWithoutResolutionGain++;
        boolean angSettled = st.changesOrient >= st.smallestChangesOrient / 1.03 || st.changesOrient < 0.4 * fineStep;
        boolean offSettled = st.changesOffsets >= st.smallestChangesOffsets / 1.03 || st.changesOffsets < 0.4 * fineOff;
        if (angSettled && offSettled) st.itersWithoutLargeChanges++; else st.itersWithoutLargeChanges = 0;
        st.smallestChangesOrient = Math.min(st.smallestChangesOrient, st.changesOrient);
        st.smallestChangesOffsets = Math.min(st.smallestChangesOffsets, st.changesOffsets);
        double[] acc = Em3D.accuracy(models[0], d, subset, s.withCurrentRadius(-1), p.seed() + it);
        st.accuracyRotDeg = acc[0];
        st.accuracyTransPx = acc[1];
        if (st.itersWithoutResolutionGain < 1 || st.itersWithoutLargeChanges < 1) return;
        if (fineStep < 0.75 * st.accuracyRotDeg || st.healpixOrder >= 6) { st.converged = true; return; }
        st.healpixOrder++;
        double newStep = Math.max(st.offsetStep / 2, Math.min(1.5, 0.75 * st.accuracyTransPx) * (1 << os));
        newStep = Math.min(newStep, st.offsetStep);
        double newRange = Math.max(1.5 * newStep, Math.min(1.3 * st.offsetRange, 3 * st.changesOffsets));
        st.offsetStep = newStep;
        st.offsetRange = Math.min(newRange, st.offsetRange);
        st.itersWithoutResolutionGain = 0;
        st.itersWithoutLargeChanges = 0;
        st.smallestChangesOrient = 999;
        st.smallestChangesOffsets = 999;
        if (st.healpixOrder >= p.autoLocalHealpixOrder()) {
            st.local = true;
            st.localSigmaDeg = 2 * 60.0 / (1 << (st.healpixOrder + os));
        }
    }
}
