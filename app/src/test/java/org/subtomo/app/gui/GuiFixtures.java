package org.subtomo.app.gui;

import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriteOptions;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small project contents for the GUI's tests: a 2D classification's files and a map. */
final class GuiFixtures {
    private GuiFixtures() {}

    static final String CLASS2D_DIR = "Class2D/job001";
    static final String MODEL = CLASS2D_DIR + "/run_it002_model.star";
    static final String DATA = CLASS2D_DIR + "/run_it002_data.star";
    /** Particles per class 1..4 in the data file; distributions follow them. */
    static final int[] PER_CLASS = {5, 2, 8, 1};

    /** Class k is a disc of radius 2k+1 pixels: each picture differs. */
    static void class2d(Path project) throws IOException {
        Path dir = project.resolve(CLASS2D_DIR);
        Files.createDirectories(dir);
        List<RealGrid> classes = new ArrayList<>();
        for (int k = 1; k <= PER_CLASS.length; k++) {
            RealGrid g = RealGrid.image(16, 16);
            for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++)
                g.set(x, y, (x - 8) * (x - 8) + (y - 8) * (y - 8) <= (2 * k + 1) * (2 * k + 1) ? 1 : 0);
            classes.add(g);
        }
        MrcWriter.writeStack(dir.resolve("run_it002_classes.mrcs"), classes, MrcWriteOptions.pixelSize(2.0));
        int total = 0;
        for (int n : PER_CLASS) total += n;
        StarFile model = new StarFile();
        StarTable general = StarTable.pairs();
        general.put("rlnReferenceDimensionality", "2");
        general.put("rlnNrClasses", Integer.toString(PER_CLASS.length));
        model.add("model_general", general);
        StarTable mc = StarTable.loop("rlnReferenceImage", "rlnClassDistribution", "rlnEstimatedResolution");
        for (int k = 1; k <= PER_CLASS.length; k++)
            mc.addRow(String.format(Locale.ROOT, "%06d@%s/run_it002_classes.mrcs", k, CLASS2D_DIR),
                    String.format(Locale.ROOT, "%.6f", PER_CLASS[k - 1] / (double) total), "20.0");
        model.add("model_classes", mc);
        StarWriter.write(model, project.resolve(MODEL));

        StarFile data = new StarFile();
        StarTable optics = StarTable.loop("rlnOpticsGroup", "rlnOpticsGroupName", "rlnImagePixelSize", "rlnImageSize", "rlnImageDimensionality");
        optics.addRow("1", "opticsGroup1", "2.0", "16", "2");
        data.add("optics", optics);
        StarTable parts = StarTable.loop("rlnImageName", "rlnOpticsGroup", "rlnClassNumber");
        int i = 0;
        for (int k = 1; k <= PER_CLASS.length; k++)
            for (int n = 0; n < PER_CLASS[k - 1]; n++) parts.addRow(String.format(Locale.ROOT, "%06d@Extract/p.mrcs", ++i), "1", Integer.toString(k));
        data.add("particles", parts);
        StarWriter.write(data, project.resolve(DATA));
    }

    /** A 16x12x10 volume whose section z has the constant value z (so each section is told apart). */
    static void volume(Path file) {
        RealGrid v = RealGrid.volume(16, 12, 10);
        for (int z = 0; z < 10; z++) for (int y = 0; y < 12; y++) for (int x = 0; x < 16; x++) v.set(x, y, z, z + (x > 8 ? 0.5f : 0));
        MrcWriter.write(file, v, 2.0);
    }
}
