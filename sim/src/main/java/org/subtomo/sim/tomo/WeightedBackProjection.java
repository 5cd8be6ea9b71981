package org.subtomo.sim.tomo;

import org.subtomo.core.error.InputException;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.geom.TiltGeometry;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Weighted back-projection (R-weighted, Radermacher 1992) of an aligned tilt series into a
 * tomogram, in the geometry of {@link TiltGeometry}.
 *
 * <p>Each image is filtered with the ramp |k_u| (the Jacobian of the polar-to-Cartesian change of
 * variables in the inverse Radon transform) times its angular interval Δθ in radians, so that a
 * densely sampled tilt range gives the object back on its own scale; a raised-cosine roll-off near
 * Nyquist keeps the ramp from amplifying only noise there. The filtered images are then smeared back
 * along their beam directions with linear interpolation. Missing tilts simply leave their wedge empty.
 *
 * <p>SIRT-like filter (Zeng 2012, J. Struct. Biol. 177:317; IMOD's "fake SIRT iterations"): N iterations of
 * SIRT {@code x ← x + α Aᵀ(b − A x)} from zero give {@code x_N = [1 − (1 − αAᵀA)^N](AᵀA)⁻¹Aᵀb}. AᵀA acts on
 * the object's transform as 1/(Δθ·ρ) (ρ in cycles per pixel), so with the step α = Δθ/n (αAᵀA = 1/k at
 * k cycles per box along the image, k ≥ 1) this is back-projection with the ramp times
 * {@code 1 − (1 − 1/k)^N}: the ramp at low frequencies, which have converged, and a growing damping of
 * the high frequencies that SIRT has not reached yet.
 */
public final class WeightedBackProjection {
    private WeightedBackProjection() {}

    /**
     * @param rollOffStart     fraction of Nyquist where the raised-cosine roll-off starts (1 = none)
     * @param radialWeighting  false gives plain, unweighted back-projection (blurred; for comparison)
     */
    public record Options(double rollOffStart, boolean radialWeighting, int sirtIterations) {
        public Options(double rollOffStart, boolean radialWeighting) { this(rollOffStart, radialWeighting, 0); }
        public static Options defaults() { return new Options(0.85, true, 0); }
        /** @param n SIRT iterations the filter stands for; 0 = plain R-weighting */
        public Options withSirtLike(int n) { return new Options(rollOffStart, radialWeighting, n); }
    }

    /** The SIRT-like factor 1 − (1 − 1/k)^N at k cycles per box (k ≥ 1); 1 at k &lt; 1 (the DC term has converged). */
    static double sirtFactor(double k, int iterations) {
        if (iterations <= 0 || k <= 1) return 1;
        return 1 - Math.pow(1 - 1 / k, iterations);
    }

    /**
     * @param tiltSeries aligned images (nu × nv × ntilts), tilt axis along v (Y)
     * @param tiltsDeg   tilt angle of each image
     * @param nx,nz      tomogram width (X) and thickness (Z); its Y size is the images' nv
     */
    public static RealGrid reconstruct(RealGrid tiltSeries, double[] tiltsDeg, int nx, int nz, Options opt) {
        int nu = tiltSeries.nx, nv = tiltSeries.ny, nt = tiltSeries.nz;
        if (tiltsDeg.length != nt)
            throw new InputException("tilt series has " + nt + " images but " + tiltsDeg.length + " tilt angles; give one angle per image");
        double[] weights = angularIntervals(tiltsDeg);
        float[][] filtered = new float[nt][];
        IntStream.range(0, nt).parallel().forEach(t -> filtered[t] = rampFilter(tiltSeries, t, weights[t], opt));

        RealGrid tomo = new RealGrid(nx, nv, nz);
        TiltGeometry[] geom = Arrays.stream(tiltsDeg).mapToObj(TiltGeometry::of).toArray(TiltGeometry[]::new);
        double cu = nu / 2, cx = nx / 2, cz = nz / 2;
        IntStream.range(0, nz).parallel().forEach(z -> {
            int[] u0 = new int[nx];
            float[] fu = new float[nx];
            int slab = nx * nv * z;
            for (int t = 0; t < nt; t++) {
                // For this slice and tilt, u depends on x only: precompute the interpolation once.
                int lo = nx, hi = -1;
                for (int x = 0; x < nx; x++) {
                    double u = geom[t].u(x - cx, z - cz) + cu;
                    int i = (int) Math.floor(u);
                    if (i < 0 || i + 1 >= nu) { u0[x] = -1; continue; }
                    u0[x] = i; fu[x] = (float) (u - i);
                    lo = Math.min(lo, x); hi = Math.max(hi, x);
                }
                float[] img = filtered[t];
                for (int y = 0; y < nv; y++) {
                    int row = slab + nx * y, irow = nu * y;
                    for (int x = lo; x <= hi; x++) {
                        int i = u0[x];
                        if (i < 0) continue;
                        float a = img[irow + i], b = img[irow + i + 1];
                        tomo.data[row + x] += a + fu[x] * (b - a);
                    }
                }
            }
        });
        return tomo;
    }

    /** Angular interval (radians) that each tilt stands for: half the gaps to its neighbours, by angle. */
    static double[] angularIntervals(double[] tiltsDeg) {
        int n = tiltsDeg.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(tiltsDeg[a], tiltsDeg[b]));
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            double lo = k > 0 ? tiltsDeg[order[k - 1]] : Double.NaN, hi = k < n - 1 ? tiltsDeg[order[k + 1]] : Double.NaN, me = tiltsDeg[order[k]];
            double left = Double.isNaN(lo) ? (Double.isNaN(hi) ? 180 : hi - me) : me - lo;
            double right = Double.isNaN(hi) ? left : hi - me;
            if (Double.isNaN(lo)) left = right;
            w[order[k]] = Math.toRadians(0.5 * (left + right));
        }
        return w;
    }

    private static float[] rampFilter(RealGrid series, int t, double dTheta, Options opt) {
        int nu = series.nx, nv = series.ny;
        RealGrid img = new RealGrid(nu, nv, 1, Arrays.copyOfRange(series.data, t * nu * nv, (t + 1) * nu * nv));
        FourierGrid f = Fft.forward(img);
        for (int ky = 0; ky < nv; ky++) {
            double fy = (double) f.freqY(ky) / nv;
            for (int kx = 0; kx < f.hx; kx++) {
                double fx = (double) kx / nu;                 // cycles per pixel
                double w = opt.radialWeighting ? Math.abs(fx) * sirtFactor(kx, opt.sirtIterations) : 1.0 / nu;
                if (kx == 0) w = 0.25 / nu;                   // the ramp averaged over the DC bin [-1/2nu, 1/2nu]
                double r = Math.sqrt(fx * fx + fy * fy) / 0.5; // fraction of Nyquist
                if (r > opt.rollOffStart) w *= r >= 1 ? 0 : 0.5 * (1 + Math.cos(Math.PI * (r - opt.rollOffStart) / (1 - opt.rollOffStart)));
                int i = f.index(kx, ky, 0);
                f.data[i] *= (float) (w * dTheta);
                f.data[i + 1] *= (float) (w * dTheta);
            }
        }
        return Fft.inverse(f).data;
    }
}
