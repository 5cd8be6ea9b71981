package org.subtomo.app.cli;

import org.subtomo.core.mpi.Cluster;
import org.subtomo.refine.class2d.Class2d;
import org.subtomo.refine.class2d.Class2dParams;
import org.subtomo.app.pipeline.JobRunner;
import org.subtomo.app.pipeline.JobType;
import org.subtomo.app.pipeline.NodeType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code subtomo class2d}: reference-free 2D classification (RELION Class2D options). */
@Command(name = "class2d", mixinStandardHelpOptions = true,
        description = {"Reference-free 2D classification by regularised likelihood (RELION Class2D, protocol steps 17-18).",
                "Writes <o>_itNNN_classes.mrcs/_model.star/_data.star/_optimiser.star/_classes.png every iteration."})
public final class Class2dCommand implements Callable<Integer>, RunsOnRanks {
    @Option(names = "--i", paramLabel = "STAR", description = "particle STAR file (rlnImageName N@stack.mrcs)") Path input;
    @Option(names = "--o", paramLabel = "ROOT", description = "output root, e.g. Class2D/run1 (in a pipeline project: default run, inside Class2D/jobNNN/)") String output;
    @Mixin JobOptions job;
    @Spec CommandSpec spec;
    @Option(names = "--K", defaultValue = "20", description = "number of classes (${DEFAULT-VALUE})") int classes;
    @Option(names = "--iter", defaultValue = "25", description = "iterations (${DEFAULT-VALUE})") int iterations;
    @Option(names = "--tau2_fudge", defaultValue = "2", description = "regularisation parameter T (${DEFAULT-VALUE})") double tau2Fudge;
    @Option(names = "--particle_diameter", defaultValue = "-1", description = "mask diameter in A (default: box)") double diameter;
    @Option(names = "--maskedge", defaultValue = "5", description = "mask edge in px (${DEFAULT-VALUE})") double maskEdge;
    @Option(names = "--zero_mask", description = "background outside the mask = mean (else noise)") boolean zeroMask;
    @Option(names = "--strict_highres_exp", defaultValue = "-1", description = "E-step resolution limit in A") double strict;
    @Option(names = "--ctf", description = "apply per-particle CTFs (off for sub-tomogram projections)") boolean ctf;
    @Option(names = "--psi_step", defaultValue = "6", description = "in-plane step sampled, degrees (${DEFAULT-VALUE})") double psiStep;
    @Option(names = "--offset_range", defaultValue = "5", description = "px (${DEFAULT-VALUE})") double offsetRange;
    @Option(names = "--offset_step", defaultValue = "1", description = "px (${DEFAULT-VALUE})") double offsetStep;
    @Option(names = "--ini_high", defaultValue = "-1", description = "low-pass of the initial classes, A (default 0.07 N shells)") double iniHigh;
    @Option(names = "--offset", defaultValue = "10", description = "initial offset prior width, A (${DEFAULT-VALUE})") double sigmaOffset;
    @Option(names = "--fix_prior_iter", defaultValue = "5", description = "keep class fractions at 1/K for the first N iterations (${DEFAULT-VALUE})") int fixPrior;
    @Option(names = "--adaptive_fraction", defaultValue = "0.999", description = "posterior mass kept per particle (${DEFAULT-VALUE})") double adaptive;
    @Option(names = "--j", defaultValue = "1", description = "threads (${DEFAULT-VALUE})") int threads;
    @Option(names = "--random_seed", defaultValue = "0", description = "(${DEFAULT-VALUE})") long seed;
    @Option(names = "--continue", paramLabel = "OPTIMISER", description = "resume from <o>_itNNN_optimiser.star") Path continueFrom;

    @Override public Integer call() throws Exception {
        List<JobRunner.Input> inputs = new ArrayList<>();
        if (input != null) inputs.add(job.input(input, NodeType.PARTICLES));
        if (continueFrom != null) inputs.add(job.input(continueFrom, NodeType.OPTIMISER));
        return job.run(spec, JobType.CLASS2D, inputs, j -> {
            String root = j.inPipeline() ? j.resolve(j.file(output == null ? "run" : Path.of(output).getFileName().toString())).toString()
                    : output == null ? null : j.project().resolve(output).toString();
            Class2dParams p = new Class2dParams(input == null ? null : j.project().resolve(input), root, classes, iterations, tau2Fudge,
                    diameter, maskEdge, zeroMask, strict, ctf, psiStep, offsetRange, offsetStep, iniHigh, sigmaOffset, fixPrior,
                    adaptive, threads, seed, continueFrom == null ? null : j.project().resolve(continueFrom));
            Class2d.Result r = Class2d.run(p, System.out, Cluster.ranks());
            String model = r.lastModelStar().toString();
            String base = job.relative(Path.of(model.substring(0, model.length() - "_model.star".length())));
            j.output(base + "_data.star", NodeType.PARTICLES);
            j.output(base + "_model.star", NodeType.MODEL);
            j.output(base + "_classes.mrcs", NodeType.REFERENCES_2D);
        });
    }
}
