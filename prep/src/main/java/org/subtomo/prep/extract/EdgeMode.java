package org.subtomo.prep.extract;

/** What to do with a particle whose box reaches outside the tomogram. */
public enum EdgeMode {
    /** Leave it out of the outputs; the extraction result lists it. */
    DROP,
    /** Keep it; voxels outside the tomogram get the mean of the voxels inside (a flat background). */
    KEEP;

    public static EdgeMode parse(String s) {
        return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "drop" -> DROP;
            case "keep" -> KEEP;
            default -> throw new org.subtomo.core.error.InputException("--edge '" + s + "': expected drop or keep");
        };
    }
}
