package org.subtomo.app.cli;

import org.subtomo.prep.extract.Select2Dto3D;
import org.subtomo.prep.extract.SelectParameters;
import org.subtomo.app.pipeline.JobRunner;
import org.subtomo.app.pipeline.JobType;
import org.subtomo.app.pipeline.NodeType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code subtomo select --from2d}: the sub-tomograms of selected 2D projections (protocol step 19). */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = {"Write the sub-tomograms whose 2D projections were selected (protocol step 19).",
                "Matches on rlnTomoParticleName (else rlnMicrographName + coordinates), never on row order."})
public final class SelectCommand implements Callable<Integer> {
    @Option(names = "--from2d", required = true, paramLabel = "STAR", description = "selected projections, e.g. subtomo_proj2d_sel.star")
    Path from2d;

    @Option(names = "--subtomos", paramLabel = "STAR", defaultValue = "particles_subtomo.star",
            description = "all sub-tomograms; default ${DEFAULT-VALUE}")
    Path subtomos;

    @Option(names = "--o", paramLabel = "STAR", defaultValue = "output_2Dto3D.star",
            description = "output; default ${DEFAULT-VALUE} (in a pipeline project: this name inside Select/jobNNN/)")
    Path output;

    @Mixin JobOptions job;
    @Spec CommandSpec spec;

    @Override public Integer call() throws Exception {
        List<JobRunner.Input> inputs = List.of(job.input(from2d, NodeType.PARTICLES), job.input(subtomos, NodeType.PARTICLES));
        return job.run(spec, JobType.SELECT, inputs, j -> {
            Path out = j.inPipeline() ? j.resolve(j.file(output.getFileName().toString())) : j.project().resolve(output);
            Select2Dto3D.Result r = Select2Dto3D.select(new SelectParameters(j.project().resolve(from2d), j.project().resolve(subtomos), out));
            System.out.println("selected " + r.written() + " of " + r.total() + " sub-tomograms (" + r.selected()
                    + " selected projections, matched on " + r.matchedOn() + "); wrote " + r.output());
            j.output(job.relative(out), NodeType.PARTICLES);
        });
    }
}
