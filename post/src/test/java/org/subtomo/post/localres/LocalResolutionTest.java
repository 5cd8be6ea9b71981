package org.subtomo.post.localres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierFilters;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.mask.SoftMasks;
import org.subtomo.core.testutil.Maps;
import org.subtomo.post.HalfMaps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A 64³ map at 2 Å whose signal reaches 16 Å in the half x &lt; 32 and 8 Å in the half x ≥ 32 (white-noise
 * density low-passed to each), with independent white noise per half map.
 */
class LocalResolutionTest {
    static final int N = 64;
    static final double A = 2, NOISE = 0.5;
    @TempDir Path dir;

    static RealGrid lowPassed(RealGrid g, double res) {
        FourierGrid f = Fft.forward(g);
        double shell = N * A / res; // hard edge: no signal beyond the nominal resolution
        FourierFilters.lowPass(f, shell, shell);
        return Fft.inverse(f);
    }

    /** The noise-free map: x &lt; 32 low-passed (hard edge) to 16 Å, x ≥ 32 to 8 Å. */
    static RealGrid twoResolutionTruth() {
        RealGrid t = Maps.whiteNoise(N, N, N, 1, 3);
        RealGrid coarse = lowPassed(t, 16), fine = lowPassed(t, 8);
        RealGrid truth = new RealGrid(N, N, N);
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = 0; x < N; x++)
            truth.set(x, y, z, x < N / 2 ? coarse.get(x, y, z) : fine.get(x, y, z));
        return truth;
    }

    static HalfMaps twoResolutions() { // also used by LocalResolutionRelionTest
        RealGrid truth = twoResolutionTruth();
        RealGrid h1 = Maps.whiteNoise(N, N, N, NOISE, 4), h2 = Maps.whiteNoise(N, N, N, NOISE, 5);
        for (int i = 0; i < truth.data.length; i++) { h1.data[i] += truth.data[i]; h2.data[i] += truth.data[i]; }
        return new HalfMaps(h1, h2, A, Path.of("t_half1.mrc"), Path.of("t_half2.mrc"));
    }

    @Test void findsTheTwoKnownResolutions() throws Exception {
        HalfMaps h = twoResolutions();
        Path h1 = dir.resolve("t_half1.mrc");
        MrcWriter.write(h1, h.half1(), A);
        MrcWriter.write(dir.resolve("t_half2.mrc"), h.half2(), A);
        RealGrid mask = SoftMasks.sphere(N, N, N, 26, 3);
        MrcWriter.write(dir.resolve("mask.mrc"), mask, A);
        // windows of 12 Å radius + 12 Å edge every 12 Å (RELION's default rule would give 6 + 12 Å, which leaks more)
        LocalResolutionParameters p = new LocalResolutionParameters(h1, null, dir.resolve("mask.mrc"), dir.resolve("LocalRes/run1/relion"), -1,
                12, 12, 12, 25, 50, 0, 0);
        long t0 = System.nanoTime();
        LocalResolutionResult r = LocalResolution.run(p);
        double s = (System.nanoTime() - t0) / 1e9;
        RealGrid map = MrcReader.read(dir.resolve("LocalRes/run1/relion_locres.mrc").toString());
        double truthCoarse = uniformResolution(16), truthFine = uniformResolution(8);
        double coarse = medianIn(map, mask, 6, 24), fine = medianIn(map, mask, 40, 58);
        String line = String.format("local resolution: x<32 (cut at 16 Å, global FSC of such a map %.2f Å) median %.2f Å, x>=32 (cut at 8 Å, global %.2f Å) median %.2f Å; %d points, %.1f s",
                truthCoarse, coarse, truthFine, fine, r.points(), s);
        System.out.println(line);
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("localres-figures.txt"), line + "\n" + r.summary());
        // windowing spreads each shell over ~1.5 neighbours, so where the noise is weak the local FSC stays above 0.143
        // a little past the cut: measured 14.81 vs 14.59 Å and 6.84 vs 7.62 Å
        assertEquals(truthCoarse, coarse, 0.15 * truthCoarse, line);
        assertEquals(truthFine, fine, 0.15 * truthFine, line);
        assertTrue(coarse / fine > 1.7, "the two regions are told apart (true ratio 1.9): " + line);
        assertTrue(Files.size(dir.resolve("LocalRes/run1/relion_locres_histogram.png")) > 1000);
        // the locally filtered map is closer to the truth than the plain average, most of all where the resolution is low
        RealGrid filtered = MrcReader.read(dir.resolve("LocalRes/run1/relion_locres_filtered.mrc").toString()), truth = twoResolutionTruth();
        RealGrid avg = h.average();
        double[] cf = {regionCorrelation(filtered, truth, mask, 6, 24), regionCorrelation(filtered, truth, mask, 40, 58)};
        double[] ca = {regionCorrelation(avg, truth, mask, 6, 24), regionCorrelation(avg, truth, mask, 40, 58)};
        String filt = String.format("correlation with the truth, locally filtered vs average: 16 Å region %.3f vs %.3f, 8 Å region %.3f vs %.3f",
                cf[0], ca[0], cf[1], ca[1]);
        System.out.println(filt);
        assertTrue(cf[0] > ca[0] + 0.3, filt); // measured 0.814 vs 0.223
        assertTrue(cf[1] > ca[1] + 0.1, filt); // measured 0.881 vs 0.582
        String txt = Files.readString(dir.resolve("LocalRes/run1/relion_locres.txt"));
        assertTrue(txt.contains("median") && txt.contains(r.points() + " points"), txt);
    }

    @Test void maskWithoutSampledPointsIsAnInputError() {
        HalfMaps h = twoResolutions();
        LocalResolutionParameters p = new LocalResolutionParameters(Path.of("t_half1.mrc"), null, Path.of("m.mrc"), Path.of("o"), -1, 8, 8, 8, 25, 50, 0, 0);
        InputException e = assertThrows(InputException.class, () -> LocalResolution.compute(h, new RealGrid(N, N, N), p));
        assertTrue(e.getMessage().contains("inside the mask"), e.getMessage());
    }

    @Test void windowValueStaysBetweenNyquistAndMinRes() {
        org.subtomo.core.fsc.FscCurve noise = new org.subtomo.core.fsc.FscCurve(new double[]{0.05, 0.02, 0.1, 0.0}, new long[4], 6, 2);
        assertEquals(50, LocalResolution.windowResolution(noise, 2, 50), 0, "no signal even in shell 1 (shell 0 is the mean)");
        org.subtomo.core.fsc.FscCurve all = new org.subtomo.core.fsc.FscCurve(new double[]{1, 0.9, 0.8, 0.5}, new long[4], 6, 2);
        assertEquals(4, LocalResolution.windowResolution(all, 2, 50), 0, "signal to Nyquist");
        org.subtomo.core.fsc.FscCurve mid = new org.subtomo.core.fsc.FscCurve(new double[]{1, 0.9, 0.1, 0.0}, new long[4], 6, 2);
        double d = LocalResolution.windowResolution(mid, 2, 50);
        assertTrue(d > 6 && d < 12, "between shells 1 and 2: " + d);
    }

    /** 0.143 crossing of the FSC between two half maps that carry the whole box at one resolution, with the same noise. */
    static double uniformResolution(double res) { // also used by LocalResolutionRelionTest
        RealGrid t = lowPassed(Maps.whiteNoise(N, N, N, 1, 3), res);
        RealGrid h1 = Maps.whiteNoise(N, N, N, NOISE, 4), h2 = Maps.whiteNoise(N, N, N, NOISE, 5);
        for (int i = 0; i < t.data.length; i++) { h1.data[i] += t.data[i]; h2.data[i] += t.data[i]; }
        return org.subtomo.core.fsc.Fsc.compute(h1, h2, A).resolution0143();
    }

    static double regionCorrelation(RealGrid a, RealGrid b, RealGrid mask, int x0, int x1) {
        double sab = 0, saa = 0, sbb = 0, ma = 0, mb = 0;
        int k = 0;
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = x0; x < x1; x++)
            if (mask.get(x, y, z) >= 0.5f) { ma += a.get(x, y, z); mb += b.get(x, y, z); k++; }
        ma /= k; mb /= k;
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = x0; x < x1; x++)
            if (mask.get(x, y, z) >= 0.5f) {
                double u = a.get(x, y, z) - ma, v = b.get(x, y, z) - mb;
                sab += u * v; saa += u * u; sbb += v * v;
            }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Median of the map over voxels with mask ≥ 0.5 and x0 ≤ x < x1. */
    static double medianIn(RealGrid map, RealGrid mask, int x0, int x1) {
        float[] v = new float[map.size()];
        int k = 0;
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = x0; x < x1; x++)
            if (mask.get(x, y, z) >= 0.5f) v[k++] = map.get(x, y, z);
        float[] u = Arrays.copyOf(v, k);
        Arrays.sort(u);
        return u[k / 2];
    }
}
