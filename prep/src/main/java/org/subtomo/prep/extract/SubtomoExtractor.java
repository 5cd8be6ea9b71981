package org.subtomo.prep.extract;

import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcMode;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcStackWriter;
import org.subtomo.core.io.mrc.MrcWriteOptions;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarNumbers;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;
import org.subtomo.core.mpi.Partition;
import org.subtomo.core.mpi.Ranks;
import org.subtomo.core.progress.Progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sub-tomogram extraction (protocol step 15) and, with --project3d, the 2D projections along Z
 * (step 16) from the same windows in the same pass.
 *
 * <p>For each particle the window of extractSize³ voxels whose centre voxel (n/2, RELION's
 * convention) is the coordinate rounded to the nearest voxel is read from the tomogram with
 * positioned reads (the tomogram is never held in memory). The sub-pixel remainder goes into
 * rlnOriginX/Y/ZAngst with RELION's sign: origin = (rounded − true coordinate) × pixel size, added to
 * any origin the input row already had, so true position = box centre − origin. (RELION 3.1 itself
 * truncates and drops the remainder.) Then: Fourier rescale (--scale), background normalisation,
 * contrast inversion — RELION's order — and each sub-tomogram is written to
 * {@code Particles/Tomograms/<t>/<t>_<rootname><NNNNNN>.mrc}, NNNNNN the particle's number in its
 * tomogram. Projections are the raw window summed along Z, then rescaled, normalised (circle of
 * the same radius) and inverted like 2D particles, one stack per tomogram,
 * {@code Particles/Tomograms/<t>/<t>_subtomo_proj2d.mrcs}.
 *
 * <p>Particles of one tomogram are processed in parallel; outputs keep input order whatever the
 * thread count. Every file is written under a temporary name and renamed when complete; the STAR
 * files are written last, only when every particle succeeded, and every input is checked before
 * the first file is written.
 */
public final class SubtomoExtractor {
    private SubtomoExtractor() {}

    public static final String PROJ2D_ROOT = "subtomo_proj2d";
    static final String IMAGE_PIXEL_SIZE = "rlnImagePixelSize";
    static final String MICROGRAPH_PIXEL_SIZE = "rlnMicrographPixelSize";
    static final String IMAGE_SIZE = "rlnImageSize";
    static final String DIMENSIONALITY = "rlnImageDimensionality";

    /** Runs the extraction; {@code progress} shows a progress line per tomogram on stderr. */
    public static ExtractResult extract(ExtractParameters p, boolean progress) { return extract(p, progress, Ranks.single()); }

    /** One tomogram's work: its particles to write, their file names and which an earlier run already wrote. */
    private record Work(ExtractionPlan.Tomogram tomo, List<ExtractionPlan.Particle> todo, List<String> names, boolean[] done, String stack,
                        boolean allDone) {}

