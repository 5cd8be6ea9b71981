package org.subtomo.sim.tilt;

import org.junit.jupiter.api.Test;
import org.subtomo.core.ctf.ElectronWavelength;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierShells;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.geom.TiltGeometry;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.sim.physics.ElectronOptics;
import org.subtomo.sim.sample.SampleLayout;
import org.subtomo.sim.sample.Species;
import org.subtomo.sim.sample.TiltScheme;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class TiltSeriesSimulatorTest {
    static final double P = 4.0;     // Å per pixel
    static final double SIGMA = 2.0; // blob width, pixels

    static RealGrid blob(int b, double amplitude) {
        RealGrid g = RealGrid.cube(b);
        int c = b / 2;
        for (int z = 0; z < b; z++) for (int y = 0; y < b; y++) for (int x = 0; x < b; x++) {
            double r2 = (x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c);
            g.set(x, y, z, (float) (amplitude * Math.exp(-r2 / (2 * SIGMA * SIGMA))));
        }
        return g;
    }

    static List<TiltImageCtf> ctfs(int n, double defocus) {
        return new ArrayList<>(Collections.nCopies(n, new TiltImageCtf(defocus, defocus, 0)));
    }

    /** With Cs = 0 and focus 0 the CTF is the constant Q: each image is the analytic projection of the blob. */
    @Test void gaussianBlobProjectsWhereTheGeometrySays() {
        int b = 32, n = 128, nz = 64;
        double amplitude = 0.2;
        Species s = new Species("blob", SampleLayout.Kind.PARTICLE, 1, blob(b, amplitude), 3 * SIGMA);
        double x0 = 70.3, y0 = 50.6, z0 = 35.2;   // tomogram voxels
        SampleLayout.Placed obj = new SampleLayout.Placed(SampleLayout.Kind.PARTICLE, 0, x0, y0, z0, 3 * SIGMA, Matrix3.IDENTITY);
        TiltScheme scheme = TiltScheme.of(TiltScheme.Kind.UNIDIRECTIONAL, 45, 45, 1e-6);
        double q = 0.1;
        TiltSeriesSimulator.Result r = TiltSeriesSimulator.simulate(List.of(s), List.of(obj), new int[]{0}, scheme, ctfs(3, 1e-3),
                new Optics(300, 0, q, P), new TiltSeriesSimulator.Exposure(1e-6, 1e-6, 3500, false), n, n, nz, 1);
        double phaseScale = ElectronOptics.phasePerProjectedDensity(300) * P;
        // A 3D Gaussian of peak A projects to a 2D Gaussian of peak A·σ·√(2π); contrast = −2·Q·φ.
        double expectedPeak = -2 * q * phaseScale * amplitude * SIGMA * Math.sqrt(2 * Math.PI);
        for (int t = 0; t < 3; t++) {
            TiltGeometry g = TiltGeometry.of(scheme.tilts().get(t).angleDeg());
            double u0 = g.u(x0 - n / 2, z0 - nz / 2) + n / 2, v0 = y0 - n / 2 + n / 2;
            double e = r.electronsPerPixel()[t], sum = 0, su = 0, sv = 0, peak = 0;
            for (int v = 0; v < n; v++) for (int u = 0; u < n; u++) {
                double c = r.counts().get(u, v, t) / e - 1;
                sum += c; su += c * u; sv += c * v;
                if (Math.abs(c) > Math.abs(peak)) peak = c;
            }
            assertEquals(u0, su / sum, 0.02, "u centroid at tilt " + t);
            assertEquals(v0, sv / sum, 0.02, "v centroid at tilt " + t);
            // The peak voxel is within 0.5 px of the centre: compare with the Gaussian there.
            double du = Math.round(u0) - u0, dv = Math.round(v0) - v0;
            assertEquals(expectedPeak * Math.exp(-(du * du + dv * dv) / (2 * SIGMA * SIGMA)), peak, 0.02 * Math.abs(expectedPeak));
        }
    }

    /** The rotational power spectrum of a noise-free image of many small blobs vanishes at the CTF zeros. */
    @Test void ctfZerosAppearAtTheSetDefocus() {
        int b = 48, n = 256, nz = 32;
        double defocus = 15000, q = 0.07;
        Species s = new Species("blob", SampleLayout.Kind.PARTICLE, 1, blob(b, 0.1), 3);
        List<SampleLayout.Placed> objs = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 300; i++)
            objs.add(new SampleLayout.Placed(SampleLayout.Kind.PARTICLE, 0, 10 + rng.nextDouble() * (n - 20), 10 + rng.nextDouble() * (n - 20), nz / 2.0, 3, Matrix3.IDENTITY));
        TiltScheme scheme = TiltScheme.of(TiltScheme.Kind.UNIDIRECTIONAL, 1, 1, 1e-6);
        TiltSeriesSimulator.Result r = TiltSeriesSimulator.simulate(List.of(s), objs, new int[objs.size()], scheme, ctfs(3, defocus),
                new Optics(300, 0, q, P), new TiltSeriesSimulator.Exposure(1e-6, 1e-6, 3500, false), n, n, nz, 1);
        RealGrid img = new RealGrid(n, n, 1);
        double e = r.electronsPerPixel()[1];
        for (int i = 0; i < n * n; i++) img.data[i] = (float) (r.counts().data[n * n + i] / e - 1);   // the 0° image
        double[] power = FourierShells.powerSpectrum(Fft.forward(img));
        double lambda = ElectronWavelength.angstrom(300);
        for (int k = 1; k <= 3; k++) {
            // γ = −πλΔf s² − asin Q = −kπ at the k-th zero (Cs = 0)
            double sZero = Math.sqrt((k * Math.PI - Math.asin(q)) / (Math.PI * lambda * defocus));
            double sPeak = Math.sqrt(((k - 0.5) * Math.PI - Math.asin(q)) / (Math.PI * lambda * defocus));
            int shellZero = (int) Math.round(sZero * n * P), shellPeak = (int) Math.round(sPeak * n * P);
            assertTrue(power[shellZero] < 0.05 * power[shellPeak],
                    "zero " + k + " at shell " + shellZero + ": " + power[shellZero] + " vs peak " + power[shellPeak]);
        }
    }
}
