package org.subtomo.core.io.star;

import org.subtomo.core.error.InputException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A particle (or micrograph) STAR file seen the same way whichever RELION style it was written
 * in: per-row optics values ({@link #pixelSize}, {@link #voltage}, ...) come from the row itself
 * (1.4) or from its optics group (3.1), and origins come out in Å either way. The underlying
 * tables are not changed; {@link StarStyleConverter} rewrites a file in the other style.
 */
public final class ParticleStar {
    private final StarFile file;
    private final StarBlock dataBlock;
    private final StarTable rows;
    private final StarTable optics;      // null for 1.4-style files
    private final int[] opticsRowOf;     // per particle row: row in the optics table

    private ParticleStar(StarFile file) {
        this.file = file;
        this.dataBlock = findDataBlock(file);
        this.rows = dataBlock.table();
        this.optics = file.find("optics").filter(StarBlock::isLoop).map(StarBlock::table).orElse(null);
        this.opticsRowOf = optics == null ? null : linkOpticsGroups();
    }

    public static ParticleStar of(StarFile file) { return new ParticleStar(file); }

    public static ParticleStar read(Path path) throws IOException { return of(StarReader.read(path)); }

    public StarFile file() { return file; }
    public StarStyle style() { return optics == null ? StarStyle.RELION_14 : StarStyle.RELION_31; }
    /** The block holding one row per particle (data_particles, data_micrographs or 1.4's single table). */
    public StarBlock dataBlock() { return dataBlock; }
    public StarTable rows() { return rows; }
    public Optional<StarTable> optics() { return Optional.ofNullable(optics); }
    public int size() { return rows.rowCount(); }

    /** Whether the row itself or its optics group carries this label. */
    public boolean has(String label) { return rows.has(label) || (optics != null && optics.has(label)); }

    /** The text of a label for one row, from the row or its optics group. */
    public String get(int row, String label) {
        if (rows.has(label)) return rows.get(row, label);
        if (optics != null && optics.has(label)) return optics.get(opticsRowOf[row], label);
        throw missing(label);
    }

    public double getDouble(int row, String label) {
        if (rows.has(label)) return rows.getDouble(row, label);
        if (optics != null && optics.has(label)) return optics.getDouble(opticsRowOf[row], label);
        throw missing(label);
    }

    /**
     * Pixel size in Å: {@code rlnImagePixelSize} (3.1 particles), {@code rlnMicrographPixelSize}
     * (3.1 micrographs), else 1.4's {@code rlnDetectorPixelSize} (µm) × 10⁴ / {@code rlnMagnification},
     * else {@code rlnPixelSize}.
     */
    public double pixelSize(int row) {
        if (has(OpticsLabels.IMAGE_PIXEL_SIZE)) return getDouble(row, OpticsLabels.IMAGE_PIXEL_SIZE);
        if (has(OpticsLabels.MICROGRAPH_PIXEL_SIZE)) return getDouble(row, OpticsLabels.MICROGRAPH_PIXEL_SIZE);
        if (has(OpticsLabels.DETECTOR_PIXEL_SIZE) && has(OpticsLabels.MAGNIFICATION)) {
            return getDouble(row, OpticsLabels.DETECTOR_PIXEL_SIZE) * 1e4 / getDouble(row, OpticsLabels.MAGNIFICATION);
        }
        if (has("rlnPixelSize")) return getDouble(row, "rlnPixelSize");
        throw noPixelSize();
    }

    /** Throws the "no pixel size" error unless the file has one. */
    public void requirePixelSize() {
        if (!hasPixelSize()) throw noPixelSize();
    }

    private InputException noPixelSize() {
        return new InputException(fileName() + ": no pixel size for " + where() + "; add rlnImagePixelSize to data_optics "
                + "(RELION 3.1) or rlnDetectorPixelSize and rlnMagnification to each row (RELION 1.4)");
    }

    public boolean hasPixelSize() {
        return has(OpticsLabels.IMAGE_PIXEL_SIZE) || has(OpticsLabels.MICROGRAPH_PIXEL_SIZE) || has("rlnPixelSize")
                || (has(OpticsLabels.DETECTOR_PIXEL_SIZE) && has(OpticsLabels.MAGNIFICATION));
    }

    /** Acceleration voltage, kV. */
    public double voltage(int row) { return getDouble(row, "rlnVoltage"); }
    /** Spherical aberration, mm. */
    public double sphericalAberration(int row) { return getDouble(row, "rlnSphericalAberration"); }
    /** Amplitude contrast fraction. */
    public double amplitudeContrast(int row) { return getDouble(row, "rlnAmplitudeContrast"); }

    /** Origin along axis 0 (X), 1 (Y) or 2 (Z), in Å; 0 when the file has no such origin (RELION's default). */
    public double originAngst(int row, int axis) {
        if (rows.has(OpticsLabels.originAngst(axis))) return rows.getDouble(row, OpticsLabels.originAngst(axis));
        if (rows.has(OpticsLabels.originPixels(axis))) return rows.getDouble(row, OpticsLabels.originPixels(axis)) * pixelSize(row);
        return 0.0;
    }

    /**
     * Parses, for every row, the values later stages will need as numbers (pixel size, voltage,
     * Cs, amplitude contrast, origins, angles, defoci, coordinates) where the file has them, so a
     * bad value is reported now, with its line, rather than hours into a refinement.
     */
    public void check() {
        for (int r = 0; r < size(); r++) {
            if (hasPixelSize()) pixelSize(r);
            for (String l : NUMERIC) if (has(l)) getDouble(r, l);
            for (int axis = 0; axis < 3; axis++) originAngst(r, axis);
        }
    }

    private static final String[] NUMERIC = {"rlnVoltage", "rlnSphericalAberration", "rlnAmplitudeContrast",
            "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle",
            "rlnCoordinateX", "rlnCoordinateY", "rlnCoordinateZ", "rlnClassNumber", "rlnRandomSubset"};

    /** The optics group row (in data_optics) of a particle; 3.1 files only. */
    public int opticsRow(int row) {
        if (optics == null) throw new IllegalStateException("no data_optics in a 1.4-style file");
        return opticsRowOf[row];
    }

    private static StarBlock findDataBlock(StarFile file) {
        for (String name : new String[]{"particles", "micrographs", "movies"}) {
            Optional<StarBlock> b = file.find(name).filter(StarBlock::isLoop);
            if (b.isPresent()) return b.get();
        }
        return file.blocks().stream().filter(b -> b.isLoop() && !b.name().equals("optics")).findFirst()
                .orElseThrow(() -> new InputException(fileName(file) + ": no loop_ table of particles or micrographs"
                        + " (expected data_particles, or one data_ block with a loop_ as in RELION 1.4)"));
    }

    /** Row in data_optics for each particle; every rlnOpticsGroup must name an existing group. */
    private int[] linkOpticsGroups() {
        Map<Long, Integer> groupRow = new HashMap<>();
        if (optics.has(OpticsLabels.GROUP)) {
            for (int g = 0; g < optics.rowCount(); g++) {
                if (groupRow.put(optics.getLong(g, OpticsLabels.GROUP), g) != null) {
                    throw InputException.atLine(path(), optics.lineOf(g, 0), "optics group " + optics.get(g, OpticsLabels.GROUP)
                            + " appears twice in data_optics; each rlnOpticsGroup number must be unique");
                }
            }
        }
        int[] out = new int[rows.rowCount()];
        if (!rows.has(OpticsLabels.GROUP)) {
            // A file with one optics group may leave the link out; with several it is ambiguous.
            if (optics.rowCount() == 1) return out;
            rows.require(OpticsLabels.GROUP);
        }
        if (!optics.has(OpticsLabels.GROUP)) optics.require(OpticsLabels.GROUP);
        int col = rows.column(OpticsLabels.GROUP);
        for (int r = 0; r < out.length; r++) {
            Integer g = groupRow.get(rows.getLong(r, col));
            if (g == null) {
                throw InputException.atLine(path(), rows.lineOf(r, col), "rlnOpticsGroup " + rows.get(r, col)
                        + " is not in data_optics (groups " + groupRow.keySet().stream().sorted().map(String::valueOf)
                        .reduce((a, b) -> a + " " + b).orElse("none") + "); add the group or fix the row");
            }
            out[r] = g;
        }
        return out;
    }

    private InputException missing(String label) {
        return new InputException(fileName() + ": no column " + StarLabels.canonical(label) + " in " + where()
                + "; add it to each row" + (optics != null ? " or to data_optics" : ""));
    }

    private String where() {
        return "data_" + dataBlock.name() + (optics != null ? " or data_optics" : "");
    }

    private Path path() { return file.source() == null ? Path.of("(in memory)") : file.source(); }

    private String fileName() { return fileName(file); }

    private static String fileName(StarFile file) { return file.source() == null ? "(in memory)" : file.source().toString(); }
}
