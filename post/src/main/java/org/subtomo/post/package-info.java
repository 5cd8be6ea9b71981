/**
 * Post-processing of a gold-standard refinement (protocol steps 24-25).
 *
 * <p>{@link org.subtomo.post.HalfMaps} reads and checks the two unfiltered half maps;
 * {@link org.subtomo.post.PhaseRandomisation} and {@link org.subtomo.post.ChenCorrection} give the
 * mask-corrected FSC (Chen et al. 2013). Sub-packages: {@code postprocess} (automask, MTF, FSC
 * weighting, Guinier B-factor, sharpened maps, STAR/XML/plots) and {@code localres} (local windowed
 * FSC map).
 */
package org.subtomo.post;
