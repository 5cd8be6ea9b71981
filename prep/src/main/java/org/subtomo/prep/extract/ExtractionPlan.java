package org.subtomo.prep.extract;

import org.subtomo.core.error.InputException;
import org.subtomo.core.io.imod.CoordsFile;
import org.subtomo.core.io.mrc.MrcHeader;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.core.io.star.StarBlock;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarNumbers;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarStyle;
import org.subtomo.core.io.star.StarStyleConverter;
import org.subtomo.core.io.star.StarTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and checks every input of an extraction before anything is written: the STAR file, the
 * coordinate files, the tomograms' headers, the pixel sizes, the coordinates against the
 * tomograms. All problems found are reported together in one {@link InputException} (one line,
 * each naming its file and line). The result is the output particle table (RELION 3.1 style, every
 * input column kept) and, per tomogram, the particles to cut out.
 */
final class ExtractionPlan {
    static final String MICROGRAPH = "rlnMicrographName";
    static final String IMAGE = "rlnImageName";
    static final String[] COORD = {"rlnCoordinateX", "rlnCoordinateY", "rlnCoordinateZ"};
    static final String[] ORIGIN = {"rlnOriginXAngst", "rlnOriginYAngst", "rlnOriginZAngst"};
    static final String GROUP = "rlnOpticsGroup";
    /** At most this many problems are spelled out in the error line. */
    private static final int MAX_LISTED = 8;

    /** One particle: its row in {@link #star}'s particle table, where it came from, and its box. */
    record Particle(int row, int number, String identity, Path source, int line, int x0, int y0, int z0, boolean crossesEdge) {
        String where(Path projectDir) { return identity + " (" + display(projectDir, source) + " line " + line + ")"; }
    }

    /** One tomogram and its particles in input order. */
    record Tomogram(String name, String micrographName, Path file, MrcHeader header, double pixelSize, double bgRadius,
                    List<Particle> particles) {}

    final ExtractParameters params;
    final StarFile star;           // 3.1 style: data_optics + data_particles
    final StarTable particles;
    final StarTable optics;
    private final ParticleStar view;
    final List<Tomogram> tomograms = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private ExtractionPlan(ExtractParameters params, StarFile star) {
        this.params = params;
        this.star = star;
        this.view = ParticleStar.of(star);
        this.particles = view.rows();
        this.optics = view.optics().orElseThrow();
    }

    static ExtractionPlan build(ExtractParameters p) {
        Path inPath = p.projectDir().resolve(p.input());
        StarFile in = readStar(inPath);
        ParticleStar ps = ParticleStar.of(in);
        StarTable rows = ps.rows();
        rows.require(MICROGRAPH);
        List<Path> sources = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> early = new ArrayList<>();
        StarFile table;
        if (p.coordSuffix() != null) {
            table = fromCoordinateFiles(p, in, ps, sources, lines, early);
        } else {
            for (String c : COORD) {
                if (!rows.has(c))
                    throw InputException.inFile(inPath, "no column " + c + ": give --coord_suffix .coords to read the"
                            + " coordinates from Tomograms/<t>/<t>.coords, or use a particle STAR file with rlnCoordinateX/Y/Z");
            }
            table = copy(in);
            StarTable t = ParticleStar.of(table).rows();
            for (int r = 0; r < t.rowCount(); r++) { sources.add(inPath); lines.add(t.lineOf(r, t.column(MICROGRAPH))); }
        }
        StarTable t = ParticleStar.of(table).rows();
        if (!t.has(IMAGE)) t.insertColumn(0, IMAGE, "none");
        StarFile star31 = StarStyleConverter.convert(ParticleStar.of(table), StarStyle.RELION_31);
        ExtractionPlan plan = new ExtractionPlan(p, star31);
        plan.problems.addAll(early);
        plan.planTomograms(sources, lines);
        plan.throwIfProblems();
        return plan;
    }

    // --- inputs --------------------------------------------------------------------------------

    private static StarFile readStar(Path file) {
        try {
            return StarReader.read(file);
        } catch (NoSuchFileException e) {
            throw InputException.inFile(file, "no such file; give --i all_tomograms.star (with --coord_suffix) or a particle STAR file");
        } catch (IOException e) {
            throw InputException.inFile(file, "cannot read: " + e.getMessage());
        }
    }

    private static StarFile copy(StarFile f) {
        StarFile out = new StarFile(f.source());
        for (StarBlock b : f.blocks()) out.add(b.name(), b.table().copy());
        return out;
    }

