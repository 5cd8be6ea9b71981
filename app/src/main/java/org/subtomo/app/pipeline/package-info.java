/**
 * Jobs and provenance, RELION 3.1 style.
 *
 * <p>A project directory with a {@code default_pipeline.star} ({@code subtomo jobs --init}, or the demo) is a
 * pipeline project: stage commands (extract, select, class2d) run there as jobs. {@link
 * org.subtomo.app.pipeline.JobRunner} gives each run a directory {@code Type/jobNNN/} (RELION's directory names
 * and job counter; {@code --alias run1} adds RELION's link {@code Type/run1 -> ../Type/jobNNN/}), and records:
 * <ul>
 * <li>{@code note.txt}: the exact command line (appended on every {@code --rerun}), as RELION writes it;</li>
 * <li>{@code job.star}: RELION's {@code data_job} (type code, continue flag) and {@code data_joboptions_values}
 *   (every option with its value, defaults included), then {@code data_subtomo_provenance} (software and Java
 *   version, start/end time, status, command line), {@code data_subtomo_inputs} (file, bytes, SHA-256) and
 *   {@code data_subtomo_outputs} (file, RELION node type);</li>
 * <li>{@code run.out}, {@code run.err}: what the job printed (stdout/stderr are teed while it runs);</li>
 * <li>RELION's end markers {@code RELION_JOB_EXIT_SUCCESS}, {@code _FAILURE}, {@code _ABORTED}.</li>
 * </ul>
 * Every output of a job lies inside its directory (extract writes its images to {@code Extract/jobNNN/Tomograms/}),
 * so deleting a job ({@code jobs --delete}: moved to {@code Trash/}) never touches another job's files; a job whose
 * outputs feed another job cannot be deleted first. Inputs produced by a failed or aborted job are refused.
 *
 * <p>{@code default_pipeline.star} holds RELION 3.1's five tables with its numeric codes: process types
 * ({@link org.subtomo.app.pipeline.JobType}: Import 0, Extract 5, Select 7, Class2D 8, Class3D 9, Refine3D 10,
 * MaskCreate 12, PostProcess 15, LocalRes 16; stages RELION has no process for — Simulate, Prepare — as
 * External 99), statuses 0 running, 1 scheduled, 2 succeeded, 3 failed, 4 aborted, node types (particles 3,
 * 2D references 5, model 8, ...). It is changed only under RELION's own lock ({@code .relion_lock/} created
 * atomically), so two jobs started at once, or a RELION GUI on the same project, never lose an update.
 * Tested both ways with RELION 3.1.3: {@code relion_pipeliner --check_job_completion} reads and rewrites our
 * file (and fails on a malformed one), and we read a pipeline written by {@code relion_pipeliner --addJob}.
 *
 * <p>Abort ({@code jobs --abort}) writes RELION's {@code RELION_JOB_ABORT_NOW} into the job directory; the running
 * job notices it at its next {@link org.subtomo.core.progress.Progress} step (the hook in
 * {@link org.subtomo.core.progress.Abort}), stops, and is marked aborted.
 *
 * <p>{@code subtomo jobs} marks a "running" job whose process (pid and host in its job.star) is gone from this
 * machine as failed. A job sent to a batch queue ({@link org.subtomo.app.pipeline.QueueSubmission}) is scheduled
 * (status 1) until its node runs it; {@code subtomo jobs} shows the scheduler's state of it (squeue, qstat, or the
 * {@code --qstat} command given at submission) and {@code jobs --abort} cancels it there (scancel, qdel, or
 * {@code --qcancel}; {@link org.subtomo.app.pipeline.QueueControl}). Not done: RELION's {@code .Nodes/} display links.
 */
package org.subtomo.app.pipeline;
