package org.subtomo.core.ctf;

/**
 * RELION's contrast transfer function (ctf.h, {@code CTF::getCTF}), evaluated at spatial
 * frequencies (sx, sy) in Å⁻¹:
 *
 * <pre>
 *   Δf(θ) = (U+V)/2 + (U−V)/2 · cos 2(θ − θ_U)          θ = atan2(sy, sx)
 *   γ(s)  = −π λ Δf s² + (π/2) Cs λ³ s⁴ − φ − atan(Q/√(1−Q²))
 *   CTF   = scale · exp(−B s²/4) · (−sin γ)
 * </pre>
 *
 * γ is RELION's "argument" (its {@code getGamma}), kept with RELION's sign so values can be compared
 * one to one. Sign convention, verified from the formula: with positive (under-)focus the CTF is
 * <b>positive</b> at low frequency — at s = 0 it equals +Q·scale (−sin(−asin Q) = Q), and it rises
 * towards +1 before the first zero. That matches RELION's particles, whose contrast is inverted at
 * extraction (protein white), so the image is +CTF ⊗ density. (A "−sin χ, negative at low
 * frequency" form describes the raw, non-inverted micrograph instead.)
 *
 * <p>Zeros lie at γ = −nπ; for Cs = Q = φ = 0 that is s² = n/(λ·Δf).
 */
public final class Ctf {
    private final CtfParams p;
    private final double lambda;
    /** −πλ (times Δf·s²) */
    private final double k1;
    /** (π/2)·Cs·λ³ with Cs in Å */
    private final double k2;
    /** amplitude-contrast phase plus phase-plate shift, radians */
    private final double phase0;
    /** −B/4 */
    private final double k4;
    private final double defocusMean, defocusHalfDiff, azimuth;

    public Ctf(CtfParams p) {
        this.p = p;
        this.lambda = ElectronWavelength.angstrom(p.voltage());
        this.k1 = -Math.PI * lambda;
        this.k2 = Math.PI / 2 * (p.cs() * 1e7) * lambda * lambda * lambda;
        double q = p.amplitudeContrast();
        this.phase0 = Math.atan(q / Math.sqrt(1 - q * q)) + Math.toRadians(p.phaseShift());
        this.k4 = -p.bFactor() / 4;
        this.defocusMean = (p.defocusU() + p.defocusV()) / 2;
        this.defocusHalfDiff = (p.defocusU() - p.defocusV()) / 2;
        this.azimuth = Math.toRadians(p.defocusAngle());
    }

    public CtfParams params() { return p; }

    /** Electron wavelength in Å. */
    public double wavelength() { return lambda; }

    /** Defocus (Å, positive = underfocus) along the direction of (sx, sy). */
    public double defocusAt(double sx, double sy) {
        if (sx == 0 && sy == 0) return defocusMean; // direction undefined; irrelevant since s² = 0
        return defocusMean + defocusHalfDiff * Math.cos(2 * (Math.atan2(sy, sx) - azimuth));
    }

    /** RELION's phase argument γ (radians) at (sx, sy) Å⁻¹; CTF = −sin γ before envelope and scale. */
    public double gamma(double sx, double sy) {
        double s2 = sx * sx + sy * sy;
        return k1 * defocusAt(sx, sy) * s2 + k2 * s2 * s2 - phase0;
    }

    /** CTF value at (sx, sy) Å⁻¹, with B-factor envelope and scale. */
    public double value(double sx, double sy) {
        double s2 = sx * sx + sy * sy;
        return p.scale() * Math.exp(k4 * s2) * -Math.sin(gamma(sx, sy));
    }

    /** What a sampled CTF image holds. */
    public enum Mode {
        VALUE, ABS, SQUARED,
        /** ±1 by the sign of the CTF (phase flipping), times scale. */
        PHASE_FLIP
    }

    /**
     * The CTF on the r2c half grid of an nx × ny image of pixel size {@code pixelSize} Å:
     * {@code out[kx + hx*ky]}, hx = nx/2+1, row ky holding signed frequency fy (wrapped as in
     * {@link org.subtomo.core.grid.FourierGrid}); s = (kx/(nx·p), fy/(ny·p)). Real values, one per
     * complex voxel: multiply both parts of a FourierGrid voxel by it.
     */
    public float[] sampleHalf(int nx, int ny, double pixelSize, Mode mode) {
        float[] out = new float[(nx / 2 + 1) * ny];
        sampleHalf(nx, ny, pixelSize, mode, out);
        return out;
    }

    /** As {@link #sampleHalf(int, int, double, Mode)}, into a caller's array (no allocation). */
    public void sampleHalf(int nx, int ny, double pixelSize, Mode mode, float[] out) {
        int hx = nx / 2 + 1;
        if (out.length != hx * ny) throw new IllegalArgumentException("need " + hx * ny + " values, got " + out.length);
        double dsx = 1 / (nx * pixelSize), dsy = 1 / (ny * pixelSize);
        double cosA = Math.cos(azimuth), sinA = Math.sin(azimuth);
        double scale = p.scale();
        for (int ky = 0; ky < ny; ky++) {
            double sy = (ky <= ny / 2 ? ky : ky - ny) * dsy;
            for (int kx = 0; kx < hx; kx++) {
                double sx = kx * dsx;
                double s2 = sx * sx + sy * sy;
                // cos 2(θ−θ_U) = (u² − v²)/s² with (u, v) = s rotated into the U,V frame: no atan2 per pixel
                double u = sx * cosA + sy * sinA, v = -sx * sinA + sy * cosA;
                double defocusS2 = defocusMean * s2 + defocusHalfDiff * (u * u - v * v);
                double g = k1 * defocusS2 + k2 * s2 * s2 - phase0;
                double c = -Math.sin(g);
                if (k4 != 0) c *= Math.exp(k4 * s2);
                out[kx + hx * ky] = (float) switch (mode) {
                    case VALUE -> scale * c;
                    case ABS -> scale * Math.abs(c);
                    case SQUARED -> scale * scale * c * c;
                    case PHASE_FLIP -> c < 0 ? -scale : scale;
                };
            }
        }
    }
}
