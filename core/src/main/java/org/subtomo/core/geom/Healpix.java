package org.subtomo.core.geom;

/**
 * HEALPix pixelisation of the sphere (Górski et al. 2005, ApJ 622:759), NESTED numbering — the scheme RELION
 * uses, so pixel numbers of a coarse order are the parents of {@code 4 p .. 4 p + 3} at the next order (handy
 * for oversampling). Implemented from the paper's formulas: 12 base faces, each an {@code nside x nside} grid
 * whose (ix, iy) bits are interleaved into the pixel number.
 *
 * <p>Angles: colatitude θ ∈ [0, π] (z = cos θ) and longitude φ ∈ [0, 2π) in the paper; {@link #rot} and
 * {@link #tilt} give RELION's view (rot = φ wrapped to (−π, π], tilt = θ).
 */
public final class Healpix {
    // Ring index (in units of nside) of each base face's southernmost corner, and its longitude (in units of π/4).
    private static final int[] JRLL = {2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4};
    private static final int[] JPLL = {1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7};
    public static final int MAX_ORDER = 13;

    private final int order, nside;

    public Healpix(int order) {
        if (order < 0 || order > MAX_ORDER) throw new IllegalArgumentException("HEALPix order must be 0.." + MAX_ORDER + ": " + order);
        this.order = order;
        this.nside = 1 << order;
    }

    public int order() { return order; }
    public int nside() { return nside; }
    public int numPixels() { return 12 * nside * nside; }

    /** (z = cos θ, φ) of pixel p's centre. */
    public double[] zPhi(int p) {
        if (p < 0 || p >= numPixels()) throw new IndexOutOfBoundsException("pixel " + p + " of " + numPixels());
        int npface = nside * nside;
        int face = p >> (2 * order);
        int ipf = p & (npface - 1);
        int ix = compressBits(ipf), iy = compressBits(ipf >> 1);
        int jr = JRLL[face] * nside - ix - iy - 1; // ring number, 1 .. 4 nside - 1, north to south
        int nr, kshift;
        double z;
        double fact2 = 4.0 / numPixels();
        if (jr < nside) {                 // north polar cap: ring jr has 4 jr pixels
            nr = jr; z = 1 - nr * (double) nr * fact2; kshift = 0;
        } else if (jr > 3 * nside) {      // south polar cap
            nr = 4 * nside - jr; z = nr * (double) nr * fact2 - 1; kshift = 0;
        } else {                          // equatorial belt: 4 nside pixels per ring, alternate rings offset by half
            nr = nside; z = (2 * nside - jr) * 2.0 / (3 * nside); kshift = (jr - nside) & 1;
        }
        int jp = (JPLL[face] * nr + ix - iy + 1 + kshift) / 2; // pixel number within the ring, 1 .. 4 nr
        if (jp > 4 * nside) jp -= 4 * nside;
        if (jp < 1) jp += 4 * nside;
        double phi = (jp - (kshift + 1) * 0.5) * (Math.PI / 2 / nr);
        return new double[]{z, phi};
    }

    /** Unit vector of pixel p's centre. */
    public double[] direction(int p) {
        double[] zp = zPhi(p);
        double s = Math.sqrt(Math.max(0, (1 - zp[0]) * (1 + zp[0])));
        return new double[]{s * Math.cos(zp[1]), s * Math.sin(zp[1]), zp[0]};
    }

    /** RELION's rot of pixel p (radians, in (−π, π]). */
    public double rot(int p) {
        double phi = zPhi(p)[1];
        return phi > Math.PI ? phi - 2 * Math.PI : phi;
    }

    /** RELION's tilt of pixel p (radians, in [0, π]). */
    public double tilt(int p) { return Math.acos(zPhi(p)[0]); }

    /** The pixel containing the direction (x, y, z) (need not be normalised). */
    public int pixelOf(double x, double y, double zz) {
        double r = Math.sqrt(x * x + y * y + zz * zz);
        double z = zz / r, za = Math.abs(z);
        double phi = Math.atan2(y, x);
        double tt = phi * (2 / Math.PI);     // longitude in units of π/2
        if (tt < 0) tt += 4;
        if (tt >= 4) tt -= 4;
        int face, ix, iy;
        if (za <= 2.0 / 3) {
            // Equatorial: coordinates along the two families of face edges (ascending jp, descending jm).
            double t1 = nside * (0.5 + tt), t2 = nside * z * 0.75;
            int jp = (int) (t1 - t2), jm = (int) (t1 + t2);
            int ifp = jp >> order, ifm = jm >> order;
            face = ifp == ifm ? (ifp | 4) : (ifp < ifm ? ifp : ifm + 8);
            ix = jm & (nside - 1);
            iy = nside - (jp & (nside - 1)) - 1;
        } else {
            int ntt = Math.min(3, (int) tt);
            double tp = tt - ntt;
            double tmp = nside * Math.sqrt(3 * (1 - za));
            int jp = Math.min(nside - 1, (int) (tp * tmp)), jm = Math.min(nside - 1, (int) ((1 - tp) * tmp));
            if (z >= 0) { face = ntt; ix = nside - jm - 1; iy = nside - jp - 1; }
            else { face = ntt + 8; ix = jp; iy = jm; }
        }
        return (face << (2 * order)) + spreadBits(ix) + (spreadBits(iy) << 1);
    }

    /** The even bits of v packed together: 0b0101 -> 0b11. */
    private static int compressBits(int v) {
        int r = 0;
        for (int b = 0; b < 16; b++) r |= ((v >> (2 * b)) & 1) << b;
        return r;
    }

    /** Inverse of {@link #compressBits}: bit b of v goes to bit 2b. */
    private static int spreadBits(int v) {
        int r = 0;
        for (int b = 0; b < 16; b++) r |= ((v >> b) & 1) << (2 * b);
        return r;
    }
}
