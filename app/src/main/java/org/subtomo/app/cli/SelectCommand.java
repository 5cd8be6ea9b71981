package org.subtomo.app.cli;

import org.subtomo.app.pipeline.JobRunner;
import org.subtomo.app.pipeline.JobType;
import org.subtomo.app.pipeline.NodeType;
import org.subtomo.core.error.InputException;
import org.subtomo.core.io.star.ClassAverages;
import org.subtomo.prep.extract.ClassSelection;
import org.subtomo.refine.class2d.ClassAutoSelection;
import org.subtomo.prep.extract.Select2Dto3D;
import org.subtomo.prep.extract.SelectParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code subtomo select}: particles of chosen classes (--i data.star with --classes and/or thresholds), and the
 * sub-tomograms of selected 2D projections (--from2d, or --i with --subtomos: protocol step 19).
 */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = {"Select particles (protocol step 19). Either --from2d: the sub-tomograms of already selected 2D projections,",
                "or --i <classification>_data.star with --classes 1,4,7, --auto and/or --min_fraction/--max_resolution (read from its",
                "_model.star); with --subtomos as well, the sub-tomograms of the selected projections are written too.",
                "Sub-tomograms are matched on rlnTomoParticleName (else rlnMicrographName + coordinates), never on row order."})
public final class SelectCommand implements Callable<Integer> {
    @Option(names = "--from2d", paramLabel = "STAR", description = "selected projections, e.g. subtomo_proj2d_sel.star")
    Path from2d;

    @Option(names = "--i", paramLabel = "STAR", description = "a classification's _data.star to select classes from")
    Path data;

    @Option(names = "--classes", paramLabel = "LIST", description = "class numbers to keep, e.g. 1,4,7")
    String classes;

    @Option(names = "--model", paramLabel = "STAR", description = "the classification's _model.star (default: next to --i)")
    Path model;

    @Option(names = "--min_fraction", paramLabel = "F", description = "keep classes holding at least this fraction of the particles")
    Double minFraction;

    @Option(names = "--max_resolution", paramLabel = "A", description = "keep classes whose estimated resolution is at most this (Å)")
    Double maxResolution;

    @Option(names = "--auto", description = "keep the particle classes by a stated rule (refine.class2d.ClassAutoSelection): reject a"
            + " class whose average is larger than the particle-weighted median class (radius of gyration > 2x: ice, aggregates,"
            + " featureless classes) or denser (rms > 4x: gold); smaller or fainter classes (another species) are kept."
            + " Assumes most picks are particles")
    boolean auto;

    @Option(names = "--subtomos", paramLabel = "STAR",
            description = "all sub-tomograms (with --from2d: default particles_subtomo.star; with --i: also map the selection to them)")
    Path subtomos;

    @Option(names = "--o", paramLabel = "STAR", defaultValue = "output_2Dto3D.star",
            description = "output; default ${DEFAULT-VALUE} (in a pipeline project: this name inside Select/jobNNN/)")
    Path output;

    @Option(names = "--o_classes", paramLabel = "STAR", defaultValue = "particles_selected.star",
            description = "with --i: the selected rows of --i; default ${DEFAULT-VALUE} (inside Select/jobNNN/ in a pipeline)")
    Path outputClasses;

    @Mixin JobOptions job;
    @Spec CommandSpec spec;

    @Override public Integer call() throws Exception {
        if ((from2d == null) == (data == null))
            throw new InputException("give either --from2d (selected projections) or --i (a classification's _data.star)");
        Path subs = subtomos != null ? subtomos : from2d != null ? Path.of("particles_subtomo.star") : null;
        Path modelStar = model != null ? model : data == null ? null : ClassSelection.modelFor(job.projectDir.resolve(data));
        List<JobRunner.Input> inputs = new ArrayList<>();
        if (from2d != null) inputs.add(job.input(from2d, NodeType.PARTICLES));
        if (data != null) inputs.add(job.input(data, NodeType.PARTICLES));
        if (auto && data == null) throw new InputException("--auto chooses classes of a classification: give --i <run_itNNN>_data.star");
        if (auto && modelStar == null) throw new InputException("--auto needs the classification's _model.star next to --i, or --model");
        if (data != null && modelStar != null && (auto || minFraction != null || maxResolution != null)) inputs.add(job.input(modelStar, NodeType.MODEL));
        if (subs != null) inputs.add(job.input(subs, NodeType.PARTICLES));
        return job.run(spec, JobType.SELECT, inputs, j -> {
            Path selected2d = from2d == null ? null : j.project().resolve(from2d);
            if (data != null) {
                Path out = place(j, outputClasses);
                Set<Integer> chosen = classes == null ? null : ClassSelection.parseClasses(classes);
                if (auto) {
                    ClassAverages ca = ClassAverages.read(j.project().resolve(modelStar));
                    Set<Integer> kept = new TreeSet<>();
                    for (ClassAutoSelection.Verdict v : ClassAutoSelection.select(ca.images(), ca.distribution())) {
                        System.out.println("  " + v);
                        if (v.selected() && (chosen == null || chosen.contains(v.classNumber()))) kept.add(v.classNumber());
                    }
                    chosen = kept;
                }
                ClassSelection.Result r = ClassSelection.select(new ClassSelection.Params(j.project().resolve(data),
                        modelStar == null ? null : j.project().resolve(modelStar), chosen,
                        minFraction == null ? Double.NaN : minFraction, maxResolution == null ? Double.NaN : maxResolution, out));
                System.out.println("kept classes " + r.classes() + ": " + r.written() + " of " + r.total() + " particles; wrote " + r.output());
                j.output(job.relative(out), NodeType.PARTICLES);
                selected2d = out;
            }
            if (subs != null) {
                Path out = place(j, output);
                Select2Dto3D.Result r = Select2Dto3D.select(new SelectParameters(selected2d, j.project().resolve(subs), out));
                System.out.println("selected " + r.written() + " of " + r.total() + " sub-tomograms (" + r.selected()
                        + " selected projections, matched on " + r.matchedOn() + "); wrote " + r.output());
                j.output(job.relative(out), NodeType.PARTICLES);
            }
        });
    }

    private static Path place(org.subtomo.app.pipeline.Job j, Path name) {
        return j.inPipeline() ? j.resolve(j.file(name.getFileName().toString())) : j.project().resolve(name);
    }
}
