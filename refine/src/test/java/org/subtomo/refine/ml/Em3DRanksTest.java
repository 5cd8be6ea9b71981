package org.subtomo.refine.ml;

import org.junit.jupiter.api.Test;
import org.subtomo.core.geom.Euler;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The voxels MPI ranks exchange: every sum a particle can make at the current radius lies inside them. */
class Em3DRanksTest {
    @Test void insertsAtTheCurrentRadiusStayInsideTheExchangedVoxels() {
        int n = 32, radius = 9;
        FourierComponents3D comp = Em3D.components(n);
        int m = comp.countUpTo(radius);
        BackProjector3D b = new BackProjector3D(n, 2);
        SplittableRandom r = new SplittableRandom(4);
        double[] d = new double[2 * m], w = new double[m];
        for (int i = 0; i < m; i++) { d[2 * i] = r.nextGaussian(); d[2 * i + 1] = r.nextGaussian(); w[i] = 1 + r.nextDouble(); }
        for (int q = 0; q < 50; q++)
            b.insert(Euler.toMatrix(r.nextDouble() * 2 * Math.PI, Math.acos(2 * r.nextDouble() - 1), r.nextDouble() * 2 * Math.PI), comp, m, d, w);
        int[] vox = Em3DRanks.voxelsWithin(b, radius);
        assertEquals(0, Em3DRanks.nonZeroOutside(b, vox));
        // and the list is far smaller than the grid at a third of Nyquist
        assertTrue(vox.length < b.weight.length / 5, vox.length + " of " + b.weight.length);
        // a tighter list would miss sums: the test can fail
        assertTrue(Em3DRanks.nonZeroOutside(b, Em3DRanks.voxelsWithin(b, radius - 3)) > 0);
    }
}
