package org.subtomo.post.postprocess;

import org.subtomo.core.fourier.FourierShells;
import org.subtomo.core.grid.FourierGrid;

/**
 * ln of the mean Fourier amplitude per shell against s² (Å⁻²), shells 0..Nyquist: the Guinier plot of
 * Rosenthal &amp; Henderson (2003). Beyond ~10 Å the amplitudes of a protein fall as exp(−B·s²/4), so a
 * straight line through the points between {@code lowRes} and {@code highRes} Å has slope −B/4 and
 * the map is sharpened with B = 4·slope (negative).
 */
public record GuinierPlot(double[] s2, double[] lnAmplitude) {

    /** A straight-line fit y = intercept + slope·x, with the correlation of the fitted points. */
    public record Fit(double slope, double intercept, double correlation, int points) {
        /** The sharpening B-factor of the fit: 4·slope (Å²). */
        public double bFactor() { return 4 * slope; }
    }

    public static GuinierPlot of(FourierGrid f, double pixelSize) {
        double[] amp = FourierShells.radialAmplitude(f);
        int n = FourierShells.referenceSize(f);
        // amplitudes of the transform normalised by the voxel count (RELION's forward FFT), so the
        // table's intercepts compare with relion_postprocess's
        double norm = (double) f.nx * f.ny * f.nz;
        double[] x = new double[amp.length], y = new double[amp.length];
        for (int s = 0; s < amp.length; s++) {
            double freq = s / (n * pixelSize);
            x[s] = freq * freq;
            y[s] = amp[s] > 0 ? Math.log(amp[s] / norm) : -99; // RELION's marker for an empty shell
        }
        return new GuinierPlot(x, y);
    }

    /** Least-squares line through the points with lowRes ≥ resolution ≥ highRes (Å), empty shells left out. */
    public Fit fit(double lowRes, double highRes) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        int m = 0;
        for (int i = 1; i < s2.length; i++) {
            double res = 1 / Math.sqrt(s2[i]);
            if (res > lowRes || res < highRes || lnAmplitude[i] == -99) continue;
            double x = s2[i], y = lnAmplitude[i];
            sx += x; sy += y; sxx += x * x; sxy += x * y; syy += y * y; m++;
        }
        if (m < 2) return new Fit(Double.NaN, Double.NaN, Double.NaN, m);
        double vx = sxx - sx * sx / m, vy = syy - sy * sy / m, cxy = sxy - sx * sy / m;
        double slope = cxy / vx;
        double intercept = (sy - slope * sx) / m;
        return new Fit(slope, intercept, cxy / Math.sqrt(vx * vy), m);
    }
}
