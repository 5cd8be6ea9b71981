package org.subtomo.refine.ml;

import org.junit.jupiter.api.Test;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.refine.testdata.SyntheticViews;

import static org.junit.jupiter.api.Assertions.*;

/** The engine alone on synthetic views: classification, class averages, poses, σ², determinism. */
class EngineClass2dTest {

    /** In-plane symmetry of the synthetic views: triangle 3-fold, dumbbell 2-fold, blob + satellite none. */
    static final double[] SYMMETRY_PERIOD = {120, 180, 360};

    static ParticleData2D data(SyntheticViews v, double pixel) {
        int np = v.images.length;
        return new ParticleData2D(v.n, pixel, v.images, new int[np], new String[]{"group1"}, null, new double[np], new double[np]);
    }

    /** Mean of mask² over the box: the fraction of white-noise power the soft circular mask keeps. */
    static double meanSquare(int n, double radius, double edge) {
        RealGrid mask = org.subtomo.core.mask.SoftMasks.circle(n, n, radius, edge);
        double m2 = 0;
        for (float x : mask.data) m2 += x * (double) x;
        return m2 / mask.data.length;
    }

    static EngineSettings settings(int threads) {
        return new EngineSettings(6, 4, 2, 2, 19, 4, true, 0, 10, 0.999, threads, 0, 16, false, false);
    }

    static Em2D.ParticleResults run(MlModel m, ParticleData2D d, EngineSettings s, int iterations) {
        Em2D.ParticleResults r = null;
        for (int it = 1; it <= iterations; it++) r = Em2D.iterate(m, d, s.withEarly(false, it <= 5), null);
        return r;
    }

    @Test void classifiesThreeViewsAndRecoversPoses() {
        SyntheticViews v = new SyntheticViews(48, 150, 0.1, 3, 42);
        ParticleData2D d = data(v, 4.0);
        EngineSettings s = settings(2);
        MlModel m = ModelInit2D.initialise(d, 3, 0, 0, 10, s.maskRadiusPx(), s.maskEdgePx(), s.zeroMask());
        long t0 = System.nanoTime();
        Em2D.ParticleResults r = run(m, d, s, 12);
        double secs = (System.nanoTime() - t0) / 1e9;
        double acc = Class2dScoring.accuracy(r.classNumber, v.view, 3);
        System.out.printf("engine: 150 particles, 12 iterations, %.2f s, accuracy %.3f, resolution shell %d%n", secs, acc, m.resShell);
        assertTrue(acc >= 0.9, "accuracy " + acc);
        // each class matches one view (after best in-plane alignment) with cc > 0.9
        int[] viewOf = new int[3];
        for (int c = 0; c < 3; c++) {
            double bcc = -2;
            for (int vv = 0; vv < 3; vv++) { double cc = v.bestAlignment(m.refs[c], vv)[0]; if (cc > bcc) { bcc = cc; viewOf[c] = vv; } }
            System.out.printf("class %d -> view %d cc %.3f%n", c + 1, viewOf[c], bcc);
            assertTrue(bcc > 0.9, "class " + (c + 1) + " cc " + bcc);
        }
        // poses: for correctly classified particles ψ_est − ψ_true is one constant per class (the class's own
        // frame) within one step (6°), and t_true − t_est = A_est·u with one u per class, within one step (2 px),
        // where t_est = −origin (RELION's sign: a particle is centred by moving it by +rlnOrigin; t moved it by +t)
        int ok = 0, total = 0;
        for (int c = 0; c < 3; c++) {
            java.util.List<Integer> members = new java.util.ArrayList<>();
            for (int i = 0; i < v.view.length; i++) if (r.classNumber[i] == c + 1 && v.view[i] == viewOf[c]) members.add(i);
            double sx = 0, sy = 0, sc = 0, ss = 0, ux = 0, uy = 0;
            for (int i : members) {
                double dpsi = Math.toRadians(r.psiDeg[i] - v.psiDeg[i]);
                sc += Math.cos(dpsi); ss += Math.sin(dpsi);
            }
            double mean = Math.atan2(ss, sc);
            if (SYMMETRY_PERIOD[viewOf[c]] < 360) mean = Math.toRadians(r.psiDeg[members.get(0)] - v.psiDeg[members.get(0)]);
            for (int i : members) {
                double p = Math.toRadians(r.psiDeg[i]), cc = Math.cos(p), sn = Math.sin(p);
                double dx = v.tx[i] + d.originXAngst[i] / 4.0, dy = v.ty[i] + d.originYAngst[i] / 4.0;
                ux += cc * dx - sn * dy; uy += sn * dx + cc * dy;   // Aᵀ·(t_true − t_est)
            }
            ux /= members.size(); uy /= members.size();
            for (int i : members) {
                double dpsi = Math.toDegrees(Math.toRadians(r.psiDeg[i] - v.psiDeg[i]) - mean);
                double period = SYMMETRY_PERIOD[viewOf[c]];   // the triangle and the dumbbell are symmetric
                dpsi = ((dpsi % period) + 1.5 * period) % period - period / 2;
                double p = Math.toRadians(r.psiDeg[i]), cc = Math.cos(p), sn = Math.sin(p);
                double ex = v.tx[i] + d.originXAngst[i] / 4.0 - (cc * ux + sn * uy), ey = v.ty[i] + d.originYAngst[i] / 4.0 - (-sn * ux + cc * uy);
                total++;
                if (Math.abs(dpsi) <= 6 && Math.hypot(ex, ey) <= 2) ok++;
            }
        }
        System.out.printf("poses within one step: %d/%d%n", ok, total);
        assertTrue(ok >= 0.8 * total, // measured 132/150 (SNR 0.1, resolution ~8 px)
                "poses within a step: " + ok + "/" + total);
        // σ² at shells where the blobs have no power equals the power per component of the white noise times
        // the E-step mask (σ² describes the masked images, as RELION's): σ_n²·mean(mask²)/(2N²)
        double expected = meanSquare(48, s.maskRadiusPx(), s.maskEdgePx()) * v.noiseSigma * v.noiseSigma / (2.0 * 48 * 48);
        for (int sh = 12; sh < 24; sh++) {
            assertEquals(expected, m.sigma2[0][sh], 0.1 * expected, "sigma2 shell " + sh);
        }
    }

