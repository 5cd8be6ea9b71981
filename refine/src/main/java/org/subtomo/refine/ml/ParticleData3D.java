package org.subtomo.refine.ml;

import org.subtomo.core.ctf.CtfVolume;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierShift;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

/**
 * Sub-tomograms held in memory for the 3D engine: N³ volumes (X fastest), per-particle 3D CTF
 * volumes (RELION's rlnCtfImage, FFTW half layout; null = no CTF), a noise group per particle, the
 * current pose (angles in degrees and origins in Å, exactly as in the STAR files so a continued run
 * restores them bit for bit) and the gold-standard half set (1 or 2, 0 = none).
 *
 * <p>Convention: the particle is the reference rotated by A(rot, tilt, psi) and then shifted by
 * +origin, so X(k) = W(k)·V(Aᵀk)·e^{−2πik·origin/N} + noise.
 *
 * <p>The volumes and CTF volumes are either held in memory or, as RELION does, read from disc each time a
 * particle is processed ({@link Source}): then memory does not grow with the number of particles (600
 * sub-tomograms of 64³ with their CTF cubes are 0.95 GB as floats), for the cost of re-reading them once per
 * iteration from the page cache.
 */
public final class ParticleData3D {
    /** Where a particle's volume and CTF volume come from (each call may read from disc; thread-safe). */
    public interface Source {
        float[] volume(int i);
        /** null when the particles have no CTF volumes. */
        CtfVolume ctf(int i);
    }

    public final int n;
    public final double pixelSize;
    /** The volumes when held in memory; null when streamed from a {@link Source}. */
    public final float[][] volumes;
    /** The CTF volumes when held in memory; null when there are none or they are streamed. */
    public final CtfVolume[] ctf;
    public final boolean hasCtf;
    private final Source source;
    private final int count;
    public final int[] group;
    public final String[] groupNames;
    public final double[] rot, tilt, psi;
    public final double[] originX, originY, originZ;
    public final int[] randomSubset;

    public ParticleData3D(int n, double pixelSize, float[][] volumes, CtfVolume[] ctf, int[] group, String[] groupNames) {
        this.n = n; this.pixelSize = pixelSize; this.volumes = volumes; this.ctf = ctf; this.group = group; this.groupNames = groupNames;
        int np = volumes.length;
        for (float[] v : volumes) if (v.length != n * n * n) throw new IllegalArgumentException("volume is not " + n + "^3");
        if (ctf != null) for (CtfVolume c : ctf) if (c.n != n) throw new IllegalArgumentException("CTF volume is " + c.n + "^3, particles " + n + "^3");
        this.hasCtf = ctf != null;
        this.count = np;
        this.source = new Source() {
            @Override public float[] volume(int i) { return volumes[i]; }
            @Override public CtfVolume ctf(int i) { return ctf == null ? null : ctf[i]; }
        };
        rot = new double[np]; tilt = new double[np]; psi = new double[np];
        originX = new double[np]; originY = new double[np]; originZ = new double[np];
        randomSubset = new int[np];
    }

    /** {@code count} particles read from {@code source} whenever they are processed (checked by the caller). */
    public ParticleData3D(int n, double pixelSize, int count, Source source, boolean hasCtf, int[] group, String[] groupNames) {
        this.n = n; this.pixelSize = pixelSize; this.volumes = null; this.ctf = null; this.hasCtf = hasCtf; this.source = source;
        this.count = count; this.group = group; this.groupNames = groupNames;
        rot = new double[count]; tilt = new double[count]; psi = new double[count];
        originX = new double[count]; originY = new double[count]; originZ = new double[count];
        randomSubset = new int[count];
    }

    public int size() { return count; }

    /** Particle i's N³ volume (X fastest); do not modify it. */
    public float[] volume(int i) { return source.volume(i); }

    /** Particle i's 3D CTF volume, or null without CTF. */
    public CtfVolume ctf(int i) { return hasCtf ? source.ctf(i) : null; }

    /** Particle indices of half set h (1 or 2), or all particles for h = 0. */
    public int[] subset(int h) {
        if (h == 0) { int[] all = new int[size()]; for (int i = 0; i < all.length; i++) all[i] = i; return all; }
        return java.util.stream.IntStream.range(0, size()).filter(i -> randomSubset[i] == h).toArray();
    }

    /** One particle's transform, centred on its current origin and cropped to m components. */
    public record Transforms(float[] unmasked, float[] masked, float[] ctf) {}

    /**
     * Computed once per particle per iteration: the unmasked transform (M-step, σ²), the transform of
     * the copy soft-masked by {@code mask} with the background mean outside (E-step), and the CTF
     * weights, all on the first m components of comp.
     */
    public Transforms transforms(int i, FourierComponents3D comp, int m, RealGrid mask) {
        RealGrid v = new RealGrid(n, n, n, volumes != null ? volumes[i].clone() : source.volume(i));
        FourierGrid f = Fft.forward(v);
        FourierShift.shift(f, originX[i] / pixelSize, originY[i] / pixelSize, originZ[i] / pixelSize);   // RELION: centred = moved by +origin
        float[] zu = new float[2 * m], zm = new float[2 * m], w = new float[m];
        comp.gather(f, m, zu);
        RealGrid c = Fft.inverse(f);
        float[] mk = mask.data, d = c.data;
        double sum = 0, wsum = 0;
        for (int q = 0; q < d.length; q++) { double o = 1 - mk[q]; sum += o * d[q]; wsum += o; }
        float bg = wsum > 0 ? (float) (sum / wsum) : 0f;
        for (int q = 0; q < d.length; q++) d[q] = mk[q] * d[q] + (1 - mk[q]) * bg;
        comp.gather(Fft.forward(c), m, zm);
        if (hasCtf) comp.gatherReal(ctf(i).weights, m, w);
        else java.util.Arrays.fill(w, 1f);
        return new Transforms(zu, zm, w);
    }
}
