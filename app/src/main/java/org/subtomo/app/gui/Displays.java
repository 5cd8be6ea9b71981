package org.subtomo.app.gui;

import org.subtomo.core.display.GreyImages;
import org.subtomo.core.display.LinePlot;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.ImageRef;
import org.subtomo.core.io.mrc.MrcHeader;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the GUI shows of a file, drawn with core.display: a volume as the section at a chosen Z (a slider)
 * plus its central slices, a stack or a class2d model.star as one picture per image (the browser sorts
 * classes by distribution and lets the user pick them), a local-resolution map as a histogram, PNG/SVG
 * files (CTF diagnostics per tilt, FSC/Guinier plots the stages write) as they are.
 */
public final class Displays {
    /** Most images of a stack offered one by one. */
    static final int MAX_STACK_IMAGES = 200;

    private final ProjectFiles files;

    public Displays(ProjectFiles files) { this.files = files; }

    /** A description of how to show {@code name}: its kind and what the browser needs to draw it. */
    public Map<String, Object> describe(String name) {
        Path p = files.read(name);
        String rel = files.relative(p);
        String lower = rel.toLowerCase(Locale.ROOT);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", rel);
        if (Files.isDirectory(p)) {
            m.put("kind", "directory");
            m.put("pictures", pictures(p, ""));
            return m;
        }
        if (lower.endsWith(".png") || lower.endsWith(".svg")) { m.put("kind", "picture"); return m; }
        if (lower.endsWith(".star")) return star(p, m);
        if (lower.endsWith(".mrc") || lower.endsWith(".mrcs") || lower.endsWith(".map") || lower.endsWith(".st") || lower.endsWith(".rec"))
            return mrc(p, lower, m);
        m.put("kind", "text");
        return m;
    }

    private Map<String, Object> mrc(Path p, String lower, Map<String, Object> m) {
        MrcHeader h;
        try (MrcReader r = MrcReader.open(p)) { h = r.header(); }
        m.put("nx", h.nx); m.put("ny", h.ny); m.put("nz", h.nz);
        boolean stack = lower.endsWith(".mrcs") || lower.endsWith(".st");
        if (h.nz == 1) m.put("kind", "image");
        else if (stack) {
            m.put("kind", "stack");
            m.put("shown", Math.min(h.nz, MAX_STACK_IMAGES));
        } else {
            m.put("kind", "volume");
            m.put("localResolution", lower.contains("locres"));
            // the local-resolution stage writes its histogram next to the map (ROOT_locres_histogram.png)
            Path hist = p.resolveSibling(p.getFileName().toString().replaceFirst("\\.[A-Za-z]+$", "") + "_histogram.png");
            if (Files.isRegularFile(hist)) m.put("histogram", files.relative(hist));
        }
        return m;
    }

    private Map<String, Object> star(Path p, Map<String, Object> m) {
        StarFile f = readStar(p);
        if (f.find("model_classes").isPresent() && f.table("model_classes").has("rlnReferenceImage")) {
            StarTable c = f.table("model_classes");
            List<Map<String, Object>> classes = new ArrayList<>();
            for (int r = 0; r < c.rowCount(); r++) {
                Map<String, Object> k = new LinkedHashMap<>();
                k.put("number", r + 1);
                k.put("distribution", c.has("rlnClassDistribution") ? c.getDouble(r, "rlnClassDistribution") : 0.0);
                if (c.has("rlnEstimatedResolution")) k.put("resolution", c.getDouble(r, "rlnEstimatedResolution"));
                classes.add(k);
            }
            m.put("kind", "classes");
            m.put("classes", classes);
            m.put("canSelect", p.getFileName().toString().endsWith("_model.star")
                    && Files.isRegularFile(p.resolveSibling(p.getFileName().toString().replaceFirst("_model\\.star$", "_data.star"))));
            return m;
        }
        boolean plots = f.blocks().stream().anyMatch(b -> b.isLoop() && b.table().has("rlnResolution")) || f.find("guinier").isPresent();
        m.put("kind", plots ? "plots" : "text");
        if (plots) {
            // the stage draws its FSC and Guinier plots next to the STAR file (ROOT_fsc.png, ROOT_guinier.png)
            String base = p.getFileName().toString().replaceFirst("\\.star$", "");
            List<String> pics = pictures(p.getParent(), base + "_").stream().filter(x -> x.endsWith(".png")).toList();
            m.put("pictures", pics);
            // none drawn by a stage: the GUI draws them with core.display.FileDisplay (FSC, then Guinier)
            boolean fsc = f.blocks().stream().anyMatch(b -> b.isLoop() && b.table().has("rlnResolution")
                    && b.table().labels().stream().anyMatch(l -> l.startsWith("rlnFourierShellCorrelation") || l.equals("rlnGoldStandardFsc")));
            m.put("rendered", pics.isEmpty() ? (fsc ? 1 : 0) + (f.find("guinier").isPresent() ? 1 : 0) : 0);
        }
        return m;
    }

    /**
     * The PNG and SVG files of a directory whose names start with {@code prefix}, in natural order
     * (tilt_2 before tilt_10: the CTF diagnostics of a tilt series, one per image).
     */
    List<String> pictures(Path dir, String prefix) {
        List<String> out = new ArrayList<>();
        for (Path f : files.list(files.relative(dir))) {
            String fn = f.getFileName().toString(), lower = fn.toLowerCase(Locale.ROOT);
            if (Files.isRegularFile(f) && fn.startsWith(prefix) && (lower.endsWith(".png") || lower.endsWith(".svg"))) out.add(files.relative(f));
        }
        out.sort(Displays::naturalOrder);
        return out;
    }

