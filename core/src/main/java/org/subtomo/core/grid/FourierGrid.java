package org.subtomo.core.grid;

/**
 * The Fourier transform of a {@link RealGrid} in FFTW's r2c half layout: only {@code hx = nx/2+1}
 * columns along X are stored (Hermitian symmetry gives the rest), interleaved (re, im) pairs,
 * {@code index = 2*(kx + hx*(ky + ny*kz))}. Frequencies along Y and Z wrap: row {@code ky} holds
 * frequency {@code ky < ny/2+1 ? ky : ky - ny} (see {@link #freqY}).
 *
 * <p>Scaling convention (one place, used by every backend): forward is unnormalised, inverse
 * multiplies by 1/N so that inverse(forward(x)) == x.
 *
 * <p>{@code nx, ny, nz} are the dimensions of the <em>real</em> grid this transform belongs to.
 */
public final class FourierGrid {
    public final int nx, ny, nz;
    /** Stored columns along X: nx/2 + 1. */
    public final int hx;
    public final float[] data;

    public FourierGrid(int nx, int ny, int nz, float[] data) {
        this.nx = nx; this.ny = ny; this.nz = nz; this.hx = nx / 2 + 1;
        long need = 2L * hx * ny * nz;
        if (need != data.length)
            throw new IllegalArgumentException("Fourier grid of " + nx + "x" + ny + "x" + nz + " needs " + need + " floats, got " + data.length);
        this.data = data;
    }

    public FourierGrid(int nx, int ny, int nz) { this(nx, ny, nz, new float[Math.toIntExact(2L * (nx / 2 + 1) * ny * nz)]); }

    /** Number of complex values stored. */
    public int complexSize() { return hx * ny * nz; }
    /** Index of the real part of (kx, ky, kz) in {@link #data}; ky, kz are array rows, not signed frequencies. */
    public int index(int kx, int ky, int kz) { return 2 * (kx + hx * (ky + ny * kz)); }
    public float re(int kx, int ky, int kz) { return data[index(kx, ky, kz)]; }
    public float im(int kx, int ky, int kz) { return data[index(kx, ky, kz) + 1]; }

    /** Signed frequency (cycles per box) of row {@code ky}. */
    public int freqY(int ky) { return ky <= ny / 2 ? ky : ky - ny; }
    /** Signed frequency (cycles per box) of slab {@code kz}. */
    public int freqZ(int kz) { return kz <= nz / 2 ? kz : kz - nz; }
    /** Array row holding signed frequency {@code fy} (inverse of {@link #freqY}). */
    public int rowY(int fy) { return fy >= 0 ? fy : fy + ny; }
    public int rowZ(int fz) { return fz >= 0 ? fz : fz + nz; }

    public boolean sameShape(FourierGrid o) { return nx == o.nx && ny == o.ny && nz == o.nz; }
    public FourierGrid copy() { return new FourierGrid(nx, ny, nz, data.clone()); }

    @Override public String toString() { return "FourierGrid[" + nx + "x" + ny + "x" + nz + " half]"; }
}
