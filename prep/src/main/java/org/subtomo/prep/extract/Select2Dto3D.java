package org.subtomo.prep.extract;

import org.subtomo.core.error.InputException;
import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.core.io.star.StarBlock;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarNumbers;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the sub-tomograms whose 2D projections were selected (protocol step 19). Particles are
 * matched by {@link ParticleIdentity#LABEL} when both files have it, otherwise by
 * rlnMicrographName with rlnCoordinateX/Y/Z (to 0.001 pixel) — never by row order, so any
 * sorting or subsetting of the selected file is fine. The output is the sub-tomogram file with only
 * the selected rows (in its own order), every column and every other block (optics) kept.
 */
public final class Select2Dto3D {
    private Select2Dto3D() {}

    /** @param selected rows in the selected 2D file; written rows of the 3D file; matched on which key */
    public record Result(int selected, int written, int total, String matchedOn, Path output) {}

    public static Result select(SelectParameters p) {
        StarFile sel = read(p.from2d()), all = read(p.subtomos());
        ParticleStar selView = ParticleStar.of(sel), allView = ParticleStar.of(all);
        StarTable s = selView.rows(), a = allView.rows();
        boolean byName = s.has(ParticleIdentity.LABEL) && a.has(ParticleIdentity.LABEL);
        if (!byName) {
            for (StarTable t : List.of(s, a)) {
                t.require(ExtractionPlan.MICROGRAPH);
                for (String c : ExtractionPlan.COORD) t.require(c);
            }
        }
        Map<String, Integer> rowOf = new HashMap<>();
        for (int r = 0; r < a.rowCount(); r++) {
            String k = key(a, r, byName);
            Integer prev = rowOf.putIfAbsent(k, r);
            if (prev != null)
                throw InputException.atLine(p.subtomos(), a.lineOf(r, 0), "particle " + k + " appears twice (also on line "
                        + a.lineOf(prev, 0) + "); each sub-tomogram must be listed once");
        }
        Set<Integer> chosen = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (int r = 0; r < s.rowCount(); r++) {
            String k = key(s, r, byName);
            Integer row = rowOf.get(k);
            if (row == null) missing.add("line " + s.lineOf(r, 0) + " " + k);
            else chosen.add(row);
        }
        if (!missing.isEmpty()) {
            throw InputException.inFile(p.from2d(), missing.size() + " selected particle" + (missing.size() == 1 ? " has" : "s have")
                    + " no sub-tomogram in " + p.subtomos() + ": " + String.join(", ", missing.subList(0, Math.min(8, missing.size())))
                    + (missing.size() > 8 ? " and " + (missing.size() - 8) + " more" : "")
                    + "; use the sub-tomogram file written by the same extraction as the projections");
        }
        StarTable out = StarTable.loop(a.labels());
        for (int r = 0; r < a.rowCount(); r++) if (chosen.contains(r)) out.addRow(a.row(r));
        StarFile f = new StarFile();
        for (StarBlock b : all.blocks()) f.add(b.name(), b == allView.dataBlock() ? out : b.table().copy());
        try {
            StarWriter.write(f, p.output());
        } catch (IOException e) {
            throw new UncheckedIOException(p.output() + ": cannot write: " + e.getMessage(), e);
        }
        return new Result(s.rowCount(), out.rowCount(), a.rowCount(),
                byName ? ParticleIdentity.LABEL : "rlnMicrographName + rlnCoordinateX/Y/Z", p.output());
    }

    private static String key(StarTable t, int r, boolean byName) {
        if (byName) return t.get(r, ParticleIdentity.LABEL);
        StringBuilder sb = new StringBuilder(t.get(r, ExtractionPlan.MICROGRAPH));
        for (String c : ExtractionPlan.COORD) sb.append(' ').append(StarNumbers.format(Math.round(t.getDouble(r, c) * 1000) / 1000.0));
        return sb.toString();
    }

    private static StarFile read(Path file) {
        try {
            return StarReader.read(file);
        } catch (NoSuchFileException e) {
            throw InputException.inFile(file, "no such file");
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot read: " + e.getMessage());
        }
    }
}
