package org.subtomo.sim.model;

import org.junit.jupiter.api.Test;
import org.subtomo.core.grid.RealGrid;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DensityRendererTest {
    @Test void carbonForwardScatteringIsPengValue() {
        // Peng et al. 1996: f_e(0) of neutral C is 2.509 Å (sum of the five amplitudes).
        assertEquals(2.5088, ElectronFormFactors.of("C").f0(), 1e-4);
        // f decreases monotonically with s.
        assertTrue(ElectronFormFactors.of("C").at(0.5) < ElectronFormFactors.of("C").at(0.1));
    }

    /** One carbon atom off the voxel grid: integral, centroid and variance are analytic. */
    @Test void singleAtomMomentsAreAnalytic() {
        // B large enough that every Gaussian spans > 0.8 voxel: then binning into voxels keeps the
        // centroid and adds exactly 1/12 voxel² to the variance (Sheppard), up to ~exp(-2π²σ²).
        double p = 2.0, B = 200.0;
        int box = 32;
        // Model centre is the mean of atom positions; a second, far-away atom of an untabulated
        // element shifts the centre so that the carbon sits off-grid, and is reported as skipped.
        Atom c = new Atom("C", 0.7, -0.3, 0.45, 0, 1, "A", false);
        Atom x = new Atom("XX", 0.7 + 3.3, -0.3 - 1.1, 0.45 + 2.9, 0, 1, "A", false);
        AtomicModel m = new AtomicModel("t", List.of(c, x));
        DensityRenderer.Result r = DensityRenderer.render(m, p, box, B);
        assertEquals(1, r.atomsUsed());
        assertEquals(1, r.skippedElements().get("XX"));
        RealGrid g = r.map();
        double sum = 0, mx = 0, my = 0, mz = 0;
        for (int z = 0; z < box; z++) for (int y = 0; y < box; y++) for (int xx = 0; xx < box; xx++) {
            double v = g.get(xx, y, z);
            sum += v; mx += v * xx; my += v * y; mz += v * z;
        }
        double integral = sum * p * p * p;
        assertEquals(ElectronFormFactors.of("C").f0(), integral, 1e-4, "integral of the potential = f(0)");
        mx /= sum; my /= sum; mz /= sum;
        // Expected voxel position: (atom - centre)/p + box/2, centre = midpoint of the two atoms.
        assertEquals(-3.3 / 2 / p + box / 2, mx, 1e-6);
        assertEquals(1.1 / 2 / p + box / 2, my, 1e-6);
        assertEquals(-2.9 / 2 / p + box / 2, mz, 1e-6);
        // Variance along x: Σ a_i (σ_i² + 1/12 voxel box filter) / Σ a_i, σ_i² = (b_i+B)/(8π²)/p².
        ElectronFormFactors.Gaussians gC = ElectronFormFactors.of("C");
        double expectVar = 0;
        for (int i = 0; i < 5; i++) expectVar += gC.a()[i] * ((gC.b()[i] + B) / (8 * Math.PI * Math.PI) / (p * p) + 1.0 / 12);
        expectVar /= gC.f0();
        double var = 0;
        for (int z = 0; z < box; z++) for (int y = 0; y < box; y++) for (int xx = 0; xx < box; xx++)
            var += g.get(xx, y, z) * (xx - mx) * (xx - mx);
        assertEquals(expectVar, var / sum, 1e-4);
    }

    @Test void builtInComplexTotalPotentialIsSumOfForwardScattering() {
        AtomicModel m = AtomicModelReader.builtIn("2XHE.pdb.gz").withoutWater();
        double p = 4.0;
        int box = (int) Math.ceil(2 * m.radius() / p) + 8;
        DensityRenderer.Result r = DensityRenderer.render(m, p, box, 40);
        assertEquals(0, r.atomsOutsideBox());
        assertTrue(r.skippedElements().isEmpty(), "2XHE holds only C, N, O, S: " + r.skippedElements());
        double expected = 0;
        for (Atom a : m.atoms()) expected += a.occupancy() * ElectronFormFactors.of(a.element()).f0();
        assertEquals(expected, r.map().sum() * p * p * p, 1e-3 * expected);
    }
}
