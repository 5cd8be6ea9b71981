package org.subtomo.app.cli;

import org.subtomo.core.mpi.Cluster;
import org.subtomo.core.mpi.Ranks;
import org.subtomo.prep.extract.EdgeMode;
import org.subtomo.prep.extract.ExtractParameters;
import org.subtomo.prep.extract.ExtractResult;
import org.subtomo.prep.extract.SubtomoExtractor;
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
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code subtomo extract}: sub-tomograms and their 2D projections (protocol steps 15-16). */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Cut a box around every particle out of its tomogram (protocol step 15); with --project3d also",
                "write its sum along Z as a 2D particle (step 16). Writes Particles/Tomograms/<t>/<t>_<rootname>NNNNNN.mrc,",
                "particles_subtomo.star and (--project3d) <t>_subtomo_proj2d.mrcs stacks listed in subtomo_proj2d.star."})
public final class ExtractCommand implements Callable<Integer>, RunsOnRanks {
    @Option(names = "--i", required = true, paramLabel = "STAR",
            description = "all_tomograms.star (with --coord_suffix) or a particle STAR file with rlnMicrographName and rlnCoordinateX/Y/Z")
    Path input;

    @Option(names = "--coord_suffix", paramLabel = "SUFFIX",
            description = "read coordinates from <tomogram without extension><SUFFIX>, e.g. .coords")
    String coordSuffix;

    @Option(names = "--o", paramLabel = "STAR", defaultValue = ExtractParameters.DEFAULT_OUTPUT,
            description = "sub-tomogram STAR file; default ${DEFAULT-VALUE} (in a pipeline project: this name inside Extract/jobNNN/)")
    Path output;

    @Option(names = "--o2d", paramLabel = "STAR", defaultValue = ExtractParameters.DEFAULT_OUTPUT_2D,
            description = "projection STAR file (with --project3d); default ${DEFAULT-VALUE}")
    Path output2d;

    @Mixin JobOptions job;
    @Spec CommandSpec spec;

    @Option(names = "--rootname", defaultValue = ExtractParameters.DEFAULT_ROOTNAME,
            description = "sub-tomograms are <t>_<rootname>NNNNNN.mrc; default ${DEFAULT-VALUE}")
    String rootname;

    @Option(names = "--extract_size", required = true, paramLabel = "PX", description = "box size in tomogram pixels (even)")
    int extractSize;

    @Option(names = "--scale", paramLabel = "PX", defaultValue = "0",
            description = "Fourier-rescale the box to PX pixels (even); the pixel size in the outputs follows")
    int scale;

    @Option(names = "--angpix", paramLabel = "A", description = "tomogram pixel size in Å (default: from the STAR file, else the MRC header)")
    Double angpix;

    @Option(names = "--particle_diameter", paramLabel = "A",
            description = "particle diameter in Å; background radius = diameter / 2 / pixel size (in output pixels)")
    Double particleDiameter;

    @Option(names = "--bg_radius", paramLabel = "PX", description = "background radius in pixels of the output box (overrides --particle_diameter)")
    Double bgRadius;

    @Option(names = "--no_norm", description = "do not normalise the background to mean 0, stddev 1")
    boolean noNorm;

    @Option(names = "--invert_contrast", description = "multiply by -1 (use when particles are dark)")
    boolean invertContrast;

    @Option(names = "--project3d", description = "also write the sums along Z as 2D particles")
    boolean project3d;

    @Option(names = "--edge", paramLabel = "drop|keep", defaultValue = "drop",
            description = "particles whose box crosses the tomogram edge: drop (listed) or keep (outside filled with the window's mean); default ${DEFAULT-VALUE}")
    String edge;

    @Option(names = "--float16", description = "write MRC mode 12 (16-bit float): half the disk space")
    boolean float16;

    @Option(names = "--voltage", defaultValue = "300", description = "kV, for optics groups of an input without rlnVoltage (${DEFAULT-VALUE})")
    double voltage;

