package org.subtomo.core.geom;

import java.util.ArrayList;
import java.util.List;

/**
 * RELION's 3D orientation sampling at one HEALPix order: viewing directions at the {@link Healpix} (NESTED)
 * pixel centres × in-plane psi angles.
 *
 * <ul>
 *   <li>Directions: 12·4^order pixel centres; rot = φ wrapped to (−180°, 180°], tilt = θ (RELION's mapping).</li>
 *   <li>Angular step: 60°/2^order (RELION's 360/(6·Nside): 60, 30, 15, 7.5, 3.75, 1.875, ...).</li>
 *   <li>Psi: the same step over [0°, 360°): 6·2^order values {@code psi_i = i·step}.</li>
 *   <li>Symmetry: the global list keeps only directions in the group's {@link AsymmetricUnit}; psi always
 *       covers the full circle (as in RELION).</li>
 * </ul>
 * Angles are radians here, like everywhere inside the code.
 */
public final class HealpixSampling {

    /** One sampled orientation: its HEALPix pixel (direction) and psi index, and the resulting angles. */
    public record Orientation(int pixel, int psiIndex, Euler angles) {
        public Matrix3 matrix() { return angles.toMatrix(); }
    }

    /** An orientation found by a local search, with its (symmetry-minimised) angular distance to the centre. */
    public record Neighbour(Orientation orientation, double distance) {}

    private final Healpix healpix;
    private final double[][] directions; // unit vectors, by pixel
    private final double[] rots, tilts;

    public HealpixSampling(int order) {
        this.healpix = new Healpix(order);
        int n = healpix.numPixels();
        directions = new double[n][];
        rots = new double[n];
        tilts = new double[n];
        for (int p = 0; p < n; p++) {
            directions[p] = healpix.direction(p);
            rots[p] = healpix.rot(p);
            tilts[p] = healpix.tilt(p);
        }
    }

    public int order() { return healpix.order(); }
    public Healpix healpix() { return healpix; }
    public int numDirections() { return directions.length; }

    /** RELION's angular step of this order, radians: 60°/2^order. */
    public double angularStep() { return stepForOrder(order()); }

    public static double stepForOrder(int order) { return Math.toRadians(60.0 / (1 << order)); }

    /** The smallest order whose step is at most {@code step} radians (e.g. 7.5° -> 3). */
    public static int orderForStep(double step) {
        int o = 0;
        while (stepForOrder(o) > step * (1 + 1e-9)) o++;
        return o;
    }

    public int numPsi() { return 6 << order(); }

    /** Psi angles, radians: i·step for i in 0 .. numPsi − 1. */
    public double[] psiAngles() {
        double[] psi = new double[numPsi()];
        for (int i = 0; i < psi.length; i++) psi[i] = i * 2 * Math.PI / psi.length;
        return psi;
    }

    public double rot(int pixel) { return rots[pixel]; }
    public double tilt(int pixel) { return tilts[pixel]; }
    public double[] direction(int pixel) { return directions[pixel].clone(); }

    /** Pixels whose directions lie in the asymmetric unit of the group, in pixel order. */
    public int[] directionsInUnit(SymmetryGroup group) {
        AsymmetricUnit unit = new AsymmetricUnit(group);
        return java.util.stream.IntStream.range(0, directions.length).filter(p -> unit.contains(rots[p], tilts[p])).toArray();
    }

    /** The global search grid: directions in the asymmetric unit × all psi. Size = directions kept × numPsi(). */
    public List<Orientation> orientations(SymmetryGroup group) {
        int[] pixels = directionsInUnit(group);
        double[] psi = psiAngles();
        long total = (long) pixels.length * psi.length;
        if (total > 50_000_000L)
            throw new IllegalArgumentException("order " + order() + " gives " + total + " orientations: too many to list; iterate directionsInUnit() x psiAngles()");
        List<Orientation> out = new ArrayList<>((int) total);
        for (int p : pixels) for (int i = 0; i < psi.length; i++) out.add(new Orientation(p, i, new Euler(rots[p], tilts[p], psi[i])));
        return out;
    }

    /**
     * Local search: every orientation of this order (all directions, not only the asymmetric unit, all psi) whose
     * rotation distance to {@code centre}, minimised over the group's symmetry mates, is at most {@code radius}
     * radians. Sorted by pixel then psi.
     *
     * <p>RELION gates direction and psi separately (each within 3σ of the prior, σ = {@code --sigma_ang}); here the
     * gate is the single, frame-independent rotation angle, which behaves the same at the poles as elsewhere. For
     * a σ-based search pass radius = 3σ and weight by the returned distances.
     */
    public List<Neighbour> localOrientations(Matrix3 centre, double radius, SymmetryGroup group) {
        List<Matrix3> mates = new ArrayList<>();
        for (Matrix3 r : group.rotations()) mates.add(centre.times(r));
        double[] psi = psiAngles();
        List<Neighbour> out = new ArrayList<>();
        for (int p = 0; p < directions.length; p++) {
            // Cheap pre-filter: the viewing direction moves by at most the rotation angle.
            boolean near = false;
            for (Matrix3 m : mates)
                if (Euler.directionAngle(directions[p], new double[]{m.m20(), m.m21(), m.m22()}) <= radius + 1e-12) { near = true; break; }
            if (!near) continue;
            for (int i = 0; i < psi.length; i++) {
                Matrix3 a = Euler.toMatrix(rots[p], tilts[p], psi[i]);
                double d = Double.POSITIVE_INFINITY;
                for (Matrix3 m : mates) d = Math.min(d, m.angleTo(a));
                if (d <= radius) out.add(new Neighbour(new Orientation(p, i, new Euler(rots[p], tilts[p], psi[i])), d));
            }
        }
        return out;
    }
}
