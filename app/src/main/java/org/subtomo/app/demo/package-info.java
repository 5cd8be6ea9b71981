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
 * <p>The default runs the whole protocol ({@code --quick}: only the 2D part above): prepare before extract (which then
 * reads its particles_subtomo.star), then refine3d from {@code --ref None} with the 3D CTF models (scored against the
 * truth map and poses with {@code refine.synth.Refine3dScore}), class3d (K 2, poses kept; scored against the
 * simulator's two states), postprocess and localres. refine3d starts coarse ({@code --healpix_order 1 --maxsig 100
 * --incr_size 6 --auto_local_healpix_order 2}, see the refine3d package notes): with RELION's defaults its first
 * iteration alone was ~35 CPU min. postprocess sharpens with an ad hoc B-factor: at ~20 Å there is no Guinier range.
 *
 * <p>Measured, medium size, fresh project, {@code --j 2}, 2 cores shared with five other engineers (load average
 * 10-21 during the run, the demo got 39% of one core on average): 1688 s wall, 668 s CPU (user+sys, {@code
 * /usr/bin/time -v}), peak RSS 2.4 GB. Per stage, wall / CPU: simulate 84 / 30 s, prepare 290 / 99 s, extract 6 / 2 s,
 * class2d 92 / 22 s, select 1 / 0 s, refine3d 1178 / 496 s (15 iterations), class3d 33 / 16 s, postprocess 0.4 / 0 s,
 * localres 3 / 2 s. 668 CPU s is 5.6 minutes of both cores, so on an idle 2-core machine the demo fits well within
 * 15 minutes (its wall time there was not measurable on this machine). Results: 2D purity 99.5 %; selection 379
 * particles, precision 100 %, recall 94.8 %; refine3d half maps FSC 0.143 at 18.8 Å (unfiltered), vs truth FSC 0.5
 * at 19.3 Å and 0.143 at 11.1 Å, median angular error 5.9°; class3d state accuracy 100 % (115 / 264); postprocess
 * 20.0 Å; all outputs read by relion_star_handler and relion_image_handler --stats (RELION 3.1.3). Tiny size
 * ({@code DemoFullTest}, CI): 293 s wall at load ~20 (~75 CPU s), refine3d vs truth FSC 0.5 at 35.0 Å.
 *
 * <p>Again after merging main at 15:50 (new CTF estimation, refine3d streaming): 1120 s wall at load 3-12, 946 s CPU,
 * peak RSS 2.0 GB; prepare 41 / 28 s, class2d 31 / 21 s, selection 399 particles (precision 100 %, recall 99.8 %),
 * refine3d 983 / 849 s (more CPU than before the merge: 399 particles, and refine3d's changes), vs truth FSC 0.5 at
 * 15.3 Å, median angular error 3.1°; class3d 100 % (120 / 279); postprocess 16.0 Å. 946 CPU s is 7.9 minutes of both
 * cores: the 15-minute budget holds on an idle machine only if refine3d keeps both cores busy (here it averaged 0.86).
 * DemoFullTest after that merge: 101 s wall at load ~12, refine3d vs truth 32.4 Å.
 */
package org.subtomo.app.demo;
