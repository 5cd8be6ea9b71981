package org.subtomo.refine.ml;

import org.junit.jupiter.api.Test;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.refine.testdata.SyntheticViews;

import static org.junit.jupiter.api.Assertions.*;

/** Fourier-space rotation, component lists, and the back-rotation round trip. */
class EngineRotationTest {
    @Test void fourierRotationMatchesAnalyticRotation() {
        SyntheticViews v = new SyntheticViews(48, 1, 1, 0, 1);
        RealGrid ref = v.render(0, 0, 0, 0);
        FourierRotator2D rot = new FourierRotator2D(ref, 2);
        FourierComponents comp = FourierComponents.of2D(48, 23);
        float[] sampled = new float[2 * comp.count], truth = new float[2 * comp.count];
        for (double psi : new double[]{0, 17, 90, 200}) {
            rot.sample(Math.toRadians(psi), comp, comp.count, sampled);
            comp.gather(Fft.forward(v.render(0, psi, 0, 0)), comp.count, truth);
            double num = 0, den = 0;
            for (int q = 0; q < sampled.length; q++) { double e = sampled[q] - truth[q]; num += e * e; den += truth[q] * (double) truth[q]; }
            assertTrue(num / den < 5e-3, "psi " + psi + " relative error " + num / den);
        }
    }

    @Test void gatherScatterRoundTrip() {
        SyntheticViews v = new SyntheticViews(32, 1, 1, 0, 1);
        RealGrid img = v.render(1, 30, 1, -2);
        FourierComponents comp = FourierComponents.of2D(32, 15);
        float[] vals = new float[2 * comp.count];
        comp.gather(Fft.forward(img.copy()), comp.count, vals);
        FourierGrid f = new FourierGrid(32, 32, 1);
        comp.scatter(vals, comp.count, f);
        RealGrid back = Fft.inverse(f);
        // everything but the mean and the Nyquist shell comes back
        assertTrue(SyntheticViews.correlation(img, back) > 0.999);
        assertEquals(comp.countUpTo(15), comp.count);
        assertTrue(comp.countUpTo(5) < comp.countUpTo(6));
    }

    @Test void backRotationWithoutRegularisationReturnsTheImage() {
        SyntheticViews v = new SyntheticViews(48, 1, 1, 0, 1);
        RealGrid truth = v.render(2, 0, 0, 0);
        FourierComponents comp = FourierComponents.of2D(48, 23);
        BackRotator2D br = new BackRotator2D(48, 2);
        float[] vals = new float[2 * comp.count];
        for (int j = 0; j < 60; j++) {
            double psi = Math.toRadians(j * 6);
            comp.gather(Fft.forward(v.render(2, j * 6, 0, 0)), comp.count, vals);   // image at ψ = reference rotated
            double[] d = new double[2 * comp.count], w = new double[comp.count];
            for (int q = 0; q < comp.count; q++) { d[2 * q] = vals[2 * q]; d[2 * q + 1] = vals[2 * q + 1]; w[q] = 1; }
            br.insert(psi, comp, comp.count, d, w);
        }
        double[] tau2 = new double[25];
        java.util.Arrays.fill(tau2, 1e6);   // negligible prior
        RealGrid rec = br.reconstruct(tau2, 2, 23).image();
        double cc = SyntheticViews.correlation(rec, truth);
        assertTrue(cc > 0.99, "cc " + cc);
    }
}
