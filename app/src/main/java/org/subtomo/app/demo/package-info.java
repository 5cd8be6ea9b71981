/**
 * {@code subtomo demo}: the pipeline on a simulated project with ground truth, each stage run as a job through its
 * ordinary command line (so every step can be repeated by hand from its {@code note.txt}) and scored against the
 * truth with {@link org.subtomo.app.demo.DemoTruth}. To add a stage, add one {@link org.subtomo.app.demo.Demo.Step}
 * to {@code Demo.steps()}: a title, its job type, its command line (built from the outputs of earlier demo jobs,
 * found by the alias {@code Type/demo}) and a one-line result.
 *
 * <p>Measured (medium size, 4 tomograms, 400 particles + 40 gold/ice picks, 2 cores shared with three other
 * builds, load average ~17): simulate 131 s, extract 6.7 s, class2d (K=6, 12 iterations) 217 s, select 0.5 s,
 * total 355 s; 2D classes protein/gold/ice purity 99.5 %; selection 380 particles, precision 100 %, recall 95 %.
 */
package org.subtomo.app.demo;
