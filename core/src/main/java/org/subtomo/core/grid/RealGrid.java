package org.subtomo.core.grid;

import java.util.Arrays;

/**
 * A real-space 2D image (nz == 1) or 3D volume of single-precision floats.
 *
 * <p>Layout (project convention, RELION's): X fastest, {@code index = x + nx*(y + ny*z)}; the
 * origin of a centred object sits at voxel {@code (nx/2, ny/2, nz/2)}. The array is exposed on
 * purpose: hot loops index it directly.
 */
public final class RealGrid {
    public final int nx, ny, nz;
    public final float[] data;

    public RealGrid(int nx, int ny, int nz, float[] data) {
        if (nx < 1 || ny < 1 || nz < 1) throw new IllegalArgumentException("grid size must be >= 1: " + nx + "x" + ny + "x" + nz);
        if ((long) nx * ny * nz != data.length)
            throw new IllegalArgumentException("grid " + nx + "x" + ny + "x" + nz + " needs " + ((long) nx * ny * nz) + " values, got " + data.length);
        this.nx = nx; this.ny = ny; this.nz = nz; this.data = data;
    }

    public RealGrid(int nx, int ny, int nz) { this(nx, ny, nz, new float[checkedSize(nx, ny, nz)]); }

    public static RealGrid image(int nx, int ny) { return new RealGrid(nx, ny, 1); }
    public static RealGrid volume(int nx, int ny, int nz) { return new RealGrid(nx, ny, nz); }
    public static RealGrid cube(int n) { return new RealGrid(n, n, n); }

    private static int checkedSize(int nx, int ny, int nz) {
        long n = (long) nx * ny * nz;
        if (n > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("grid too large for one array: " + nx + "x" + ny + "x" + nz);
        return (int) n;
    }

    public boolean is2D() { return nz == 1; }
    public int size() { return data.length; }
    public int index(int x, int y, int z) { return x + nx * (y + ny * z); }
    public float get(int x, int y, int z) { return data[x + nx * (y + ny * z)]; }
    public void set(int x, int y, int z, float v) { data[x + nx * (y + ny * z)] = v; }
    public float get(int x, int y) { return data[x + nx * y]; }
    public void set(int x, int y, float v) { data[x + nx * y] = v; }

    public boolean sameShape(RealGrid o) { return nx == o.nx && ny == o.ny && nz == o.nz; }
    public RealGrid copy() { return new RealGrid(nx, ny, nz, data.clone()); }
    public void fill(float v) { Arrays.fill(data, v); }

    public double sum() { double s = 0; for (float v : data) s += v; return s; }
    public double mean() { return sum() / data.length; }
    public double stddev() {
        double m = mean(), s = 0;
        for (float v : data) { double d = v - m; s += d * d; }
        return Math.sqrt(s / data.length);
    }

    @Override public String toString() { return "RealGrid[" + nx + "x" + ny + "x" + nz + "]"; }
}
