package org.subtomo.refine.class3d;

import org.junit.jupiter.api.Test;
import org.subtomo.core.fourier.FourierProjector;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.refine.ml.BackProjector3D;
import org.subtomo.refine.ml.Em3D;
import org.subtomo.refine.ml.FourierComponents3D;
import org.subtomo.refine.ml.ModelInit3D;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The precomputed stencils read and splat exactly as FourierProjector.interpolate and BackProjector3D.insert. */
class StencilsTest {
    @Test
    void readAndSplatMatchTheProjectorAndTheBackProjector() {
        int n = 16;
        SplittableRandom r = new SplittableRandom(5);
        RealGrid map = RealGrid.cube(n);
        for (int q = 0; q < map.data.length; q++) map.data[q] = (float) r.nextGaussian();
        FourierComponents3D comp = Em3D.components(n);
        int m = comp.count;
        double norm = 1.0 / (n * n * n);
        for (int trial = 0; trial < 3; trial++) {
            Matrix3 a = ModelInit3D.randomRotation(r);
            Stencils st = new Stencils(a, comp, m, 2);
            float[] fast = new float[2 * m];
            st.read(Stencils.paddedTransform(map, 2), norm, m, fast);
            FourierProjector proj = new FourierProjector(map, 2, true);
            double[] v = new double[2];
            double maxAbs = 0, maxErr = 0;
            for (int i = 0; i < m; i++) {
                double kx = comp.kx[i], ky = comp.ky[i], kz = comp.kz[i];
                proj.interpolate(a.m00() * kx + a.m10() * ky + a.m20() * kz, a.m01() * kx + a.m11() * ky + a.m21() * kz,
                        a.m02() * kx + a.m12() * ky + a.m22() * kz, v);
                for (int c = 0; c < 2; c++) {
                    maxAbs = Math.max(maxAbs, Math.abs(v[c] * norm));
                    maxErr = Math.max(maxErr, Math.abs(v[c] * norm - fast[2 * i + c]));
                }
            }
            assertEquals(0, maxErr / maxAbs, 1e-5, "read differs from FourierProjector.interpolate");
            double[] d = new double[2 * m], w = new double[m];
            for (int i = 0; i < m; i++) { d[2 * i] = r.nextGaussian(); d[2 * i + 1] = r.nextGaussian(); w[i] = r.nextDouble(); }
            BackProjector3D ref = new BackProjector3D(n, 2), got = new BackProjector3D(n, 2);
            ref.insert(a, comp, m, d, w);
            st.splat(got, m, d, w);
            double e = 0, s = 0;
            for (int q = 0; q < ref.dataArray().length; q++) { e = Math.max(e, Math.abs(ref.dataArray()[q] - got.dataArray()[q])); s = Math.max(s, Math.abs(ref.dataArray()[q])); }
            for (int q = 0; q < ref.weightArray().length; q++) e = Math.max(e, Math.abs(ref.weightArray()[q] - got.weightArray()[q]));
            assertEquals(0, e / s, 1e-6, "splat differs from BackProjector3D.insert");
        }
    }
}
