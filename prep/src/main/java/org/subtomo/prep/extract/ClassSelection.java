package org.subtomo.prep.extract;

import org.subtomo.core.error.InputException;
import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.core.io.star.StarBlock;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the particles of chosen classes of a classification's {@code _data.star} (for scripting what
 * RELION's Select job does by clicking): classes named by number, and/or classes passing thresholds read
 * from the matching {@code _model.star} — at least a fraction of the particles (rlnClassDistribution) and
 * at most a resolution (rlnEstimatedResolution, Å). Every column and the optics block are kept.
 */
public final class ClassSelection {
    private ClassSelection() {}

    /**
     * @param data          the classification's _data.star (rows carry rlnClassNumber)
     * @param model         its _model.star, needed for thresholds; null for none
     * @param classes       class numbers to keep, or null for all that pass the thresholds
     * @param minFraction   keep classes with at least this rlnClassDistribution (NaN: no limit)
     * @param maxResolution keep classes with rlnEstimatedResolution at most this many Å (NaN: no limit)
     * @param output        the selected particles
     */
    public record Params(Path data, Path model, Set<Integer> classes, double minFraction, double maxResolution, Path output) {}

    /** @param classes the classes kept; written/total particle rows */
    public record Result(List<Integer> classes, int written, int total, Path output) {}

    /** The model.star next to a _data.star (run_it025_data.star → run_it025_model.star), or null. */
    public static Path modelFor(Path data) {
        String n = data.getFileName().toString();
        if (!n.endsWith("_data.star")) return null;
        Path m = data.resolveSibling(n.substring(0, n.length() - "_data.star".length()) + "_model.star");
        return Files.exists(m) ? m : null;
    }

    public static Result select(Params p) {
        boolean thresholds = !Double.isNaN(p.minFraction()) || !Double.isNaN(p.maxResolution());
        if (p.classes() == null && !thresholds)
            throw new InputException("say which classes to keep: --classes 1,4,7 and/or --min_fraction / --max_resolution");
        StarFile data = read(p.data());
        ParticleStar view = ParticleStar.of(data);
        StarTable rows = view.rows();
        rows.require("rlnClassNumber");
        Set<Integer> keep = new TreeSet<>();
        if (thresholds) {
            if (p.model() == null) throw InputException.inFile(p.data(), "thresholds need the classification's _model.star: give --model");
            StarTable classes = read(p.model()).table("model_classes");
            for (int c = 0; c < classes.rowCount(); c++) {
                double frac = classes.getDouble(c, "rlnClassDistribution");
                double res = classes.has("rlnEstimatedResolution") ? classes.getDouble(c, "rlnEstimatedResolution") : Double.NaN;
                boolean ok = (Double.isNaN(p.minFraction()) || frac >= p.minFraction())
                        && (Double.isNaN(p.maxResolution()) || res <= p.maxResolution());
                if (ok && (p.classes() == null || p.classes().contains(c + 1))) keep.add(c + 1);
            }
        } else {
            keep.addAll(p.classes());
        }
        StarTable out = StarTable.loop(rows.labels());
        for (int r = 0; r < rows.rowCount(); r++) if (keep.contains(rows.getInt(r, "rlnClassNumber"))) out.addRow(rows.row(r));
        if (out.rowCount() == 0)
            throw InputException.inFile(p.data(), "no particle is in the chosen classes " + keep + "; loosen the selection");
        StarFile f = new StarFile();
        for (StarBlock b : data.blocks()) f.add(b.name(), b == view.dataBlock() ? out : b.table().copy());
        try {
            StarWriter.write(f, p.output());
        } catch (IOException e) {
            throw new UncheckedIOException(p.output() + ": cannot write: " + e.getMessage(), e);
        }
        return new Result(List.copyOf(keep), out.rowCount(), rows.rowCount(), p.output());
    }

    /** "1,4,7" → {1, 4, 7}. */
    public static Set<Integer> parseClasses(String list) {
        Set<Integer> s = new TreeSet<>();
        for (String t : list.split(",")) {
            try {
                int c = Integer.parseInt(t.strip());
                if (c < 1) throw new NumberFormatException();
                s.add(c);
            } catch (NumberFormatException e) {
                throw new InputException(String.format(Locale.ROOT, "--classes %s: give class numbers from 1, separated by commas, e.g. 1,4,7", list));
            }
        }
        return s;
    }

    private static StarFile read(Path file) {
        try {
            return StarReader.read(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw InputException.inFile(file, "no such file");
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot read: " + e.getMessage());
        }
    }
}
