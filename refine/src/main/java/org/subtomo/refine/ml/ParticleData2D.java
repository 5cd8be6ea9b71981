package org.subtomo.refine.ml;

import org.subtomo.core.ctf.CtfParams;

/**
 * The experimental 2D images the engine works on, held in memory: N×N float images (X fastest),
 * the pixel size, a noise group per particle, optional CTF parameters, and the current offsets in Å
 * (RELION's rlnOriginXAngst/YAngst: the particle is the reference shifted by +origin).
 * 3D: sub-tomograms plus per-particle 3D CTF volumes, same layout.
 */
public final class ParticleData2D {
    public final int n;
    public final double pixelSize;
    public final float[][] images;
    public final int[] group;
    public final String[] groupNames;
    /** Per-particle CTF, or null when the CTF is not used. */
    public final CtfParams[] ctf;
    public final double[] originXAngst, originYAngst;

    public ParticleData2D(int n, double pixelSize, float[][] images, int[] group, String[] groupNames, CtfParams[] ctf,
                          double[] originXAngst, double[] originYAngst) {
        this.n = n; this.pixelSize = pixelSize; this.images = images; this.group = group; this.groupNames = groupNames;
        this.ctf = ctf; this.originXAngst = originXAngst; this.originYAngst = originYAngst;
        for (float[] im : images) if (im.length != n * n) throw new IllegalArgumentException("image is not " + n + "x" + n);
    }

    public int size() { return images.length; }
}
