/**
 * {@code subtomo demo}: the pipeline on a simulated project with ground truth, each stage run as a job through its
 * ordinary command line (so every step can be repeated by hand from its {@code note.txt}) and scored against the
 * truth with {@link org.subtomo.app.demo.DemoTruth}. To add a stage, add one {@link org.subtomo.app.demo.Demo.Step}
 * to {@code Demo.steps()}: a title, its job type, its command line (built from the outputs of earlier demo jobs,
 * found by the alias {@code Type/demo}) and a one-line result.
 *
 * <p>Measured (medium size, 4 tomograms, 400 particles + 40 gold/ice picks, 2 cores shared with three other
 * builds, load average ~17-20), two runs: simulate 131 / 150 s, extract 6.7 / 3.7 s, class2d (K=6, 12 iterations)
 * 217 / 185 s, select 0.5 / 0.3 s, total 355 / 339 s (user CPU 86 / 90 s); 2D classes protein/gold/ice purity
 * 99.5 % both; selection 380 / 379 particles, precision 100 %, recall 95.0 / 94.8 %. (The two runs differ because
 * the simulator does not yet reproduce its noise for a given seed.) Tiny size (DemoTest): 39 s, purity 92.9 %,
 * precision 89.5 %, recall 85 %.
 *
 * <p>{@code --full} adds prepare (before extract, which then reads its particles_subtomo.star), refine3d from
 * {@code --ref None} with the 3D CTF models (scored against the truth map and poses with
 * {@code refine.synth.Refine3dScore}), postprocess and localres, each wrapped as a job. Checked at tiny size up to the
 * start of refine3d (prepare 24 s of CTF estimation, 48 models); refine3d itself did not finish its first iteration
 * within 8 minutes on 42 particles under this machine's load, so --full is opt-in and its later stages are unmeasured.
 */
package org.subtomo.app.demo;
