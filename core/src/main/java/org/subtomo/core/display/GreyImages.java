package org.subtomo.core.display;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.AtomicFiles;

/**
 * Grey-level pictures of images and volumes, as people look at them: a 2D image, the three central slices
 * of a volume (XY | XZ | YZ), a montage of a stack or of class averages. +Y is drawn upwards (as in
 * RELION's and IMOD's viewers) and contrast is mean ± 3σ unless given.
 */
public final class GreyImages {
    private GreyImages() {}

    /** Contrast window: grey 0 at {@code lo}, 255 at {@code hi}. */
    public record Window(double lo, double hi) {
        /** mean ± 3σ of the values: robust enough for maps and noisy images alike. */
        public static Window auto(float[] values) {
            double s = 0, s2 = 0;
            for (float v : values) { s += v; s2 += (double) v * v; }
            double mean = s / values.length, sd = Math.sqrt(Math.max(0, s2 / values.length - mean * mean));
            if (sd == 0) sd = 1;
            return new Window(mean - 3 * sd, mean + 3 * sd);
        }
    }

    /** A 2D image (nz = 1) with its own automatic contrast. */
    public static BufferedImage grey(RealGrid image) { return grey(image, Window.auto(image.data)); }

    public static BufferedImage grey(RealGrid image, Window w) {
        if (!image.is2D()) throw new IllegalArgumentException("grey() takes a 2D image, got " + image);
        BufferedImage img = new BufferedImage(image.nx, image.ny, BufferedImage.TYPE_BYTE_GRAY);
        double scale = 255 / (w.hi() - w.lo());
        for (int y = 0; y < image.ny; y++)
            for (int x = 0; x < image.nx; x++) {
                int g = (int) Math.round((image.get(x, y) - w.lo()) * scale);
                img.getRaster().setSample(x, image.ny - 1 - y, 0, Math.max(0, Math.min(255, g)));
            }
        return img;
    }

    /** Section z of a volume as a 2D image. */
    public static RealGrid sliceXY(RealGrid v, int z) {
        RealGrid s = RealGrid.image(v.nx, v.ny);
        System.arraycopy(v.data, v.nx * v.ny * z, s.data, 0, v.nx * v.ny);
        return s;
    }

    /** The XZ plane at y (X across, Z up). */
    public static RealGrid sliceXZ(RealGrid v, int y) {
        RealGrid s = RealGrid.image(v.nx, v.nz);
        for (int z = 0; z < v.nz; z++)
            for (int x = 0; x < v.nx; x++) s.set(x, z, v.get(x, y, z));
        return s;
    }

    /** The YZ plane at x (Y across, Z up). */
    public static RealGrid sliceYZ(RealGrid v, int x) {
        RealGrid s = RealGrid.image(v.ny, v.nz);
        for (int z = 0; z < v.nz; z++)
            for (int y = 0; y < v.ny; y++) s.set(y, z, v.get(x, y, z));
        return s;
    }

    /** Central XY, XZ and YZ slices side by side, one contrast window for all three (that of the volume). */
    public static BufferedImage centralSlices(RealGrid volume) {
        Window w = Window.auto(volume.data);
        List<RealGrid> s = List.of(sliceXY(volume, volume.nz / 2), sliceXZ(volume, volume.ny / 2), sliceYZ(volume, volume.nx / 2));
        return montage(s, 3, List.of("XY", "XZ", "YZ"), w);
    }

    /** Images in rows of {@code columns}, each with its own contrast, optional labels under each. */
    public static BufferedImage montage(List<RealGrid> images, int columns, List<String> labels) {
        return montage(images, columns, labels, null);
    }

    private static BufferedImage montage(List<RealGrid> images, int columns, List<String> labels, Window shared) {
        if (images.isEmpty()) throw new IllegalArgumentException("nothing to draw");
        int cw = 0, ch = 0;
        for (RealGrid g : images) { cw = Math.max(cw, g.nx); ch = Math.max(ch, g.ny); }
        int scale = Math.max(1, 96 / Math.max(cw, ch));        // small boxes are enlarged to be seen
        int gap = 4, label = labels == null ? 0 : 14;
        int cols = Math.min(columns, images.size()), rows = (images.size() + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cols * (cw * scale + gap) + gap, rows * (ch * scale + gap + label) + gap,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < images.size(); i++) {
            RealGrid im = images.get(i);
            BufferedImage tile = shared == null ? grey(im) : grey(im, shared);
            int x0 = gap + (i % cols) * (cw * scale + gap), y0 = gap + (i / cols) * (ch * scale + gap + label);
            g.drawImage(tile, x0, y0, im.nx * scale, im.ny * scale, null);
            if (labels != null && i < labels.size()) {
                g.setColor(Color.BLACK);
                g.drawString(labels.get(i), x0, y0 + ch * scale + 12);
            }
        }
        g.dispose();
        return out;
    }

    /** Writes a PNG atomically. */
    public static void writePng(BufferedImage image, Path target) {
        try {
            AtomicFiles.write(target, out -> {
                if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer in this Java runtime");
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
