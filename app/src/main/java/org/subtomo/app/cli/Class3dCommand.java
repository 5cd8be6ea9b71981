package org.subtomo.app.cli;

import org.subtomo.app.pipeline.JobRunner;
import org.subtomo.app.pipeline.JobType;
import org.subtomo.app.pipeline.NodeType;
import org.subtomo.core.mpi.Cluster;
import org.subtomo.refine.class3d.Class3d;
import org.subtomo.refine.class3d.Class3dFiles;
import org.subtomo.refine.class3d.Class3dParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code subtomo class3d}: 3D classification of sub-tomograms (RELION Class3D options, protocol steps 21 and 26). */
@Command(name = "class3d", mixinStandardHelpOptions = true,
        description = {"3D classification of sub-tomograms with their 3D CTF models (protocol steps 21-23; focused classification, step 26).",
                "Writes <o>_itNNN_classKKK.mrc, _model.star (class fractions, resolution), _data.star (rlnClassNumber, poses),",
                "_optimiser.star and _classes.png (central slices of every class) each iteration."})
public final class Class3dCommand implements Callable<Integer>, RunsOnRanks {
    @Option(names = "--i", paramLabel = "STAR", description = "sub-tomogram particle STAR file (rlnImageName, rlnCtfImage, poses from a refinement)") Path input;
    @Option(names = "--o", paramLabel = "ROOT", description = "output root, e.g. Class3D/run1 (in a pipeline project: default run, inside Class3D/jobNNN/)") String output;
    @Mixin JobOptions job;
    @Spec CommandSpec spec;
    @Option(names = "--ref", paramLabel = "MAP", description = "map all classes start from, e.g. Refine3D/run1_class001.mrc") String reference;
    @Option(names = "--K", defaultValue = "3", description = "number of classes (${DEFAULT-VALUE})") int classes;
    @Option(names = "--iter", defaultValue = "25", description = "iterations (${DEFAULT-VALUE})") int iterations;
    @Option(names = "--tau2_fudge", defaultValue = "4", description = "regularisation parameter T (${DEFAULT-VALUE}, the protocol's value for sub-tomograms)") double tau2Fudge;
    @Option(names = "--ini_high", defaultValue = "60", description = "low-pass of the reference, A (${DEFAULT-VALUE})") double iniHigh;
    @Option(names = "--ctf", description = "use the 3D CTF volumes (rlnCtfImage)") boolean ctf;
    @Option(names = "--ctf_corrected_ref", description = "accepted for RELION compatibility: references are always taken as CTF-corrected") boolean ctfCorrectedRef;
    @Option(names = "--particle_diameter", defaultValue = "-1", description = "mask diameter, A (default: box)") double diameter;
    @Option(names = "--maskedge", defaultValue = "5", description = "mask edge, px (${DEFAULT-VALUE})") double maskEdge;
    @Option(names = "--sym", defaultValue = "C1", description = "point group: C1, Cn, Dn, T, O, I1..I4 (${DEFAULT-VALUE})") String symmetry;
    @Option(names = "--skip_align", description = "classify only: keep the poses of the input STAR file") boolean skipAlign;
    @Option(names = "--sigma_ang", defaultValue = "-1", description = "local angular searches around the input poses, prior width in degrees (default: global searches)") double sigmaAng;
    @Option(names = "--solvent_mask", paramLabel = "MAP", description = "mask applied to the classes each iteration; white only on a region = focused classification") Path solventMask;
    @Option(names = "--healpix_order", defaultValue = "2", description = "HEALPix order of the coarse search (2 = 15 deg; oversampled once) (${DEFAULT-VALUE})") int healpixOrder;
    @Option(names = "--offset_range", defaultValue = "5", description = "px (${DEFAULT-VALUE})") double offsetRange;
    @Option(names = "--offset_step", defaultValue = "1", description = "px (${DEFAULT-VALUE})") double offsetStep;
    @Option(names = "--offset", defaultValue = "10", description = "initial offset prior width, A (${DEFAULT-VALUE})") double sigmaOffset;
    @Option(names = "--oversampling", defaultValue = "1", description = "adaptive oversampling order, 0 or 1 (${DEFAULT-VALUE})") int oversampling;
    @Option(names = "--relion_sigma2", description = "noise spectra averaged over all Fourier voxels, missing wedge included (RELION); default: only where the CTF volume is non-zero") boolean relionSigma2;
    @Option(names = "--j", defaultValue = "1", description = "threads; results do not depend on it (${DEFAULT-VALUE})") int threads;
    @Option(names = "--random_seed", defaultValue = "0", description = "(${DEFAULT-VALUE})") long seed;
    @Option(names = "--continue", paramLabel = "OPTIMISER", description = "resume from <o>_itNNN_optimiser.star") Path continueFrom;

    @Override public Integer call() throws Exception {
        List<JobRunner.Input> inputs = new ArrayList<>();
        if (input != null) inputs.add(job.input(input, NodeType.PARTICLES));
        if (reference != null && !reference.equalsIgnoreCase("None")) inputs.add(job.input(Path.of(reference), NodeType.MAP_3D));
        if (solventMask != null) inputs.add(job.input(solventMask, NodeType.MASK));
        if (continueFrom != null) inputs.add(job.input(continueFrom, NodeType.OPTIMISER));
        return job.run(spec, JobType.CLASS3D, inputs, j -> {
            String root = j.inPipeline() ? j.resolve(j.file(output == null ? "run" : Path.of(output).getFileName().toString())).toString()
                    : output == null ? null : j.project().resolve(output).toString();
            Class3dParams p = new Class3dParams(input == null ? null : j.project().resolve(input), root,
                    reference == null ? null : j.project().resolve(reference).toString(), iniHigh, classes, iterations, tau2Fudge, ctf, symmetry,
                    diameter, maskEdge, skipAlign, sigmaAng, solventMask == null ? null : j.project().resolve(solventMask), healpixOrder,
                    offsetRange, offsetStep, threads, seed, continueFrom == null ? null : j.project().resolve(continueFrom), relionSigma2,
                    sigmaOffset, oversampling);
            Class3d.Result r = Class3d.run(p, System.out, Cluster.ranks());
            String base = job.relative(Path.of(Class3dFiles.prefix(r.outputRoot(), r.iteration())));
            j.output(base + "_data.star", NodeType.PARTICLES);
            j.output(base + "_model.star", NodeType.MODEL);
            j.output(base + "_optimiser.star", NodeType.OPTIMISER);
            for (int c = 1; c <= r.model().classes; c++) j.output(base + String.format(java.util.Locale.ROOT, "_class%03d.mrc", c), NodeType.MAP_3D);
        });
    }
}
