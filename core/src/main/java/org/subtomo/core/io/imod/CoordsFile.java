package org.subtomo.core.io.imod;

import org.subtomo.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Particle centres in one tomogram ({@code tomo.coords}, protocol step 3): one line per particle,
 * X Y Z in pixels of the tomogram, as IMOD's {@code model2point} writes them.
 */
public final class CoordsFile {
    private CoordsFile() {}

    /** A particle centre in tomogram pixels. */
    public record Coordinate(double x, double y, double z) {}

    public static List<Coordinate> read(Path file) throws IOException {
        return NumberColumns.read(file, 3, "X Y Z in pixels").stream().map(v -> new Coordinate(v[0], v[1], v[2])).toList();
    }

    /** Written with 3 decimals: sub-pixel positions survive, and IMOD reads it back. */
    public static void write(Path file, List<Coordinate> coords) throws IOException {
        AtomicFiles.writeString(file, NumberColumns.format(coords.stream().map(c -> new double[]{c.x(), c.y(), c.z()}).toList(), 3));
    }
}