    /**
     * As {@link #extract(ExtractParameters, boolean)} on MPI ranks: each tomogram's particles are split in
     * contiguous shares, each rank writes the sub-tomograms of its share; with --project3d the processed
     * projections are gathered to the leader, which writes the stacks, and the leader alone writes the STAR
     * files once every rank has finished. Every file is the one a single process writes, byte for byte.
     * Progress (of its own share) shows on the leader only.
     */
    public static ExtractResult extract(ExtractParameters p, boolean progress, Ranks ranks) {
        long start = System.nanoTime();
        ExtractionPlan plan = ExtractionPlan.build(p);
        int out = p.outputSize();
        MrcWriteOptions options = MrcWriteOptions.defaults().withMode(p.float16() ? MrcMode.FLOAT16 : MrcMode.FLOAT32)
                .withLabels(List.of("subtomo extract"));

        List<String> dropped = new ArrayList<>();
        int keptAtEdge = 0, reused = 0;
        // kept particles in output order, with their image names
        List<ExtractionPlan.Particle> kept = new ArrayList<>();
        Map<Integer, String> imageName = new HashMap<>(), stackName = new HashMap<>();
        Map<Integer, Double> tomoPixel = new HashMap<>();

        // first every rank sees what an interrupted run left (before any rank writes), then the work is done
        List<Work> works = new ArrayList<>();
        for (ExtractionPlan.Tomogram tomo : plan.tomograms) {
            List<ExtractionPlan.Particle> todo = new ArrayList<>();
            for (ExtractionPlan.Particle q : tomo.particles()) {
                if (q.crossesEdge() && p.edge() == EdgeMode.DROP) dropped.add(q.where(p.projectDir()));
                else {
                    todo.add(q);
                    if (q.crossesEdge()) keptAtEdge++;
                }
            }
            if (todo.isEmpty()) continue;
            String dir = p.particleDir() + "Tomograms/" + tomo.name() + "/";
            String stack = dir + tomo.name() + "_" + PROJ2D_ROOT + ".mrcs";
            List<String> names = new ArrayList<>(todo.size());
            for (ExtractionPlan.Particle q : todo) names.add(dir + tomo.name() + "_" + p.rootname() + String.format("%06d", q.number()) + ".mrc");
            boolean[] done = new boolean[todo.size()];
            boolean allDone = p.onlyDoUnfinished() && (!p.project3d() || complete(p.projectDir().resolve(stack), out, todo.size()));
            for (int i = 0; i < todo.size(); i++) {
                done[i] = p.onlyDoUnfinished() && complete(p.projectDir().resolve(names.get(i)), out, out);
                allDone &= done[i];
            }
            for (int i = 0; i < todo.size(); i++) {
                ExtractionPlan.Particle q = todo.get(i);
                imageName.put(q.row(), names.get(i));
                stackName.put(q.row(), String.format("%06d@%s", i + 1, stack));
                tomoPixel.put(q.row(), tomo.pixelSize());
                kept.add(q);
                if (done[i]) reused++;
            }
            works.add(new Work(tomo, todo, names, done, stack, allDone));
        }
        ranks.barrier();

        ExecutorService pool = Executors.newFixedThreadPool(p.threads(), r -> {
            Thread t = new Thread(r, "subtomo-extract");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Work w : works) {
                if (w.allDone()) continue;   // an interrupted run finished this tomogram: nothing to read
                ExtractionPlan.Tomogram tomo = w.tomo();
                MrcWriteOptions o = options.withPixelSize(tomo.pixelSize() / p.rescaleFactor());
                Partition split = Partition.of(w.todo().size(), ranks.size());
                Partition.Range own = split.part(ranks.rank());
                List<Future<RealGrid>> futures = new ArrayList<>(own.size());
                try (MrcReader reader = MrcReader.open(tomo.file());
                     Progress bar = progress && ranks.isLeader() ? Progress.start("extract " + tomo.name(), own.size()) : null) {
                    for (int i = own.from(); i < own.to(); i++) {
                        ExtractionPlan.Particle q = w.todo().get(i);
                        Path file = p.projectDir().resolve(w.names().get(i));
                        boolean write3d = !w.done()[i];
                        if (!write3d && !p.project3d()) {
                            if (bar != null) bar.step();
                            futures.add(null);
                            continue;
                        }
                        futures.add(pool.submit(() -> {
                            RealGrid proj = extractOne(reader, q, p, out, tomo.bgRadius(), write3d ? file : null, o);
                            if (bar != null) bar.step();
                            return proj;
                        }));
                    }
                    if (p.project3d() && ranks.isParallel()) {
                        writeGatheredStack(p.projectDir().resolve(w.stack()), o, futures, out, split, ranks);
                    } else if (p.project3d()) {
                        MrcStackWriter.write(p.projectDir().resolve(w.stack()), o, sink -> {
                            for (int i = 0; i < futures.size(); i++) {
                                sink.append(await(futures.get(i)));
                                futures.set(i, null);   // let the image go once written
                            }
                        });
                    } else {
                        for (Future<RealGrid> f : futures) if (f != null) await(f);
                    }
                } catch (RuntimeException e) {
                    for (Future<RealGrid> f : futures) if (f != null) f.cancel(true);
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        ranks.barrier();   // the STAR files name only files that exist

        Path star = p.projectDir().resolve(p.output());
        Path star2d = p.project3d() ? p.projectDir().resolve(p.output2d()) : null;
        if (ranks.isLeader()) {
            try {
                StarWriter.write(particleStar(plan, kept, imageName, tomoPixel), star);
                if (star2d != null) StarWriter.write(projectionStar(plan, kept, stackName, tomoPixel), star2d);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ExtractResult(plan.tomograms.size(), kept.size(), dropped, keptAtEdge, star, star2d, seconds, reused,
                missingOptics(plan.optics));
    }

    /**
     * MPI: every rank's processed projections (its share, in order) go to the leader, which writes the
     * tomogram's stack in particle order. Values travel as doubles, so the floats arrive unchanged.
     */
    private static void writeGatheredStack(Path stack, MrcWriteOptions o, List<Future<RealGrid>> futures, int n, Partition split,
                                           Ranks ranks) {
        int per = n * n;
        double[] local = new double[futures.size() * per];
        for (int i = 0; i < futures.size(); i++) {
            float[] v = await(futures.get(i)).data;
            for (int j = 0; j < per; j++) local[i * per + j] = v[j];
            futures.set(i, null);
        }
        double[] all = ranks.gatherToLeader(local, split.counts(per));
        if (all == null) return;
        MrcStackWriter.write(stack, o, sink -> {
            for (int i = 0; i < split.n(); i++) {
                RealGrid g = new RealGrid(n, n, 1);
                for (int j = 0; j < per; j++) g.data[j] = (float) all[i * per + j];
                sink.append(g);
            }
        });
    }

    /** Whether an earlier run left a complete file of this shape (files are renamed into place only when written). */
    private static boolean complete(Path file, int n, int nz) {
        if (!Files.isRegularFile(file)) return false;
        try (MrcReader r = MrcReader.open(file)) {
            return r.header().nx == n && r.header().ny == n && r.header().nz == nz;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Cuts, processes and writes (unless {@code file} is null) one sub-tomogram; returns its processed projection (or null). */
    private static RealGrid extractOne(MrcReader reader, ExtractionPlan.Particle q, ExtractParameters p, int out,
                                       double bgRadius, Path file, MrcWriteOptions o) {
        int n = p.extractSize();
        RealGrid w;
        if (q.crossesEdge()) {
            w = reader.readWindow(q.x0(), q.y0(), q.z0(), n, n, n, Float.NaN);
            WindowOps.fillOutside(w);
        } else {
            w = reader.readWindow(q.x0(), q.y0(), q.z0(), n, n, n);
        }
        RealGrid proj = p.project3d() ? WindowOps.sumAlongZ(w) : null;
        try {
            if (file != null) MrcWriter.write(file, WindowOps.finish(w, out, bgRadius, p.invertContrast()), o);
            return proj == null ? null : WindowOps.finish(proj, out, bgRadius, p.invertContrast());
        } catch (IllegalArgumentException e) {   // a flat background cannot be normalised
            throw new InputException(q.where(p.projectDir()) + ": " + e.getMessage() + "; check the coordinate, or use --no_norm");
        }
    }

    private static RealGrid await(Future<RealGrid> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    // --- STAR outputs --------------------------------------------------------------------------

    /** The input rows that were extracted (all their columns) with image name, identity and origins. */
    private static StarFile particleStar(ExtractionPlan plan, List<ExtractionPlan.Particle> kept, Map<Integer, String> imageName,
                                         Map<Integer, Double> tomoPixel) {
        ExtractParameters p = plan.params;
        StarTable src = plan.particles;
        StarTable t = StarTable.loop(src.labels());
        if (!t.has(ParticleIdentity.LABEL)) t.addColumn(ParticleIdentity.LABEL, "none");
        for (String l : ExtractionPlan.ORIGIN) if (!t.has(l)) t.addColumn(l, "0");
        int n = p.extractSize(), h = n / 2;
        for (ExtractionPlan.Particle q : kept) {
            List<String> row = new ArrayList<>(src.row(q.row()));
            while (row.size() < t.columnCount()) row.add("0");
            row.set(t.column(ExtractionPlan.IMAGE), imageName.get(q.row()));
            row.set(t.column(ParticleIdentity.LABEL), q.identity());
            int[] corner = {q.x0(), q.y0(), q.z0()};
            double px = tomoPixel.get(q.row());
            for (int a = 0; a < 3; a++) {
                double coord = src.getDouble(q.row(), ExtractionPlan.COORD[a]);
                double old = src.has(ExtractionPlan.ORIGIN[a]) ? src.getDouble(q.row(), ExtractionPlan.ORIGIN[a]) : 0;
                row.set(t.column(ExtractionPlan.ORIGIN[a]), StarNumbers.format(old + (corner[a] + h - coord) * px));
            }
            t.addRow(row);
        }
        StarTable optics = plan.optics.copy();
        setOptics(plan, optics, kept, tomoPixel, 3);
        return file(plan, optics, t);
    }

    /** One row per projection: image, tomogram, coordinates, in-plane origin, identity, optics group. */
    private static StarFile projectionStar(ExtractionPlan plan, List<ExtractionPlan.Particle> kept, Map<Integer, String> stackName,
                                           Map<Integer, Double> tomoPixel) {
        StarTable src = plan.particles;
        List<String> labels = new ArrayList<>(List.of(ExtractionPlan.IMAGE, ExtractionPlan.MICROGRAPH));
        labels.addAll(List.of(ExtractionPlan.COORD));
        labels.addAll(List.of(ExtractionPlan.ORIGIN[0], ExtractionPlan.ORIGIN[1], ParticleIdentity.LABEL, ExtractionPlan.GROUP));
        StarTable t = StarTable.loop(labels);
        int h = plan.params.extractSize() / 2;
        for (ExtractionPlan.Particle q : kept) {
            List<String> row = new ArrayList<>();
            row.add(stackName.get(q.row()));
            row.add(src.get(q.row(), ExtractionPlan.MICROGRAPH));
            for (String c : ExtractionPlan.COORD) row.add(src.get(q.row(), c));
            int[] corner = {q.x0(), q.y0()};
            for (int a = 0; a < 2; a++) {
                double coord = src.getDouble(q.row(), ExtractionPlan.COORD[a]);
                double old = src.has(ExtractionPlan.ORIGIN[a]) ? src.getDouble(q.row(), ExtractionPlan.ORIGIN[a]) : 0;
                row.add(StarNumbers.format(old + (corner[a] + h - coord) * tomoPixel.get(q.row())));
            }
            row.add(q.identity());
            row.add(src.has(ExtractionPlan.GROUP) ? src.get(q.row(), ExtractionPlan.GROUP) : "1");
            t.addRow(row);
        }
        StarTable optics = plan.optics.copy();
        setOptics(plan, optics, kept, tomoPixel, 2);
        return file(plan, optics, t);
    }

    private static final String[] MICROSCOPE = {"rlnVoltage", "rlnSphericalAberration", "rlnAmplitudeContrast"};

    private static List<String> missingOptics(StarTable optics) {
        List<String> l = new ArrayList<>();
        for (String m : MICROSCOPE) if (!optics.has(m)) l.add(m);
        return l;
    }

    /** Per optics group: output pixel size and box, dimensionality, the tomogram pixel size, and the microscope if missing. */
    private static void setOptics(ExtractionPlan plan, StarTable optics, List<ExtractionPlan.Particle> kept,
                                  Map<Integer, Double> tomoPixel, int dimensionality) {
        for (String l : new String[]{MICROGRAPH_PIXEL_SIZE, IMAGE_PIXEL_SIZE, IMAGE_SIZE, DIMENSIONALITY})
            if (!optics.has(l)) optics.addColumn(l, "0");
        double[] microscope = {plan.params.voltage(), plan.params.cs(), plan.params.q0()};
        for (int m = 0; m < MICROSCOPE.length; m++)   // RELION 3.1 drops an optics block without them
            if (!optics.has(MICROSCOPE[m])) optics.addColumn(MICROSCOPE[m], StarNumbers.format(microscope[m]));
        Map<Integer, Double> groupPixel = new HashMap<>();
        for (ExtractionPlan.Particle q : kept) groupPixel.putIfAbsent(plan.opticsRow(q.row()), tomoPixel.get(q.row()));
        ExtractParameters p = plan.params;
        for (var e : groupPixel.entrySet()) {
            int g = e.getKey();
            optics.set(g, MICROGRAPH_PIXEL_SIZE, StarNumbers.format(e.getValue()));
            optics.set(g, IMAGE_PIXEL_SIZE, StarNumbers.format(e.getValue() / p.rescaleFactor()));
            optics.set(g, IMAGE_SIZE, Integer.toString(p.outputSize()));
            optics.set(g, DIMENSIONALITY, Integer.toString(dimensionality));
        }
    }

    private static StarFile file(ExtractionPlan plan, StarTable optics, StarTable particles) {
        StarFile f = new StarFile();
        f.add("optics", optics);
        f.add("particles", particles);
        return f;
    }
}
