/**
 * {@code subtomo localres} (protocol step 25): {@link org.subtomo.post.localres.LocalResolution}, a local
 * windowed, Chen-corrected FSC between the half maps inside the mask, as relion_postprocess --locres does,
 * written as ROOT_locres.mrc (Å per voxel, for colouring the sharpened map in ChimeraX), a histogram
 * (PNG/SVG) and a text summary. Tested on a simulated map whose two halves carry signal to 16 and 8 Å.
 */
package org.subtomo.post.localres;