    @Option(names = "--cs", defaultValue = "2.7", description = "mm, for optics groups without rlnSphericalAberration (${DEFAULT-VALUE})")
    double cs;

    @Option(names = "--q0", defaultValue = "0.1", description = "amplitude contrast, for optics groups without rlnAmplitudeContrast (${DEFAULT-VALUE})")
    double q0;

    @Option(names = "--only_do_unfinished", description = "keep the sub-tomograms an interrupted run already wrote (with --rerun in a pipeline project)")
    boolean onlyDoUnfinished;

    @Option(names = "--j", paramLabel = "N", description = "threads; default all cores")
    Integer threads;

    @Override public Integer call() throws Exception {
        // Same input, same bytes, in every process (MPI ranks included): FFTW's MEASURE planner may pick another
        // plan in another process, which changes float rounding (seen: different CTF fits); ESTIMATE plans are a
        // pure function of the sizes. Honour an explicit choice.
        org.subtomo.core.fft.FftwBackend.preferEstimatePlanner();
        List<JobRunner.Input> inputs = new ArrayList<>();
        inputs.add(job.input(input, coordSuffix != null ? NodeType.MICROGRAPHS : NodeType.PARTICLES));
        return job.run(spec, JobType.EXTRACT, inputs, j -> {
            ExtractParameters.Builder b = ExtractParameters.builder(j.project(), input, extractSize)
                    .coordSuffix(coordSuffix).rootname(rootname).scale(scale)
                    .normalise(!noNorm).invertContrast(invertContrast).project3d(project3d).edge(EdgeMode.parse(edge)).float16(float16)
                    .onlyDoUnfinished(onlyDoUnfinished).optics(voltage, cs, q0);
            if (j.inPipeline()) {   // every output inside the job directory, so that jobs never share files
                b.output(Path.of(j.file(output.getFileName().toString()))).output2d(Path.of(j.file(output2d.getFileName().toString())))
                        .particleDir(j.name());
            } else {
                b.output(output).output2d(output2d);
            }
            if (angpix != null) b.angpix(angpix);
            if (particleDiameter != null) b.particleDiameter(particleDiameter);
            if (bgRadius != null) b.bgRadius(bgRadius);
            if (threads != null) b.threads(threads);
            ExtractParameters p = b.build();
            Ranks ranks = Cluster.ranks();
            long bytes0 = ranks.bytesCommunicated();
            ExtractResult r = SubtomoExtractor.extract(p, true, ranks);
            j.output(p.output().toString(), NodeType.PARTICLES);
            if (r.star2d() != null) j.output(p.output2d().toString(), NodeType.PARTICLES);
            if (!ranks.isLeader()) return;
            System.out.printf(Locale.ROOT, "extracted %d sub-tomograms from %d tomograms in %.1f s (%.1f particles/s)%s%n",
                    r.extracted(), r.tomograms(), r.seconds(), r.particlesPerSecond(), ranks.isParallel() ? String.format(Locale.ROOT,
                            " on %s (the leader sent and received %.3f MB)", ranks.describe(), (ranks.bytesCommunicated() - bytes0) / 1e6) : "");
            if (!r.opticsFilled().isEmpty())
                System.out.println("the input has no " + String.join(", ", r.opticsFilled()) + ": wrote --voltage " + voltage + " --cs " + cs
                        + " --q0 " + q0 + " (RELION needs them; the prepare stage writes the real ones)");
            if (r.reused() > 0) System.out.println("kept " + r.reused() + " sub-tomograms written by an earlier run (--only_do_unfinished)");
            if (r.keptAtEdge() > 0) System.out.println("kept " + r.keptAtEdge() + " particles whose box crosses the tomogram edge (filled)");
            if (!r.dropped().isEmpty())
                System.out.println("dropped " + r.dropped().size() + " particles whose box crosses the tomogram edge (--edge keep keeps them): "
                        + String.join(", ", r.dropped()));
            System.out.println("wrote " + r.star() + (r.star2d() != null ? " and " + r.star2d() : ""));
        });
    }
}
