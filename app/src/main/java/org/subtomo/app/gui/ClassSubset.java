package org.subtomo.app.gui;

import org.subtomo.core.error.InputException;
import org.subtomo.core.io.AtomicFiles;
import org.subtomo.core.io.star.StarBlock;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Protocol step 18 as RELION's display does it: the particles of a 2D (or 3D) classification whose
 * rlnClassNumber is among the classes the user picked, written as a STAR file with every other block
 * (optics) unchanged, next to the classification's files.
 */
public final class ClassSubset {
    private ClassSubset() {}

    public record Result(Path written, int kept, int total) {}

    /** The _data.star that goes with a _model.star of the same iteration. */
    public static Path dataStarOf(Path modelStar) {
        String n = modelStar.getFileName().toString();
        if (!n.endsWith("_model.star"))
            throw new InputException(modelStar.getFileName() + ": not a classification's _model.star (expected <root>_itNNN_model.star)");
        Path data = modelStar.resolveSibling(n.substring(0, n.length() - "_model.star".length()) + "_data.star");
        if (!Files.isRegularFile(data)) throw new InputException(data.getFileName() + ": missing next to " + n + " (the particles of that iteration)");
        return data;
    }

    public static Result write(Path dataStar, Set<Integer> classes, Path target) {
        if (classes.isEmpty()) throw new InputException("no classes selected: click the class averages to keep first");
        StarFile in;
        try {
            in = StarReader.read(dataStar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dataStar + ": " + e.getMessage(), e);
        }
        StarFile out = new StarFile();
        int kept = 0, total = 0;
        boolean found = false;
        for (StarBlock b : in.blocks()) {
            StarTable t = b.table();
            if (!b.isLoop() || !t.has("rlnClassNumber")) { out.add(b.name(), t.copy()); continue; }
            found = true;
            StarTable sel = StarTable.loop(t.labels());
            for (int r = 0; r < t.rowCount(); r++) {
                total++;
                if (classes.contains(t.getInt(r, "rlnClassNumber"))) { sel.addRow(t.row(r)); kept++; }
            }
            out.add(b.name(), sel);
        }
        if (!found) throw new InputException(dataStar.getFileName() + ": no particle table with rlnClassNumber");
        try {
            AtomicFiles.writeString(target, StarWriter.toText(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return new Result(target, kept, total);
    }
}
