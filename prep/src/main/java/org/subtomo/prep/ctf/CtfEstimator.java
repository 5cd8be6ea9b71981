package org.subtomo.prep.ctf;

import org.subtomo.core.ctf.CtfParams;
import org.subtomo.core.ctf.ElectronWavelength;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CTFFIND4-style CTF estimation (after Rohou &amp; Grigorieff 2015; an independent implementation):
 *
 * <ol>
 *   <li><b>Spectrum</b>: tiled, averaged amplitude spectrum ({@link AmplitudeSpectrum}).</li>
 *   <li><b>1D search</b>: the rotational average minus a smooth background (a degree-4 polynomial
 *       fitted to its logarithm over the fitting band) is correlated with CTF² for every defocus
 *       of the search grid (and every phase shift, when searched); the best few local maxima are
 *       kept as candidates.</li>
 *   <li><b>Background</b>, per candidate: the rotational average minus its running straight-line fit over one
 *       Thon-ring period (the window where the candidate's γ changes by π, so sin² averages out wherever it
 *       sits), divided by the running RMS over three periods: rings of all frequencies then weigh alike.
 *       The windows stay inside the fitting band: the strong power under its low end (particles, gold,
 *       the image's large-scale structure) once lifted the background of the first ring and flattened it.</li>
 *   <li><b>2D refinement</b>: Nelder–Mead on the normalised cross-correlation between that 2D
 *       spectrum and CTF² over the band, in (mean defocus, astigmatism vector (U−V)/2·(cos 2θ, sin 2θ),
 *       phase shift), so the angle never wraps; astigmatism beyond the expected value is
 *       penalised (CTFFIND's restraint). The score is the figure of merit.</li>
 *   <li><b>Halves</b>: the 1D search is repeated on the spectra of the tiles of the image's lower and
 *       upper halves ({@link AmplitudeSpectrum#halfA}); the two defoci are independent estimates, and
 *       their difference measures the fit's own error ({@link TiltSeriesCtf} turns it into
 *       {@link CtfFit#defocusError()} and the lower-tilt fallback).</li>
 *   <li><b>Fit resolution</b>: the equi-phase average (each pixel moved to the radius where the
 *       mean-defocus CTF has the same phase) is normalised the same way and correlated with CTF² in
 *       a window of two ring periods (at least 11 bins, never below the band) around each frequency;
 *       where the halves exist the same local correlation between the two halves' profiles must pass
 *       too (a fit's own correlation also rises on noise it was fitted to; the halves' agreement does
 *       not). The fitted resolution is the highest frequency up to which both stay ≥
 *       {@value #FIT_QUALITY_THRESHOLD}, starting from the first frequency that reaches it in the
 *       lowest quarter of the band; a run shorter than 10 bins, or none, means no fit (+∞).</li>
 * </ol>
 * Thread-safe: instances hold only parameters; FFT plans are per thread.
 */
public final class CtfEstimator {
    /** Local correlation that a ring must reach to count as fitted. */
    public static final double FIT_QUALITY_THRESHOLD = 0.3;
    private static final int CANDIDATES = 3;


    /**
     * Search settings.
     *
     * @param voltage             kV
     * @param cs                  mm
     * @param amplitudeContrast   fraction, e.g. 0.07 (cryo) or 0.1
     * @param pixelSize           Å per pixel of the images
     * @param box                 spectrum box (tile size), even, ≥ 64; CTFFIND's default 512
     * @param minResolution       Å, low-resolution end of the fitting band (e.g. 40)
     * @param maxResolution       Å, high-resolution end (e.g. 8; at least 2 × pixel size)
     * @param defocusMin          Å, search range start (positive = underfocus)
     * @param defocusMax          Å
     * @param defocusStep         Å, step of the 1D exhaustive search
     * @param astigmatism         refine astigmatism (else U = V)
     * @param expectedAstigmatism Å, astigmatism (U−V) beyond which the fit is penalised
     * @param phaseShift          search a phase-plate phase shift
     * @param phaseMin            degrees
     * @param phaseMax            degrees
     * @param phaseStep           degrees
     */
    public record Params(double voltage, double cs, double amplitudeContrast, double pixelSize, int box,
                         double minResolution, double maxResolution,
                         double defocusMin, double defocusMax, double defocusStep,
                         boolean astigmatism, double expectedAstigmatism,
                         boolean phaseShift, double phaseMin, double phaseMax, double phaseStep) {
        public Params {
            check(voltage > 0 && voltage <= 3000, "voltage " + fmt(voltage) + " kV: give the microscope's voltage, e.g. 300");
            check(cs >= 0 && cs < 100, "spherical aberration " + fmt(cs) + " mm: give Cs in mm, e.g. 2.7");
            check(amplitudeContrast >= 0 && amplitudeContrast < 1, "amplitude contrast " + fmt(amplitudeContrast) + ": give a fraction in [0, 1), e.g. 0.07");
            check(pixelSize > 0, "pixel size " + fmt(pixelSize) + " Å: must be > 0");
            check(box >= 64 && box % 2 == 0, "spectrum box " + box + ": use an even size ≥ 64, e.g. 512");
            double nyquist = 2 * pixelSize;
            check(maxResolution >= nyquist * 0.999, "maximum resolution " + fmt(maxResolution) + " Å is beyond Nyquist ("
                    + fmt(nyquist) + " Å at " + fmt(pixelSize) + " Å/px): use ≥ " + fmt(nyquist) + " Å");
            check(minResolution > maxResolution, "minimum resolution " + fmt(minResolution) + " Å must be coarser (larger) than the maximum resolution "
                    + fmt(maxResolution) + " Å");
            check(minResolution <= box * pixelSize / 3, "minimum resolution " + fmt(minResolution) + " Å is too coarse for a " + box
                    + "-pixel spectrum box at " + fmt(pixelSize) + " Å/px: use ≤ " + fmt(box * pixelSize / 3) + " Å or a larger box");
            check(defocusMin > 0 && defocusMax > defocusMin, "defocus range " + fmt(defocusMin) + ".." + fmt(defocusMax)
                    + " Å: need 0 < min < max (Å, positive = underfocus)");
            check(defocusStep > 0 && (defocusMax - defocusMin) / defocusStep <= 1e5, "defocus step " + fmt(defocusStep)
                    + " Å: must be > 0 and give at most 100000 steps");
            check(!astigmatism || expectedAstigmatism > 0, "expected astigmatism " + fmt(expectedAstigmatism) + " Å: must be > 0, e.g. 1000");
            if (phaseShift) {
                check(phaseMax >= phaseMin && phaseStep > 0 && (phaseMax - phaseMin) / phaseStep <= 3600,
                        "phase-shift search " + fmt(phaseMin) + ".." + fmt(phaseMax) + " step " + fmt(phaseStep) + "°: need min ≤ max and step > 0");
            }
        }

        /** Defaults for tomography: box 512, 40–max(8, 2.5 px) Å, 0.5–8 µm in 100 Å steps, astigmatism on (1000 Å expected), no phase plate. */
        public static Params defaults(double voltage, double cs, double amplitudeContrast, double pixelSize) {
            return new Params(voltage, cs, amplitudeContrast, pixelSize, 512, 40, Math.max(8, 2.5 * pixelSize),
                    5000, 80000, 100, true, 1000, false, 0, 180, 10);
        }

        public Params withBox(int b) {
            return new Params(voltage, cs, amplitudeContrast, pixelSize, b, minResolution, maxResolution, defocusMin, defocusMax, defocusStep,
                    astigmatism, expectedAstigmatism, phaseShift, phaseMin, phaseMax, phaseStep);
        }

        public Params withResolution(double min, double max) {
            return new Params(voltage, cs, amplitudeContrast, pixelSize, box, min, max, defocusMin, defocusMax, defocusStep,
                    astigmatism, expectedAstigmatism, phaseShift, phaseMin, phaseMax, phaseStep);
        }

        public Params withDefocusSearch(double min, double max, double step) {
            return new Params(voltage, cs, amplitudeContrast, pixelSize, box, minResolution, maxResolution, min, max, step,
                    astigmatism, expectedAstigmatism, phaseShift, phaseMin, phaseMax, phaseStep);
        }

        public Params withAstigmatism(boolean on, double expected) {
            return new Params(voltage, cs, amplitudeContrast, pixelSize, box, minResolution, maxResolution, defocusMin, defocusMax, defocusStep,
                    on, expected, phaseShift, phaseMin, phaseMax, phaseStep);
        }

        public Params withPhaseShift(boolean on, double min, double max, double step) {
            return new Params(voltage, cs, amplitudeContrast, pixelSize, box, minResolution, maxResolution, defocusMin, defocusMax, defocusStep,
                    astigmatism, expectedAstigmatism, on, min, max, step);
        }

        /** The image must hold at least one spectrum box. */
        public void checkImage(String name, int nx, int ny) {
            check(nx >= box && ny >= box, name + ": image " + nx + "×" + ny + " is smaller than the spectrum box " + box
                    + ": use a box ≤ " + (Math.min(nx, ny) - Math.min(nx, ny) % 2));
        }

        private static void check(boolean ok, String message) { if (!ok) throw new InputException("CTF estimation: " + message); }
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private final Params p;
    /** −πλ, (π/2)·Cs·λ³ (Cs in Å), amplitude-contrast phase (rad), wavelength λ (Å). */
    private final double k1, k2, phaseQ, lambda;

    public CtfEstimator(Params params) {
        this.p = params;
        lambda = ElectronWavelength.angstrom(params.voltage());
        k1 = -Math.PI * lambda;
        k2 = Math.PI / 2 * params.cs() * 1e7 * lambda * lambda * lambda;
        double q = params.amplitudeContrast();
        phaseQ = Math.atan(q / Math.sqrt(1 - q * q));
    }

    public Params params() { return p; }

    /** Fits one image. */
    public CtfFit estimate(RealGrid image) { return estimate(List.of(image)); }

    /** Fits the averaged spectrum of several images of the same defocus (e.g. a tilt's two .trial images). */
    public CtfFit estimate(List<RealGrid> images) {
        if (images.isEmpty()) throw new IllegalArgumentException("no images");
        for (RealGrid g : images) p.checkImage("CTF estimation", g.nx, g.ny);
        return fit(AmplitudeSpectrum.of(images, p.box()));
    }

    /**
     * Fits the images of one tilt of a flat specimen tilted by {@code tiltDeg} about Y: when the defocus
     * change across the image, u·p·tan θ at the outermost tile centres, would move the rings at the
     * band's high end by more than π/8, the images are fitted twice, the second time with every tile's
     * spectrum resampled to the first fit's defocus ({@link AmplitudeSpectrum#of(List, int, double, double, double)}),
     * so that the rings of the image's near and far sides no longer smear in the average. The fit with the
     * higher figure of merit is returned (a safeguard against a bent specimen or tilt angles of the opposite
     * sense, where the resampling would add smear).
     */
    public CtfFit estimate(List<RealGrid> images, double tiltDeg) {
        CtfFit first = estimate(images);
        int nx = images.get(0).nx;
        double delta = Math.max(0, nx / 2.0 - p.box() / 2.0) * p.pixelSize() * Math.abs(Math.tan(Math.toRadians(tiltDeg)));
        double sMax = 1 / p.maxResolution();
        if (Math.PI * lambda * delta * sMax * sMax <= Math.PI / 8 || !(first.defocus() > 0)) return first;
        CtfFit second = fit(AmplitudeSpectrum.of(images, p.box(), tiltDeg, p.pixelSize(), first.defocus()));
        // a specimen that is not flat, or tilt angles of the other sense, could smear the rings more: keep the better
        return second.figureOfMerit() >= first.figureOfMerit() ? second : first;
    }

    // ------------------------------------------------------------------------------------------

    /** γ + φ0 without the phase terms, i.e. k1·Δf·s² + k2·s⁴, and the total phase offset. */
    private double gammaIso(double df, double s2, double phaseDeg) {
        return k1 * df * s2 + k2 * s2 * s2 - phaseQ - Math.toRadians(phaseDeg);
    }

    /** Fits an amplitude spectrum. */
    public CtfFit fit(AmplitudeSpectrum spec) {
        if (spec.box != p.box()) throw new IllegalArgumentException("spectrum box " + spec.box + " != " + p.box());
        int b = p.box(), hx = b / 2 + 1, nb = b / 2 + 1;
        double ds = 1.0 / (b * p.pixelSize());
        int rLo = (int) Math.ceil(1 / p.minResolution() / ds);
        int rHi = Math.min(b / 2, (int) Math.floor(1 / p.maxResolution() / ds));
        double[] radial = radialAverage(spec.amp, b);

        // ---- 1D exhaustive search
        double[][] search = search1d(radial, rLo, rHi, ds);
        double[] best1d = search[0], bestPhase = search[1];
        List<Integer> peaks = topPeaks(best1d, CANDIDATES);
        // the halves' own 1D searches: two independent estimates of the defocus
        double halfA = Double.NaN, halfB = Double.NaN;
        if (spec.halfA != null) {
            halfA = peakDefocus(search1d(radialAverage(spec.halfA, b), rLo, rHi, ds)[0]);
            halfB = peakDefocus(search1d(radialAverage(spec.halfB, b), rLo, rHi, ds)[0]);
        }

        // ---- per candidate: background, 2D refinement
        Refined best = null;
        for (int i : peaks) {
            double df = p.defocusMin() + i * p.defocusStep();
            Refined r = refine2d(spec, radial, new double[] {df, 0, 0, bestPhase[i]}, rLo, rHi, ds);
            // a second round with the background of the refined defocus
            r = refine2d(spec, radial, r.x, rLo, rHi, ds);
            if (best == null || r.score > best.score) best = r;
        }
        return finish(spec, best, radial, rLo, rHi, ds, halfA, halfB);
    }

    /** Defocus (Å) of the best score of a 1D search, refined between grid steps by a parabola. */
    private double peakDefocus(double[] score) {
        int i = topPeaks(score, 1).get(0);
        double off = 0;
        if (i > 0 && i < score.length - 1) {
            double l = score[i - 1], c = score[i], r = score[i + 1], den = l - 2 * c + r;
            if (den < 0) off = Math.max(-0.5, Math.min(0.5, 0.5 * (l - r) / den));
        }
        return p.defocusMin() + (i + off) * p.defocusStep();
    }

    /** Rotational average of a half-grid spectrum by rounded pixel radius, 0 … box/2. */
    static double[] radialAverage(float[] a, int b) {
        int hx = b / 2 + 1, nb = b / 2 + 1;
        double[] radial = new double[nb];
        int[] cnt = new int[nb];
        for (int ky = 0; ky < b; ky++) {
            int fy = ky <= b / 2 ? ky : ky - b;
            for (int kx = 0; kx < hx; kx++) {
                int r = (int) Math.round(Math.sqrt(kx * kx + fy * fy));
                if (r < nb) { radial[r] += a[kx + hx * ky]; cnt[r]++; }
            }
        }
        for (int r = 0; r < nb; r++) radial[r] = cnt[r] > 0 ? radial[r] / cnt[r] : 0;
        return radial;
    }

    /**
     * The 1D search: the rotational average minus its smooth background, correlated with CTF² for
     * every defocus of the grid (best over the phase grid). Returns {score per defocus, its phase}.
     */
    private double[][] search1d(double[] radial, int rLo, int rHi, double ds) {
        int nb = radial.length;
        double[] resid = polyResidual(radial, rLo, rHi, ds);
        int nDf = (int) Math.floor((p.defocusMax() - p.defocusMin()) / p.defocusStep() + 1e-9) + 1;
        double[] phases = p.phaseShift() ? phaseGrid() : new double[] {0};
        double[] best1d = new double[nDf];
        double[] bestPhase = new double[nDf];
        double[] model = new double[nb];
        for (int i = 0; i < nDf; i++) {
            double df = p.defocusMin() + i * p.defocusStep();
            best1d[i] = Double.NEGATIVE_INFINITY;
            for (double ph : phases) {
                for (int r = rLo; r <= rHi; r++) {
                    double s = r * ds, g = gammaIso(df, s * s, ph), sg = Math.sin(g);
                    model[r] = sg * sg;
                }
                double cc = correlation(resid, model, rLo, rHi);
                if (cc > best1d[i]) { best1d[i] = cc; bestPhase[i] = ph; }
            }
        }
        return new double[][] {best1d, bestPhase};
    }

    private double[] phaseGrid() {
        int n = (int) Math.floor((p.phaseMax() - p.phaseMin()) / p.phaseStep() + 1e-9) + 1;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) g[i] = p.phaseMin() + i * p.phaseStep();
        return g;
    }

    /** radial − exp(degree-4 polynomial in s fitted to log(radial) over [rLo, rHi]). */
    static double[] polyResidual(double[] radial, int rLo, int rHi, double ds) {
        int deg = Math.min(4, Math.max(1, (rHi - rLo) / 6));
        int m = deg + 1;
        double[][] ata = new double[m][m];
        double[] atb = new double[m];
        double mid = (rLo + rHi) / 2.0, half = Math.max(1, (rHi - rLo) / 2.0);
        for (int r = rLo; r <= rHi; r++) {
            double y = Math.log(Math.max(radial[r], 1e-30));
            double t = (r - mid) / half;
            double[] basis = new double[m];
            basis[0] = 1;
            for (int k = 1; k < m; k++) basis[k] = basis[k - 1] * t;
            for (int i = 0; i < m; i++) {
                atb[i] += basis[i] * y;
                for (int j = 0; j < m; j++) ata[i][j] += basis[i] * basis[j];
            }
        }
        double[] c = solve(ata, atb);
        double[] out = new double[radial.length];
        for (int r = rLo; r <= rHi; r++) {
            double t = (r - mid) / half, v = 0, pw = 1;
            for (int k = 0; k < m; k++) { v += c[k] * pw; pw *= t; }
            out[r] = radial[r] - Math.exp(v);
        }
        return out;
    }

    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) m[i] = a[i].clone();
        double[] x = b.clone();
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
            double[] t = m[c]; m[c] = m[piv]; m[piv] = t;
            double tx = x[c]; x[c] = x[piv]; x[piv] = tx;
            if (Math.abs(m[c][c]) < 1e-300) continue;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k < n; k++) m[r][k] -= f * m[c][k];
                x[r] -= f * x[c];
            }
        }
        for (int c = n - 1; c >= 0; c--) {
            double s = x[c];
            for (int k = c + 1; k < n; k++) s -= m[c][k] * x[k];
            x[c] = Math.abs(m[c][c]) < 1e-300 ? 0 : s / m[c][c];
        }
        return x;
    }

    static double correlation(double[] x, double[] y, int lo, int hi) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = 0;
        for (int i = lo; i <= hi; i++) {
            double u = x[i], v = y[i];
            sx += u; sy += v; sxx += u * u; syy += v * v; sxy += u * v; n++;
        }
        if (n < 3) return 0;
        double vx = sxx - sx * sx / n, vy = syy - sy * sy / n;
        if (vx <= 0 || vy <= 0) return 0;
        return (sxy - sx * sy / n) / Math.sqrt(vx * vy);
    }

    /** Indices of up to k local maxima of the score, best first. */
    static List<Integer> topPeaks(double[] score, int k) {
        List<Integer> peaks = new ArrayList<>();
        for (int i = 0; i < score.length; i++) {
            boolean left = i == 0 || score[i] >= score[i - 1];
            boolean right = i == score.length - 1 || score[i] > score[i + 1];
            if (left && right && Double.isFinite(score[i])) peaks.add(i);
        }
        peaks.sort((u, v) -> Double.compare(score[v], score[u]));
        return peaks.size() > k ? peaks.subList(0, k) : peaks.isEmpty() ? List.of(0) : peaks;
    }

    /**
     * Running background and RMS of a radial profile for a trial CTF (isotropic γ at the mean
     * defocus): background = the local straight line fitted over the bins with |Δγ| ≤ π/2 (one ring
     * period, so the rings average out), RMS of the remainder over |Δγ| ≤ 3π/2; at least ±1 and ±4
     * bins. Bins from {@code from} upwards only use bins from {@code from} upwards (and those below
     * only those below): the strong low-frequency power under the fitting band would otherwise lift
     * the background of the first rings and flatten them. The line, not a plain mean, keeps the
     * one-sided windows at the band's ends unbiased on a sloping spectrum (a mean there would make
     * a false ring at the band start). Returns {bg, rms}, valid on [1, nb−1].
     */
    double[][] background(double[] radial, double df, double phaseDeg, double ds, int from) {
        int nb = radial.length;
        from = Math.max(1, Math.min(from, nb - 1));
        double[] g = new double[nb];
        for (int r = 0; r < nb; r++) { double s = r * ds; g[r] = gammaIso(df, s * s, phaseDeg); }
        double[] bg = new double[nb], ms = new double[nb];
        windowLine(radial, g, Math.PI / 2, 1, 1, from, bg);
        windowLine(radial, g, Math.PI / 2, 1, from, nb, bg);
        double[] dev2 = new double[nb];
        for (int r = 1; r < nb; r++) { double d = radial[r] - bg[r]; dev2[r] = d * d; }
        windowMean(dev2, g, 1.5 * Math.PI, 4, 1, from, ms);
        windowMean(dev2, g, 1.5 * Math.PI, 4, from, nb, ms);
        double[] rms = new double[nb];
        for (int r = 1; r < nb; r++) rms[r] = Math.sqrt(Math.max(ms[r], 1e-30));
        return new double[][] {bg, rms};
    }

    /**
     * For r ∈ [r0, r1): the value at r of the least-squares line through v over bins r' ∈ [r0, r1)
     * with |g[r'] − g[r]| ≤ halfPhase or |r'−r| ≤ minHalf, written to out[r].
     */
    static void windowLine(double[] v, double[] g, double halfPhase, int minHalf, int r0, int r1, double[] out) {
        if (r1 <= r0) return;
        double[] p0 = new double[r1 + 1], p1 = new double[r1 + 1], p2 = new double[r1 + 1], q0 = new double[r1 + 1], q1 = new double[r1 + 1];
        for (int r = r0; r < r1; r++) {
            p0[r + 1] = p0[r] + 1; p1[r + 1] = p1[r] + r; p2[r + 1] = p2[r] + (double) r * r;
            q0[r + 1] = q0[r] + v[r]; q1[r + 1] = q1[r] + r * v[r];
        }
        int lo = r0, hi = r0;
        for (int r = r0; r < r1; r++) {
            while (lo < r && Math.abs(g[lo] - g[r]) > halfPhase && r - lo > minHalf) lo++;
            if (hi < r) hi = r;
            while (hi + 1 < r1 && (Math.abs(g[hi + 1] - g[r]) <= halfPhase || hi + 1 - r <= minHalf)) hi++;
            double n = p0[hi + 1] - p0[lo], sx = p1[hi + 1] - p1[lo], sxx = p2[hi + 1] - p2[lo];
            double sy = q0[hi + 1] - q0[lo], sxy = q1[hi + 1] - q1[lo];
            double den = n * sxx - sx * sx;
            if (n < 3 || den <= 1e-9) { out[r] = sy / n; continue; }
            double slope = (n * sxy - sx * sy) / den, icpt = (sy - slope * sx) / n;
            out[r] = icpt + slope * r;
        }
    }

    /**
     * For r ∈ [r0, r1): mean of v over bins r' ∈ [r0, r1) with |g[r'] − g[r]| ≤ halfPhase or
     * |r'−r| ≤ minHalf, written to out[r].
     */
    static void windowMean(double[] v, double[] g, double halfPhase, int minHalf, int r0, int r1, double[] out) {
        if (r1 <= r0) return;
        double[] prefix = new double[r1 + 1];
        for (int r = r0; r < r1; r++) prefix[r + 1] = prefix[r] + v[r];
        int lo = r0, hi = r0;
        for (int r = r0; r < r1; r++) {
            while (lo < r && Math.abs(g[lo] - g[r]) > halfPhase && r - lo > minHalf) lo++;
            if (hi < r) hi = r;
            while (hi + 1 < r1 && (Math.abs(g[hi + 1] - g[r]) <= halfPhase || hi + 1 - r <= minHalf)) hi++;
            out[r] = (prefix[hi + 1] - prefix[lo]) / (hi - lo + 1);
        }
    }

    private record Refined(double[] x, double score, double[] bg, double[] rms) {}

    /** Band pixels and their normalised data, for the 2D score. */
    private static final class Band {
        float[] s2, c2, sn2, d;
        int n;
        double sd, sdd;
    }

    private Band band(AmplitudeSpectrum spec, double[] bg, double[] rms, int rLo, int rHi, double ds) {
        int b = spec.box, hx = b / 2 + 1;
        int cap = 0;
        for (int ky = 0; ky < b; ky++) {
            int fy = ky <= b / 2 ? ky : ky - b;
            for (int kx = 0; kx < hx; kx++) {
                double r = Math.sqrt(kx * kx + fy * fy);
                if (r >= rLo && r <= rHi) cap++;
            }
        }
        Band bd = new Band();
        bd.s2 = new float[cap]; bd.c2 = new float[cap]; bd.sn2 = new float[cap]; bd.d = new float[cap];
        int n = 0;
        for (int ky = 0; ky < b; ky++) {
            int fy = ky <= b / 2 ? ky : ky - b;
            for (int kx = 0; kx < hx; kx++) {
                double r = Math.sqrt(kx * kx + fy * fy);
                if (r < rLo || r > rHi) continue;
                double sx = kx * ds, sy = fy * ds, s2 = sx * sx + sy * sy;
                bd.s2[n] = (float) s2;
                bd.c2[n] = (float) (sx * sx - sy * sy);   // s²·cos 2θ
                bd.sn2[n] = (float) (2 * sx * sy);        // s²·sin 2θ
                double v = (spec.amp[kx + hx * ky] - interp(bg, r)) / interp(rms, r);
                bd.d[n] = (float) v;
                bd.sd += v; bd.sdd += v * v;
                n++;
            }
        }
        bd.n = n;
        return bd;
    }

    static double interp(double[] f, double r) {
        int i = (int) Math.floor(r);
        if (i >= f.length - 1) return f[f.length - 1];
        if (i < 1) return f[1];
        double t = r - i;
        return f[i] * (1 - t) + f[i + 1] * t;
    }

    /** Normalised cross-correlation of the band data with CTF² for x = (mean, ax, ay, phase°). */
    private double score(Band bd, double[] x) {
        double mean = x[0], ax = x[1], ay = x[2], ph = phaseQ + Math.toRadians(x[3]);
        double sc = 0, scc = 0, sdc = 0;
        float[] s2 = bd.s2, c2 = bd.c2, sn2 = bd.sn2, d = bd.d;
        for (int i = 0; i < bd.n; i++) {
            double q = s2[i];
            double g = k1 * (mean * q + ax * c2[i] + ay * sn2[i]) + k2 * q * q - ph;
            double sg = Math.sin(g), c = sg * sg;
            sc += c; scc += c * c; sdc += d[i] * c;
        }
        int n = bd.n;
        double vd = bd.sdd - bd.sd * bd.sd / n, vc = scc - sc * sc / n;
        if (vd <= 0 || vc <= 0) return 0;
        return (sdc - bd.sd * sc / n) / Math.sqrt(vd * vc);
    }

    /** Score minus the restraints (astigmatism beyond expected, defocus outside the search range). */
    private double objective(Band bd, double[] x) {
        double s = score(bd, x);
        double astig = 2 * Math.hypot(x[1], x[2]);
        if (p.astigmatism() && astig > p.expectedAstigmatism()) {
            double e = (astig - p.expectedAstigmatism()) / p.expectedAstigmatism();
            s -= 0.05 * e * e;
        }
        double lo = p.defocusMin() - p.defocusStep(), hi = p.defocusMax() + p.defocusStep();
        if (x[0] < lo) s -= (lo - x[0]) / 1000;
        if (x[0] > hi) s -= (x[0] - hi) / 1000;
        return s;
    }

    private Refined refine2d(AmplitudeSpectrum spec, double[] radial, double[] start, int rLo, int rHi, double ds) {
        double[][] br = background(radial, start[0], start[3], ds, rLo);
        Band bd = band(spec, br[0], br[1], rLo, rHi, ds);
        // free parameters: mean defocus, [ax, ay], [phase]
        boolean astig = p.astigmatism(), phase = p.phaseShift();
        int dim = 1 + (astig ? 2 : 0) + (phase ? 1 : 0);
        double[] x0 = new double[dim], step = new double[dim];
        int k = 0;
        x0[k] = start[0]; step[k++] = Math.max(2 * p.defocusStep(), 200);
        if (astig) { x0[k] = start[1]; step[k++] = 150; x0[k] = start[2]; step[k++] = 150; }
        if (phase) { x0[k] = start[3]; step[k] = Math.max(p.phaseStep(), 5); }
        java.util.function.ToDoubleFunction<double[]> f = v -> -objective(bd, expand(v, start));
        double[] xm = NelderMead.minimise(f, x0, step, 400, 1e-7);
        xm = NelderMead.minimise(f, xm, scaled(step, 0.25), 300, 1e-8); // restart: escapes a collapsed simplex
        double[] full = expand(xm, start);
        if (phase) full[3] = ((full[3] % 180) + 180) % 180;
        return new Refined(full, score(bd, full), br[0], br[1]);
    }

    private static double[] scaled(double[] v, double f) {
        double[] o = v.clone();
        for (int i = 0; i < o.length; i++) o[i] *= f;
        return o;
    }

    private double[] expand(double[] v, double[] start) {
        double[] x = {v[0], 0, 0, start[3]};
        int k = 1;
        if (p.astigmatism()) { x[1] = v[k++]; x[2] = v[k++]; }
        if (p.phaseShift()) x[3] = v[k];
        return x;
    }

    /** Equi-phase average: each pixel moved to the radius where the mean-defocus CTF has its phase. */
    private double[] equiPhase(float[] amp, double mean, double ax, double ay, int b, double ds) {
        int hx = b / 2 + 1, nb = b / 2 + 1;
        double[] epa = new double[nb];
        int[] cnt = new int[nb];
        double bq = k1 * mean;
        for (int ky = 0; ky < b; ky++) {
            int fy = ky <= b / 2 ? ky : ky - b;
            for (int kx = 0; kx < hx; kx++) {
                double r = Math.sqrt(kx * kx + fy * fy);
                if (r < 1 || r > b / 2) continue;
                double sx = kx * ds, sy = fy * ds, s2 = sx * sx + sy * sy;
                double g = k1 * (mean * s2 + ax * (sx * sx - sy * sy) + ay * 2 * sx * sy) + k2 * s2 * s2;
                double disc = bq * bq + 4 * k2 * g;
                double x = -2 * g / (-bq + Math.sqrt(Math.max(disc, 0)));
                int re = (int) Math.round(Math.sqrt(Math.max(x, 0)) / ds);
                if (re >= 1 && re < nb) { epa[re] += amp[kx + hx * ky]; cnt[re]++; }
            }
        }
        for (int r = 1; r < nb; r++) epa[r] = cnt[r] > 0 ? epa[r] / cnt[r] : (r > 1 ? epa[r - 1] : 0);
        return epa;
    }

    /** A radial profile minus its running background, over its running RMS (as the fit's data). */
    private double[] normalisedProfile(double[] profile, double mean, double phaseDeg, double ds, int rLo) {
        double[][] br = background(profile, mean, phaseDeg, ds, rLo);
        double[] out = new double[profile.length];
        for (int r = 1; r < out.length; r++) out[r] = (profile[r] - br[0][r]) / br[1][r];
        return out;
    }

    private CtfFit finish(AmplitudeSpectrum spec, Refined best, double[] radial, int rLo, int rHi, double ds, double halfA, double halfB) {
        double mean = best.x[0], ax = best.x[1], ay = best.x[2], phaseDeg = best.x[3];
        double half = Math.hypot(ax, ay);
        double angle = half > 0 ? Math.toDegrees(Math.atan2(ay, ax) / 2) : 0;
        angle = ((angle % 180) + 180) % 180;
        double u = mean + half, v = mean - half;

        int b = spec.box, hx = b / 2 + 1, nb = b / 2 + 1;
        double[] bg = best.bg, rms = best.rms;
        float[] norm = new float[hx * b];
        for (int ky = 0; ky < b; ky++) {
            int fy = ky <= b / 2 ? ky : ky - b;
            for (int kx = 0; kx < hx; kx++) {
                double r = Math.sqrt(kx * kx + fy * fy);
                if (r < 1 || r > b / 2) continue;
                norm[kx + hx * ky] = (float) ((spec.amp[kx + hx * ky] - interp(bg, r)) / interp(rms, r));
            }
        }
        double[] epa = equiPhase(spec.amp, mean, ax, ay, b, ds);
        double[][] ebr = background(epa, mean, phaseDeg, ds, rLo);
        double[] freq = new double[nb], data = new double[nb], fit = new double[nb], quality = new double[nb], gam = new double[nb];
        double spread = 1 / (2 * Math.sqrt(2)); // standard deviation of sin² over a period
        for (int r = 0; r < nb; r++) {
            double s = r * ds;
            freq[r] = s;
            gam[r] = gammaIso(mean, s * s, phaseDeg);
            double sg = Math.sin(gam[r]);
            fit[r] = sg * sg;
            data[r] = r == 0 ? 0.5 : 0.5 + spread * (epa[r] - ebr[0][r]) / ebr[1][r];
            quality[r] = Double.NaN;
        }
        // the two halves of the tiles, each folded and normalised the same way: where their rings
        // agree there is signal, whatever the fit (the fit's own quality can be fitted noise)
        double[] nA = null, nB = null;
        if (spec.halfA != null) {
            nA = normalisedProfile(equiPhase(spec.halfA, mean, ax, ay, b, ds), mean, phaseDeg, ds, rLo);
            nB = normalisedProfile(equiPhase(spec.halfB, mean, ax, ay, b, ds), mean, phaseDeg, ds, rLo);
        }
        // local correlation over two ring periods (|Δγ| ≤ π), at least ±5 bins
        // (the window never reaches under the band: the low-frequency power there is no Thon ring)
        int lo = Math.max(1, rLo), hi = lo;
        for (int r = lo; r < nb; r++) {
            while (lo < r && Math.abs(gam[lo] - gam[r]) > Math.PI && r - lo > 5) lo++;
            if (hi < r) hi = r;
            while (hi + 1 < nb && (Math.abs(gam[hi + 1] - gam[r]) <= Math.PI || hi + 1 - r <= 5)) hi++;
            quality[r] = correlation(data, fit, lo, hi);
            if (nA != null) quality[r] = Math.min(quality[r], correlation(nA, nB, lo, hi));
        }
        double maxRes = Double.POSITIVE_INFINITY;
        // the good run must start in the lowest quarter of the band (rings fit from low resolution
        // outwards; a run that starts high is noise fitted by the 2D refinement) and be 10+ bins long
        int start = -1, startLimit = rLo + Math.max(5, (rHi - rLo) / 4);
        for (int r = rLo; r <= Math.min(rHi, startLimit); r++) if (quality[r] >= FIT_QUALITY_THRESHOLD) { start = r; break; }
        if (start > 0) {
            int end = start;
            while (end + 1 < nb && quality[end + 1] >= FIT_QUALITY_THRESHOLD) end++;
            if (end - start >= 10) maxRes = 1 / (end * ds);
        }
        CtfParams c = new CtfParams(u, v, angle, p.voltage(), p.cs(), p.amplitudeContrast(), phaseDeg, 0, 1);
        return new CtfFit(u, v, angle, p.phaseShift() ? phaseDeg : 0, best.score, maxRes, false, halfA, halfB, Double.NaN,
                new CtfFit.Profile(freq, data, fit, quality),
                new CtfFit.Spectrum(b, p.pixelSize(), norm, p.minResolution(), p.maxResolution()), c);
    }
}
