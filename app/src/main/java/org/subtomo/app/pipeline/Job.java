package org.subtomo.app.pipeline;

import org.subtomo.core.progress.Abort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stage sees of its job: the project directory (names in STAR files are relative to it), the job
 * directory its outputs go in ({@code Class2D/job005/}, or the project itself when run without a
 * pipeline), and where it declares its outputs as pipeline nodes.
 */
public final class Job {
    public record Output(String name, NodeType type) {}

    private final Path project;
    private final String name;
    private final List<Output> outputs = new ArrayList<>();

    Job(Path project, String name) { this.project = project; this.name = name; }

    /** A stage run plainly, outside any pipeline: outputs go where the user said, nothing is recorded. */
    public static Job plain(Path project) { return new Job(project, ""); }

    /**
     * The job as a non-leader MPI rank sees it: the directory the leader allocated ({@code name}), nothing
     * recorded by this rank (the leader alone writes the pipeline, job.star and the outputs).
     */
    public static Job onWorkerRank(Path project, String name) { return new Job(project, name); }

    public Path project() { return project; }

    /** {@code Class2D/job005/}, or "" for a plain run. */
    public String name() { return name; }

    public boolean inPipeline() { return !name.isEmpty(); }

    /** A file name inside the job directory, relative to the project (as STAR files name it). */
    public String file(String fileName) { return name + fileName; }

    /** The absolute path of a project-relative name. */
    public Path resolve(String projectRelative) { return project.resolve(projectRelative); }

    /** Declares an output (project-relative name) so later jobs can take it as input. */
    public void output(String projectRelative, NodeType type) { outputs.add(new Output(projectRelative, type)); }

    public List<Output> outputs() { return List.copyOf(outputs); }

    /** Between steps of a stage: stop here if the user asked to abort. */
    public void checkAbort() { Abort.poll(); }

    boolean abortRequested() { return inPipeline() && Files.exists(project.resolve(name).resolve(JobRunner.ABORT_NOW)); }
}
