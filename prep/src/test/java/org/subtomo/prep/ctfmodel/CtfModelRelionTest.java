package org.subtomo.prep.ctfmodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.ctf.CtfVolume;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarStyle;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;
import org.subtomo.core.testutil.Relion;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The 3D CTF model against RELION 3.1's own: {@code relion_reconstruct --reconstruct_ctf} on the
 * per-tilt STAR file that relion_prepare_subtomograms.py would write for the same particle (what
 * the protocol's do_all_reconstruct_ctfs.sh runs), read back as RELION reads rlnCtfImage.
 */
class CtfModelRelionTest {
    static final double PIXEL = 5.0;

    /** A dose-symmetric-like series: -60..60 step 3, astigmatic, defocus drifting, particle off-centre and off the mid-plane. */
    static List<TiltCtf> tilts() {
        int n = 41;
        double[] tilt = new double[n], dose = new double[n];
        double[][] fits = new double[n][];
        for (int i = 0; i < n; i++) {
            tilt[i] = -60 + 3 * i;
            dose[i] = 3.0 * Math.abs(i - 20);
            fits[i] = new double[]{35000 + 40 * i, 34600 + 40 * i, 25 + i};
        }
        return CtfModel3D.particleTilts(tilt, fits, dose, 80, -15, PIXEL);
    }

    static double correlation(float[] a, float[] b) {
        double sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
        int n = a.length;
        for (int i = 0; i < n; i++) { sa += a[i]; sb += b[i]; }
        double ma = sa / n, mb = sb / n;
        for (int i = 0; i < n; i++) {
            double x = a[i] - ma, y = b[i] - mb;
            sab += x * y; saa += x * x; sbb += y * y;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    CtfVolume relion(Path dir, StarTable table, int box, String name) throws Exception {
        StarWriter.write(new StarFile().add("", table), dir.resolve(name + ".star"), StarStyle.RELION_14);
        Relion.run(dir, "relion_reconstruct", "--i", name + ".star", "--o", name + ".mrc", "--reconstruct_ctf", Integer.toString(box),
                "--angpix", Double.toString(PIXEL));
        return CtfVolume.read(dir.resolve(name + ".mrc"));
    }

    @Test
    void matchesRelionReconstructCtf(@TempDir Path dir) throws Exception {
        Relion.require("relion_reconstruct");
        for (int box : new int[]{32, 48}) {
            CtfModel3D m = new CtfModel3D(new CtfModel3D.Settings(box, PIXEL, 300, 2.7, 0.1, 4, false));
            List<TiltCtf> tilts = tilts();
            CtfVolume ours = m.model(tilts);
            CtfVolume theirs = relion(dir, m.relionStar(tilts), box, "ctf" + box);
            double cc = correlation(ours.weights, theirs.weights);
            double maxDiff = 0;
            for (int i = 0; i < ours.weights.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ours.weights[i] - theirs.weights[i]));
            int off = 0;
            for (int i = 0; i < ours.weights.length; i++) if (Math.abs(ours.weights[i] - theirs.weights[i]) > 0.05) off++;
            // RELION rounds |A⁻¹(x, 0, 0)| = n/2 of the edge pixel above or below n/2 depending on the tilt: a few
            // voxels at the Nyquist sphere on the ky = 0 line differ; everything else agrees to float precision
            assertTrue(off < ours.weights.length / 1000, off + " voxels differ by more than 0.05");
            // the same slices inserted with the opposite tilt sense: what a sign error in the geometry would give
            StarTable flipped = m.relionStar(tilts);
            for (int r = 0; r < flipped.rowCount(); r++) flipped.set(r, "rlnAngleTilt", String.format(Locale.ROOT, "%.6f", -flipped.getDouble(r, "rlnAngleTilt")));
            double ccFlipped = correlation(ours.weights, relion(dir, flipped, box, "flipped" + box).weights);
            System.out.printf(Locale.ROOT, "box %d: correlation with RELION %.6f (max |diff| %.2e, %d of %d voxels differ by > 0.05); with the tilt sense flipped %.4f%n",
                    box, cc, maxDiff, off, ours.weights.length, ccFlipped);
            assertTrue(cc > 0.999, "correlation " + cc);
            assertTrue(ccFlipped < 0.97, "a flipped tilt sense must not match: " + ccFlipped);
        }
    }

    @Test
    void wedgeOnlyModelHasTheWedgeAndTheDoseEnvelope() {
        int box = 32;
        CtfModel3D m = new CtfModel3D(new CtfModel3D.Settings(box, PIXEL, 300, 2.7, 0.1, 4, true));
        CtfVolume v = m.model(tilts());
        // along X (in the 0° plane) the value is cos 0 · exp(-B·dose·s²/4) of the 0° tilt (dose 0) -> 1
        assertEquals(1.0, v.at(5, 0, 0), 0.01);  // the ±3° slices (dose 3) pass within a voxel
        // along Z (beam direction at 0°): inside the missing wedge for 60° max tilt -> 0
        assertEquals(0.0, v.at(0, 0, 10), 0);
        assertEquals(0.0, v.at(2, 0, 10), 0);   // 78.7° from X: no slice within one voxel
        // along Y (tilt axis): all slices meet; the mean of cos θ · exp(-4·dose·s²/4) over the tilts
        double s2 = Math.pow(8 / (box * PIXEL), 2), expected = 0;
        for (TiltCtf t : tilts()) expected += Math.cos(Math.toRadians(t.tiltDeg())) * Math.exp(-4 * t.dose() * s2 / 4);
        assertEquals(expected / 41, v.at(0, 8, 0), 0.01);   // plus the spill of the x = 1 pixels
    }
}
