package org.subtomo.prep.project;

import org.subtomo.core.concurrent.Parallel;
import org.subtomo.core.ctf.CtfVolume;
import org.subtomo.core.display.LinePlot;
import org.subtomo.core.error.InputException;
import org.subtomo.core.io.AtomicFiles;
import org.subtomo.core.io.imod.CoordsFile;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarStyle;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;
import org.subtomo.core.mpi.Partition;
import org.subtomo.core.mpi.Ranks;
import org.subtomo.core.progress.Progress;
import org.subtomo.prep.ctf.CtfEstimator;
import org.subtomo.prep.ctf.CtfFit;
import org.subtomo.prep.ctf.TiltSeriesCtf;
import org.subtomo.prep.ctfmodel.CtfModel3D;
import org.subtomo.prep.ctfmodel.TiltCtf;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code subtomo prepare} (protocol steps 8-14, replacing relion_prepare_subtomograms.py, CTFFIND and
 * do_all_reconstruct_ctfs.sh): validate the project ({@link ProjectInputs}; nothing is written until it
 * is valid), estimate the CTF of every tilt image ({@link TiltSeriesCtf}), then write every particle's 3D
 * CTF model ({@link CtfModel3D}) and particles_subtomo.star.
 *
 * <pre>
 * Tomograms/&lt;t&gt;/ctffind/&lt;t&gt;_ctffind.star        per-tilt fits (RELION labels; edit a defocus, re-run with --only_models)
 * Tomograms/&lt;t&gt;/ctffind/&lt;t&gt;_ctffind_N.png/.svg  per-tilt diagnostics (observed vs fitted spectrum)
 * Tomograms/&lt;t&gt;/ctffind/&lt;t&gt;_defocus.png/.svg    defocus vs tilt (with the truth of a simulated project)
 * Particles/Tomograms/&lt;t&gt;/&lt;t&gt;_ctfNNNNNN.mrc     3D CTF models (RELION's centred cube), NNNNNN = line in .coords
 * particles_subtomo.star                         RELION 3.1: optics group + one row per particle
 * subtomo_prepare_commands.txt                   the same work as one command per tomogram (to split on a cluster)
 * </pre>
 */
public final class Prepare {
    private Prepare() {}

    /** @param fits per tomogram name: the defocus U, V, angle used for each tilt (stack order) */
    public record Result(int tomograms, int particles, Path star, List<Path> defocusPlots, double ctfSeconds, double modelSeconds,
                         Map<String, double[][]> fits) {
        public double modelsPerSecond() { return modelSeconds > 0 ? particles / modelSeconds : 0; }
    }

    /**
     * Per tomogram: the fitted U, V, angle of every tilt (stack order).
     *
     * @param errors per tilt, the estimated standard error of the mean defocus (Å; NaN unknown), or null when not estimated here
     */
    record Plan(ProjectInputs.Tomogram tomo, CtfEstimator.Params params, double[][] fits, double[] errors) {
        Plan(ProjectInputs.Tomogram tomo, CtfEstimator.Params params, double[][] fits) { this(tomo, params, fits, null); }
    }

    public static Result run(PrepareParameters p, PrintStream log) { return run(p, log, Ranks.single()); }

    /**
     * As {@link #run(PrepareParameters, PrintStream)} on MPI ranks: CTF estimation splits the tomograms that need
     * it over the ranks (each writes its tomograms' ctffind files and plots) and the fitted defoci are gathered,
     * then the 3D CTF models of all particles (in .coords order, tomogram after tomogram) are split in contiguous
     * shares; each rank writes only its own files, and the leader alone logs and writes the STAR files, after
     * every rank has finished. Every file is the one a single process writes, byte for byte.
     */
    public static Result run(PrepareParameters p, PrintStream out, Ranks ranks) {
        PrintStream log = ranks.isLeader() ? out : null;
        long bytes0 = ranks.bytesCommunicated();
        p.validate();
        Path dir = p.projectDir();
        List<ProjectInputs.Tomogram> tomos = ProjectInputs.read(new ProjectInputs.Options(dir, p.tomogramsStar(), p.discover(),
                p.useTrials() && !p.onlyModels(), p.angpix(), 5));
        if (p.onlyTomogram() != null) {
            tomos = tomos.stream().filter(t -> t.name().equals(p.onlyTomogram())).toList();
            if (tomos.isEmpty()) throw new InputException("--tomogram " + p.onlyTomogram() + ": no such tomogram in the project");
        }
        // Everything that can fail on bad input is checked before the first file is written.
        List<Plan> plans = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ProjectInputs.Tomogram t : tomos) {
            try {
                CtfEstimator.Params est = p.onlyModels() ? null : estimatorParams(p, t);
                double[][] fits = p.onlyModels() ? readCtffind(ctffindStar(t), t.tilts().length) : null;
                if (fits != null && p.onlyLowerTiltDefoci()) fits = lowerTiltDefoci(fits, t.tilts(), p);
                plans.add(new Plan(t, est, fits));
            } catch (InputException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new InputException(String.join("\n  ", problems));

        long t0 = System.nanoTime();
        List<Path> plots = new ArrayList<>();
        Map<String, double[]> truth = truthDefoci(dir);
        // this rank's tomograms: the same contiguous split on every rank
        Partition.Range ownTomos = ranks.share(plans.size());
        int[] status = estimateOnRanks(p, plans, ownTomos, ranks);
        for (int i = 0; i < plans.size(); i++) {
            Plan pl = plans.get(i);
            plots.addAll(defocusPlot(pl, truth.get(pl.tomo().name()), i >= ownTomos.from() && i < ownTomos.to()));
            if (log != null && status != null) {
                reportFallBacks(p, pl, status, offsetOfTilts(plans, i), log);
                reportUnfitted(p, pl.tomo(), status, offsetOfTilts(plans, i), log);
            }
        }
        double ctfSeconds = (System.nanoTime() - t0) / 1e9;

        long t1 = System.nanoTime();
        StarTable rows = StarTable.loop("rlnMicrographName", "rlnCoordinateX", "rlnCoordinateY", "rlnCoordinateZ", "rlnImageName",
                "rlnCtfImage", "rlnOpticsGroup");
        int particles = 0;
        List<String> relionCommands = new ArrayList<>();
        int total = 0;
        for (Plan pl : plans) total += pl.tomo().coordinates().size();
        // this rank's models: a contiguous share of all particles, tomogram after tomogram
        Partition.Range own = ranks.share(total);
        for (Plan pl : plans) {
            CtfModel3D m = new CtfModel3D(new CtfModel3D.Settings(p.box(), pl.tomo().pixelSize(), p.voltage(), p.cs(),
                    p.amplitudeContrast(), p.bfactorPerDose(), p.skipCtfCorrection(), p.exposureFilter()));
            int n = pl.tomo().coordinates().size();
            int from = Math.clamp(own.from() - particles, 0, n), to = Math.clamp(own.to() - particles, from, n);
            writeModels(p, m, pl, from, to, ranks.isLeader(), rows, relionCommands);
            particles += n;
        }
        ranks.barrier();   // the STAR file names only models that exist
        double modelSeconds = (System.nanoTime() - t1) / 1e9;

        Path star = dir.resolve(p.output());
        if (ranks.isLeader()) {
            try {
                StarWriter.write(particleStar(p, tomos, rows), star);
                AtomicFiles.writeString(dir.resolve("subtomo_prepare_commands.txt"), commands(p, tomos));
                if (p.relionScripts() && !relionCommands.isEmpty())
                    AtomicFiles.writeString(dir.resolve("do_all_reconstruct_ctfs.sh"), "#!/bin/sh\n# usage: ./do_all_reconstruct_ctfs.sh BOX\n"
                            + String.join("\n", relionCommands) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(star + ": cannot write: " + e.getMessage(), e);
            }
        }
        if (log != null)
            log.printf(Locale.ROOT, "prepare: %d tomograms, %d particles%s; CTF estimation %.1f s, %d models in %.1f s (%.1f models/s)%n",
                    tomos.size(), particles, ranks.isParallel() ? String.format(Locale.ROOT, " on %s (the leader sent and received %.3f MB)",
                            ranks.describe(), (ranks.bytesCommunicated() - bytes0) / 1e6) : "",
                    ctfSeconds, particles, modelSeconds, modelSeconds > 0 ? particles / modelSeconds : 0);
        Map<String, double[][]> used = new java.util.LinkedHashMap<>();
        for (Plan pl : plans) used.put(pl.tomo().name(), pl.fits());
        return new Result(tomos.size(), particles, star, plots, ctfSeconds, modelSeconds, used);
    }

    /** Index of tomogram i's first tilt in the concatenation of all tomograms' tilts. */
    private static int offsetOfTilts(List<Plan> plans, int i) {
        int o = 0;
        for (int j = 0; j < i; j++) o += plans.get(j).tomo().tilts().length;
        return o;
    }

    /** Values per tilt exchanged after CTF estimation: defocus U, V, angle, its estimated error and its {@link #FITTED status}. */
    private static final int PER_TILT = 5;
    /** Status of a tilt's defocus: its own fit, no Thon ring fitted, or the lower tilts' mean (TiltSeriesCtf's fallback). */
    static final int FITTED = 0, UNFITTED = 1, LOWER_TILTS = 2;

    /**
     * Fits the CTF of the tomograms in {@code own} that need it (writing their ctffind files), then gives every
     * rank every tomogram's fits (replacing the plans). Returns per tilt of all tomograms its status
     * ({@link #FITTED}, {@link #UNFITTED}, {@link #LOWER_TILTS}), or null when nothing was estimated (--only_models).
     */
    private static int[] estimateOnRanks(PrepareParameters p, List<Plan> plans, Partition.Range own, Ranks ranks) {
        if (plans.stream().allMatch(pl -> pl.fits() != null)) return null;
        int[] counts = new int[ranks.size()];
        int allTilts = 0;
        for (int r = 0; r < ranks.size(); r++) {
            Partition.Range q = Partition.of(plans.size(), ranks.size()).part(r);
            for (int i = q.from(); i < q.to(); i++) counts[r] += PER_TILT * plans.get(i).tomo().tilts().length;
        }
        for (Plan pl : plans) allTilts += pl.tomo().tilts().length;
        double[] local = new double[counts[ranks.rank()]];
        int o = 0;
        try {
            for (int i = own.from(); i < own.to(); i++) {
                Plan pl = plans.get(i);
                int[] st = null;
                if (pl.fits() == null) {
                    Estimated e = estimate(p, pl, ranks.isLeader());
                    plans.set(i, pl = e.plan());
                    st = e.status();
                }
                for (int k = 0; k < pl.fits().length; k++) {
                    System.arraycopy(pl.fits()[k], 0, local, o, 3);
                    local[o + 3] = pl.errors() != null ? pl.errors()[k] : Double.NaN;
                    local[o + 4] = st != null ? st[k] : FITTED;
                    o += PER_TILT;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        double[] all = ranks.allGather(local, counts);
        int[] status = new int[allTilts];
        o = 0;
        for (int i = 0; i < plans.size(); i++) {
            Plan pl = plans.get(i);
            double[][] fits = new double[pl.tomo().tilts().length][];
            double[] errors = new double[fits.length];
            for (int k = 0; k < fits.length; k++, o += PER_TILT) {
                fits[k] = Arrays.copyOfRange(all, o, o + 3);
                errors[k] = all[o + 3];
                status[o / PER_TILT] = (int) all[o + 4];
            }
            plans.set(i, new Plan(pl.tomo(), pl.params(), fits, errors));
        }
        return status;
    }

    /**
     * Never a silent replacement: which tilts of tomogram t took the lower tilts' mean (also marked in the STAR
     * file; the reason for each is in {@code <t>_ctffind_fallback.txt}, written where it was estimated).
     */
    private static void reportFallBacks(PrepareParameters p, Plan pl, int[] status, int offset, PrintStream log) {
        ProjectInputs.Tomogram t = pl.tomo();
        List<String> list = new ArrayList<>();
        for (int i = 0; i < t.tilts().length; i++)
            if (status[offset + i] == LOWER_TILTS) list.add(String.format(Locale.ROOT, "%d (%.1f°)", i + 1, t.tilts()[i]));
        if (list.isEmpty()) return;
        if (p.onlyLowerTiltDefoci()) {   // asked for, not a fall-back: no fall-back notes are written
            log.println("prepare " + t.name() + ": " + list.size() + " tilt" + (list.size() > 1 ? "s" : "") + " beyond ±"
                    + f(p.lowerTiltThreshold()) + "° given the lower tilts' mean defocus (--only_lower_tilt_defoci): image"
                    + (list.size() > 1 ? "s " : " ") + String.join(", ", list));
            return;
        }
        double spread = Double.NaN;   // the same for every fallen-back tilt
        for (int i = 0; i < t.tilts().length && pl.errors() != null; i++)
            if (status[offset + i] == LOWER_TILTS) { spread = pl.errors()[i]; break; }
        log.println("prepare " + t.name() + ": " + list.size() + " tilt" + (list.size() > 1 ? "s" : "") + " given the lower tilts' mean defocus"
                + String.format(Locale.ROOT, " (±%.0f Å)", spread) + ", their own fits being poorer, ringless or outliers: image"
                + (list.size() > 1 ? "s " : " ") + String.join(", ", list) + "; marked subtomoDefocusSource lower_tilts in "
                + ctffindStar(t).getFileName() + ", reasons in " + display(p, fallBackNotes(t)));
    }

    static Path fallBackNotes(ProjectInputs.Tomogram t) { return ctffindDir(t).resolve(t.name() + "_ctffind_fallback.txt"); }

    /** Troubleshooting row of step 10: which images of tomogram t had no Thon ring fitted (and kept their fit) and what to do about it. */
    private static void reportUnfitted(PrepareParameters p, ProjectInputs.Tomogram t, int[] status, int offset, PrintStream log) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < t.tilts().length; i++)
            if (status[offset + i] == UNFITTED) list.add(String.format(Locale.ROOT, "%d (%.1f°)", i + 1, t.tilts()[i]));
        if (list.isEmpty()) return;
        log.println("prepare " + t.name() + ": no Thon ring fitted for image" + (list.size() > 1 ? "s " : " ") + String.join(", ", list)
                + "; inspect " + display(p, ctffindDir(t).resolve(t.name() + "_ctffind_N.png")) + ", then use --use_trials or --only_lower_tilt_defoci,"
                + " or edit the defocus in " + ctffindStar(t).getFileName() + " and re-run with --only_models (protocol steps 10-12)");
    }

    static Path ctffindDir(ProjectInputs.Tomogram t) { return t.dir().resolve("ctffind"); }

    static Path ctffindStar(ProjectInputs.Tomogram t) { return ctffindDir(t).resolve(t.name() + "_ctffind.star"); }

    /**
     * The estimator's settings. The spectrum box is clipped to half the (even) image height, at least
     * 64: each half of the image then holds whole tiles, whose separate fits give every tilt's
     * defocus error (what decides the lower-tilt fallback); a box filling the image would also leave a
     * single, unaveraged periodogram.
     */
    static CtfEstimator.Params estimatorParams(PrepareParameters p, ProjectInputs.Tomogram t) {
        int fit = Math.min(t.stackImageSize()[0], t.stackImageSize()[1]);
        int box = Math.min(p.ctfBox(), Math.max(Math.min(64, fit - fit % 2), fit / 2 - (fit / 2) % 2));
        double resMax = Double.isNaN(p.resMax()) ? Math.max(8, 2.5 * t.stackPixelSize()) : p.resMax();
        try {
            return CtfEstimator.Params.defaults(p.voltage(), p.cs(), p.amplitudeContrast(), t.stackPixelSize())
                    .withBox(box).withResolution(p.resMin(), resMax).withDefocusSearch(p.dfMin(), p.dfMax(), p.dfStep());
        } catch (InputException e) {
            throw InputException.inFile(t.stack(), e.getMessage() + (box < p.ctfBox() ? " (the box is clipped to the "
                    + t.stackImageSize()[0] + "x" + t.stackImageSize()[1] + " images: at most half their height)" : ""));
        }
    }

    /** A tomogram's fits and, per tilt, its status ({@link #FITTED}, {@link #UNFITTED}, {@link #LOWER_TILTS}). */
    private record Estimated(Plan plan, int[] status) {}

    private static Estimated estimate(PrepareParameters p, Plan pl, boolean showProgress) throws IOException {
        ProjectInputs.Tomogram t = pl.tomo();
        TiltSeriesCtf.Options o = TiltSeriesCtf.Options.of(pl.params()).withThreads(p.threads())
                .withLowerTiltDefoci(p.onlyLowerTiltDefoci(), p.lowerTiltThreshold());
        List<CtfFit> fits;
        List<String> fallBacks = new ArrayList<>();
        Path file = p.useTrials() ? t.trial() : t.stack();
        int per = p.useTrials() ? 2 : 1;
        try (Progress bar = showProgress ? Progress.start("prepare " + t.name() + ": CTF estimation", t.tilts().length) : null;
             org.subtomo.core.io.mrc.MrcReader r = org.subtomo.core.io.mrc.MrcReader.open(file)) {
            fits = TiltSeriesCtf.estimate(t.tilts().length, i -> {
                List<org.subtomo.core.grid.RealGrid> imgs = new ArrayList<>(per);
                for (int k = 0; k < per; k++) {
                    org.subtomo.core.grid.RealGrid g;
                    synchronized (r) { g = r.readImage(per * i + k); }
                    imgs.add(p.eraseOutliers() > 0 ? OutlierErasing.erase(g, p.eraseOutliers(), 3, null) : g);
                }
                return imgs;
            }, t.tilts(), o, bar, fallBacks);
        }
        Path dir = ctffindDir(t);
        Files.createDirectories(dir);
        int[] status = new int[fits.size()];
        for (int i = 0; i < fits.size(); i++) status[i] = fits.get(i).fromLowerTilts() ? LOWER_TILTS : fits.get(i).fitted() ? FITTED : UNFITTED;
        if (!fallBacks.isEmpty()) AtomicFiles.writeString(fallBackNotes(t), String.join("\n", fallBacks) + "\n");
        else Files.deleteIfExists(fallBackNotes(t));
        String stackName = p.projectDir().toAbsolutePath().normalize().relativize(t.stack().toAbsolutePath().normalize()).toString();
        TiltSeriesCtf.writeStar(ctffindStar(t), stackName, fits, pl.params());
        TiltSeriesCtf.writeDiagnostics(dir, t.name() + "_ctffind", fits);
        double[][] uva = fits.stream().map(f -> new double[]{f.defocusU(), f.defocusV(), f.defocusAngle()}).toArray(double[][]::new);
        return new Estimated(new Plan(t, pl.params(), uva, fits.stream().mapToDouble(CtfFit::defocusError).toArray()), status);
    }

    /** U, V, angle per tilt from a (possibly hand-edited) ctffind STAR file, rows ordered by their N@stack image number. */
    static double[][] readCtffind(Path star, int tilts) {
        StarTable t;
        try {
            t = StarReader.read(star).blocks().stream().map(b -> b.table()).filter(StarTable::isLoop).findFirst()
                    .orElseThrow(() -> InputException.inFile(star, "no loop of per-tilt fits"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw InputException.inFile(star, "file not found (--only_models reuses the CTF fits); run prepare without --only_models first");
        } catch (IOException e) {
            throw InputException.inFile(star, "cannot read: " + e.getMessage());
        }
        for (String l : List.of("rlnMicrographName", "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle")) t.require(l);
        if (t.rowCount() != tilts)
            throw InputException.inFile(star, t.rowCount() + " rows for " + tilts + " tilt images; keep one row per image of the aligned stack");
        double[][] out = new double[tilts][];
        for (int r = 0; r < t.rowCount(); r++) {
            String name = t.get(r, "rlnMicrographName");
            int at = name.indexOf('@');
            int k;
            try {
                k = at > 0 ? Integer.parseInt(name.substring(0, at)) - 1 : r;
            } catch (NumberFormatException e) {
                throw InputException.atLine(star, t.lineOf(r, 0), "'" + name + "' is not N@stack");
            }
            if (k < 0 || k >= tilts || out[k] != null)
                throw InputException.atLine(star, t.lineOf(r, 0), "image " + (k + 1) + " is outside 1.." + tilts + " or listed twice");
            out[k] = new double[]{t.getDouble(r, "rlnDefocusU"), t.getDouble(r, "rlnDefocusV"), t.getDouble(r, "rlnDefocusAngle")};
        }
        return out;
    }

    /**
     * --only_models with --only_lower_tilt_defoci: the protocol's step 11 applied to the stored fits (the
     * STAR file is left as it is), by the same rule as {@link TiltSeriesCtf#useLowerTiltDefoci}.
     */
    static double[][] lowerTiltDefoci(double[][] fits, double[] tilts, PrepareParameters p) {
        List<CtfFit> list = new ArrayList<>();
        for (double[] f : fits)
            list.add(CtfFit.ofDefoci(f[0], f[1], f[2], org.subtomo.core.ctf.CtfParams.of(f[0], f[1], f[2], p.voltage(), p.cs(), p.amplitudeContrast())));
        return TiltSeriesCtf.useLowerTiltDefoci(list, tilts, p.lowerTiltThreshold()).stream()
                .map(f -> new double[]{f.defocusU(), f.defocusV(), f.defocusAngle()}).toArray(double[][]::new);
    }

    /** truth/tilts.star of a simulated project: mean defocus per tilt (stack order) by tomogram name; empty when absent. */
    static Map<String, double[]> truthDefoci(Path project) {
        Map<String, double[]> out = new HashMap<>();
        Path f = project.resolve("truth").resolve("tilts.star");
        if (!Files.exists(f)) return out;
        try {
            StarTable t = StarReader.read(f).blocks().get(0).table();
            Map<String, List<double[]>> byTomo = new HashMap<>();
            for (int r = 0; r < t.rowCount(); r++) {
                String name = t.get(r, "rlnMicrographName");
                int k = Integer.parseInt(name.substring(0, name.indexOf('@'))) - 1;
                byTomo.computeIfAbsent(t.get(r, "rlnTomoName"), x -> new ArrayList<>())
                        .add(new double[]{k, (t.getDouble(r, "rlnDefocusU") + t.getDouble(r, "rlnDefocusV")) / 2});
            }
            byTomo.forEach((name, list) -> {
                double[] d = new double[list.size()];
                for (double[] e : list) d[(int) e[0]] = e[1];
                out.put(name, d);
            });
        } catch (IOException | RuntimeException e) {
            return new HashMap<>();   // a plot without truth is still useful
        }
        return out;
    }

    /** The defocus plot's files, written when {@code write} (by the rank that estimated the tomogram). */
    private static List<Path> defocusPlot(Plan pl, double[] truth, boolean write) {
        ProjectInputs.Tomogram t = pl.tomo();
        Integer[] order = new Integer[t.tilts().length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> t.tilts()[i]));
        // deviations from the series' mean in Å: tilt-to-tilt changes are a few hundred Å on 3-5 µm
        double ref = 0;
        for (double[] f : pl.fits()) ref += (f[0] + f[1]) / 2;
        ref = Math.rint(ref / pl.fits().length);
        double[] x = new double[order.length], est = new double[order.length], tr = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            x[k] = t.tilts()[i];
            est[k] = (pl.fits()[i][0] + pl.fits()[i][1]) / 2 - ref;
            if (truth != null && truth.length == order.length) tr[k] = truth[i] - ref;
        }
        Path png = ctffindDir(t).resolve(t.name() + "_defocus.png"), svg = ctffindDir(t).resolve(t.name() + "_defocus.svg");
        if (!write) return List.of(png, svg);
        LinePlot plot = new LinePlot(String.format(Locale.ROOT, "%s: mean defocus per tilt, relative to %.0f Å", t.name(), ref), "tilt (°)",
                "defocus − " + String.format(Locale.ROOT, "%.0f", ref) + " Å (Å)").series("estimated", x, est);
        if (truth != null && truth.length == order.length) plot.series("truth", x, tr);
        if (pl.errors() != null) {
            // the estimate ± its standard error (from the image halves; the lower tilts' spread where a tilt took their mean)
            double[] lo = new double[order.length], hi = new double[order.length];
            for (int k = 0; k < order.length; k++) {
                double e = pl.errors()[order[k]];
                lo[k] = Double.isFinite(e) ? est[k] - e : Double.NaN;
                hi[k] = Double.isFinite(e) ? est[k] + e : Double.NaN;
            }
            plot.series("+ error", x, hi, "#aaaaaa").series("- error", x, lo, "#aaaaaa");
        }
        try {
            Files.createDirectories(png.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        plot.writePng(png);
        plot.writeSvg(svg);
        return List.of(png, svg);
    }

    /**
     * The models of particles [from, to) of one tomogram, in parallel; every particle's row (and RELION command)
     * is added in .coords order whoever writes its model.
     */
    private static void writeModels(PrepareParameters p, CtfModel3D m, Plan pl, int from, int to, boolean showProgress, StarTable rows,
                                    List<String> relionCommands) {
        ProjectInputs.Tomogram t = pl.tomo();
        String dirName = "Particles/Tomograms/" + t.name() + "/";
        Path outDir = p.projectDir().resolve(dirName);
        List<CoordsFile.Coordinate> coords = t.coordinates();
        int n = coords.size();
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException(outDir + ": cannot create: " + e.getMessage(), e);
        }
        if (to > from) {
            ThreadLocal<float[][]> work = ThreadLocal.withInitial(m::workspace);
            try (Progress bar = showProgress ? Progress.start("prepare " + t.name() + ": 3D CTF models", to - from) : null) {
                Parallel.forEach(p.threads(), from, to, i -> {
                    CoordsFile.Coordinate c = coords.get(i);
                    // Depth is measured from the tomogram centre voxel (n/2, integer), as the simulator and WBP place it.
                    List<TiltCtf> tilts = CtfModel3D.particleTilts(t.tilts(), pl.fits(), t.doses(), c.x() - t.nx() / 2, c.z() - t.nz() / 2, t.pixelSize());
                    String root = String.format(Locale.ROOT, "%s_ctf%06d", t.name(), i + 1);
                    CtfVolume v = m.model(tilts, work.get());
                    v.write(outDir.resolve(root + ".mrc"), t.pixelSize());
                    if (p.relionScripts() && !p.skipCtfCorrection()) {
                        try {
                            StarWriter.write(new StarFile().add("", m.relionStar(tilts)), outDir.resolve(root + ".star"), StarStyle.RELION_14);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    if (bar != null) bar.step();
                });
            }
        }
        for (int i = 0; i < n; i++) {
            CoordsFile.Coordinate c = coords.get(i);
            String root = String.format(Locale.ROOT, "%s%s_ctf%06d", dirName, t.name(), i + 1);
            rows.addRow(t.micrographName(), f(c.x()), f(c.y()), f(c.z()),
                    String.format(Locale.ROOT, "%s%s_subtomo%06d.mrc", dirName, t.name(), i + 1), root + ".mrc", "1");
            if (p.relionScripts() && !p.skipCtfCorrection())
                relionCommands.add("relion_reconstruct --i " + root + ".star --o " + root + ".mrc --reconstruct_ctf $1 --angpix "
                        + f(t.pixelSize()));
        }
    }

    private static StarFile particleStar(PrepareParameters p, List<ProjectInputs.Tomogram> tomos, StarTable rows) {
        double px = tomos.isEmpty() ? 0 : tomos.get(0).pixelSize();
        for (ProjectInputs.Tomogram t : tomos)
            if (Math.abs(t.pixelSize() - px) > 1e-3 * px)
                throw new InputException(t.tomogram() + ": pixel size " + t.pixelSize() + " Å differs from " + px
                        + " Å of the other tomograms; process them separately (--tomogram) or give --angpix");
        StarTable optics = StarTable.loop("rlnOpticsGroup", "rlnOpticsGroupName", "rlnVoltage", "rlnSphericalAberration",
                "rlnAmplitudeContrast", "rlnMicrographPixelSize", "rlnImagePixelSize", "rlnImageSize", "rlnImageDimensionality");
        optics.addRow("1", "opticsGroup1", f(p.voltage()), f(p.cs()), f(p.amplitudeContrast()), f(px), f(px),
                Integer.toString(p.box()), "3");
        return new StarFile().add("optics", optics).add("particles", rows);
    }

    /** The equivalent commands, one per tomogram, for running tomograms on separate cluster nodes. */
    static String commands(PrepareParameters p, List<ProjectInputs.Tomogram> tomos) {
        StringBuilder opts = new StringBuilder();
        opts.append(" --voltage ").append(f(p.voltage())).append(" --cs ").append(f(p.cs())).append(" --q0 ").append(f(p.amplitudeContrast()));
        if (!Double.isNaN(p.angpix())) opts.append(" --angpix ").append(f(p.angpix()));
        opts.append(" --box ").append(p.box()).append(" --ctf_box ").append(p.ctfBox())
                .append(" --res_min ").append(f(p.resMin()));
        if (!Double.isNaN(p.resMax())) opts.append(" --res_max ").append(f(p.resMax()));
        opts.append(" --df_min ").append(f(p.dfMin())).append(" --df_max ").append(f(p.dfMax())).append(" --df_step ").append(f(p.dfStep()))
                .append(" --bfactor_per_dose ").append(f(p.bfactorPerDose()));
        if (p.exposureFilter()) opts.append(" --exposure_filter");
        opts.append(" --erase_outliers ").append(f(p.eraseOutliers()));
        if (p.useTrials()) opts.append(" --use_trials");
        if (p.onlyLowerTiltDefoci()) opts.append(" --only_lower_tilt_defoci --lower_tilt_threshold ").append(f(p.lowerTiltThreshold()));
        if (p.skipCtfCorrection()) opts.append(" --skip_ctf_correction");
        StringBuilder sb = new StringBuilder("# subtomo prepare: the same work, one command per tomogram (run from the project directory;\n"
                + "# split this file to run tomograms on separate nodes). Afterwards one fast run over all tomograms,\n"
                + "#   subtomo prepare --i " + p.tomogramsStar() + " --only_models --box " + p.box() + "\n"
                + "# writes " + p.output() + " for the whole project from the Tomograms/<t>/ctffind/<t>_ctffind.star files\n"
                + "# (also the way to remake the models after editing a defocus there).\n");
        for (ProjectInputs.Tomogram t : tomos)
            sb.append("subtomo prepare --i ").append(p.tomogramsStar()).append(" --tomogram ").append(t.name()).append(opts)
                    .append(" --o ").append(t.name()).append("_particles_subtomo.star\n");
        return sb.toString();
    }

    private static String display(PrepareParameters p, Path file) {
        return p.projectDir().toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString();
    }

    private static String f(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
    }
}
