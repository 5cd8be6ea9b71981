/**
 * {@code subtomo localres} (protocol step 25): {@link org.subtomo.post.localres.LocalResolution}, a local
 * windowed, Chen-corrected FSC between the half maps inside the mask, as relion_postprocess --locres does
 * (in place of the protocol's ResMap wrapper), written as ROOT_locres.mrc (Å per voxel, for colouring the
 * sharpened map in ChimeraX), ROOT_locres_filtered.mrc ({@link org.subtomo.post.localres.LocalFilter}),
 * a histogram (PNG/SVG) and a text summary.
 *
 * <p>Measured on a 64³, 2 Å map whose halves carry signal to 16 Å (x &lt; 32) and 8 Å (x ≥ 32), where the
 * global FSC of a uniform map of each kind crosses 0.143 at 14.59 and 7.62 Å: region medians 15.44 and
 * 6.83 Å, RELION 3.1.3's 13.49 and 6.97 Å on the same input (16 Å sampling, 12 Å windows). RELION takes
 * the last shell above 0.143 of a full-box FFT per point; we interpolate the crossing in a box of about four
 * window radii, which is also why we take 1.8 s where RELION takes 6 s. Windowing spreads each shell over
 * its neighbours, so where the noise is weak the local FSC stays above 0.143 a little beyond the true cut
 * (both programs: ~7 Å for the 8 Å region).
 */
package org.subtomo.post.localres;
