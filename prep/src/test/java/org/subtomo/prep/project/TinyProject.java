package org.subtomo.prep.project;

import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriteOptions;
import org.subtomo.core.io.mrc.MrcWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A valid protocol-layout project of blank files (32×32×16 tomograms, 5 tilts), to break one file at a time. */
final class TinyProject {
    static final double[] TILTS = {-30.2, -15.1, 0.1, 15.2, 30.3};
    static final String ORDER = "0 0\n15 3\n-15 6\n-30 9\n30 12\n";

    private TinyProject() {}

    static void tomogram(Path project, String name) throws IOException {
        Path dir = project.resolve("Tomograms").resolve(name);
        Files.createDirectories(dir);
        MrcWriter.write(dir.resolve(name + ".mrc"), new RealGrid(32, 32, 16), 4.0);
        stack(dir.resolve(name + ".mrcs"), TILTS.length);
        StringBuilder tlt = new StringBuilder();
        for (double t : TILTS) tlt.append(t).append('\n');
        Files.writeString(dir.resolve(name + ".tlt"), tlt);
        Files.writeString(dir.resolve(name + ".order"), ORDER);
        Files.writeString(dir.resolve(name + ".coords"), "10 12 8\n20 20 7.5\n");
    }

    static void stack(Path file, int images) {
        List<RealGrid> imgs = new ArrayList<>();
        for (int i = 0; i < images; i++) imgs.add(new RealGrid(32, 32, 1));
        MrcWriter.writeStack(file, imgs, MrcWriteOptions.pixelSize(4.0));
    }

    static void allTomograms(Path project, String... names) throws IOException {
        StringBuilder sb = new StringBuilder("data_\nloop_\n_rlnMicrographName\n");
        for (String n : names) sb.append("./Tomograms/").append(n).append('/').append(n).append(".mrc\n");
        Files.writeString(project.resolve("all_tomograms.star"), sb.toString());
    }

    static void standard(Path project) throws IOException {
        tomogram(project, "t1");
        tomogram(project, "t2");
        allTomograms(project, "t1", "t2");
    }
}
