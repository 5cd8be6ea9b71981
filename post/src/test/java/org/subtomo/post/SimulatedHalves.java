package org.subtomo.post;

import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierFilters;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.mask.SoftMasks;
import org.subtomo.core.testutil.Maps;

import java.nio.file.Path;

/**
 * Half maps with known truth: a "particle" of white-noise density inside a soft sphere (flat amplitude
 * spectrum, so its Guinier plot is a straight line of slope −B/4 after a B-factor blur), blurred by
 * {@code bFactor}, plus independent white noise per half.
 */
public final class SimulatedHalves {
    public final RealGrid truth, half1, half2;
    public final double pixelSize, bFactor;

    public SimulatedHalves(int n, double pixelSize, double radius, double bFactor, double noiseSigma, long seed) {
        this.pixelSize = pixelSize; this.bFactor = bFactor;
        RealGrid t = Maps.whiteNoise(n, n, n, 1, seed);
        SoftMasks.multiply(t, SoftMasks.sphere(n, n, n, radius, 3));
        FourierGrid f = Fft.forward(t);
        FourierFilters.applyBFactor(f, pixelSize, bFactor);
        t = Fft.inverse(f);
        double sd = t.stddev();
        for (int i = 0; i < t.data.length; i++) t.data[i] /= (float) sd;
        truth = t;
        half1 = plusNoise(t, noiseSigma, seed + 1);
        half2 = plusNoise(t, noiseSigma, seed + 2);
    }

    static RealGrid plusNoise(RealGrid t, double sigma, long seed) {
        RealGrid h = Maps.whiteNoise(t.nx, t.ny, t.nz, sigma, seed);
        for (int i = 0; i < h.data.length; i++) h.data[i] += t.data[i];
        return h;
    }

    public HalfMaps halves() { return new HalfMaps(half1, half2, pixelSize, Path.of("run_half1_class001_unfil.mrc"), Path.of("run_half2_class001_unfil.mrc")); }

    /** Writes run_half1_class001_unfil.mrc and run_half2_… in {@code dir}; returns half 1's path. */
    public Path write(Path dir) {
        Path h1 = dir.resolve("run_half1_class001_unfil.mrc");
        MrcWriter.write(h1, half1, pixelSize);
        MrcWriter.write(dir.resolve("run_half2_class001_unfil.mrc"), half2, pixelSize);
        return h1;
    }
}
