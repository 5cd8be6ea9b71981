package org.subtomo.post;

import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;

import java.nio.file.Path;

/**
 * The two independently refined half maps of a gold-standard refinement, checked to be comparable:
 * same cubic box, same pixel size. {@code pixelSize} is the one the user gave ({@code --angpix}) or,
 * when none was given, the one both headers agree on.
 */
public record HalfMaps(RealGrid half1, RealGrid half2, double pixelSize, Path file1, Path file2) {

    public HalfMaps {
        if (!half1.sameShape(half2)) throw new IllegalArgumentException("half maps differ in shape");
    }

    public int boxSize() { return half1.nx; }

    /** The average of the two halves (the map that is sharpened and auto-masked). */
    public RealGrid average() {
        RealGrid a = half1.copy();
        for (int i = 0; i < a.data.length; i++) a.data[i] = 0.5f * (half1.data[i] + half2.data[i]);
        return a;
    }

    /**
     * RELION's default for a missing {@code --i2}: the name of half 1 with its last "half1" replaced
     * by "half2" (run_half1_class001_unfil.mrc → run_half2_class001_unfil.mrc).
     */
    public static Path defaultHalf2(Path half1) {
        String name = half1.getFileName().toString();
        int at = name.lastIndexOf("half1");
        if (at < 0)
            throw InputException.inFile(half1, "the name has no 'half1' to replace by 'half2'; give the second half map with --i2");
        return half1.resolveSibling(name.substring(0, at) + "half2" + name.substring(at + 5));
    }

    /**
     * Reads and checks both halves. {@code pixelSize} ≤ 0 means "take it from the headers".
     * Errors name the file and the fix.
     */
    public static HalfMaps read(Path file1, Path file2, double pixelSize) {
        if (file2 == null) file2 = defaultHalf2(file1);
        double p1, p2;
        RealGrid h1, h2;
        try (MrcReader r = MrcReader.open(file1)) { h1 = r.readAll(); p1 = r.header().pixelSize(); }
        try (MrcReader r = MrcReader.open(file2)) { h2 = r.readAll(); p2 = r.header().pixelSize(); }
        if (h1.nx != h1.ny || h1.nx != h1.nz)
            throw InputException.inFile(file1, "box is " + h1.nx + " x " + h1.ny + " x " + h1.nz
                    + "; post-processing needs a cubic 3D map (an unfiltered half map of a 3D refinement)");
        if (h1.nx % 2 != 0)
            throw InputException.inFile(file1, "box size " + h1.nx + " is odd; half maps of a refinement have an even box");
        if (!h1.sameShape(h2))
            throw InputException.inFile(file2, "box is " + h2.nx + " x " + h2.ny + " x " + h2.nz + " but " + file1.getFileName()
                    + " is " + h1.nx + " x " + h1.ny + " x " + h1.nz + "; give the two halves of the same refinement");
        if (pixelSize <= 0) {
            if (!(p1 > 0))
                throw InputException.inFile(file1, "the header has no pixel size; give it with --angpix");
            if (Math.abs(p1 - p2) > 1e-3 * p1)
                throw InputException.inFile(file2, String.format("pixel size %.4f Å differs from %.4f Å in %s; "
                        + "give the two halves of the same refinement, or force one with --angpix", p2, p1, file1.getFileName()));
            pixelSize = p1;
        }
        return new HalfMaps(h1, h2, pixelSize, file1, file2);
    }
}
