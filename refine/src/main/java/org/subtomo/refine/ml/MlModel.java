package org.subtomo.refine.ml;

import org.subtomo.core.grid.RealGrid;

/**
 * The parameters the likelihood engine estimates (RELION's MlModel): references, class prior,
 * noise spectra σ²(group, shell), signal spectra τ²(class, shell), offset prior width, and the
 * resolution bookkeeping that sets the Fourier cropping. Shell arrays run 0..N/2.
 *
 * <p>Everything here is written to and read back from the iteration files exactly (floats in MRC,
 * doubles as shortest round-trip decimal text), so a continued run is bit-identical.
 * 3D: {@code refs} become volumes; the rest is unchanged (plus orientation pdfs).
 */
public final class MlModel {
    public final int n;
    public final double pixelSize;
    public final int classes;
    public final String[] groupNames;
    public RealGrid[] refs;
    public double[] pdfClass;
    public double[][] sigma2;
    public double[][] tau2;
    public double[][] ssnr;
    public int[] estResShell;
    public double sigmaOffsetPx;
    /** Current resolution as a shell (max over classes of the last shell with SSNR ≥ 1). */
    public int resShell;
    /** Radius of the last M-step (current image size / 2). */
    public int currentRadius;
    public double logLikelihood;
    public double avePmax;
    public int iteration;

    public MlModel(int n, double pixelSize, int classes, String[] groupNames) {
        this.n = n; this.pixelSize = pixelSize; this.classes = classes; this.groupNames = groupNames.clone();
        int shells = n / 2 + 1;
        refs = new RealGrid[classes];
        pdfClass = new double[classes];
        sigma2 = new double[groupNames.length][shells];
        tau2 = new double[classes][shells];
        ssnr = new double[classes][shells];
        estResShell = new int[classes];
    }

    public int shells() { return n / 2 + 1; }

    /** Resolution in Å of a shell (N·p/ℓ); infinity for 0. */
    public double angstrom(int shell) { return shell <= 0 ? Double.POSITIVE_INFINITY : n * pixelSize / shell; }
}
