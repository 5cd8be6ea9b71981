package org.subtomo.prep.extract;

import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A project as protocol steps 1-7 lay it out, made in the test: Tomograms/<t>/<t>.mrc holding
 * dark Gaussian blobs at known voxels on a noisy background, <t>.coords, all_tomograms.star.
 */
final class SyntheticProject {
    static final int NX = 128, NY = 128, NZ = 64;
    static final double PIXEL = 2.0, SIGMA = 2.0, DEPTH = 3.0, NOISE = 0.1, OFFSET = 5.0;

    private SyntheticProject() {}

    /** The tomogram with a blob at each position (voxel coordinates). */
    static RealGrid tomogram(List<int[]> blobs, long seed) {
        RealGrid g = new RealGrid(NX, NY, NZ);
        Random rnd = new Random(seed);
        for (int i = 0; i < g.data.length; i++) g.data[i] = (float) (OFFSET + NOISE * rnd.nextGaussian());
        for (int[] b : blobs) {
            for (int z = Math.max(0, b[2] - 8); z < Math.min(NZ, b[2] + 9); z++)
                for (int y = Math.max(0, b[1] - 8); y < Math.min(NY, b[1] + 9); y++)
                    for (int x = Math.max(0, b[0] - 8); x < Math.min(NX, b[0] + 9); x++) {
                        double r2 = (x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1]) + (z - b[2]) * (z - b[2]);
                        g.data[g.index(x, y, z)] -= (float) (DEPTH * Math.exp(-r2 / (2 * SIGMA * SIGMA)));
                    }
        }
        return g;
    }

    /** Writes Tomograms/<name>/<name>.mrc and .coords (coordinates as given, one line each). */
    static void addTomogram(Path project, String name, List<int[]> blobs, String coordsText, long seed) throws IOException {
        Path dir = project.resolve("Tomograms").resolve(name);
        Files.createDirectories(dir);
        MrcWriter.write(dir.resolve(name + ".mrc"), tomogram(blobs, seed), PIXEL);
        if (coordsText != null) Files.writeString(dir.resolve(name + ".coords"), coordsText);
    }

    static String coords(List<int[]> blobs) {
        StringBuilder sb = new StringBuilder();
        for (int[] b : blobs) sb.append(b[0]).append(' ').append(b[1]).append(' ').append(b[2]).append('\n');
        return sb.toString();
    }

    static void allTomograms(Path project, String... names) throws IOException {
        StringBuilder sb = new StringBuilder("data_\nloop_\n_rlnMicrographName\n");
        for (String n : names) sb.append("Tomograms/").append(n).append('/').append(n).append(".mrc\n");
        Files.writeString(project.resolve("all_tomograms.star"), sb.toString());
    }

    /** Two tomograms, t1 with 3 inner blobs and t2 with 2: the standard small project. */
    static final List<int[]> T1 = List.of(new int[]{40, 50, 30}, new int[]{80, 70, 32}, new int[]{60, 100, 28});
    static final List<int[]> T2 = List.of(new int[]{30, 30, 31}, new int[]{96, 90, 33});

    static void standard(Path project) throws IOException {
        addTomogram(project, "t1", T1, coords(T1), 1);
        addTomogram(project, "t2", T2, coords(T2), 2);
        allTomograms(project, "t1", "t2");
    }
}