    @Test void sameResultForAnyThreadCount() {
        SyntheticViews v = new SyntheticViews(48, 60, 0.1, 3, 7);
        MlModel[] models = new MlModel[2];
        Em2D.ParticleResults[] res = new Em2D.ParticleResults[2];
        ParticleData2D[] ds = new ParticleData2D[2];
        for (int q = 0; q < 2; q++) {
            ds[q] = data(v, 4.0);
            EngineSettings s = settings(q + 1);
            s = new EngineSettings(s.psiStepDeg(), s.offsetRangePx(), s.offsetStepPx(), s.tau2Fudge(), s.maskRadiusPx(), s.maskEdgePx(),
                    false, 0, 10, 0.999, q == 0 ? 1 : 3, 5, 16, false, false);
            models[q] = ModelInit2D.initialise(ds[q], 3, 5, 0, 10, s.maskRadiusPx(), s.maskEdgePx(), s.zeroMask());
            res[q] = run(models[q], ds[q], s, 3);
        }
        for (int c = 0; c < 3; c++) assertArrayEquals(models[0].refs[c].data, models[1].refs[c].data, "class " + (c + 1));
        assertArrayEquals(models[0].sigma2[0], models[1].sigma2[0]);
        assertArrayEquals(res[0].classNumber, res[1].classNumber);
        assertArrayEquals(res[0].pmax, res[1].pmax);
        assertArrayEquals(ds[0].originXAngst, ds[1].originXAngst);
    }

    @Test void sigma2OfPureNoiseMatchesKnownPower() {
        int n = 32, np = 80;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        float[][] im = new float[np][n * n];
        for (float[] a : im) for (int q = 0; q < a.length; q++) a[q] = (float) (rnd.nextGaussian() * 2.0);
        ParticleData2D d = new ParticleData2D(n, 3.0, im, new int[np], new String[]{"g"}, null, new double[np], new double[np]);
        EngineSettings s = new EngineSettings(15, 2, 1, 2, 12, 3, true, 0, 10, 0.999, 2, 0, 16, false, false);
        MlModel m = ModelInit2D.initialise(d, 1, 0, 0, 10, 12, 3, true);
        // σ² describes the masked images the E-step compares (RELION): white noise times the mask has a
        // flat spectrum of power σ²·mean(mask²)
        double expected = meanSquare(n, 12, 3) * 4.0 / (2.0 * n * n);
        for (int sh = 2; sh < n / 2; sh++) assertEquals(expected, m.sigma2[0][sh], 0.1 * expected, "initial sigma2 shell " + sh);
        for (int it = 0; it < 2; it++) Em2D.iterate(m, d, s, null);
        for (int sh = 2; sh < n / 2; sh++) assertEquals(expected, m.sigma2[0][sh], 0.1 * expected, "sigma2 shell " + sh);
    }
}