    /** Compares names with runs of digits taken as numbers. */
    static int naturalOrder(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i), cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i, sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
                while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", ""), nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) return c;
            } else {
                if (ca != cb) return Character.compare(ca, cb);
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Plot {@code part} (0: FSC, 1: Guinier) of a STAR file, drawn by core.display.FileDisplay. */
    public byte[] plot(String name, int part) {
        Path p = files.read(name);
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("subtomo-gui-plot");
            org.subtomo.core.display.FileDisplay.Result r = org.subtomo.core.display.FileDisplay.render(p, tmp.resolve("plot.png"));
            if (part < 0 || part >= r.pngs().size()) throw new InputException(name + ": no plot " + part + " (it has " + r.pngs().size() + ")");
            return Files.readAllBytes(r.pngs().get(part));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + name + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) try (var s = Files.list(tmp)) {
                for (Path x : s.toList()) Files.deleteIfExists(x);
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    /** Section z of a volume (or image z of a stack) as a PNG. */
    public byte[] section(String name, int z) {
        Path p = files.read(name);
        try (MrcReader r = MrcReader.open(p)) {
            MrcHeader h = r.header();
            if (z < 0 || z >= h.nz) throw new InputException(name + ": section " + z + " is outside 0.." + (h.nz - 1));
            return png(GreyImages.grey(r.readSection(z)));
        }
    }

    /** Volumes above this many voxels are sliced from the file instead of read whole (tomograms). */
    static final long WHOLE_READ_VOXELS = 32L << 20;

    /** The central XY, XZ and YZ slices of a volume. */
    public byte[] centralSlices(String name) { return centralSlices(name, WHOLE_READ_VOXELS); }

    byte[] centralSlices(String name, long wholeReadVoxels) {
        try (MrcReader r = MrcReader.open(files.read(name))) {
            MrcHeader h = r.header();
            if ((long) h.nx * h.ny * h.nz <= wholeReadVoxels) return png(GreyImages.centralSlices(r.readAll()));
            // a tomogram: read one section and one row/column of every section, never the whole map
            RealGrid xy = r.readSection(h.nz / 2);
            RealGrid xz = new RealGrid(h.nx, h.nz, 1, r.readWindow(0, h.ny / 2, 0, h.nx, 1, h.nz).data);
            RealGrid yz = new RealGrid(h.ny, h.nz, 1, r.readWindow(h.nx / 2, 0, 0, 1, h.ny, h.nz).data);
            return png(GreyImages.montage(List.of(xy, xz, yz), 3, List.of("XY", "XZ", "YZ")));
        }
    }

    /** Class {@code number} (from 1) of a model.star, as a PNG. */
    public byte[] classImage(String model, int number) {
        Path p = files.read(model);
        StarTable c = readStar(p).table("model_classes");
        if (number < 1 || number > c.rowCount()) throw new InputException(model + ": no class " + number + " (1.." + c.rowCount() + ")");
        ImageRef ref = ImageRef.parse(c.get(number - 1, "rlnReferenceImage"));
        Path image = locate(ref.file(), p);
        try (MrcReader r = MrcReader.open(image)) {
            // a 3D class (class3d, refine3d) is a whole map: its central XY section stands for it in the gallery
            RealGrid g = ref.isWholeFile() ? r.readSection(r.header().nz / 2) : r.readImage(ref.index().getAsInt());
            if (!g.is2D()) g = GreyImages.sliceXY(g, g.nz / 2);
            return png(GreyImages.grey(g));
        }
    }

    /** Histogram of the local resolution (values > 0: RELION leaves 0 outside the mask), as a PNG plot. */
    public byte[] localResolutionHistogram(String name) {
        RealGrid v;
        try (MrcReader r = MrcReader.open(files.read(name))) { v = r.readAll(); }
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (float x : v.data) if (x > 0) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
        if (lo > hi) throw new InputException(name + ": no positive values: not a local-resolution map");
        int bins = 40;
        double w = (hi - lo) / bins;
        if (w == 0) w = 1;
        double[] x = new double[bins], y = new double[bins];
        for (int i = 0; i < bins; i++) x[i] = lo + (i + 0.5) * w;
        for (float val : v.data) if (val > 0) y[Math.min(bins - 1, (int) ((val - lo) / w))]++;
        LinePlot plot = new LinePlot("Local resolution: " + Path.of(name).getFileName(), "local resolution (Å)", "voxels");
        plot.series("voxels", x, y);
        return png(plot.toImage());
    }

    /** An image reference of a STAR file: relative to the project (where stages run), else to the STAR file's directory. */
    Path locate(Path file, Path star) {
        if (!file.isAbsolute()) {
            String rel = file.toString();
            if (files.existsInside(rel)) return files.read(rel);
            Path sib = star.getParent().resolve(file);
            if (Files.exists(sib)) return files.read(files.relative(sib));
        }
        throw new InputException(files.relative(star) + ": image " + file + " not found inside the project");
    }

    static StarFile readStar(Path p) {
        try {
            return StarReader.read(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p.getFileName() + ": " + e.getMessage(), e);
        }
    }

    static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
