package org.subtomo.core.geom;

/**
 * Geometry of one image of an aligned tilt series and the tomogram reconstructed from it
 * (IMOD's convention after alignment: the tilt axis is the Y axis of both the image and the tomogram).
 *
 * <p>A point at {@code (x, y, z)} relative to the tomogram centre {@code (nx/2, ny/2, nz/2)} projects
 * in the image of tilt θ to {@code u = x cosθ + z sinθ}, {@code v = y} relative to the image centre,
 * and lies at height {@code h = −x sinθ + z cosθ} along the beam (positive towards the electron
 * source). The beam direction in tomogram coordinates is therefore {@code (−sinθ, 0, cosθ)}, and the
 * central section of tilt θ in Fourier space is spanned by {@code (cosθ, 0, sinθ)} (image kx) and
 * {@code (0, 1, 0)} (image ky). Simulation, back-projection, per-particle defocus and the 3D CTF
 * models all use this one class, so they agree by construction.
 *
 * <p>Defocus: a particle above the tilt-image's reference height is closer to focus, so its
 * defocus is {@code Δf − h·pixel} ({@link #particleDefocus}). This is the sign RELION's
 * relion_prepare_subtomograms.py uses (it adds {@code x_img·sinθ}, which equals {@code −h} for a
 * particle on the mid-plane); unlike that script we use the full height, including the particle's
 * own Z, so particles off the mid-plane get their true defocus too.
 */
public record TiltGeometry(double tiltDeg, double cos, double sin) {
    public static TiltGeometry of(double tiltDeg) {
        double t = Math.toRadians(tiltDeg);
        return new TiltGeometry(tiltDeg, Math.cos(t), Math.sin(t));
    }

    /** Image coordinate u (perpendicular to the tilt axis) of a point relative to the tomogram centre. */
    public double u(double x, double z) { return x * cos + z * sin; }

    /** Height along the beam of a point relative to the tomogram centre (positive towards the source). */
    public double height(double x, double z) { return -x * sin + z * cos; }

    /**
     * Defocus (Å, positive = underfocus) of a point at (x, z) voxels relative to the tomogram
     * centre, in a tilt image whose defocus at the centre is {@code centreDefocus}.
     */
    public double particleDefocus(double centreDefocus, double x, double z, double pixelSize) {
        return centreDefocus - height(x, z) * pixelSize;
    }

    /** Tomogram-frame direction of image Fourier axis kx: (cosθ, 0, sinθ). */
    public double[] imageXAxis() { return new double[]{cos, 0, sin}; }

    /** Beam direction in tomogram coordinates: (−sinθ, 0, cosθ). */
    public double[] beamDirection() { return new double[]{-sin, 0, cos}; }

    /**
     * Rotation that takes tomogram coordinates to the tilted frame in which the beam is +Z:
     * {@code (u, v, h) = M (x, y, z)}.
     */
    public Matrix3 specimenToBeam() {
        return new Matrix3(cos, 0, sin, 0, 1, 0, -sin, 0, cos);
    }
}
