package org.subtomo.sim.physics;

import org.subtomo.core.ctf.ElectronWavelength;

/** Constants that turn a Coulomb-potential map into the phase shift of the electron wave. */
public final class ElectronOptics {
    private ElectronOptics() {}

    /**
     * h²/(2π m₀ e) in V·Å²: the potential (volts) of a map whose values are electron form factors
     * per volume (Å per Å³), as {@code DensityRenderer} produces (Kirkland, Advanced Computing in
     * Electron Microscopy, eq. 5.9).
     */
    public static final double VOLTS_PER_DENSITY = 47.878;

    /** Rest energy of the electron, eV. */
    static final double M0C2 = 510_998.95;

    /**
     * Interaction constant σ (rad per V·Å): phase shift per projected potential,
     * {@code σ = 2π/(λV) · (m₀c² + eV)/(2m₀c² + eV)}; 6.526e-4 at 300 kV.
     */
    public static double interactionConstant(double voltageKv) {
        double v = voltageKv * 1000;
        double lambda = ElectronWavelength.angstrom(voltageKv);
        return 2 * Math.PI / (lambda * v) * (M0C2 + v) / (2 * M0C2 + v);
    }

    /** Phase shift (rad) per unit of a projected density map (sum of voxels × pixel size, Å⁻¹). */
    public static double phasePerProjectedDensity(double voltageKv) {
        return interactionConstant(voltageKv) * VOLTS_PER_DENSITY;
    }
}