    /**
     * all_tomograms.star + .coords: one particle row per coordinate, holding the tomogram row's
     * columns (micrograph name, optics group, anything else) and the coordinates.
     */
    private static StarFile fromCoordinateFiles(ExtractParameters p, StarFile in, ParticleStar ps, List<Path> sources,
                                                List<Integer> lines, List<String> problems) {
        StarTable mics = ps.rows();
        List<String> labels = new ArrayList<>(mics.labels());
        for (String c : COORD) if (!mics.has(c)) labels.add(c);
        StarTable out = StarTable.loop(labels);
        int micCol = mics.require(MICROGRAPH);
        for (int r = 0; r < mics.rowCount(); r++) {
            String mic = mics.get(r, micCol);
            Path coords = p.projectDir().resolve(withoutExtension(mic) + p.coordSuffix());
            List<CoordsFile.Coordinate> cs;
            int[] lineNumbers;
            try {
                cs = CoordsFile.read(coords);
                lineNumbers = dataLines(coords);
            } catch (NoSuchFileException e) {
                problems.add(display(p.projectDir(), coords) + ": no such file (coordinates of " + mic
                        + "); write it, or remove the tomogram from " + p.input());
                continue;
            } catch (InputException e) {
                problems.add(e.getMessage());
                continue;
            } catch (IOException e) {
                problems.add(display(p.projectDir(), coords) + ": cannot read: " + e.getMessage());
                continue;
            }
            for (int k = 0; k < cs.size(); k++) {
                CoordsFile.Coordinate c = cs.get(k);
                List<String> row = new ArrayList<>(mics.row(r));
                double[] xyz = {c.x(), c.y(), c.z()};
                for (int a = 0; a < 3; a++) {
                    int col = mics.column(COORD[a]);
                    if (col >= 0) row.set(col, StarNumbers.format(xyz[a]));
                    else row.add(StarNumbers.format(xyz[a]));
                }
                out.addRow(row);
                sources.add(coords);
                lines.add(lineNumbers[k]);
            }
        }
        StarFile f = new StarFile(in.source());
        in.find("optics").ifPresent(b -> f.add("optics", b.table().copy()));
        f.add("particles", out);
        return f;
    }

    /** 1-based line numbers of the data lines (those CoordsFile reads: not blank, not #). */
    private static int[] dataLines(Path file) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String s = all.get(i).strip();
            if (!s.isEmpty() && !s.startsWith("#")) out.add(i + 1);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    // --- tomograms and particles ---------------------------------------------------------------

    private void planTomograms(List<Path> sources, List<Integer> lines) {
        Path projectDir = params.projectDir();
        int micCol = particles.require(MICROGRAPH);
        Map<String, List<Integer>> rowsByMic = new LinkedHashMap<>();
        for (int r = 0; r < particles.rowCount(); r++) rowsByMic.computeIfAbsent(particles.get(r, micCol), k -> new ArrayList<>()).add(r);

        Map<String, String> nameToMic = new HashMap<>();
        Map<Integer, Double> groupPixel = new HashMap<>();
        Map<String, Integer> identities = new HashMap<>();
        int idCol = particles.column(ParticleIdentity.LABEL);
        int n = params.extractSize(), h = n / 2;
        for (var e : rowsByMic.entrySet()) {
            String mic = e.getKey();
            Path file = projectDir.resolve(mic);
            String name = withoutExtension(file.getFileName().toString());
            String other = nameToMic.putIfAbsent(name, mic);
            if (other != null) {
                problems.add(mic + " and " + other + " have the same name '" + name + "'; their particles would go to the same"
                        + " Particles/Tomograms/" + name + "/ files: rename one tomogram");
                continue;
            }
            MrcHeader header;
            if (!Files.isRegularFile(file)) {
                problems.add(display(projectDir, file) + ": no such tomogram (rlnMicrographName in " + params.input()
                        + "); put it there or fix the name");
                continue;
            }
            try (MrcReader reader = MrcReader.open(file)) {
                header = reader.header();
            } catch (InputException | UncheckedIOException ex) {
                problems.add(ex.getMessage());
                continue;
            }
            if (header.nz < 2) {
                problems.add(display(projectDir, file) + ": " + header.nx + " x " + header.ny + " x " + header.nz
                        + " is not a tomogram (a 3D volume is needed)");
                continue;
            }
            if (n > header.nx || n > header.ny || n > header.nz) {
                problems.add(display(projectDir, file) + ": the box of " + n + " pixels is larger than the tomogram (" + header.nx + " x "
                        + header.ny + " x " + header.nz + "); use a smaller --extract_size");
                continue;
            }
            int firstRow = e.getValue().getFirst();
            double px = pixelSize(firstRow, header, file, groupPixel);
            if (Double.isNaN(px)) continue;
            double bg = backgroundRadius(px);
            List<Particle> list = new ArrayList<>();
            int number = 0;
            for (int r : e.getValue()) {
                number++;
                double[] c = new double[3];
                try {
                    for (int a = 0; a < 3; a++) c[a] = particles.getDouble(r, COORD[a]);
                } catch (InputException ex) {
                    problems.add(ex.getMessage());
                    continue;
                }
                Path src = sources.get(r);
                int line = lines.get(r);
                int[] centre = new int[3];
                int[] dims = {header.nx, header.ny, header.nz};
                boolean outside = false, crosses = false;
                for (int a = 0; a < 3; a++) {
                    centre[a] = (int) Math.floor(c[a] + 0.5);
                    outside |= !Double.isFinite(c[a]) || centre[a] < 0 || centre[a] >= dims[a];
                    crosses |= centre[a] - h < 0 || centre[a] - h + n > dims[a];
                }
                if (outside) {
                    problems.add(display(projectDir, src) + " line " + line + ": coordinate " + fmt(c[0]) + " " + fmt(c[1]) + " "
                            + fmt(c[2]) + " lies outside " + name + " (" + header.nx + " x " + header.ny + " x " + header.nz
                            + " pixels; valid 0.." + (header.nx - 1) + ", 0.." + (header.ny - 1) + ", 0.." + (header.nz - 1)
                            + "); fix or remove the line (coordinates are in tomogram pixels)");
                    continue;
                }
                String identity = idCol >= 0 ? particles.get(r, idCol) : ParticleIdentity.of(name, number);
                Integer dup = identities.putIfAbsent(identity, r);
                if (dup != null) {
                    problems.add(display(projectDir, src) + " line " + line + ": " + ParticleIdentity.LABEL + " " + identity
                            + " appears twice; particle names must be unique");
                    continue;
                }
                list.add(new Particle(r, number, identity, src, line, centre[0] - h, centre[1] - h, centre[2] - h, crosses));
            }
            tomograms.add(new Tomogram(name, mic, file, header, px, bg, list));
        }
    }

