package org.subtomo.core.geom;

/**
 * RELION's Euler angles (rot, tilt, psi): ZYZ, in <b>radians</b> here (files hold degrees: use
 * {@link #ofDegrees} and {@link #rotDeg()} etc. at the I/O boundary).
 *
 * <h2>The matrix</h2>
 * {@link #toMatrix()} is RELION's {@code Euler_angles2matrix}: {@code A = Rz(psi) Ry(tilt) Rz(rot)} where the
 * elementary matrices are <i>passive</i> (coordinate-frame) rotations,
 * {@code Rz(a) = [[c, s, 0], [-s, c, 0], [0, 0, 1]]}, {@code Ry(b) = [[c, 0, -s], [0, 1, 0], [s, 0, c]]}:
 * <pre>
 *   row 0: ( cψ cθ cφ − sψ sφ,   cψ cθ sφ + sψ cφ,  −cψ sθ)
 *   row 1: (−sψ cθ cφ − cψ sφ,  −sψ cθ sφ + cψ cφ,   sψ sθ)
 *   row 2: (     sθ cφ,               sθ sφ,            cθ )     φ = rot, θ = tilt, ψ = psi
 * </pre>
 *
 * <h2>What A does</h2>
 * Applied to a column vector, {@code A} maps <i>reference</i> (map) coordinates to the particle's frame:
 * {@code x_particle = A x_reference}. The particle is the reference rotated by A — its Fourier sample at k equals
 * the reference's at {@code A^T k}, and in real space {@code particle(x) = reference(A^T x)}. A 2D particle image
 * is the projection of that rotated map along the particle frame's z; the corresponding direction in the
 * reference is {@code A^T e_z} = row 2 of A = {@link #viewingDirection()} = (cos rot sin tilt, sin rot sin tilt,
 * cos tilt). So (rot, tilt) pick the projection direction on the sphere and psi spins the image in-plane.
 *
 * <h2>Symmetry</h2>
 * If the reference is invariant under the rotation R ({@code ref(R x) = ref(x)}) then A and {@code A R} describe
 * the same particle: symmetry mates are products on the <i>right</i> (RELION's {@code L A R} with L = I).
 */
public record Euler(double rot, double tilt, double psi) {

    /** sin(tilt) below this is treated as tilt = 0 or 180 (gimbal lock), where only rot + psi (or psi − rot) is defined. */
    static final double GIMBAL_EPS = 1e-9;

    public static Euler ofDegrees(double rotDeg, double tiltDeg, double psiDeg) {
        return new Euler(Math.toRadians(rotDeg), Math.toRadians(tiltDeg), Math.toRadians(psiDeg));
    }

    public double rotDeg() { return Math.toDegrees(rot); }
    public double tiltDeg() { return Math.toDegrees(tilt); }
    public double psiDeg() { return Math.toDegrees(psi); }

    /** RELION's Euler_angles2matrix for these angles (see the class comment for the convention). */
    public Matrix3 toMatrix() { return toMatrix(rot, tilt, psi); }

    public static Matrix3 toMatrix(double rot, double tilt, double psi) {
        double ca = Math.cos(rot), sa = Math.sin(rot);
        double cb = Math.cos(tilt), sb = Math.sin(tilt);
        double cg = Math.cos(psi), sg = Math.sin(psi);
        double cc = cb * ca, cs = cb * sa;
        return new Matrix3(
                cg * cc - sg * sa, cg * cs + sg * ca, -cg * sb,
                -sg * cc - cg * sa, -sg * cs + cg * ca, sg * sb,
                sb * ca, sb * sa, cb);
    }

    /**
     * Angles of a rotation matrix, inverse of {@link #toMatrix}. Conventions of the result: tilt in [0, π];
     * rot and psi in (−π, π]. At tilt 0 or π (gimbal lock) rot is set to 0 and psi carries the whole
     * in-plane angle, as RELION does.
     */
    public static Euler fromMatrix(Matrix3 a) {
        // Row 2 = (sθ cφ, sθ sφ, cθ) and column 2 = (−cψ sθ, sψ sθ, cθ): with sθ >= 0 both give their angle by atan2.
        double sinTilt = Math.hypot(a.m02(), a.m12());
        if (sinTilt > GIMBAL_EPS) {
            double rot = Math.atan2(a.m21(), a.m20());
            double psi = Math.atan2(a.m12(), -a.m02());
            double tilt = Math.atan2(sinTilt, a.m22());
            return new Euler(rot, tilt, psi);
        }
        if (a.m22() > 0) {
            // tilt 0: A = Rz(psi + rot); row 0 = (c, s, 0).
            return new Euler(0, 0, Math.atan2(a.m01(), a.m00()));
        }
        // tilt π, rot 0: row 0 = (−cψ, sψ, 0).
        return new Euler(0, Math.PI, Math.atan2(a.m01(), -a.m00()));
    }

    /** Unit vector (in reference coordinates) along which this orientation projects: row 2 of the matrix. */
    public double[] viewingDirection() { return viewingDirection(rot, tilt); }

    public static double[] viewingDirection(double rot, double tilt) {
        double st = Math.sin(tilt);
        return new double[]{Math.cos(rot) * st, Math.sin(rot) * st, Math.cos(tilt)};
    }

    /**
     * The orientation with matrix {@code this.A · other.A}: the particle frame reached by rotating by
     * {@code other} first and by this second. RELION's perturbation of an orientation A by P is {@code A·P},
     * i.e. {@code a.compose(p)}.
     */
    public Euler compose(Euler other) { return fromMatrix(toMatrix().times(other.toMatrix())); }

    /** Angle (radians, in [0, π]) of the rotation between two orientations: the angle of A1^T A2. */
    public static double distance(Matrix3 a1, Matrix3 a2) { return a1.angleTo(a2); }

    public double distanceTo(Euler o) { return distance(toMatrix(), o.toMatrix()); }

    /**
     * Symmetry-aware distance: the smallest angle between A1 and any mate {@code A2 R}, R in the group's proper
     * rotations (improper operators do not map orientations onto orientations).
     */
    public static double distance(Matrix3 a1, Matrix3 a2, SymmetryGroup group) {
        double best = Double.POSITIVE_INFINITY;
        for (Matrix3 r : group.rotations()) best = Math.min(best, a1.angleTo(a2.times(r)));
        return best;
    }

    /** Angle (radians) between the viewing directions of two orientations, ignoring psi. */
    public static double directionAngle(double[] d1, double[] d2) {
        // atan2(|d1 x d2|, d1.d2) is accurate at all angles, unlike acos near 0 and π.
        double cx = d1[1] * d2[2] - d1[2] * d2[1], cy = d1[2] * d2[0] - d1[0] * d2[2], cz = d1[0] * d2[1] - d1[1] * d2[0];
        return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), d1[0] * d2[0] + d1[1] * d2[1] + d1[2] * d2[2]);
    }

    @Override public String toString() {
        return String.format("Euler[rot=%.4f°, tilt=%.4f°, psi=%.4f°]", rotDeg(), tiltDeg(), psiDeg());
    }
}
