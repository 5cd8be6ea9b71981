/**
 * {@code subtomo postprocess} (protocol step 24): {@link org.subtomo.post.postprocess.Postprocess} runs
 * RELION 3.1's post-processing on two half maps.
 *
 * <p>Steps and their classes: automask of the average of the halves ({@link org.subtomo.post.postprocess.AutoMask},
 * exact distance transform {@link org.subtomo.post.postprocess.DistanceTransform}); unmasked, masked,
 * phase-randomised masked and Chen-corrected FSC; MTF division ({@link org.subtomo.post.postprocess.MtfCurve});
 * FSC weighting ({@link org.subtomo.post.postprocess.FscWeighting}); Guinier plot and B-factor fit
 * ({@link org.subtomo.post.postprocess.GuinierPlot}); outputs named as RELION's for {@code --o ROOT}
 * ({@link org.subtomo.post.postprocess.PostprocessOutputs}, {@link org.subtomo.post.postprocess.FscXml}).
 *
 * <p>Differences from RELION 3.1.3, on purpose: FSC and Guinier sums use full-sphere (Hermitian)
 * weights; phase randomisation keeps the map exactly real; the MTF is interpolated over its first
 * interval too; relion_postprocess 3.1 dropped {@code --auto_mask} (one had to run relion_mask_create
 * first), here it is the default when no {@code --mask} is given. Plots are PNG/SVG, not EPS/PDF.
 */
package org.subtomo.post.postprocess;
