package org.subtomo.sim.sample;

import org.subtomo.core.geom.Matrix3;

import java.util.random.RandomGenerator;

/** Rotations drawn uniformly from SO(3) (Haar measure). */
public final class RandomRotations {
    private RandomRotations() {}

    /**
     * Shoemake (1992): a unit quaternion from three uniform numbers is uniform on S³, so its rotation
     * is uniform on SO(3). (Uniform Euler angles would not be: they crowd the poles.)
     */
    public static Matrix3 uniform(RandomGenerator rng) {
        double u1 = rng.nextDouble(), u2 = rng.nextDouble(), u3 = rng.nextDouble();
        double a = Math.sqrt(1 - u1), b = Math.sqrt(u1);
        double w = a * Math.sin(2 * Math.PI * u2), x = a * Math.cos(2 * Math.PI * u2);
        double y = b * Math.sin(2 * Math.PI * u3), z = b * Math.cos(2 * Math.PI * u3);
        return fromQuaternion(w, x, y, z);
    }

    static Matrix3 fromQuaternion(double w, double x, double y, double z) {
        return new Matrix3(
                1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
                2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
                2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y));
    }
}
