package org.subtomo.core.display;

import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcHeader;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.ClassAverages;
import org.subtomo.core.io.star.StarBlock;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A PNG of whatever file the user points at, the way people look at it: a stack as a montage, a volume
 * as its central XY/XZ/YZ slices, a 2D classification's model.star as a gallery of class averages sorted
 * by class distribution, a post-processing or refinement STAR file as its FSC curves (and the Guinier
 * plot, when there is one, in a second PNG). The GUI draws with the same calls.
 */
public final class FileDisplay {
    private FileDisplay() {}

    /** Most images of a stack drawn in one montage. */
    public static final int MAX_STACK_IMAGES = 100;

    /** What was drawn: the PNG files written and a one-line description of each. */
    public record Result(List<Path> pngs, List<String> descriptions) {}

    /** Draws {@code file} into {@code png} (and, for a post-processing STAR file, {@code <png>_guinier.png}). */
    public static Result render(Path file, Path png) {
        if (!Files.isRegularFile(file)) throw new InputException(file + ": no such file");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".star")) return star(file, png);
        if (name.endsWith(".mrc") || name.endsWith(".mrcs") || name.endsWith(".map") || name.endsWith(".st") || name.endsWith(".rec"))
            return mrc(file, png, name.endsWith(".mrcs") || name.endsWith(".st"));
        throw new InputException(file + ": cannot display this kind of file; give an MRC image/stack/volume (.mrc, .mrcs),"
                + " a class2d _model.star or a post-processing/refinement STAR file with FSC curves");
    }

    static Result mrc(Path file, Path png, boolean stackByName) {
        try (MrcReader r = MrcReader.open(file)) {
            MrcHeader h = r.header();
            boolean stack = h.nz > 1 && (stackByName || h.ispg == MrcHeader.ISPG_IMAGE_STACK && !file.toString().endsWith(".mrc"));
            if (h.nz == 1) {
                GreyImages.writePng(GreyImages.grey(r.readSection(0)), png);
                return one(png, String.format(Locale.ROOT, "image %d x %d", h.nx, h.ny));
            }
            if (stack) {
                int n = Math.min(h.nz, MAX_STACK_IMAGES);
                List<RealGrid> images = new ArrayList<>();
                List<String> labels = new ArrayList<>();
                for (int i = 0; i < n; i++) { images.add(r.readImage(i)); labels.add(Integer.toString(i + 1)); }
                GreyImages.writePng(GreyImages.montage(images, (int) Math.ceil(Math.sqrt(n)), labels), png);
                return one(png, String.format(Locale.ROOT, "stack of %d images %d x %d%s", h.nz, h.nx, h.ny,
                        h.nz > n ? ", first " + n + " shown" : ""));
            }
            GreyImages.writePng(GreyImages.centralSlices(r.readAll()), png);
            return one(png, String.format(Locale.ROOT, "volume %d x %d x %d: central XY, XZ, YZ slices", h.nx, h.ny, h.nz));
        }
    }

    static Result star(Path file, Path png) {
        StarFile f;
        try {
            f = StarReader.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (f.find("model_classes").isPresent() && f.table("model_classes").has("rlnReferenceImage")
                && f.find("model_general").isPresent() && "2".equals(dim(f)))
            return gallery(file, png);
        List<Path> pngs = new ArrayList<>();
        List<String> what = new ArrayList<>();
        for (StarBlock b : f.blocks()) {
            StarTable t = b.table();
            if (!b.isLoop() || !t.has("rlnResolution")) continue;
            List<String> curves = t.labels().stream().filter(l -> l.startsWith("rlnFourierShellCorrelation") || l.equals("rlnGoldStandardFsc")).toList();
            if (curves.isEmpty()) continue;
            LinePlot plot = new LinePlot("FSC: " + file.getFileName(), "resolution (Å)", "FSC").resolutionAxis().yRange(-0.1, 1.05)
                    .referenceLine(0.143, "0.143");
            double[] x = column(t, "rlnResolution");
            for (String c : curves) plot.series(c.replaceFirst("^rln(FourierShellCorrelation)?", ""), x, column(t, c));
            plot.writePng(png);
            pngs.add(png);
            what.add("FSC curves (" + String.join(", ", curves) + ") from data_" + b.name());
            break;
        }
        if (f.find("guinier").isPresent()) {
            StarTable g = f.table("guinier");
            LinePlot plot = new LinePlot("Guinier: " + file.getFileName(), "resolution² (1/Å²)", "ln(amplitude)");
            double[] x = column(g, "rlnResolutionSquared");
            for (String c : g.labels())
                if (c.startsWith("rlnLogAmplitudes")) plot.series(c.substring("rlnLogAmplitudes".length()), x, column(g, c));
            Path gp = pngs.isEmpty() ? png : sibling(png, "_guinier");
            plot.writePng(gp);
            pngs.add(gp);
            what.add("Guinier plot from data_guinier");
        }
        if (pngs.isEmpty())
            throw new InputException(file + ": nothing to draw (no class averages with rlnReferenceImage, no FSC table with rlnResolution,"
                    + " no data_guinier); for particles, display their stack (.mrcs) instead");
        return new Result(pngs, what);
    }

    private static String dim(StarFile f) {
        StarTable g = f.table("model_general");
        return g.has("rlnReferenceDimensionality") ? g.get("rlnReferenceDimensionality") : "?";
    }

    /** Class averages sorted by class distribution, largest first, each labelled with its number and share. */
    static Result gallery(Path star, Path png) {
        ClassAverages ca = ClassAverages.read(star);
        Integer[] order = new Integer[ca.images().length];
        for (int c = 0; c < order.length; c++) order[c] = c;
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -ca.distribution()[c]).thenComparingInt(c -> c));
        List<RealGrid> images = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int c : order) {
            images.add(ca.images()[c]);
            labels.add(String.format(Locale.ROOT, "%d: %.1f%%", c + 1, 100 * ca.distribution()[c]));
        }
        GreyImages.writePng(GreyImages.montage(images, (int) Math.ceil(Math.sqrt(images.size())), labels), png);
        return one(png, images.size() + " class averages sorted by class distribution");
    }

    private static double[] column(StarTable t, String label) {
        double[] v = new double[t.rowCount()];
        for (int r = 0; r < v.length; r++) v[r] = t.getDouble(r, label);
        return v;
    }

    static Path sibling(Path png, String suffix) {
        String n = png.getFileName().toString();
        String base = n.toLowerCase(Locale.ROOT).endsWith(".png") ? n.substring(0, n.length() - 4) : n;
        return png.resolveSibling(base + suffix + ".png");
    }

    private static Result one(Path png, String what) { return new Result(List.of(png), List.of(what)); }
}
