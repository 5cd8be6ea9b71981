package org.subtomo.core.geom;

import org.junit.jupiter.api.Test;
import org.subtomo.core.grid.RealGrid;

import static org.junit.jupiter.api.Assertions.*;

class RotationAndSymmetrizerTest {
    private static final int N = 40;

    /** Sum of Gaussians (sigma s voxels) at centred positions; smooth, so trilinear interpolation is accurate. */
    private static RealGrid blobs(double s, double[]... centres) {
        RealGrid g = RealGrid.cube(N);
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) {
            double v = 0;
            for (double[] c : centres) {
                double dx = x - N / 2 - c[0], dy = y - N / 2 - c[1], dz = z - N / 2 - c[2];
                v += Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * s * s));
            }
            g.set(x, y, z, (float) v);
        }
        return g;
    }

    /** Largest |a - b| inside the sphere of radius r about the centre. */
    private static double maxDiffInSphere(RealGrid a, RealGrid b, double r) {
        double d = 0;
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) {
            double dx = x - N / 2, dy = y - N / 2, dz = z - N / 2;
            if (dx * dx + dy * dy + dz * dz <= r * r) d = Math.max(d, Math.abs(a.get(x, y, z) - b.get(x, y, z)));
        }
        return d;
    }

    @Test void rotationMovesContentFromPToRp() {
        RealGrid g = RealGrid.cube(N);
        g.set(N / 2 + 5, N / 2, N / 2, 1f);
        // Active 90° about z takes +x to +y.
        RealGrid r = RealSpaceRotation.rotate(g, Matrix3.rotationAbout(0, 0, 1, Math.PI / 2));
        assertEquals(1f, r.get(N / 2, N / 2 + 5, N / 2), 1e-6);
        assertEquals(1.0, r.sum(), 1e-6);
        // The identity is exact.
        RealGrid b = blobs(3, new double[]{4, -2, 7});
        assertArrayEquals(b.data, RealSpaceRotation.rotate(b, Matrix3.IDENTITY).data);
    }

    @Test void rotationMatchesTheAnalyticRotatedBlob() {
        double[] c = {8, 3, -5};
        Matrix3 r = Euler.ofDegrees(30, 50, -70).toMatrix();
        double[] rc = r.apply(c);
        RealGrid rotated = RealSpaceRotation.rotate(blobs(3, c), r);
        double err = maxDiffInSphere(rotated, blobs(3, rc), N / 2.0 - 1);
        // Trilinear error bound ~ 3 axes x h^2/8 x max|f''| = 3/(8 sigma^2) = 0.042 of the peak for sigma 3.
        assertTrue(err < 0.045, "trilinear error " + err);
        assertTrue(maxDiffInSphere(rotated, blobs(3, c), N / 2.0 - 1) > 0.5, "it did move");
    }

    @Test void symmetrisingASymmetricVolumeLeavesItUnchanged() {
        // C5 needs real interpolation (no grid-aligned mates): a ring of 5 blobs plus one on the axis.
        double[][] cs = new double[6][];
        for (int k = 0; k < 5; k++) {
            double a = 2 * Math.PI * k / 5 + 0.2;
            cs[k] = new double[]{10 * Math.cos(a), 10 * Math.sin(a), 3};
        }
        cs[5] = new double[]{0, 0, -6};
        RealGrid v = blobs(3, cs);
        RealGrid s = Symmetrizer.symmetrise(v, SymmetryGroup.parse("C5"));
        double err = maxDiffInSphere(s, v, N / 2.0 - 2);
        assertTrue(err < 0.045, "C5 volume changed by " + err);
        // C4 mates are grid-aligned: exact apart from float rounding.
        RealGrid v4 = blobs(3, new double[]{9, 2, 1}, new double[]{-2, 9, 1}, new double[]{-9, -2, 1}, new double[]{2, -9, 1});
        assertTrue(maxDiffInSphere(Symmetrizer.symmetrise(v4, SymmetryGroup.parse("C4")), v4, N / 2.0 - 1) < 1e-6);
    }

    @Test void symmetrisedAsymmetricBlobIsInvariantUnderEveryOperator() {
        RealGrid v = blobs(2.5, new double[]{7, 3, -4}, new double[]{-2, 5, 6});
        for (String name : new String[]{"D3", "O"}) {
            SymmetryGroup g = SymmetryGroup.parse(name);
            RealGrid s = Symmetrizer.symmetrise(v, g);
            assertTrue(maxDiffInSphere(s, v, N / 2.0 - 2) > 0.2, "an asymmetric blob must change");
            double peak = 0;
            for (float f : s.data) peak = Math.max(peak, f);
            for (Matrix3 r : g.operators()) {
                double err = maxDiffInSphere(RealSpaceRotation.rotate(s, r), s, N / 2.0 - 4);
                assertTrue(err < 0.05 * peak, name + ": not invariant, error " + err + " of peak " + peak);
            }
        }
    }

    @Test void improperOperatorsMirror() {
        RealGrid v = blobs(2.5, new double[]{7, 3, -4});
        RealGrid s = Symmetrizer.symmetrise(v, SymmetryGroup.parse("Cs"));
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) {
            int mz = N - z; // z -> -z about the centre N/2
            if (mz < N) assertEquals(s.get(x, y, z), s.get(x, y, mz), 1e-6);
        }
        assertEquals(0.5, s.get(N / 2 + 7, N / 2 + 3, N / 2 + 4) / v.get(N / 2 + 7, N / 2 + 3, N / 2 - 4), 0.01);
    }
}
