package org.subtomo.prep.extract;

import java.nio.file.Path;
import java.util.Objects;

/**
 * 2D→3D selection (protocol step 19).
 *
 * @param from2d   the selected projections (e.g. subtomo_proj2d_sel.star from a 2D classification)
 * @param subtomos all sub-tomograms (particles_subtomo.star)
 * @param output   where the selected sub-tomograms go (e.g. output_2Dto3D.star)
 */
public record SelectParameters(Path from2d, Path subtomos, Path output) {
    public SelectParameters {
        Objects.requireNonNull(from2d, "from2d");
        Objects.requireNonNull(subtomos, "subtomos");
        Objects.requireNonNull(output, "output");
    }
}
