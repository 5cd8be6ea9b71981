package org.subtomo.core.io.imod;

import org.subtomo.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * IMOD's {@code .tlt} (protocol step 5): the refined tilt angle in degrees of each image of the
 * aligned stack, one per line, in stack order.
 */
public final class TiltFile {
    private TiltFile() {}

    public static List<Double> read(Path file) throws IOException {
        return NumberColumns.read(file, 1, "one tilt angle in degrees per line").stream().map(v -> v[0]).toList();
    }

    /** Four decimals: IMOD writes two, but simulated angles must read back as written. */
    public static void write(Path file, List<Double> anglesDegrees) throws IOException {
        AtomicFiles.writeString(file, NumberColumns.format(anglesDegrees.stream().map(a -> new double[]{a}).toList(), 4));
    }
}
