package org.subtomo.prep.extract;

import java.nio.file.Path;
import java.util.List;

/**
 * What an extraction wrote.
 *
 * @param tomograms   tomograms read
 * @param extracted   sub-tomograms written (and 2D projections, with --project3d)
 * @param dropped     particles left out because their box crosses the tomogram edge, each as
 *                    {@code <identity> (<coords file> line <n>)}
 * @param keptAtEdge  particles kept with a filled background (--edge keep)
 * @param star        the sub-tomogram STAR file
 * @param star2d      the projection STAR file, or null without --project3d
 * @param seconds     wall time of the extraction (reading, processing and writing)
 * @param reused      sub-tomograms kept from an interrupted run (--only_do_unfinished), included in extracted
 * @param opticsFilled optics labels the input lacked, written with the --voltage/--cs/--q0 values
 */
public record ExtractResult(int tomograms, int extracted, List<String> dropped, int keptAtEdge, Path star, Path star2d,
                            double seconds, int reused,
                            List<String> opticsFilled) {
    public ExtractResult { dropped = List.copyOf(dropped); opticsFilled = List.copyOf(opticsFilled); }

    public double particlesPerSecond() { return seconds > 0 ? extracted / seconds : Double.POSITIVE_INFINITY; }
}
