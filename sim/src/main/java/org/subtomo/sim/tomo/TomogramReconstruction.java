package org.subtomo.sim.tomo;

import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.imod.TiltFile;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcWriteOptions;
import org.subtomo.core.io.mrc.MrcWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code subtomo reconstruct-tomogram}: WBP of any aligned tilt series (stack + .tlt, or the tilt
 * angles in the stack's extended header) into a tomogram.
 */
public final class TomogramReconstruction {
    private TomogramReconstruction() {}

    /** @param sirtLike 0 = R-weighted back-projection; N &gt; 0 = the SIRT-like filter of N iterations */
    public record Parameters(Path stack, Path tlt, Path out, int thickness, double rollOff, boolean radialWeighting, int sirtLike) {
        public Parameters(Path stack, Path tlt, Path out, int thickness, double rollOff, boolean radialWeighting) {
            this(stack, tlt, out, thickness, rollOff, radialWeighting, 0);
        }
    }

    public static RealGrid run(Parameters p) throws IOException {
        RealGrid series;
        double pixel;
        double[] tilts;
        try (MrcReader r = MrcReader.open(p.stack())) {
            series = r.readAll();
            pixel = r.header().pixelSize();
            if (p.tlt() != null) tilts = TiltFile.read(p.tlt()).stream().mapToDouble(Double::doubleValue).toArray();
            else {
                tilts = r.tiltAngles();
                if (tilts == null || tilts.length == 0)
                    throw new InputException(p.stack() + ": no --tlt given and no tilt angles in the extended header; give the .tlt file from IMOD");
            }
        }
        if (tilts.length != series.nz)
            throw new InputException((p.tlt() != null ? p.tlt() : p.stack()) + ": " + tilts.length + " tilt angles for " + series.nz
                    + " images in " + p.stack() + "; use the angles of exactly the images in the aligned stack");
        if (p.sirtLike() < 0) throw new InputException("--sirt_like " + p.sirtLike() + ": give 0 (R-weighting) or the number of SIRT iterations, e.g. 10");
        if (p.thickness() < 1) throw new InputException("--thickness " + p.thickness() + ": give the tomogram thickness in pixels");
        normalise(series);
        RealGrid tomo = WeightedBackProjection.reconstruct(series, tilts, series.nx, p.thickness(),
                new WeightedBackProjection.Options(p.rollOff(), p.radialWeighting(), p.sirtLike()));
        MrcWriter.write(p.out(), tomo, MrcWriteOptions.pixelSize(pixel).withLabels(List.of("subtomo reconstruct-tomogram (WBP)")));
        return tomo;
    }

    /**
     * Per image, to relative contrast: counts-like images (mean well above their spread) become
     * I/mean − 1, which also equalises the exposure of high tilts; already normalised images only
     * lose their mean.
     */
    static void normalise(RealGrid s) {
        int n = s.nx * s.ny;
        for (int t = 0; t < s.nz; t++) {
            double sum = 0, sum2 = 0;
            for (int i = t * n; i < (t + 1) * n; i++) { sum += s.data[i]; sum2 += (double) s.data[i] * s.data[i]; }
            double mean = sum / n, sd = Math.sqrt(Math.max(0, sum2 / n - mean * mean));
            boolean counts = mean > 3 * sd && mean > 0;
            for (int i = t * n; i < (t + 1) * n; i++) s.data[i] = (float) (counts ? s.data[i] / mean - 1 : s.data[i] - mean);
        }
    }
}
