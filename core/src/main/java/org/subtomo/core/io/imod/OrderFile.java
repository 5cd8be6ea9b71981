package org.subtomo.core.io.imod;

import org.subtomo.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code .order} file of protocol step 6: for each image of the tilt series (in acquisition
 * order or stack order), its tilt angle in degrees and the dose in e⁻/Å² accumulated before it was
 * taken; the dose weighting of the 3D CTF model uses it.
 */
public final class OrderFile {
    private OrderFile() {}

    /** One tilt image: its angle (degrees) and the dose accumulated before it (e⁻/Å²). */
    public record TiltDose(double tiltDegrees, double accumulatedDose) {}

    public static List<TiltDose> read(Path file) throws IOException {
        return NumberColumns.read(file, 2, "tilt angle in degrees and accumulated dose in e-/A^2")
                .stream().map(v -> new TiltDose(v[0], v[1])).toList();
    }

    public static void write(Path file, List<TiltDose> rows) throws IOException {
        AtomicFiles.writeString(file, NumberColumns.format(
                rows.stream().map(r -> new double[]{r.tiltDegrees(), r.accumulatedDose()}).toList(), 4));
    }
}
