package org.subtomo.sim.model;

import org.subtomo.core.grid.RealGrid;

import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an atomic model into a Coulomb-potential map on a cubic grid.
 *
 * <p>Physics: each atom's potential is the inverse Fourier transform of its electron form factor,
 * blurred by its B-factor: {@code f(s)·exp(-B s²)} → a sum of 3D Gaussians with per-axis variance
 * {@code σ² = (b_i + B)/(8π²)} and integral {@code occupancy·a_i}. Values are in Å⁻² (f in Å per
 * Å³), proportional to the projected potential; the simulator scales them to contrast later.
 *
 * <p>Sampling: every Gaussian is integrated exactly over each voxel (products of error-function
 * differences), not sampled at voxel centres. Point sampling aliases badly at cryo-ET pixel sizes
 * (σ is under 1 Å, voxels are 2-10 Å); voxel integration keeps the total potential exact and acts
 * as a box filter (a sinc envelope in Fourier space) that is part of the ground-truth map's
 * definition.
 */
public final class DensityRenderer {
    private DensityRenderer() {}

    /** A rendered map and what it cost: atoms used and atoms skipped per untabulated element. */
    public record Result(RealGrid map, int atomsUsed, Map<String, Integer> skippedElements, int atomsOutsideBox) {}

    /**
     * @param pixelSize  Å per voxel
     * @param box        cubic box size in voxels; the model's centre lands on voxel (box/2, box/2, box/2)
     * @param bFactor    B-factor (Å²) for every atom, or NaN to use each atom's own B from the file
     */
    public static Result render(AtomicModel model, double pixelSize, int box, double bFactor) {
        return render(model, model.centre(), pixelSize, box, bFactor);
    }

    /**
     * As {@link #render(AtomicModel, double, int, double)} with the point {@code centre} (Å) placed
     * at the box centre: conformations of one complex share its frame when given the same centre.
     */
    public static Result render(AtomicModel model, double[] centre, double pixelSize, int box, double bFactor) {
        RealGrid map = RealGrid.cube(box);
        double[] c = centre;
        Map<String, Integer> skipped = new TreeMap<>();
        int used = 0, outside = 0;
        double invVoxel = 1.0 / (pixelSize * pixelSize * pixelSize);
        double[] wx = new double[box], wy = new double[box], wz = new double[box];
        for (Atom atom : model.atoms()) {
            ElectronFormFactors.Gaussians g = ElectronFormFactors.of(atom.element());
            if (g == null) { skipped.merge(atom.element().isEmpty() ? "?" : atom.element(), 1, Integer::sum); continue; }
            double b = Double.isNaN(bFactor) ? atom.bFactor() : bFactor;
            // Atom position in voxel units on the grid (voxel centres at integers).
            double px = (atom.x() - c[0]) / pixelSize + box / 2;
            double py = (atom.y() - c[1]) / pixelSize + box / 2;
            double pz = (atom.z() - c[2]) / pixelSize + box / 2;
            if (px < 0 || py < 0 || pz < 0 || px > box - 1 || py > box - 1 || pz > box - 1) { outside++; continue; }
            used++;
            for (int i = 0; i < g.a().length; i++) {
                double sigma = Math.sqrt((g.b()[i] + b) / (8 * Math.PI * Math.PI)) / pixelSize;  // voxels
                double weight = atom.occupancy() * g.a()[i] * invVoxel;
                int r = (int) Math.ceil(5 * sigma + 1);
                int x0 = Math.max(0, (int) Math.floor(px) - r), x1 = Math.min(box - 1, (int) Math.ceil(px) + r);
                int y0 = Math.max(0, (int) Math.floor(py) - r), y1 = Math.min(box - 1, (int) Math.ceil(py) + r);
                int z0 = Math.max(0, (int) Math.floor(pz) - r), z1 = Math.min(box - 1, (int) Math.ceil(pz) + r);
                voxelIntegrals(px, sigma, x0, x1, wx);
                voxelIntegrals(py, sigma, y0, y1, wy);
                voxelIntegrals(pz, sigma, z0, z1, wz);
                for (int z = z0; z <= z1; z++) {
                    double fz = weight * wz[z];
                    for (int y = y0; y <= y1; y++) {
                        double fyz = fz * wy[y];
                        int row = box * (y + box * z);
                        for (int x = x0; x <= x1; x++) map.data[row + x] += (float) (fyz * wx[x]);
                    }
                }
            }
        }
        return new Result(map, used, skipped, outside);
    }

    /** Fraction of a 1D normal(mu, sigma) falling in each voxel [i-1/2, i+1/2], for i in [i0, i1]. */
    static void voxelIntegrals(double mu, double sigma, int i0, int i1, double[] out) {
        double s = 1 / (sigma * Math.sqrt(2));
        double prev = Erf.erf((i0 - 0.5 - mu) * s);
        for (int i = i0; i <= i1; i++) {
            double next = Erf.erf((i + 0.5 - mu) * s);
            out[i] = 0.5 * (next - prev);
            prev = next;
        }
    }
}
