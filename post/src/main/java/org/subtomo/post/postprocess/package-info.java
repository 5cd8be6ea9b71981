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
 * With {@code --autob_highres 0} the Guinier fit runs from {@code --autob_lowres} to the FSC resolution
 * (Rosenthal &amp; Henderson; the brief) where RELION 3.1.3 fits to Nyquist (measured: −343 vs −367 Å² on a
 * test map; −346.6 vs −347.2 Å² when both fit the same range).
 *
 * <p>Kept as RELION 3.1.3 does (measured against it): the Chen correction starts two shells above the
 * randomisation shell and is not clamped at 0; the resolution is the last shell before the corrected
 * FSC drops below 0.143; FSC weighting stops at the first shell below 1e-4; the B-factor is applied up to
 * Nyquist; no final low-pass unless {@code --low_pass} is given, even with {@code --skip_fsc_weighting}; Guinier
 * amplitudes are normalised by the voxel count; the fit's correlation is written as r².
 */
package org.subtomo.post.postprocess;
