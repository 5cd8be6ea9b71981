/**
 * Native CTFFIND4-style CTF estimation for tilt-series images (subtomo prepare, protocol steps 8-12):
 * {@link org.subtomo.prep.ctf.CtfEstimator} fits one image or the averaged spectra of several,
 * {@link org.subtomo.prep.ctf.TiltSeriesCtf} runs a whole tilt series (parallel over tilts, .trial
 * averaging, lower-tilt defoci) and writes {@code <tomo>_ctffind.star}; {@link org.subtomo.prep.ctf.CtfPlots}
 * draws the diagnostics (PNG: data left, fitted CTF² right; SVG: 1D curves).
 *
 * <p>Measured on synthetic images (tests): mean-defocus error ≤ 0.14 % (≤ 52 Å) at 2.3-4.6 Å/px,
 * 2-5 µm; astigmatism angle within 1.3° for 327-484 Å astigmatism (1536² images, SNR 1);
 * 4k × 4k image with a 512 box: about 0.9 s single-threaded (FFTW backend).
 *
 * <p>High tilts of dose-symmetric series (issue 5). On the default simulated project (4 tomograms × 41
 * tilts of 400² px at 5 Å/px, 3 e⁻/Å² per image) the old estimator fitted 1 of 41 tilts of tomo02: its
 * running background and local fit-quality windows reached below the fitting band into the strong
 * low-frequency power, which flattened the first ring and sank the quality at the band start, so even
 * the 0° image failed the rule that the fitted run starts in the band's lowest quarter; and the spectrum
 * box (512 clipped to the 400-pixel image) left one unaveraged periodogram. Once fixed, the fits' own
 * quality passed everywhere, noise included (a fit also correlates with the noise it was fitted to), so
 * the fit resolution also needs the two image halves' profiles to agree, and each fit carries the
 * halves' 1D estimates, from which {@link org.subtomo.prep.ctf.TiltSeriesCtf} derives an error per tilt
 * and decides the lower-tilt fallback. Beyond about 90 e⁻/Å² only the first one or two rings (below
 * 1/18 Å) survive the exposure, worth ±500-3500 Å; the lower tilts' mean (weighted by precision) is worth
 * their spread, ±200-260 Å.
 *
 * <p>Median |mean-defocus error| against the truth per |tilt| bin 0-15 / 15-30 / 30-45 / 45-60°, default
 * project, {@code prepare --q0 0.1} (the simulator's amplitude contrast), spectrum box 200:
 * <table>
 * <caption>defocus error (Å) vs tilt</caption>
 * <tr><th>run</th><th>0-15°</th><th>15-30°</th><th>30-45°</th><th>45-60°</th><th>fitted</th></tr>
 * <tr><td>before (box 400, as prepare clipped it)</td><td>109</td><td>245</td><td>522</td><td>1723</td><td>64 of 164 (tomo02: 1 of 41)</td></tr>
 * <tr><td>tilt images, no fallback</td><td>58</td><td>161</td><td>478</td><td>1197</td><td>162 of 164</td></tr>
 * <tr><td>tilt images (default)</td><td>58</td><td>152</td><td>111</td><td>155</td><td>162 of 164; all 80 tilts &gt; 30° and one outlier at 15-30° take the lower-tilt mean</td></tr>
 * <tr><td>{@code --use_trials}</td><td>21</td><td>25</td><td>25</td><td>24</td><td>164 of 164; none fall back</td></tr>
 * </table>
 * CPU: 94 s for the 164 images before (box 400, one periodogram each), 30 s now for the whole prepare
 * (164 images at box 200 plus 440 models; 99 s wall at load average 22-27 on the 2-core machine, 350 MB).
 * Tried and dropped: refitting with the band narrowed to the first fit's resolution (15-30°: 188 Å, worse;
 * 45-60°: 948 Å, still far poorer than the lower tilts' mean); dividing the band by the background instead
 * of the running RMS (whitened weighting: 15-30° 411 Å on tomo02 against 280); the 1D search alone or the
 * halves' mean in place of the 2D refinement (0-15°: 83 Å against 58, no better above).
 *
 * <p>Defocus gradient across a tilted image: a tile u pixels from the tilt axis sees Δf + u·p·tan θ.
 * Where that moves the rings at the band's high end by more than π/8 (large images, high resolution),
 * {@link org.subtomo.prep.ctf.CtfEstimator#estimate(java.util.List, double)} fits a second time with
 * each tile's spectrum resampled to the first fit's defocus. On a synthetic 60° image of 1024² px at
 * 2 Å/px (±1770 Å across it, CtfTiltGradientTest): plain fit +821 Å off, fitted to 9.5 Å, FOM 0.04;
 * resampled −3 Å, 4.3 Å, FOM 0.41. The simulator's ice texture has no gradient (its particles do) and
 * the demo's 400-pixel images at 5 Å/px stay below the π/8 limit, so the table above is unaffected.
 */
package org.subtomo.prep.ctf;
