package org.subtomo.core.display;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.grid.RealGrid;

class DisplayTest {
    @Test void greyDrawsPlusYUpwardsAndClipsToTheWindow() {
        RealGrid im = RealGrid.image(4, 3);
        im.set(1, 0, 10f);     // y = 0 is the bottom row of the picture
        im.set(2, 2, -10f);
        BufferedImage img = GreyImages.grey(im, new GreyImages.Window(0, 1));
        assertEquals(255, img.getRaster().getSample(1, 2, 0));
        assertEquals(0, img.getRaster().getSample(2, 0, 0));
        assertEquals(0, img.getRaster().getSample(0, 0, 0));
    }

    @Test void centralSlicesCutThroughTheCentre() {
        RealGrid v = RealGrid.volume(8, 6, 4);
        v.set(4, 3, 2, 1f);
        assertEquals(1f, GreyImages.sliceXY(v, 2).get(4, 3));
        assertEquals(1f, GreyImages.sliceXZ(v, 3).get(4, 2));
        assertEquals(1f, GreyImages.sliceYZ(v, 4).get(3, 2));
        assertEquals(0f, GreyImages.sliceXY(v, 1).get(4, 3));
        BufferedImage img = GreyImages.centralSlices(v);
        assertTrue(img.getWidth() > 3 * 8 && img.getHeight() > 6, img.getWidth() + "x" + img.getHeight());
    }

    @Test void montageWritesAReadablePng(@TempDir Path dir) throws Exception {
        RealGrid a = RealGrid.image(16, 16), b = RealGrid.image(16, 16);
        a.set(3, 3, 1f);
        b.set(8, 8, 1f);
        Path png = dir.resolve("m.png");
        GreyImages.writePng(GreyImages.montage(List.of(a, b, a), 2, List.of("a", "b", "c")), png);
        BufferedImage back = ImageIO.read(png.toFile());
        int scale = 96 / 16, gap = 4;
        assertEquals(2 * (16 * scale + gap) + gap, back.getWidth());
        assertEquals(2 * (16 * scale + gap + 14) + gap, back.getHeight());
    }

    @Test void ticksAreRoundAndCoverTheRange() {
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, LinePlot.ticks(0, 1, 6), 1e-12);
        assertArrayEquals(new double[] {-0.1, 0, 0.1, 0.2}, LinePlot.ticks(-0.12, 0.25, 4), 1e-12);
    }

    @Test void plotLabelsResolutionInAngstromAndDrawsEverySeries(@TempDir Path dir) throws Exception {
        double[] f = {0, 0.025, 0.05, 0.075, 0.1}, fsc = {1, 0.9, 0.5, 0.143, 0.0};
        LinePlot p = new LinePlot("FSC", "resolution (Å)", "FSC").resolutionAxis()
                .series("half maps", f, fsc).series("masked", f, new double[] {1, 0.95, 0.7, 0.3, 0.1})
                .referenceLine(0.143, "0.143");
        String svg = p.toSvg();
        assertTrue(svg.contains(">10<"), "1/0.1 Å⁻¹ labelled 10 Å");
        assertTrue(svg.contains(">20<"), "1/0.05 Å⁻¹ labelled 20 Å");
        assertTrue(svg.contains("half maps") && svg.contains("masked") && svg.contains("stroke-dasharray"));
        assertEquals(2, svg.split("<polyline", -1).length - 1);
        p.writePng(dir.resolve("fsc.png"));
        p.writeSvg(dir.resolve("fsc.svg"));
        BufferedImage img = ImageIO.read(dir.resolve("fsc.png").toFile());
        assertEquals(720, img.getWidth());
        // the first series' colour is on the picture
        boolean blue = false;
        for (int y = 0; y < img.getHeight() && !blue; y++)
            for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xffffff) == 0x1f77b4) { blue = true; break; }
        assertTrue(blue);
    }
}
