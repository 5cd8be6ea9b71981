package org.subtomo.core.fourier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.testutil.Maps;
import org.subtomo.core.testutil.Relion;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Independent truth for the raised-cosine filters: {@code relion_image_handler --lowpass/--highpass R
 * --filter_edge_width W} on white noise (power at every frequency, so every shell is tested) must equal
 * {@link FourierFilters#lowPassRelion} / {@link FourierFilters#highPassRelion}, in 3D and 2D, for even and
 * odd edge widths and resolutions that fall between shells.
 */
class RelionFilterTest {

    /** box (nz = 1 for 2D), pixel Å, resolution Å, edge width shells, high-pass? */
    record Case(int n, boolean is3d, double pix, double res, int width, boolean high) {}

    static final Case[] CASES = {
            new Case(40, true, 2.0, 10.0, 2, false),
            new Case(40, true, 2.0, 13.7, 4, false),
            new Case(40, true, 1.3, 6.1, 5, false),
            new Case(40, true, 2.0, 20.0, 2, true),
            new Case(64, false, 1.0, 5.3, 2, false),
            new Case(64, false, 1.0, 5.3, 6, false),
            new Case(64, false, 1.0, 9.0, 3, true),
    };

    @Test
    void filtersMatchRelions(@TempDir Path dir) throws Exception {
        Relion.require("relion_image_handler");
        StringBuilder report = new StringBuilder();
        int k = 0;
        for (Case c : CASES) {
            RealGrid in = Maps.whiteNoise(c.n, c.n, c.is3d ? c.n : 1, 1.0, 17 + k);
            String name = "in" + k + ".mrc", out = "out" + k + ".mrc";
            k++;
            MrcWriter.write(dir.resolve(name), in, c.pix);
            Relion.run(dir, "relion_image_handler", "--i", name, "--o", out, "--angpix", "" + c.pix,
                    c.high ? "--highpass" : "--lowpass", "" + c.res, "--filter_edge_width", "" + c.width);
            RealGrid theirs = MrcReader.read(dir.resolve(out).toString());

            FourierGrid f = Fft.forward(in);
            if (c.high) FourierFilters.highPassRelion(f, c.pix, c.res, c.width);
            else FourierFilters.lowPassRelion(f, c.pix, c.res, c.width);
            RealGrid ours = Fft.inverse(f);
            double rms = Maps.relRms(ours, theirs);
            report.append(String.format("%s %dD box %d, %.1f Å px, %s %.1f Å, width %d: rel RMS diff %.2e%n",
                    k, c.is3d ? 3 : 2, c.n, c.pix, c.high ? "high-pass" : "low-pass", c.res, c.width, rms));
            assertTrue(rms < 1e-5, () -> "filter differs from RELION's:\n" + report);
        }
        System.out.print(report);
    }
}
