package org.subtomo.app.demo;

import org.subtomo.app.pipeline.JobRunner;
import org.subtomo.app.pipeline.JobStatus;
import org.subtomo.app.pipeline.JobType;
import org.subtomo.app.pipeline.Pipeline;
import org.subtomo.app.pipeline.PipelineState;
import org.subtomo.core.error.InputException;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code subtomo demo}: simulate a project with ground truth, then run the pipeline's stages on it as jobs
 * (each one an ordinary {@code subtomo} command line, recorded in its job's note.txt, so a user can repeat
 * any step), print each stage's result scored against the truth and its time, and end with a report.
 * A stage is one entry of {@link #steps}; a job already finished under the demo's alias is reused, so an
 * interrupted demo continues where it stopped.
 */
public final class Demo {
    /** What runs a command line (the CLI) and returns its exit code. */
    @FunctionalInterface public interface Cli { int run(String... args); }

    /** Sizes of the built-in dataset and of the classification run on it (TINY: thin, small tomograms, for tests). */
    public enum Size {
        TINY(1, 40, 3, 6, 10, 4, "--tomo_xy", "240", "--tomo_z", "100", "--gold", "4", "--ice", "4"),
        SMALL(2, 60, 4, 10, 10, 8), MEDIUM(4, 100, 6, 12, 15, 10), LARGE(8, 150, 8, 20, 25, 15);
        final int tomograms, particlesPerTomogram, classes2d, iterations2d, iterations3d, iterations3dClass;
        final List<String> simulateArgs;
        Size(int t, int p, int k, int it, int it3, int itc, String... sim) {
            tomograms = t; particlesPerTomogram = p; classes2d = k; iterations2d = it; iterations3d = it3; iterations3dClass = itc;
            simulateArgs = List.of(sim);
        }
    }

    /** @param full also prepare (CTF), refine3d from --ref None, postprocess and localres: the whole protocol, slower */
    public record Settings(Path project, Size size, int threads, long seed, boolean full) {
        public Settings(Path project, Size size, int threads, long seed) { this(project, size, threads, seed, false); }
    }

    /**
     * One stage: its title, job type, the command line (given the demo so far and, for a command that does not
     * run itself as a job, the job directory to write into) and the one-line result scored against the truth
     * (given its job directory). {@code jobAware}: the command takes --project_dir/--alias/--rerun and records
     * itself; otherwise the demo wraps it in a job ({@link #wrapped}), passing absolute paths.
     */
    public record Step(String title, JobType type, boolean jobAware, BiFunction<Demo, String, List<String>> args,
                       Function<Path, String> result) {
        Step(String title, JobType type, Function<Demo, List<String>> args, Function<Path, String> result) {
            this(title, type, true, (d, job) -> args.apply(d), result);
        }

        /** A command without job options, run by the demo inside job directory {@code job} (e.g. Refine3D/job004/). */
        public static Step wrapped(String title, JobType type, BiFunction<Demo, String, List<String>> args, Function<Path, String> result) {
            return new Step(title, type, false, args, result);
        }
    }

    public static final String ALIAS = "demo";
    /**
     * --full runs extract from prepare's particles (with their 3D CTF models), so its jobs must not reuse
     * the coordinate-driven jobs of a plain demo in the same project: they get their own alias.
     */
    public static final String FULL_ALIAS = "demo_full";

    String alias() { return s.full() ? FULL_ALIAS : ALIAS; }

    /** Stages this build has, in pipeline order. Add a stage here; nothing else needs to change. */
    List<Step> steps() {
        List<Step> l = new ArrayList<>();
        if (s.full())
            l.add(Step.wrapped("prepare: per-tilt CTF estimation and 3D CTF models (protocol steps 8-14)", JobType.PREPARE,
                    // the simulator's amplitude contrast (prepare's default is the protocol's 0.07): a wrong Q0 biases every defocus fit
                    (d, job) -> List.of("prepare", "--project_dir", d.path("."), "--box", "48", "--q0",
                            Double.toString(org.subtomo.sim.SimulationParameters.defaults().q()), "--j", d.threads(), "--o", job + "particles_subtomo.star"),
                    job -> count(job.resolve("particles_subtomo.star")) + " particles with 3D CTF models"));
        l.add(new Step("extract: sub-tomograms and their 2D projections (protocol steps 15-16)", JobType.EXTRACT,
                d -> {
                    List<String> a = new ArrayList<>(List.of("extract"));
                    a.addAll(s.full() ? List.of("--i", d.output(JobType.PREPARE, "particles_subtomo.star"))
                            : List.of("--i", "all_tomograms.star", "--coord_suffix", ".coords"));
                    a.addAll(List.of("--extract_size", "48", "--particle_diameter", "160", "--invert_contrast", "--project3d", "--j", d.threads()));
                    return a;
                },
                job -> count(job.resolve("particles_subtomo.star")) + " sub-tomograms (48 px) and as many 2D projections"));
        l.add(new Step("class2d: reference-free 2D classification of the projections (steps 17-18)", JobType.CLASS2D,
                d -> List.of("class2d", "--i", d.output(JobType.EXTRACT, "subtomo_proj2d.star"), "--K", Integer.toString(s.size().classes2d),
                        "--iter", Integer.toString(s.size().iterations2d), "--psi_step", "12", "--offset_range", "3",
                        "--particle_diameter", "160", "--zero_mask", "--j", d.threads(), "--random_seed", Long.toString(s.seed())),
                job -> class2dResult(job)));
        l.add(new Step("select: the particle classes (select --auto: none larger or denser than the median class), mapped to their sub-tomograms (step 19)", JobType.SELECT,
                d -> List.of("select", "--i", d.lastIteration(JobType.CLASS2D, "_data.star"), "--auto",
                        "--subtomos", d.output(JobType.EXTRACT, "particles_subtomo.star")),
                job -> truth.score(job.resolve("output_2Dto3D.star")).describe()));
        if (s.full()) {
            l.add(Step.wrapped("refine3d: gold-standard auto-refinement from --ref None with the 3D CTF models (steps 20-23)", JobType.REFINE3D,
                    (d, job) -> List.of("refine3d", "--i", d.path(d.output(JobType.SELECT, "output_2Dto3D.star")), "--o", d.path(job + "run"),
                            "--ref", "None", "--ctf", "--particle_diameter", "160", "--healpix_order", "1", "--auto_local_healpix_order", "2",
                            "--incr_size", "6", "--maxsig", "100", "--j", d.threads(), "--iter", Integer.toString(s.size().iterations3d),
                            "--random_seed", Long.toString(s.seed())),
                    job -> refineResult(job)));
            l.add(new Step("class3d: 3D classification of the refined particles, K=2, poses kept (steps 21-23)", JobType.CLASS3D,
                    d -> List.of("class3d", "--i", d.output(JobType.REFINE3D, "run_data.star"), "--ref", d.output(JobType.REFINE3D, "run_class001.mrc"),
                            "--K", "2", "--skip_align", "--iter", Integer.toString(s.size().iterations3dClass), "--ctf", "--particle_diameter", "160",
                            "--j", d.threads(), "--random_seed", Long.toString(s.seed())),
                    job -> class3dResult()));
            // --auto_bfac fits the Guinier plot from 10 Å to the resolution: at the demo's ~20 Å there is nothing to fit
            l.add(Step.wrapped("postprocess: automask, corrected FSC, sharpening with an ad hoc B-factor of -200 Å² (step 24)", JobType.POSTPROCESS,
                    (d, job) -> List.of("postprocess", "--i", d.path(d.output(JobType.REFINE3D, "run_half1_class001_unfil.mrc")),
                            "--o", d.path(job + "postprocess"), "--adhoc_bfac", "-200"),
                    job -> "resolution " + angstrom(value(job.resolve("postprocess.star"), "general", "rlnFinalResolution")) + " Å (FSC 0.143, masked, corrected)"));
            l.add(Step.wrapped("localres: local resolution (step 25)", JobType.LOCALRES,
                    (d, job) -> List.of("localres", "--i", d.path(d.output(JobType.REFINE3D, "run_half1_class001_unfil.mrc")),
                            "--mask", d.path(d.output(JobType.POSTPROCESS, "postprocess_automask.mrc")), "--o", d.path(job + "relion")),
                    job -> "wrote " + job.resolve("relion_locres.mrc")));
        }
        return l;
    }

    /** Stages still to come, named in the report so that nobody mistakes the demo for the whole pipeline. */
    List<String> missing() {
        return s.full() ? List.of() : List.of("prepare, refine3d, class3d, postprocess, localres (--quick; './subtomo demo' without it runs them)");
    }

    private final Settings s;
    private final Cli cli;
    private final PrintStream out;
    private DemoTruth truth;
    private final List<String[]> report = new ArrayList<>();

    private final List<Step> custom;

    public Demo(Settings s, Cli cli, PrintStream out) { this(s, cli, out, null); }

    /** With other stages than {@link #steps} (tests). */
    Demo(Settings s, Cli cli, PrintStream out, List<Step> steps) { this.s = s; this.cli = cli; this.out = out; this.custom = steps; }

    String threads() { return Integer.toString(s.threads()); }

    /** A file in the demo job of a type, as a project-relative name. */
    String output(JobType type, String file) { return jobName(type) + file; }

    /** The last iteration's file of an iterative job (run_itNNN + suffix). */
    String lastIteration(JobType type, String suffix) {
        Path dir = s.project().resolve(jobName(type));
        try (var files = Files.list(dir)) {
            String last = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("run_it\\d{3}" + suffix))
                    .sorted().reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException(dir + " has no run_itNNN" + suffix));
            return jobName(type) + last;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String jobName(JobType type) {
        return new Pipeline(s.project()).read().process(type.directory + "/" + alias()).orElseThrow(
                () -> new IllegalStateException("no " + type.directory + "/" + alias() + " job yet")).name();
    }

    /** Runs everything; returns 0, or the exit code of the first stage that failed. */
    public int run() {
        long t0 = System.nanoTime(), c0 = cpuNanos();
        Path p = s.project();
        out.println("subtomo demo: " + s.size().name().toLowerCase(Locale.ROOT) + " dataset in " + p.toAbsolutePath().normalize());
        if (Files.exists(p.resolve("all_tomograms.star")) && Files.exists(p.resolve("truth/particles.star"))) {
            out.println("\n== simulate: reusing the simulated project in " + p);
        } else {
            out.printf(Locale.ROOT, "%n== simulate: %d tomograms of the Unc18-syntaxin complex (PDB 2XHE), %d picks each (70%% complete,"
                    + " 30%% without syntaxin, plus gold and ice)%n", s.size().tomograms, s.size().particlesPerTomogram);
            long t = System.nanoTime(), c = cpuNanos();
            List<String> sim = new ArrayList<>(List.of("simulate", "--o", p.toString(), "--tomograms", Integer.toString(s.size().tomograms),
                    "--particles", Integer.toString(s.size().particlesPerTomogram), "--random_seed", Long.toString(s.seed())));
            sim.addAll(s.size().simulateArgs);
            out.println("   $ subtomo " + String.join(" ", sim));
            int rc = cli.run(sim.toArray(String[]::new));
            if (rc != 0) return rc;
            report.add(new String[]{"simulate", "(project input)", seconds(t, c), "truth: " + p.resolve("truth")});
        }
        truth = DemoTruth.read(p);
        Pipeline.init(p);
        // a demo killed mid-stage (Ctrl-C) left its job marked running: mark it failed so that this run redoes it
        org.subtomo.app.pipeline.JobControl.refreshStatuses(new Pipeline(p));
        for (Step step : custom != null ? custom : steps()) {
            out.println("\n== " + step.title());
            PipelineState.Process done = new Pipeline(p).read().process(step.type().directory + "/" + alias()).orElse(null);
            String job;
            if (done != null && done.status() == JobStatus.SUCCEEDED) {
                out.println("   reusing " + done.name() + " (" + step.type().directory + "/" + alias() + ")");
                job = done.name();
                report.add(new String[]{step.type().directory, job, "reused", ""});
            } else {
                long t = System.nanoTime(), c = cpuNanos();
                int rc = step.jobAware() ? runJobAware(step, done) : runWrapped(step, done);
                if (rc != 0) {
                    out.println("\nsubtomo demo: the " + step.type().directory + " stage failed (exit code " + rc + "); its log is in "
                            + p.resolve(step.type().directory + "/" + alias() + "/run.err") + ". Run the demo again to retry it.");
                    return rc;
                }
                job = jobName(step.type());
                report.add(new String[]{step.type().directory, job, seconds(t, c), ""});
            }
            String result = step.result().apply(p.resolve(job));
            report.get(report.size() - 1)[3] = result;
            out.println("   result: " + result);
        }
        printReport(t0, c0);
        return 0;
    }

    private int runJobAware(Step step, PipelineState.Process done) {
        List<String> args = new ArrayList<>(step.args().apply(this, null));
        args.addAll(List.of("--project_dir", s.project().toString()));
        args.addAll(done != null ? List.of("--rerun", done.name()) : List.of("--alias", alias()));
        out.println("   $ subtomo " + String.join(" ", args));
        return cli.run(args.toArray(String[]::new));
    }

    /** Runs a command that has no job options as a job: the job directory is the one the runner will allocate. */
    private int runWrapped(Step step, PipelineState.Process done) {
        Pipeline pipeline = new Pipeline(s.project());
        String job = done != null ? done.name() : String.format(Locale.ROOT, "%s/job%03d/", step.type().directory, pipeline.read().jobCounter);
        List<String> args = step.args().apply(this, job);
        String line = "subtomo " + String.join(" ", args);
        out.println("   $ " + line);
        JobRunner.Spec spec = new JobRunner.Spec(step.type(), done == null ? alias() : null, done == null ? null : done.name(), line,
                Map.of(), List.of(), "subtomo " + org.subtomo.app.cli.VersionProvider.version());
        try {
            JobRunner.run(pipeline, spec, j -> {
                if (!j.name().equals(job)) throw new IllegalStateException("expected job " + job + ", the pipeline gave " + j.name());
                int rc = cli.run(args.toArray(String[]::new));
                if (rc != 0) throw new IllegalStateException(line + ": exit code " + rc);
            });
            return 0;
        } catch (Exception e) {
            out.println("   " + e.getMessage());
            return 1;
        }
    }

    /** An absolute path for a project-relative name (for commands without --project_dir). */
    public String path(String projectRelative) { return s.project().resolve(projectRelative).toAbsolutePath().normalize().toString(); }

    private void printReport(long t0, long c0) {
        Path p = s.project();
        out.println("\n== report (" + p.toAbsolutePath().normalize() + ")");
        out.printf("   %-11s %-19s %-17s %s%n", "stage", "job", "wall / CPU time", "result vs truth");
        for (String[] r : report) out.printf("   %-11s %-19s %-17s %s%n", r[0], r[1], r[2], r[3]);
        out.printf(Locale.ROOT, "   total %.0f s wall, %.0f s CPU%n", (System.nanoTime() - t0) / 1e9, (cpuNanos() - c0) / 1e9);
        out.println("   jobs:     ./subtomo jobs --project_dir " + p);
        try {
            out.println("   classes:  " + p.resolve(lastIteration(JobType.CLASS2D, "_classes.png")) + "  (or ./subtomo display "
                    + p.resolve(lastIteration(JobType.CLASS2D, "_model.star")) + ")");
        } catch (RuntimeException ignored) {
            // no 2D classification in this run
        }
        if (s.full()) {
            where("map:      ", JobType.REFINE3D, "run_class001.mrc", "  (central slices: run_class001.png; half maps run_half{1,2}_class001_unfil.mrc)");
            where("3D classes:", JobType.CLASS3D, null, "_classes.png");
            where("sharpened:", JobType.POSTPROCESS, "postprocess.mrc", "  (FSC and Guinier plots: postprocess_fsc.png, postprocess_guinier.png)");
            where("local res:", JobType.LOCALRES, "relion_locres.mrc", "  (histogram relion_locres_histogram.png; colour run_class001.mrc by it in ChimeraX)");
        }
        if (!missing().isEmpty()) out.println("   not run: " + String.join("; ", missing()) + " — so no 3D map or resolution figure in this run.");
    }

    /** One line of the report saying where a stage's output is (its last iteration's file when {@code file} is null). */
    private void where(String label, JobType type, String file, String suffix) {
        try {
            Path f = file != null ? s.project().resolve(jobName(type) + file) : s.project().resolve(lastIteration(type, suffix));
            out.println("   " + label + " " + f + (file != null ? suffix : ""));
        } catch (RuntimeException ignored) {
            // stage not in this run
        }
    }

    /** How well the classes separate the simulator's two states (complete complex, complex without syntaxin). */
    private String class3dResult() {
        Map<Integer, Map<String, Integer>> comp = truth.composition(s.project().resolve(lastIteration(JobType.CLASS3D, "_data.star")));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "state accuracy %.1f%% (particle1 = complete, particle2 = without syntaxin);"
                + " classes:", 100 * DemoTruth.purity(comp, false)));
        comp.forEach((c, k) -> sb.append(' ').append(c).append('=').append(k));
        return sb.toString();
    }

    private String class2dResult(Path job) {
        Map<Integer, Map<String, Integer>> comp = truth.composition(s.project().resolve(lastIteration(JobType.CLASS2D, "_data.star")));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "protein/gold/ice purity %.1f%%; classes:",
                100 * DemoTruth.purity(comp, true)));
        comp.forEach((c, k) -> sb.append(' ').append(c).append('=').append(k));
        return sb.toString();
    }

    /** Half-map resolution, and FSC and angular error against the truth (after finding the map's frame). */
    private String refineResult(Path job) {
        Path data = job.resolve("run_data.star");
        String res = angstrom(value(job.resolve("run_model.star"), "model_general", "rlnCurrentResolution"));
        try {
            Path truthStar = job.resolve("truth_poses.star");
            truth.writePoses(data, truthStar);
            var sc = org.subtomo.refine.synth.Refine3dScore.score(s.project().resolve("truth/class001.mrc"), truthStar,
                    job.resolve("run_class001.mrc"), data, "C1");
            return String.format(Locale.ROOT, "half maps %s Å; vs truth FSC 0.5 at %.1f Å, 0.143 at %.1f Å, median angular error %.1f° (%d particles)",
                    res, sc.fsc05(), sc.fsc0143(), sc.medianAngularErrorDeg(), sc.particles());
        } catch (RuntimeException e) {
            return "half maps " + res + " Å (no truth score: " + e.getMessage() + ")";
        }
    }

    /** A STAR number with one decimal (as written it has six). */
    private static String angstrom(String v) {
        try {
            return String.format(Locale.ROOT, "%.1f", Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private static String value(Path star, String block, String label) {
        try {
            return org.subtomo.core.io.star.StarReader.read(star).table(block).get(label);
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String count(Path star) {
        try {
            return Integer.toString(org.subtomo.core.io.star.ParticleStar.read(star).size());
        } catch (java.io.IOException e) {
            throw new InputException(star + ": cannot read: " + e.getMessage());
        }
    }

    /** Wall and CPU seconds since (t, c): the stages run in this process, so its CPU time is theirs (all threads). */
    private static String seconds(long t, long c) {
        return String.format(Locale.ROOT, "%.1f s / %.0f s", (System.nanoTime() - t) / 1e9, (cpuNanos() - c) / 1e9);
    }

    /** CPU time of this process (all threads), ns; 0 where the JVM cannot tell. */
    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }
}
