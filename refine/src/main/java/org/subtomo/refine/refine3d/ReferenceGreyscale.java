package org.subtomo.refine.refine3d;

import org.subtomo.core.fft.Fft;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.mask.SoftMasks;
import org.subtomo.refine.ml.BackProjector3D;
import org.subtomo.refine.ml.Em3D;
import org.subtomo.refine.ml.EngineSettings3D;
import org.subtomo.refine.ml.FourierComponents3D;
import org.subtomo.refine.ml.MlModel;
import org.subtomo.refine.ml.ParticleData3D;

/**
 * {@code --ref_correct_greyscale}: puts a reference map from elsewhere on the particles' grey scale before the
 * first iteration. A map on the wrong scale c·V + b breaks the likelihood (its |W·cV|² term dominates the
 * scores, and a solvent offset b becomes a step at the particle mask), while cross-correlation is blind to c.
 * So: one cross-correlation E-step on up to {@link #MAX_PARTICLES} particles at the initial resolution gives
 * poses; their unregularised reconstruction R is on the data's scale; the scale is the least-squares fit
 * Σ Re(R·V̄)/Σ|V|² over the shells 1..r of the (masked, low-passed) reference; the solvent level (mean outside
 * the particle mask) is then set to 0, where normalised sub-tomograms have their background.
 *
 * <p>Measured ({@code Refine3dReferenceOptionsTest}, 40 particles, 30× the truth plus 15 sd): scale 0.0251 for
 * 1/30 = 0.0333, i.e. 25% low (fitting only the inner half of the shells gave the same, so it is not the blur of
 * pose errors at high resolution; not pinned down). That is close enough for its purpose: iteration 1 then finds
 * the poses the true-scale map finds (9.05° vs 9.06° median error, 121° without the correction), and its M-step
 * puts the reference on the data's scale anyway.
 */
final class ReferenceGreyscale {
    private ReferenceGreyscale() {}

    static final int MAX_PARTICLES = 100;

    /** Scale applied, the solvent level removed (after scaling), the particles used. */
    record Fit(double scale, double solvent, int particles) {}

    /**
     * @param model    initialised with the uncorrected map (its refs[0] is the masked, low-passed map; its σ²
     *                 from the data)
     * @param cc       settings of a cross-correlation E-step at the model's current radius
     */
    static Fit fit(RealGrid map, MlModel model, ParticleData3D d, EngineSettings3D cc, double maskRadiusPx, double maskEdgePx) {
        int[] all = d.subset(0);
        int count = Math.min(MAX_PARTICLES, all.length);
        int[] subset = new int[count];
        for (int q = 0; q < count; q++) subset[q] = all[(int) ((long) q * all.length / count)];   // spread over the whole file
        int radius = Em3D.currentRadius(model, cc);
        Em3D.Expectation e = Em3D.expectation(model, d, subset, cc, null);
        BackProjector3D bp = e.classes[0];
        bp.enforceHermitian();
        bp.symmetrise(cc.symmetry(), radius);
        RealGrid rec = bp.reconstruct(null, 1, radius).map();
        FourierComponents3D comp = Em3D.components(d.n);
        int m = comp.countUpTo(radius);
        float[] r = new float[2 * m], v = new float[2 * m];
        comp.gather(Fft.forward(rec), m, r);
        comp.gather(Fft.forward(model.refs[0]), m, v);
        double num = 0, den = 0;
        for (int q = 0; q < m; q++) {
            if (comp.shell[q] < 1) continue;   // DC: the offset is set below, not fitted
            num += r[2 * q] * (double) v[2 * q] + r[2 * q + 1] * (double) v[2 * q + 1];
            den += v[2 * q] * (double) v[2 * q] + v[2 * q + 1] * (double) v[2 * q + 1];
        }
        double scale = den > 0 && num > 0 ? num / den : 1;
        RealGrid mask = SoftMasks.sphere(d.n, d.n, d.n, maskRadiusPx, maskEdgePx);
        double out = 0, wOut = 0;
        for (int q = 0; q < map.data.length; q++) { double o = 1 - mask.data[q]; out += o * map.data[q]; wOut += o; }
        double solvent = wOut > 0 ? scale * out / wOut : 0;
        return new Fit(scale, solvent, count);
    }

    /** scale·map − solvent, a new grid. */
    static RealGrid apply(RealGrid map, Fit f) {
        RealGrid c = map.copy();
        for (int q = 0; q < c.data.length; q++) c.data[q] = (float) (f.scale() * c.data[q] - f.solvent());
        return c;
    }
}