    /**
     * The tomogram pixel size: --angpix, else the optics group's rlnMicrographPixelSize or
     * rlnImagePixelSize, else the tomogram's MRC header (then every tomogram of the group must agree).
     */
    private double pixelSize(int row, MrcHeader header, Path file, Map<Integer, Double> groupPixel) {
        if (!Double.isNaN(params.angpix())) return params.angpix();
        int g = opticsRow(row);
        for (String l : new String[]{"rlnMicrographPixelSize", "rlnImagePixelSize"}) {
            if (optics.has(l)) {
                try {
                    return optics.getDouble(g, l);
                } catch (InputException ex) {
                    problems.add(ex.getMessage());
                    return Double.NaN;
                }
            }
        }
        double px = header.pixelSize();
        if (!(px > 0)) {
            problems.add(display(params.projectDir(), file) + ": no pixel size in the MRC header nor in " + params.input()
                    + "; give --angpix (Å)");
            return Double.NaN;
        }
        Double first = groupPixel.putIfAbsent(g, px);
        if (first != null && Math.abs(first - px) > 1e-3 * first) {
            problems.add(display(params.projectDir(), file) + ": pixel size " + fmt(px) + " Å in the MRC header, other tomograms of"
                    + " the same optics group have " + fmt(first) + " Å; give --angpix or rlnMicrographPixelSize per optics group");
            return Double.NaN;
        }
        return px;
    }

    int opticsRow(int row) { return view.opticsRow(row); }

    /** In output pixels; NaN when not normalising. */
    private double backgroundRadius(double px) {
        if (!params.normalise()) return Double.NaN;
        double r = !Double.isNaN(params.bgRadius()) ? params.bgRadius()
                : params.particleDiameter() / 2 / px * params.rescaleFactor();
        int out = params.outputSize();
        if (r >= out / 2.0) {
            String msg = "background radius " + fmt(r) + " pixels leaves no background in the " + out + "-pixel box"
                    + (Double.isNaN(params.bgRadius()) ? " (from --particle_diameter " + fmt(params.particleDiameter()) + " Å at "
                    + fmt(px / params.rescaleFactor()) + " Å/pixel)" : "")
                    + "; use a radius below " + out / 2 + " or a larger --extract_size";
            if (!problems.contains(msg)) problems.add(msg);
        }
        return r;
    }

    private void throwIfProblems() {
        if (problems.isEmpty()) return;
        StringBuilder sb = new StringBuilder();
        sb.append(problems.size()).append(problems.size() == 1 ? " input problem" : " input problems").append(", nothing written: ");
        for (int i = 0; i < Math.min(MAX_LISTED, problems.size()); i++) sb.append(i == 0 ? "" : "; ").append(problems.get(i));
        if (problems.size() > MAX_LISTED) sb.append("; and ").append(problems.size() - MAX_LISTED).append(" more");
        throw new InputException(sb.toString());
    }

    static String withoutExtension(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash + 1 ? name.substring(0, dot) : name;
    }

    /** A path as the user wrote it: relative to the project directory where possible. */
    static String display(Path projectDir, Path p) {
        try {
            Path a = projectDir.toAbsolutePath().normalize(), b = p.toAbsolutePath().normalize();
            return b.startsWith(a) ? a.relativize(b).toString() : p.toString();
        } catch (IllegalArgumentException e) {
            return p.toString();
        }
    }

    static String fmt(double v) { return String.format(Locale.ROOT, "%.4g", v); }
}
