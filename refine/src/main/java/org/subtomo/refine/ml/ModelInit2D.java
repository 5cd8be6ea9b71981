package org.subtomo.refine.ml;

import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierFilters;
import org.subtomo.core.fourier.FourierShift;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.mask.SoftMasks;

import java.util.SplittableRandom;

/**
 * Reference-free start of a 2D classification:
 * <ul>
 *   <li>each particle goes to a random class (seeded); each class is the average of its (offset
 *       centred, unmasked) particles, soft-masked, then low-passed to {@code iniHigh} Å (raised
 *       cosine, 2 shells) or, without it, to 0.07·N shells (RELION's default);</li>
 *   <li>τ²(class) = ½|F|² per shell of the low-passed reference (RELION); shells where it is zero
 *       are suppressed by the reconstruction until their signal is estimated
 *       ({@link BackRotator2D#reconstruct}, as RELION);</li>
 *   <li>σ²(group) = ½(mean particle power − power of the mean particle), negatives replaced by
 *       neighbours; with {@code zeroMask} both from the particles masked as in the E-step (soft circle,
 *       outside = background mean), as RELION does, so that σ² describes the noise of the images the
 *       E-step compares (the masked ones: about half the power of the whole box for a typical mask);</li>
 *   <li>class prior 1/K; σ_offset from {@code sigmaOffsetAngst}; resolution = the low-pass shell.</li>
 * </ul>
 */
public final class ModelInit2D {
    private ModelInit2D() {}

    public static MlModel initialise(ParticleData2D d, int classes, long seed, double iniHighAngst, double sigmaOffsetAngst,
                                     double maskRadiusPx, double maskEdgePx, boolean zeroMask) {
        int n = d.n, np = d.size();
        if (classes < 1) throw new IllegalArgumentException("need at least one class");
        MlModel m = new MlModel(n, d.pixelSize, classes, d.groupNames);
        FourierComponents comp = FourierComponents.of2D(n, n / 2 - 1);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] cls = new int[np];
        for (int i = 0; i < np; i++) cls[i] = rnd.nextInt(classes);
        // make sure every class has a member when there are enough particles
        if (np >= classes) for (int c = 0; c < classes; c++) cls[(int) ((long) c * np / classes) % np] = c;
        double[][] sum = new double[classes][n * n];
        int[] count = new int[classes];
        int groups = d.groupNames.length;
        double[][] meanRe = new double[groups][comp.count], meanIm = new double[groups][comp.count];
        double[][] power = new double[groups][n / 2 + 1];
        long[] gCount = new long[groups];
        float[] vals = new float[2 * comp.count];
        for (int i = 0; i < np; i++) {
            RealGrid g = new RealGrid(n, n, 1, d.images[i].clone());
            FourierGrid f = Fft.forward(g);
            FourierShift.shift(f, d.originXAngst[i] / d.pixelSize, d.originYAngst[i] / d.pixelSize, 0);   // RELION: centred = moved by +origin
            comp.gather(f, comp.count, vals);
            int gr = d.group[i];
            gCount[gr]++;
            RealGrid centred = Fft.inverse(f);
            if (zeroMask) {
                // σ² from the masked particle (the E-step's image), the class sums from the whole one
                RealGrid masked = centred.copy();
                SoftMasks.maskWithBackgroundMean(masked, maskRadiusPx, maskEdgePx);
                comp.gather(Fft.forward(masked), comp.count, vals);
            }
            for (int q = 0; q < comp.count; q++) {
                meanRe[gr][q] += vals[2 * q]; meanIm[gr][q] += vals[2 * q + 1];
                power[gr][comp.shell[q]] += vals[2 * q] * (double) vals[2 * q] + vals[2 * q + 1] * (double) vals[2 * q + 1];
            }
            double[] s = sum[cls[i]];
            for (int q = 0; q < n * n; q++) s[q] += centred.data[q];
            count[cls[i]]++;
        }
        long[] shellCount = comp.shellCounts();
        for (int gr = 0; gr < groups; gr++) {
            if (gCount[gr] == 0) continue;
            double[] meanPow = new double[n / 2 + 1];
            for (int q = 0; q < comp.count; q++) {
                double re = meanRe[gr][q] / gCount[gr], im = meanIm[gr][q] / gCount[gr];
                meanPow[comp.shell[q]] += re * re + im * im;
            }
            for (int sh = 1; sh <= n / 2 - 1; sh++) {
                m.sigma2[gr][sh] = 0.5 * (power[gr][sh] / gCount[gr] - meanPow[sh]) / shellCount[sh];
            }
            m.sigma2[gr][n / 2] = m.sigma2[gr][n / 2 - 1];
            Spectra.fillNonPositive(m.sigma2[gr]);
        }
        RealGrid mask = SoftMasks.circle(n, n, maskRadiusPx, maskEdgePx);
        int lowShell = iniHighAngst > 0 ? (int) Math.round(n * d.pixelSize / iniHighAngst) : (int) Math.round(0.07 * n);
        lowShell = Math.max(1, Math.min(n / 2 - 1, lowShell));
        for (int c = 0; c < classes; c++) {
            RealGrid ref = RealGrid.image(n, n);
            if (count[c] > 0) for (int q = 0; q < n * n; q++) ref.data[q] = (float) (sum[c][q] / count[c]);
            SoftMasks.multiply(ref, mask);
            FourierGrid f = Fft.forward(ref.copy());
            FourierFilters.lowPass(f, lowShell, lowShell + 2);
            comp.gather(f, comp.count, vals);
            double[] t2 = Spectra.halfPower(vals, comp);
            for (int sh = 1; sh < t2.length; sh++) m.tau2[c][sh] = t2[sh];
            m.refs[c] = Fft.inverse(f);
            m.pdfClass[c] = 1.0 / classes;
        }
        m.sigmaOffsetPx = sigmaOffsetAngst / d.pixelSize;
        m.resShell = lowShell;
        m.currentRadius = lowShell;
        m.iteration = 0;
        return m;
    }
}
