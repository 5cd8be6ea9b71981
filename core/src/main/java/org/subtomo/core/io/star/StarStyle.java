package org.subtomo.core.io.star;

import org.subtomo.core.error.InputException;

/**
 * The two layouts of RELION particle files. {@code RELION_14} (1.4 and 3.0): one table, every
 * row carries its own voltage, Cs, magnification and origins in pixels. {@code RELION_31}: a
 * {@code data_optics} table of optics groups plus {@code data_particles} rows linked to it by
 * {@code rlnOpticsGroup}, origins in Å ({@code rlnOriginXAngst}).
 */
public enum StarStyle {
    RELION_14("1.4"), RELION_31("3.1");

    private final String version;

    StarStyle(String version) { this.version = version; }

    public String version() { return version; }

    /** "1.4", "3.0" (same layout as 1.4) or "3.1". */
    public static StarStyle parse(String s) {
        return switch (s.trim()) {
            case "1.4", "3.0", "14", "30" -> RELION_14;
            case "3.1", "31", "4.0", "4" -> RELION_31;
            default -> throw new InputException("unknown STAR style '" + s + "'; use 3.1 (optics groups) or 1.4 (one table)");
        };
    }

    @Override public String toString() { return version; }
}
