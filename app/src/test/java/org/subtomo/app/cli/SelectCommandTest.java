package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriteOptions;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.io.star.ParticleStar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code subtomo select --i data.star}: --classes, --min_fraction, --auto (class averages drawn here: two blobs and a dense ring). */
class SelectCommandTest {
    @TempDir Path dir;

    static RealGrid blob(double sigma, double amp) {
        RealGrid g = RealGrid.image(32, 32);
        for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++)
            g.set(x, y, (float) (amp * Math.exp(-((x - 16) * (x - 16) + (y - 16) * (y - 16)) / (2 * sigma * sigma))));
        return g;
    }

    static RealGrid ring(double r, double amp) {
        RealGrid g = RealGrid.image(32, 32);
        for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++) {
            double d = Math.hypot(x - 16, y - 16);
            g.set(x, y, (float) (amp * Math.exp(-(d - r) * (d - r) / 2)));
        }
        return g;
    }

    @Test void classesByNumberThresholdAndAuto() throws Exception {
        MrcWriter.writeStack(dir.resolve("run_it005_classes.mrcs"), List.of(blob(4, 1), blob(4.5, 1.1), ring(10, 4.5)), MrcWriteOptions.pixelSize(5));
        Files.writeString(dir.resolve("run_it005_model.star"), "data_model_classes\nloop_\n_rlnReferenceImage\n_rlnClassDistribution\n"
                + "_rlnEstimatedResolution\n1@run_it005_classes.mrcs 0.5 20\n2@run_it005_classes.mrcs 0.4 22\n3@run_it005_classes.mrcs 0.1 30\n");
        StringBuilder data = new StringBuilder("data_optics\nloop_\n_rlnOpticsGroup\n_rlnImagePixelSize\n1 5\n\ndata_particles\nloop_\n"
                + "_rlnImageName\n_rlnClassNumber\n_rlnTomoParticleName\n");
        List<Integer> cls = new ArrayList<>();
        for (int i = 0; i < 10; i++) cls.add(i < 5 ? 1 : i < 9 ? 2 : 3);
        for (int i = 0; i < 10; i++) data.append(i + 1).append("@p.mrcs ").append(cls.get(i)).append(" t/").append(i + 1).append('\n');
        Files.writeString(dir.resolve("run_it005_data.star"), data.toString());
        String d = dir.toString();

        ExtractCommandTest.Run auto = ExtractCommandTest.run("select", "--project_dir", d, "--i", "run_it005_data.star", "--auto", "--o_classes", "auto.star");
        assertEquals(0, auto.code(), auto.out() + auto.err());
        assertTrue(auto.out().contains("kept classes [1, 2]: 9 of 10 particles"), auto.out());
        assertTrue(auto.out().contains("class 3: 10.0% of particles") && auto.out().contains("rejected"), auto.out());
        assertEquals(9, ParticleStar.read(dir.resolve("auto.star")).size());

        ExtractCommandTest.Run frac = ExtractCommandTest.run("select", "--project_dir", d, "--i", "run_it005_data.star", "--min_fraction", "0.45",
                "--o_classes", "frac.star");
        assertTrue(frac.out().contains("kept classes [1]: 5 of 10"), frac.out());
        ExtractCommandTest.Run num = ExtractCommandTest.run("select", "--project_dir", d, "--i", "run_it005_data.star", "--classes", "2,3",
                "--o_classes", "num.star");
        assertTrue(num.out().contains("kept classes [2, 3]: 5 of 10"), num.out());

        ExtractCommandTest.Run both = ExtractCommandTest.run("select", "--project_dir", d, "--i", "x.star", "--from2d", "y.star");
        assertEquals(1, both.code());
        assertTrue(both.err().contains("either --from2d"), both.err());
    }
}
