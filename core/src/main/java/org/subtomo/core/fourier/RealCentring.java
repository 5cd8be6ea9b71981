package org.subtomo.core.fourier;

import org.subtomo.core.grid.RealGrid;

/** Real-space counterparts of the centring operations, used as the second path in tests and for display. */
public final class RealCentring {
    private RealCentring() {}

    /** Circular roll: out(r) = in(r − s), indices wrapping. */
    public static RealGrid roll(RealGrid g, int sx, int sy, int sz) {
        RealGrid out = new RealGrid(g.nx, g.ny, g.nz);
        for (int z = 0; z < g.nz; z++) {
            int oz = Math.floorMod(z + sz, g.nz);
            for (int y = 0; y < g.ny; y++) {
                int oy = Math.floorMod(y + sy, g.ny);
                int src = g.nx * (y + g.ny * z), dst = g.nx * (oy + g.ny * oz);
                for (int x = 0; x < g.nx; x++) out.data[dst + Math.floorMod(x + sx, g.nx)] = g.data[src + x];
            }
        }
        return out;
    }

    /**
     * In place: multiplies by (−1)^(x+y+z). Its transform is the original spectrum moved by half a
     * box, i.e. with the zero frequency at the centre — the classic way to display a power spectrum.
     */
    public static void checkerboard(RealGrid g) {
        int i = 0;
        for (int z = 0; z < g.nz; z++) for (int y = 0; y < g.ny; y++) {
            int start = (y + z) & 1;
            for (int x = 0; x < g.nx; x++, i++) if (((x + start) & 1) != 0) g.data[i] = -g.data[i];
        }
    }
}
