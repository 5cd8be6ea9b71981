package org.subtomo.core.display;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriteOptions;
import org.subtomo.core.io.mrc.MrcWriter;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** FileDisplay: what each kind of file becomes, checked on pixels placed where the layout says they must be. */
class FileDisplayTest {
    @TempDir Path dir;

    /** 8×8 images, each with one bright pixel at (2c, 4). */
    static List<RealGrid> dots(int n) {
        List<RealGrid> l = new ArrayList<>();
        for (int c = 0; c < n; c++) { RealGrid g = RealGrid.image(8, 8); g.set(2 * c, 4, 1f); l.add(g); }
        return l;
    }

    /** Grey level of the image pixel (x, y) of montage tile t (8×8 tiles enlarged 12×, 4 px gaps, 14 px labels). */
    static int tilePixel(BufferedImage img, int cols, int t, int x, int y) {
        int x0 = 4 + (t % cols) * (96 + 4), y0 = 4 + (t / cols) * (96 + 4 + 14);
        return img.getRaster().getSample(x0 + x * 12 + 6, y0 + (7 - y) * 12 + 6, 0) ;
    }

    @Test void stackBecomesAMontageInOrder() throws Exception {
        Path f = dir.resolve("s.mrcs");
        MrcWriter.writeStack(f, dots(3), MrcWriteOptions.pixelSize(2));
        FileDisplay.Result r = FileDisplay.render(f, dir.resolve("s.png"));
        assertTrue(r.descriptions().get(0).startsWith("stack of 3 images 8 x 8"), r.descriptions().toString());
        BufferedImage img = ImageIO.read(dir.resolve("s.png").toFile());
        assertEquals(2 * (96 + 4) + 4, img.getWidth());   // ceil(sqrt 3) = 2 columns
        for (int t = 0; t < 3; t++) {
            assertEquals(255, tilePixel(img, 2, t, 2 * t, 4), "tile " + t + " shows image " + t);
            assertTrue(tilePixel(img, 2, t, 2 * t + 1, 4) < 200);
        }
    }

    @Test void volumeBecomesCentralSlices() throws Exception {
        RealGrid v = RealGrid.cube(16);
        v.set(8, 8, 8, 1f);      // the centre voxel lies on all three central planes
        v.set(3, 3, 3, 5f);      // off every central plane: must not show
        Path f = dir.resolve("v.mrc");
        MrcWriter.write(f, v, 2);
        FileDisplay.Result r = FileDisplay.render(f, dir.resolve("v.png"));
        assertTrue(r.descriptions().get(0).contains("central XY, XZ, YZ"), r.descriptions().toString());
        BufferedImage img = ImageIO.read(dir.resolve("v.png").toFile());
        assertEquals(3 * (96 + 4) + 4, img.getWidth());   // 16 px enlarged 6×, three panels
        int[] bright = new int[3];
        for (int p = 0; p < 3; p++) {
            int x0 = 4 + p * 100, y0 = 4;
            bright[p] = img.getRaster().getSample(x0 + 8 * 6 + 3, y0 + (15 - 8) * 6 + 3, 0);
        }
        // one contrast window for the whole volume (the 5.0 voxel widens it): the centre voxel still stands out on each panel
        for (int p = 0; p < 3; p++) assertTrue(bright[p] > img.getRaster().getSample(4 + p * 100 + 3, 4 + 3, 0) + 20, "panel " + p);
    }

    @Test void classGalleryIsSortedByClassDistribution() throws Exception {
        MrcWriter.writeStack(dir.resolve("run_it002_classes.mrcs"), dots(3), MrcWriteOptions.pixelSize(2));
        Path model = dir.resolve("run_it002_model.star");
        Files.writeString(model, "data_model_general\n_rlnReferenceDimensionality 2\n_rlnNrClasses 3\n\ndata_model_classes\nloop_\n"
                + "_rlnReferenceImage\n_rlnClassDistribution\n"
                + "000001@" + dir.resolve("run_it002_classes.mrcs") + " 0.2\n"
                + "000002@run_it002_classes.mrcs 0.5\n"      // relative to the STAR file
                + "000003@run_it002_classes.mrcs 0.3\n");
        FileDisplay.Result r = FileDisplay.render(model, dir.resolve("g.png"));
        assertEquals("3 class averages sorted by class distribution", r.descriptions().get(0));
        BufferedImage img = ImageIO.read(dir.resolve("g.png").toFile());
        int[] expectedClass = {1, 2, 0};   // 0.5, 0.3, 0.2
        for (int t = 0; t < 3; t++) assertEquals(255, tilePixel(img, 2, t, 2 * expectedClass[t], 4), "tile " + t);
    }

    @Test void fscAndGuinierCurves() throws Exception {
        StringBuilder s = new StringBuilder("data_general\n_rlnFinalResolution 8.0\n\ndata_fsc\nloop_\n_rlnSpectralIndex\n_rlnResolution\n"
                + "_rlnFourierShellCorrelationCorrected\n_rlnFourierShellCorrelationUnmaskedMaps\n");
        for (int i = 0; i < 20; i++) s.append(i).append(' ').append(i / 64.0).append(' ').append(1 - i / 20.0).append(' ').append(1 - i / 15.0).append('\n');
        s.append("\ndata_guinier\nloop_\n_rlnResolutionSquared\n_rlnLogAmplitudesOriginal\n_rlnLogAmplitudesSharpened\n");
        for (int i = 1; i < 20; i++) s.append(i / 400.0).append(' ').append(-i / 4.0).append(' ').append(-i / 8.0).append('\n');
        Path f = dir.resolve("postprocess.star");
        Files.writeString(f, s.toString());
        FileDisplay.Result r = FileDisplay.render(f, dir.resolve("pp.png"));
        assertEquals(List.of(dir.resolve("pp.png"), dir.resolve("pp_guinier.png")), r.pngs());
        assertTrue(r.descriptions().get(0).contains("rlnFourierShellCorrelationCorrected, rlnFourierShellCorrelationUnmaskedMaps"));
        BufferedImage fsc = ImageIO.read(dir.resolve("pp.png").toFile());
        assertTrue(count(fsc, 0x1f77b4) > 50 && count(fsc, 0xd62728) > 50, "both curves drawn in the palette's first two colours");
        assertTrue(count(ImageIO.read(dir.resolve("pp_guinier.png").toFile()), 0xd62728) > 50);
    }

    @Test void particlesStarAndUnknownFilesAreOneLineErrors() throws Exception {
        Path f = dir.resolve("p.star");
        Files.writeString(f, "data_particles\nloop_\n_rlnImageName\n1@a.mrcs\n");
        InputException e = assertThrows(InputException.class, () -> FileDisplay.render(f, dir.resolve("x.png")));
        assertTrue(e.getMessage().contains("nothing to draw"), e.getMessage());
        Files.writeString(dir.resolve("a.txt"), "x");
        assertThrows(InputException.class, () -> FileDisplay.render(dir.resolve("a.txt"), dir.resolve("x.png")));
        assertThrows(InputException.class, () -> FileDisplay.render(dir.resolve("missing.mrc"), dir.resolve("x.png")));
    }

    static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xffffff) == rgb) n++;
        return n;
    }
}
