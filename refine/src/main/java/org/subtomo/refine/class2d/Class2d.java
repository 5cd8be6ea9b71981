package org.subtomo.refine.class2d;

import org.subtomo.core.error.InputException;
import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.core.mpi.Ranks;
import org.subtomo.core.progress.Progress;
import org.subtomo.refine.ml.Em2D;
import org.subtomo.refine.ml.EngineSettings;
import org.subtomo.refine.ml.MlModel;
import org.subtomo.refine.ml.ModelSync;
import org.subtomo.refine.ml.ModelInit2D;
import org.subtomo.refine.ml.ParticleData2D;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reference-free 2D classification (protocol steps 17-18): initialise (or resume), iterate the
 * likelihood engine, write RELION-named files every iteration (it000 = the start).
 */
public final class Class2d {
    private Class2d() {}

    public record Result(MlModel model, ParticleData2D data, Em2D.ParticleResults last, Path lastModelStar) {}

    public static Result run(Class2dParams p, PrintStream log) { return run(p, log, Ranks.single()); }

    /**
     * As {@link #run(Class2dParams, PrintStream)} on MPI ranks: particles split across ranks (contiguous
     * blocks), sums added in rank order, the leader alone writes files and prints; every rank returns the
     * same model and results.
     */
    public static Result run(Class2dParams p, PrintStream out, Ranks ranks) {
        PrintStream log = ranks.isLeader() ? out : new PrintStream(java.io.OutputStream.nullOutputStream());
        Class2dParams params = p;
        MlModel model;
        ParticleStar star;
        ParticleData2D data;
        Path source;
        if (p.continueFrom() != null) {
            Class2dFiles.Checkpoint cp = Class2dFiles.read(p.continueFrom());
            params = cp.params().withIterations(p.iterations()).withThreads(p.threads())
                    .withOutput(p.outputRoot() != null ? p.outputRoot() : cp.params().outputRoot());
            model = cp.model();
            source = cp.dataStar();
            star = Class2dInput.readStar(source);
            data = Class2dInput.load(star, source, params.ctf());
            if (data.n != model.n) throw new InputException(source + ": images are " + data.n + " px, the model has " + model.n);
            log.printf(Locale.ROOT, "class2d: continuing from iteration %d (%s)%n", model.iteration, p.continueFrom());
        } else {
            validate(p);
            source = p.input();
            star = Class2dInput.readStar(source);
            data = Class2dInput.load(star, source, p.ctf());
            if (p.classes() > data.size())
                throw new InputException("--K " + p.classes() + " is more than the " + data.size() + " particles in " + source);
            model = ModelInit2D.initialise(data, p.classes(), p.seed(), p.iniHigh(), p.sigmaOffsetAngst(),
                    maskRadius(p, data), p.maskEdge(), p.zeroMask());
            ModelSync.fromLeader(model, ranks);
            if (ranks.isLeader()) Class2dFiles.writeIteration(p.outputRoot(), model, star, data, null, p);
            log.printf(Locale.ROOT, "class2d: %d particles, box %d, %.3f A/px, K=%d, %d groups; wrote %s%n", data.size(), data.n,
                    data.pixelSize, p.classes(), data.groupNames.length, Class2dFiles.prefix(p.outputRoot(), 0) + "_*");
        }
        Em2D.ParticleResults res = null;
        long start = System.nanoTime();
        int first = model.iteration + 1;
        for (int it = first; it <= params.iterations(); it++) {
            EngineSettings s = settings(params, data, it);
            long bytes0 = ranks.bytesCommunicated();
            try (Progress progress = ranks.isLeader() ? Progress.start(String.format(Locale.ROOT, "Class2D iteration %d/%d", it,
                    params.iterations()), Em2D.share(data.size(), s.blockSize(), ranks).size()) : null) {
                res = Em2D.iterate(model, data, s, progress, ranks);
            }
            if (ranks.isLeader()) Class2dFiles.writeIteration(params.outputRoot(), model, star, data, res, params);
            double elapsed = (System.nanoTime() - start) / 1e9, per = elapsed / (it - first + 1);
            log.printf(Locale.ROOT, "iteration %d/%d: resolution %.1f A (image size %d), <Pmax> %.3f, sigma_offset %.2f A, %.1f s/iteration, ETA %.0f s%n",
                    it, params.iterations(), model.angstrom(model.resShell), 2 * model.currentRadius, model.avePmax,
                    model.sigmaOffsetPx * model.pixelSize, per, per * (params.iterations() - it));
            if (ranks.isParallel()) log.printf(Locale.ROOT, "  %s: the leader sent and received %.1f MB this iteration%n", ranks.describe(),
                    (ranks.bytesCommunicated() - bytes0) / 1e6);
        }
        return new Result(model, data, res, Path.of(Class2dFiles.prefix(params.outputRoot(), model.iteration) + "_model.star"));
    }

    static void validate(Class2dParams p) {
        if (p.input() == null) throw new InputException("--i is required: a particle STAR file");
        if (p.outputRoot() == null || p.outputRoot().isBlank()) throw new InputException("--o is required, e.g. Class2D/run1");
        if (p.classes() < 1) throw new InputException("--K must be at least 1, got " + p.classes());
        if (p.iterations() < 1) throw new InputException("--iter must be at least 1, got " + p.iterations());
        if (!(p.tau2Fudge() > 0)) throw new InputException("--tau2_fudge must be > 0, got " + p.tau2Fudge());
        if (!(p.psiStep() > 0 && p.psiStep() <= 180)) throw new InputException("--psi_step must be in (0, 180] degrees, got " + p.psiStep());
        if (!(p.offsetStep() > 0)) throw new InputException("--offset_step must be > 0 px, got " + p.offsetStep());
        if (p.offsetRange() < 0) throw new InputException("--offset_range must be >= 0 px, got " + p.offsetRange());
        if (p.threads() < 1) throw new InputException("--j must be at least 1, got " + p.threads());
    }

    static double maskRadius(Class2dParams p, ParticleData2D d) {
        double r = p.particleDiameter() > 0 ? p.particleDiameter() / (2 * d.pixelSize) : d.n / 2.0 - p.maskEdge();
        return Math.min(r, d.n / 2.0);
    }

    static EngineSettings settings(Class2dParams p, ParticleData2D d, int iteration) {
        int strict = p.strictHighresExp() > 0 ? (int) Math.round(d.n * d.pixelSize / p.strictHighresExp()) : 0;
        return new EngineSettings(p.psiStep(), p.offsetRange(), p.offsetStep(), p.tau2Fudge(), maskRadius(p, d), p.maskEdge(),
                p.zeroMask(), strict, 10, p.adaptiveFraction(), p.threads(), p.seed(), 16, false, iteration <= p.fixPriorIters());
    }
}
