package org.subtomo.sim.model;

/** The error function, which java.lang.Math lacks. */
final class Erf {
    private Erf() {}

    /**
     * erf(x) by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): ample for float maps, and cheap,
     * which matters since the renderer calls it for every voxel edge of every Gaussian.
     */
    static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }
}
