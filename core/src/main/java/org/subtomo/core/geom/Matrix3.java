package org.subtomo.core.geom;

/**
 * A 3x3 matrix (rotation matrices above all), row-major: {@code m[3*row + col]}. Immutable.
 * Applied to column vectors: {@code v' = M v}.
 */
public record Matrix3(double m00, double m01, double m02,
                      double m10, double m11, double m12,
                      double m20, double m21, double m22) {

    public static final Matrix3 IDENTITY = new Matrix3(1, 0, 0, 0, 1, 0, 0, 0, 1);

    public static Matrix3 of(double[] rowMajor) {
        if (rowMajor.length != 9) throw new IllegalArgumentException("need 9 values, got " + rowMajor.length);
        double[] a = rowMajor;
        return new Matrix3(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
    }

    public double get(int row, int col) {
        return switch (3 * row + col) {
            case 0 -> m00; case 1 -> m01; case 2 -> m02;
            case 3 -> m10; case 4 -> m11; case 5 -> m12;
            case 6 -> m20; case 7 -> m21; case 8 -> m22;
            default -> throw new IndexOutOfBoundsException(row + "," + col);
        };
    }

    public double[] toArray() { return new double[]{m00, m01, m02, m10, m11, m12, m20, m21, m22}; }

    /** this * o */
    public Matrix3 times(Matrix3 o) {
        return new Matrix3(
                m00 * o.m00 + m01 * o.m10 + m02 * o.m20, m00 * o.m01 + m01 * o.m11 + m02 * o.m21, m00 * o.m02 + m01 * o.m12 + m02 * o.m22,
                m10 * o.m00 + m11 * o.m10 + m12 * o.m20, m10 * o.m01 + m11 * o.m11 + m12 * o.m21, m10 * o.m02 + m11 * o.m12 + m12 * o.m22,
                m20 * o.m00 + m21 * o.m10 + m22 * o.m20, m20 * o.m01 + m21 * o.m11 + m22 * o.m21, m20 * o.m02 + m21 * o.m12 + m22 * o.m22);
    }

    public Matrix3 transpose() { return new Matrix3(m00, m10, m20, m01, m11, m21, m02, m12, m22); }

    public double determinant() {
        return m00 * (m11 * m22 - m12 * m21) - m01 * (m10 * m22 - m12 * m20) + m02 * (m10 * m21 - m11 * m20);
    }

    /** M v, written into out (length 3); out may be v. */
    public void apply(double x, double y, double z, double[] out) {
        out[0] = m00 * x + m01 * y + m02 * z;
        out[1] = m10 * x + m11 * y + m12 * z;
        out[2] = m20 * x + m21 * y + m22 * z;
    }

    public double[] apply(double[] v) { double[] o = new double[3]; apply(v[0], v[1], v[2], o); return o; }

    /**
     * Rotation by {@code angle} radians about the unit vector {@code (ax, ay, az)} (normalised here), right-handed:
     * it turns a column vector counter-clockwise when the axis points at the viewer (Rodrigues' formula).
     */
    public static Matrix3 rotationAbout(double ax, double ay, double az, double angle) {
        double n = Math.sqrt(ax * ax + ay * ay + az * az);
        if (n == 0) throw new IllegalArgumentException("rotation axis must be non-zero");
        double x = ax / n, y = ay / n, z = az / n, c = Math.cos(angle), s = Math.sin(angle), t = 1 - c;
        return new Matrix3(
                t * x * x + c,     t * x * y - s * z, t * x * z + s * y,
                t * x * y + s * z, t * y * y + c,     t * y * z - s * x,
                t * x * z - s * y, t * y * z + s * x, t * z * z + c);
    }

    /** Mirror through the plane through the origin with normal {@code n}: I - 2 n n^T (improper, det -1). */
    public static Matrix3 mirror(double nx, double ny, double nz) {
        double n2 = nx * nx + ny * ny + nz * nz;
        if (n2 == 0) throw new IllegalArgumentException("mirror normal must be non-zero");
        double k = 2 / n2;
        return new Matrix3(1 - k * nx * nx, -k * nx * ny, -k * nx * nz,
                -k * ny * nx, 1 - k * ny * ny, -k * ny * nz,
                -k * nz * nx, -k * nz * ny, 1 - k * nz * nz);
    }

    public Matrix3 scale(double f) {
        return new Matrix3(f * m00, f * m01, f * m02, f * m10, f * m11, f * m12, f * m20, f * m21, f * m22);
    }

    public double trace() { return m00 + m11 + m22; }

    /** Frobenius norm of this - o. */
    public double frobeniusDistance(Matrix3 o) {
        // element by element in row order, without arrays: local searches call this for every candidate orientation
        double s = 0, d;
        d = m00 - o.m00; s += d * d; d = m01 - o.m01; s += d * d; d = m02 - o.m02; s += d * d;
        d = m10 - o.m10; s += d * d; d = m11 - o.m11; s += d * d; d = m12 - o.m12; s += d * d;
        d = m20 - o.m20; s += d * d; d = m21 - o.m21; s += d * d; d = m22 - o.m22; s += d * d;
        return Math.sqrt(s);
    }

    /**
     * Angle in radians of the rotation taking this to {@code o}, i.e. of {@code this^T o}; both must be
     * rotations. Uses |R1 - R2|_F = 2 sqrt(2) sin(angle/2), which stays accurate for tiny angles where the
     * usual acos((trace - 1)/2) loses half its digits.
     */
    public double angleTo(Matrix3 o) {
        double h = frobeniusDistance(o) / Math.sqrt(8);
        return 2 * Math.asin(Math.min(1, h));
    }

    /** True if orthonormal (to {@code tol}) with determinant +1. */
    public boolean isRotation(double tol) {
        return transpose().times(this).maxAbsDiff(IDENTITY) <= tol && Math.abs(determinant() - 1) <= tol;
    }

    /** Largest absolute element difference; for tolerant comparisons in tests and symmetry checks. */
    public double maxAbsDiff(Matrix3 o) {
        double d = 0;
        double[] a = toArray(), b = o.toArray();
        for (int i = 0; i < 9; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
        return d;
    }
}
