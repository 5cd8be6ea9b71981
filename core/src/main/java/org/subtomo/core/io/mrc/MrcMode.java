package org.subtomo.core.io.mrc;

import java.util.Optional;

/**
 * The voxel types this suite reads (MRC2014 "mode" word). Complex modes 3/4 and IMOD's RGB/4-bit
 * modes are deliberately absent: nothing in a sub-tomogram averaging workflow produces them.
 */
public enum MrcMode {
    INT8(0, 1, "8-bit signed integer"),
    INT16(1, 2, "16-bit signed integer"),
    FLOAT32(2, 4, "32-bit float"),
    UINT16(6, 2, "16-bit unsigned integer"),
    FLOAT16(12, 2, "16-bit float (IEEE half)");

    public final int code;
    public final int bytesPerVoxel;
    public final String description;

    MrcMode(int code, int bytesPerVoxel, String description) {
        this.code = code; this.bytesPerVoxel = bytesPerVoxel; this.description = description;
    }

    public static Optional<MrcMode> fromCode(int code) {
        for (MrcMode m : values()) if (m.code == code) return Optional.of(m);
        return Optional.empty();
    }

    /** True for modes whose values are rounded and clamped when writing floats into them. */
    public boolean isInteger() { return this == INT8 || this == INT16 || this == UINT16; }

    /** "2 (32-bit float)", as header listings show it. */
    public String label() { return code + " (" + description + ")"; }
}
