package org.subtomo.prep.project;

import org.subtomo.core.error.InputException;
import org.subtomo.core.io.imod.CoordsFile;
import org.subtomo.core.io.imod.OrderFile;
import org.subtomo.core.io.imod.TiltFile;
import org.subtomo.core.io.mrc.MrcHeader;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Protocol steps 1-7 checked before anything is written: for every tomogram listed in
 * all_tomograms.star (or found as Tomograms/&lt;t&gt;/&lt;t&gt;.mrc with {@code discover}) the .mrc, .coords,
 * .mrcs, .tlt (or the stack's extended-header tilt angles), .order and, when present or asked for,
 * .trial. Every problem of every tomogram is collected, each naming its file and the fix (the rows of
 * the protocol's troubleshooting table for steps 8-10), and thrown together as one
 * {@link InputException}; a valid project comes back as one {@link Tomogram} per tomogram.
 */
public final class ProjectInputs {
    private ProjectInputs() {}

    /**
     * @param projectDir        the directory names in all_tomograms.star are relative to
     * @param tomogramsStar     all_tomograms.star (relative to projectDir or absolute)
     * @param discover          ignore the STAR file and take every Tomograms/&lt;t&gt;/&lt;t&gt;.mrc
     * @param useTrials         the .trial stacks are needed (--use_trials)
     * @param angpix            tomogram / tilt-image pixel size in Å, or NaN for the MRC header's
     * @param maxOrderMismatch  degrees: a .order tilt further than this from every refined tilt is an error
     */
    public record Options(Path projectDir, Path tomogramsStar, boolean discover, boolean useTrials, double angpix, double maxOrderMismatch) {
        public static Options of(Path projectDir) {
            return new Options(projectDir, Path.of("all_tomograms.star"), false, false, Double.NaN, 5);
        }
        public Options withDiscover(boolean d) { return new Options(projectDir, tomogramsStar, d, useTrials, angpix, maxOrderMismatch); }
        public Options withTrials(boolean t) { return new Options(projectDir, tomogramsStar, discover, t, angpix, maxOrderMismatch); }
        public Options withAngpix(double a) { return new Options(projectDir, tomogramsStar, discover, useTrials, a, maxOrderMismatch); }
        public Options withStar(Path s) { return new Options(projectDir, s, discover, useTrials, angpix, maxOrderMismatch); }
    }

    /**
     * One validated tomogram.
     *
     * @param name           &lt;t&gt;, the file name without .mrc
     * @param micrographName the tomogram as written in STAR files (relative to the project)
     * @param nx,ny,nz       tomogram size in voxels
     * @param pixelSize      Å
     * @param tilts          refined tilt of each stack image (stack order)
     * @param dose           accumulated dose before each stack image, from the .order
     * @param trial          the .trial stack, or null when there is none
     * @param stackImageSize width and height of the tilt images
     */
    public record Tomogram(String name, String micrographName, Path dir, Path tomogram, Path stack, Path trial,
                           int nx, int ny, int nz, double pixelSize, double[] tilts, DoseAssignment dose,
                           List<CoordsFile.Coordinate> coordinates, int[] stackImageSize, double stackPixelSize) {
        public double[] doses() { return dose.doses(); }
    }

    public static List<Tomogram> read(Options o) {
        List<String> problems = new ArrayList<>();
        List<String[]> listed = listTomograms(o, problems);   // {micrographName, path}
        List<Tomogram> out = new ArrayList<>();
        for (String[] t : listed) {
            Tomogram tomo = check(o, t[0], o.projectDir().resolve(t[0]).normalize(), problems);
            if (tomo != null) out.add(tomo);
        }
        if (!problems.isEmpty()) throw new InputException(problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " in the project inputs (nothing was written):\n  " + String.join("\n  ", problems));
        return out;
    }

    private static List<String[]> listTomograms(Options o, List<String> problems) {
        List<String[]> out = new ArrayList<>();
        if (o.discover()) {
            Path root = o.projectDir().resolve("Tomograms");
            if (!Files.isDirectory(root)) {
                problems.add(root + ": no such directory; put each tomogram in Tomograms/<t>/<t>.mrc (protocol step 1)");
                return out;
            }
            try (Stream<Path> dirs = Files.list(root)) {
                for (Path d : dirs.sorted().toList()) {
                    String n = d.getFileName().toString();
                    if (Files.isDirectory(d) && Files.exists(d.resolve(n + ".mrc"))) out.add(new String[]{"Tomograms/" + n + "/" + n + ".mrc"});
                }
            } catch (IOException e) {
                problems.add(root + ": cannot list: " + e.getMessage());
            }
            if (out.isEmpty()) problems.add(root + ": no Tomograms/<t>/<t>.mrc found; put each tomogram in its own sub-directory (protocol step 1)");
            return out;
        }
        Path star = o.projectDir().resolve(o.tomogramsStar());
        if (!Files.exists(star)) {
            problems.add(star + ": file not found; list the tomograms with `relion_star_loopheader rlnMicrographName > all_tomograms.star;"
                    + " ls Tomograms/*/*.mrc >> all_tomograms.star` (protocol step 7) or use --discover");
            return out;
        }
        StarTable t;
        try {
            StarFile f = StarReader.read(star);
            t = f.blocks().stream().map(b -> b.table()).filter(x -> x.isLoop() && x.has("rlnMicrographName")).findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            problems.add(star + ": cannot read: " + e.getMessage());
            return out;
        }
        if (t == null || t.rowCount() == 0) {
            problems.add(star + ": no loop with rlnMicrographName rows; list one tomogram (.mrc) per row (protocol step 7)");
            return out;
        }
        for (int r = 0; r < t.rowCount(); r++) {
            String name = t.get(r, "rlnMicrographName");
            if (name.startsWith("./")) name = name.substring(2);
            if (!name.endsWith(".mrc"))
                problems.add(star + " line " + t.lineOf(r, t.column("rlnMicrographName")) + ": " + name
                        + " is not a .mrc tomogram; list Tomograms/<t>/<t>.mrc");
            else out.add(new String[]{name});
        }
        return out;
    }

    private static Tomogram check(Options o, String micrographName, Path mrc, List<String> problems) {
        String file = mrc.getFileName().toString();
        String name = file.substring(0, file.length() - 4);
        Path dir = mrc.getParent();
        int before = problems.size();

        MrcHeader tomoHeader = header(mrc, "the tomogram (protocol step 1)", problems);
        Path coordsFile = dir.resolve(name + ".coords");
        List<CoordsFile.Coordinate> coords = null;
        if (!Files.exists(coordsFile))
            problems.add(coordsFile + ": file not found; write the particle centres X Y Z in pixels, one per line (protocol step 3)");
        else coords = parse(() -> CoordsFile.read(coordsFile), coordsFile, problems);
        if (coords != null && coords.isEmpty()) problems.add(coordsFile + ": no coordinates; list one particle centre per line (X Y Z in pixels)");

        Path stack = dir.resolve(name + ".mrcs");
        MrcHeader stackHeader = header(stack, "the aligned tilt series used for the reconstruction (protocol step 4)", problems);
        Path tltFile = dir.resolve(name + ".tlt");
        double[] tilts = null;
        if (Files.exists(tltFile)) {
            List<Double> t = parse(() -> TiltFile.read(tltFile), tltFile, problems);
            if (t != null) tilts = t.stream().mapToDouble(Double::doubleValue).toArray();
        } else if (stackHeader != null) {
            try (MrcReader r = MrcReader.open(stack)) {
                tilts = r.tiltAngles();
            } catch (RuntimeException e) {
                tilts = null;
            }
            if (tilts == null || tilts.length == 0) {
                tilts = null;
                problems.add(tltFile + ": file not found, and " + stack.getFileName() + " has no tilt angles in its extended header;"
                        + " copy IMOD's final tilt angles (one per image, stack order) there (protocol step 5)");
            }
        }
        int images = stackHeader != null ? stackHeader.imageCount() : -1;
        if (tilts != null && images >= 0 && tilts.length != images) {
            String which = tilts.length < images
                    ? "images " + range(tilts.length + 1, images) + " of " + stack.getFileName() + " have no tilt angle"
                    : "angles " + range(images + 1, tilts.length) + " have no image in " + stack.getFileName();
            problems.add((Files.exists(tltFile) ? tltFile : stack) + ": " + tilts.length + " tilt angles but " + images + " images (" + which
                    + "); use the tilt angles of exactly the images in the aligned stack (images left out of the reconstruction must be left out of both)");
        }

        Path orderFile = dir.resolve(name + ".order");
        DoseAssignment dose = null;
        if (!Files.exists(orderFile))
            problems.add(orderFile + ": file not found; list each image's tilt and the dose (e-/A^2) accumulated before it, one line per image (protocol step 6)");
        else {
            List<OrderFile.TiltDose> order = parse(() -> OrderFile.read(orderFile), orderFile, problems);
            if (order != null && order.isEmpty()) problems.add(orderFile + ": empty; give one line per image: tilt, accumulated dose");
            else if (order != null && tilts != null) {
                dose = DoseAssignment.assign(tilts, order);
                if (dose.largestMismatch() > o.maxOrderMismatch())
                    problems.add(String.format(Locale.ROOT, "%s: tilt %.2f° (image %d) is %.2f° from the closest tilt in %s (largest allowed %.1f°);"
                                    + " the .order must belong to this tilt series (refined or nominal tilts)", orderFile, tilts[dose.worstImage()],
                            dose.worstImage() + 1, dose.largestMismatch(), orderFile.getFileName(), o.maxOrderMismatch()));
                else if (dose.sharedRows() && order.size() >= tilts.length)
                    problems.add(orderFile + ": two stack images share the closest .order tilt, so their doses are ambiguous;"
                            + " list each image's own tilt (refined tilts from the .tlt avoid this)");
                else if (order.size() < tilts.length)
                    problems.add(orderFile + ": " + order.size() + " lines for " + tilts.length + " tilt images; give every image of the stack its dose");
            }
        }

        Path trial = dir.resolve(name + ".trial");
        boolean hasTrial = Files.exists(trial);
        if (!hasTrial && o.useTrials())
            problems.add(trial + ": file not found (--use_trials); put two extra images per tilt in tilt-series order there"
                    + " (protocol step 12), or leave out --use_trials");
        if (hasTrial) {
            MrcHeader th = header(trial, "the trial images", problems);
            if (th != null && tilts != null && th.imageCount() != 2 * tilts.length)
                problems.add(trial + ": " + th.imageCount() + " images; it must hold exactly twice the " + tilts.length
                        + " tilts (" + 2 * tilts.length + "), two per tilt in tilt-series order (protocol step 12)");
        }

        double pixel = Double.isNaN(o.angpix()) ? (tomoHeader != null ? tomoHeader.pixelSize() : 0) : o.angpix();
        if (tomoHeader != null && !(pixel > 0))
            problems.add(mrc + ": the header has no pixel size; give --angpix");
        if (tomoHeader != null && coords != null) {
            int shown = 0, outside = 0;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < coords.size(); i++) {
                CoordsFile.Coordinate c = coords.get(i);
                if (c.x() < 0 || c.y() < 0 || c.z() < 0 || c.x() >= tomoHeader.nx || c.y() >= tomoHeader.ny || c.z() >= tomoHeader.nz) {
                    outside++;
                    if (shown++ < 5) sb.append(shown > 1 ? ", " : "").append(String.format(Locale.ROOT, "particle %d (%.1f %.1f %.1f)", i + 1, c.x(), c.y(), c.z()));
                }
            }
            if (outside > 0)
                problems.add(coordsFile + ": " + outside + " coordinates outside the " + tomoHeader.nx + "x" + tomoHeader.ny + "x" + tomoHeader.nz
                        + " tomogram: " + sb + (outside > 5 ? ", ..." : "") + "; coordinates are X Y Z in pixels of this tomogram (binned as it is)");
        }
        double stackPixel = !Double.isNaN(o.angpix()) || stackHeader == null || !(stackHeader.pixelSize() > 0) ? pixel : stackHeader.pixelSize();
        if (stackHeader != null && tomoHeader != null && stackImageSizeMismatch(stackHeader, tomoHeader, stackPixel, pixel))
            problems.add(String.format(Locale.ROOT, "%s: %dx%d images at %.3f Å/px cover %.0fx%.0f Å but the tomogram %s covers %.0fx%.0f Å;"
                            + " the tilt series must be the one the tomogram was reconstructed from (fix the pixel sizes in the headers or give --angpix)",
                    stack, stackHeader.nx, stackHeader.ny, stackPixel, stackHeader.nx * stackPixel, stackHeader.ny * stackPixel,
                    mrc.getFileName(), tomoHeader.nx * pixel, tomoHeader.ny * pixel));
        if (problems.size() > before) return null;
        return new Tomogram(name, micrographName, dir, mrc, stack, hasTrial ? trial : null, tomoHeader.nx, tomoHeader.ny, tomoHeader.nz,
                pixel, tilts, dose, coords, new int[]{stackHeader.nx, stackHeader.ny}, stackPixel);
    }

    private interface Parse<T> { T get() throws IOException; }

    private static <T> T parse(Parse<T> p, Path file, List<String> problems) {
        try {
            return p.get();
        } catch (InputException e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            problems.add(file + ": cannot read: " + e.getMessage());
        }
        return null;
    }

    private static MrcHeader header(Path file, String what, List<String> problems) {
        if (!Files.exists(file)) {
            problems.add(file + ": file not found; it must hold " + what);
            return null;
        }
        try (MrcReader r = MrcReader.open(file)) {
            return r.header();
        } catch (RuntimeException e) {
            problems.add(e instanceof InputException ? e.getMessage() : file + ": not a readable MRC file: " + e.getMessage());
            return null;
        }
    }

    /** The tilt images must span the tomogram's X and Y extent (within 5 %, aligned stacks are sometimes trimmed). */
    private static boolean stackImageSizeMismatch(MrcHeader stack, MrcHeader tomo, double stackPixel, double tomoPixel) {
        double sx = stack.nx * stackPixel, sy = stack.ny * stackPixel, tx = tomo.nx * tomoPixel, ty = tomo.ny * tomoPixel;
        return Math.abs(sx - tx) > 0.05 * tx || Math.abs(sy - ty) > 0.05 * ty;
    }

    private static String range(int a, int b) { return a == b ? Integer.toString(a) : a + "-" + b; }
}
