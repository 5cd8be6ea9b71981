package org.subtomo.post.postprocess;

import org.subtomo.core.error.InputException;
import org.subtomo.core.fourier.FourierShells;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.io.star.StarBlock;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A detector's modulation transfer function in RELION's STAR format (one loop with
 * {@code rlnResolutionInversePixel}, 0..0.5 cycles per pixel, and {@code rlnMtfValue}). The map is
 * divided by the MTF up to Nyquist, linearly interpolated between tabulated points and held at the
 * end values outside them (RELION holds the first value over the whole first interval; we
 * interpolate there too). {@code detectorPixelRatio} = map pixel / detector pixel
 * ({@code --mtf_angpix}): frequencies in cycles per map pixel are divided by it.
 */
public record MtfCurve(double[] frequency, double[] value) {

    public static final String FREQUENCY_LABEL = "rlnResolutionInversePixel", VALUE_LABEL = "rlnMtfValue";

    public MtfCurve {
        if (frequency.length != value.length || frequency.length < 1)
            throw new IllegalArgumentException("MTF needs matching, non-empty frequency and value arrays");
    }

    public static MtfCurve read(Path file) {
        StarFile star;
        try { star = StarReader.read(file); }
        catch (IOException e) { throw new UncheckedIOException(file + ": " + e.getMessage(), e); }
        StarTable t = null;
        for (StarBlock b : star.blocks()) if (b.isLoop() && b.table().has(FREQUENCY_LABEL)) { t = b.table(); break; }
        if (t == null)
            throw InputException.inFile(file, "no loop with _" + FREQUENCY_LABEL + " and _" + VALUE_LABEL
                    + "; give a RELION MTF file (e.g. mtf_k2_300kV.star from the RELION wiki)");
        if (!t.has(VALUE_LABEL)) throw InputException.inFile(file, "the MTF loop has no _" + VALUE_LABEL);
        int n = t.rowCount();
        if (n < 2) throw InputException.inFile(file, "the MTF loop has " + n + " rows; it needs at least 2");
        double[] f = new double[n], v = new double[n];
        for (int r = 0; r < n; r++) {
            f[r] = t.getDouble(r, FREQUENCY_LABEL);
            v[r] = t.getDouble(r, VALUE_LABEL);
            int line = t.lineOf(r, t.require(VALUE_LABEL));
            if (!(v[r] > 1e-10))
                throw InputException.atLine(file, line, "MTF value " + v[r] + " is not positive; dividing by it would blow up the map");
            if (r > 0 && !(f[r] > f[r - 1]))
                throw InputException.atLine(file, line, "resolution " + f[r] + " 1/pixel does not increase; sort the rows by _" + FREQUENCY_LABEL);
        }
        return new MtfCurve(f, v);
    }

    /** MTF at {@code f} cycles per detector pixel. */
    public double at(double f) {
        int n = frequency.length;
        if (f <= frequency[0]) return value[0];
        if (f >= frequency[n - 1]) return value[n - 1];
        int i = 1;
        while (frequency[i] < f) i++;
        double t = (f - frequency[i - 1]) / (frequency[i] - frequency[i - 1]);
        return value[i - 1] + t * (value[i] - value[i - 1]);
    }

    /** In place: F(k) /= MTF(|k|/N) for |k| up to Nyquist; beyond it left as is. */
    public void divide(FourierGrid f, double detectorPixelRatio) {
        int n = FourierShells.referenceSize(f);
        float[] d = f.data;
        double nyq2 = (n / 2.0) * (n / 2.0);
        for (int kz = 0, i = 0; kz < f.nz; kz++) for (int ky = 0; ky < f.ny; ky++) for (int kx = 0; kx < f.hx; kx++, i += 2) {
            double r2 = FourierShells.radius2(f, kx, f.freqY(ky), f.freqZ(kz));
            if (r2 > nyq2) continue;
            float inv = (float) (1 / at(Math.sqrt(r2) / n / detectorPixelRatio));
            d[i] *= inv; d[i + 1] *= inv;
        }
    }
}
