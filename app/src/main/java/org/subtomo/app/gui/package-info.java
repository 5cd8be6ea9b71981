/**
 * {@code subtomo gui}: the protocol's GUI (Bharat &amp; Scheres 2016, Figure 3 and the steps after 14) in the browser,
 * served by the project itself.
 *
 * <h2>What it shows</h2>
 * <ul>
 *   <li><b>Job types</b> in workflow order ({@link org.subtomo.app.gui.JobForms#WORKFLOW}): each form is generated
 *       from the picocli model of its command (options, types, defaults, descriptions as help), grouped into tabs
 *       I/O, Main, Sampling, Compute by the rule stated in {@link org.subtomo.app.gui.JobForms}. A command that is
 *       not registered is listed greyed out; once registered it gets its form with no GUI code.</li>
 *   <li><b>Print command</b> shows the exact line (options left at the command's default are left out);
 *       <b>Run!</b> checks the values first ({@link org.subtomo.app.gui.CommandBuilder}: numbers, required fields,
 *       inputs that exist inside the project, outputs inside it, then picocli's own parse) and starts
 *       {@code subtomo CMD ...} as a child JVM of the server in the project directory
 *       ({@link org.subtomo.app.gui.GuiRuns}).</li>
 *   <li><b>Jobs</b> ({@link org.subtomo.app.gui.PipelineView}): the project's default_pipeline.star read through
 *       app.pipeline (created on first start, as RELION's GUI does), newest first, plus commands started here that
 *       made no job (simulate); polled every second; status (with RELION's exit markers), progress (the lines
 *       core.progress.Progress prints to run.err/run.out) and the log tail; abort through RELION_JOB_ABORT_NOW
 *       (JobControl); continue = the job's recorded parameters (job.star) in its form with {@code --rerun}; the
 *       pipeline graph drawn as SVG in the browser from processes and the files that join them.</li>
 *   <li><b>Displays</b> ({@link org.subtomo.app.gui.Displays}): class averages of a model.star (sortable by class
 *       distribution, click to select, save the selected classes' particles with the select stage's own code
 *       (prep.extract.ClassSelection) as {@code <root>_selected_particles.star}
 *       next to the model: protocol step 18), volumes section by section with a Z slider and their central slices,
 *       stacks image by image, the CTF diagnostics per tilt and the FSC/Guinier/local-resolution plots the stages
 *       draw. All pictures are drawn with core.display.</li>
 * </ul>
 *
 * <h2>Security</h2>
 * The server listens on 127.0.0.1 unless {@code --bind} says otherwise, and then a {@code --token} is required
 * on every request ({@link org.subtomo.app.gui.GuiServer}). On loopback it answers only to loopback Host names
 * (DNS rebinding) and takes POSTs only as same-origin JSON (no cross-site form posts). Every file name from the
 * browser goes through {@link org.subtomo.app.gui.ProjectFiles}: relative to the project, no {@code ..} out of it,
 * no absolute paths, no symbolic links leading out, for reads and writes alike. Names are put on the page with
 * textContent only, JSON escapes {@code <>&}, pages carry a strict Content-Security-Policy and project files are
 * served sandboxed.
 */
package org.subtomo.app.gui;
