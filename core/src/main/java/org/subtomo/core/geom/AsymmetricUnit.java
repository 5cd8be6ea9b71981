package org.subtomo.core.geom;

import java.util.List;

/**
 * Which viewing directions make up one asymmetric unit of a point group, so that a sampling of directions
 * covers every view exactly once (up to ties on the boundary, which are kept, as RELION keeps them).
 *
 * <p>The mates of an orientation A are {@code A R} (R in the group's proper rotations); their viewing directions
 * are {@code R^T d}. The unit is a region containing exactly one of them for almost every d:
 * <ul>
 *   <li>Cn (and Ci, Cs, Cnv, Cnh, whose rotations are Cn): RELION's wedge rot ∈ [−180/n, 180/n]°, any tilt.</li>
 *   <li>Dn (and Dnh): RELION's rot ∈ [90 − 180/n, 90 + 180/n]°, tilt ≤ 90°.</li>
 *   <li>T, O, I1–I4: the Dirichlet (Voronoi) cell of a generic reference direction p among its mates: d is kept
 *       when no mate {@code R^T d} is closer to p than d is. RELION instead uses hand-written polygon tests from
 *       XMIPP; both tile the sphere with |G| copies, so the sampling density is the same, but the region's shape
 *       (and so which copy of a view is listed) differs.</li>
 * </ul>
 * Improper operators are ignored: they do not relate orientations of a chiral object (see {@link SymmetryGroup}).
 */
public final class AsymmetricUnit {
    private static final double TIE = 1e-9;

    private enum Kind { CYCLIC, DIHEDRAL, DIRICHLET }

    private final SymmetryGroup group;
    private final List<Matrix3> rotations;
    private final Kind kind;
    private final int n;             // rotational order about z for CYCLIC / DIHEDRAL
    private final double[][] mates;  // for DIRICHLET: R p for every rotation R (identity first)

    public AsymmetricUnit(SymmetryGroup group) {
        this.group = group;
        this.rotations = group.rotations();
        String name = group.name();
        int m = rotations.size();
        if (name.startsWith("C")) { kind = Kind.CYCLIC; n = m; }
        else if (name.startsWith("D")) { kind = Kind.DIHEDRAL; n = m / 2; }
        else { kind = Kind.DIRICHLET; n = 0; }
        if (kind == Kind.DIRICHLET) {
            // Any direction off every symmetry axis works; this one is off all axes of T, O and I1-I4.
            double[] p = Euler.viewingDirection(Math.toRadians(11), Math.toRadians(17));
            mates = new double[m][];
            for (int i = 0; i < m; i++) mates[i] = rotations.get(i).apply(p);
            for (int i = 1; i < m; i++)
                if (Euler.directionAngle(mates[0], mates[i]) < 1e-3) throw new IllegalStateException("reference direction on an axis of " + name);
        } else {
            mates = null;
        }
    }

    public SymmetryGroup group() { return group; }

    /** Whether the direction (rot, tilt) (radians) lies in the unit. */
    public boolean contains(double rot, double tilt) {
        return switch (kind) {
            case CYCLIC -> Math.abs(wrap(rot)) <= Math.PI / n + TIE;
            case DIHEDRAL -> Math.abs(wrap(rot - Math.PI / 2)) <= Math.PI / n + TIE && tilt <= Math.PI / 2 + TIE;
            case DIRICHLET -> containsDirection(Euler.viewingDirection(rot, tilt));
        };
    }

    /** Whether the unit direction d lies in the unit. */
    public boolean containsDirection(double[] d) {
        if (kind != Kind.DIRICHLET) {
            double tilt = Math.atan2(Math.hypot(d[0], d[1]), d[2]);
            return contains(Math.atan2(d[1], d[0]), tilt);
        }
        // d is closest to p among its mates iff p is closest to d among p's mates (R orthogonal: (R^T d).p = d.(R p)).
        double own = dot(d, mates[0]);
        for (int i = 1; i < mates.length; i++) if (dot(d, mates[i]) > own + TIE) return false;
        return true;
    }

    /** The mate {@code A R} of orientation A whose viewing direction lies in the unit. */
    public Matrix3 toUnit(Matrix3 a) {
        for (Matrix3 r : rotations) {
            Matrix3 mate = a.times(r);
            if (containsDirection(new double[]{mate.m20(), mate.m21(), mate.m22()})) return mate;
        }
        throw new IllegalStateException("no mate of the orientation lies in the asymmetric unit of " + group.name());
    }

    private static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

    /** Angle wrapped to (−π, π]. */
    private static double wrap(double a) {
        double w = Math.IEEEremainder(a, 2 * Math.PI);
        return w == -Math.PI ? Math.PI : w;
    }
}
