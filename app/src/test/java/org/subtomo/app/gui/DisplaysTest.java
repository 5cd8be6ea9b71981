package org.subtomo.app.gui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriter;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** What the display chooses to show for each kind of file. */
class DisplaysTest {
    @TempDir Path project;

    @Test void ctfDiagnosticsOfATiltSeriesAreListedInTiltOrder() throws Exception {
        Path dir = Files.createDirectories(project.resolve("Prepare/job002/TS_01"));
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            Files.writeString(dir.resolve("TS_01_ctf_" + n + ".png"), "png");
            Files.writeString(dir.resolve("TS_01_ctf_" + n + ".svg"), "<svg/>");
            expected.add("Prepare/job002/TS_01/TS_01_ctf_" + n + ".png");
            expected.add("Prepare/job002/TS_01/TS_01_ctf_" + n + ".svg");
        }
        Files.writeString(dir.resolve("TS_01_ctf.star"), "data_\n");
        Map<String, Object> d = new Displays(new ProjectFiles(project)).describe("Prepare/job002/TS_01");
        assertEquals("directory", d.get("kind"));
        assertEquals(expected, d.get("pictures"));
        assertTrue(Displays.naturalOrder("run_it002", "run_it010") < 0);
        assertTrue(Displays.naturalOrder("a10", "a9") > 0);
        assertEquals(0, Displays.naturalOrder("x1", "x1"));
    }

    @Test void aPostProcessingStarShowsTheFscAndGuinierPlotsTheStageDrew() throws Exception {
        Path dir = Files.createDirectories(project.resolve("PostProcess/job009"));
        Files.writeString(dir.resolve("postprocess.star"), """
                data_general
                _rlnFinalResolution 12.5
                data_fsc
                loop_
                _rlnSpectralIndex
                _rlnResolution
                _rlnFourierShellCorrelationCorrected
                0 0.0 1.0
                1 0.05 0.9
                """);
        for (String n : List.of("postprocess_fsc.png", "postprocess_guinier.png", "postprocess_fsc.svg", "other.png"))
            Files.writeString(dir.resolve(n), "x");
        Displays displays = new Displays(new ProjectFiles(project));
        Map<String, Object> d = displays.describe("PostProcess/job009/postprocess.star");
        assertEquals("plots", d.get("kind"));
        assertEquals(List.of("PostProcess/job009/postprocess_fsc.png", "PostProcess/job009/postprocess_guinier.png"), d.get("pictures"));
        assertEquals(0, d.get("rendered"));
        // without the stage's PNGs the GUI draws the FSC itself (core.display.FileDisplay)
        for (String n : List.of("postprocess_fsc.png", "postprocess_guinier.png")) Files.delete(dir.resolve(n));
        d = displays.describe("PostProcess/job009/postprocess.star");
        assertEquals(List.of(), d.get("pictures"));
        assertEquals(1, d.get("rendered"));
        var plot = ImageIO.read(new ByteArrayInputStream(displays.plot("PostProcess/job009/postprocess.star", 0)));
        assertTrue(plot.getWidth() > 300, "a plot, not a thumbnail");
        assertThrows(InputException.class, () -> displays.plot("PostProcess/job009/postprocess.star", 1));
    }

    @Test void centralSlicesOfATomogramAreReadSliceBySliceAndMatchTheWholeRead() throws Exception {
        // XZ and YZ taken as windows from the file must equal the planes of the volume read whole
        RealGrid v = RealGrid.volume(20, 14, 9);
        for (int z = 0; z < 9; z++) for (int y = 0; y < 14; y++) for (int x = 0; x < 20; x++) v.set(x, y, z, (float) Math.sin(x * 0.7 + y * 1.3 + z * 2.1));
        MrcWriter.write(project.resolve("tomo.mrc"), v, 10.0);
        try (var r = org.subtomo.core.io.mrc.MrcReader.open(project.resolve("tomo.mrc"))) {
            RealGrid xz = new RealGrid(20, 9, 1, r.readWindow(0, 7, 0, 20, 1, 9).data);
            RealGrid yz = new RealGrid(14, 9, 1, r.readWindow(10, 0, 0, 1, 14, 9).data);
            assertArrayEquals(org.subtomo.core.display.GreyImages.sliceXZ(v, 7).data, xz.data);
            assertArrayEquals(org.subtomo.core.display.GreyImages.sliceYZ(v, 10).data, yz.data);
        }
        Displays d = new Displays(new ProjectFiles(project));
        var whole = ImageIO.read(new ByteArrayInputStream(d.centralSlices("tomo.mrc")));
        var sliced = ImageIO.read(new ByteArrayInputStream(d.centralSlices("tomo.mrc", 100)));
        assertEquals(whole.getWidth(), sliced.getWidth(), "same layout either way");
        assertEquals(whole.getHeight(), sliced.getHeight());
    }

    @Test void aThreeDClassIsShownByItsCentralSection() throws Exception {
        // refine3d/class3d model.star: rlnReferenceImage names a whole map; section z = 4 of 9 has the value 1, others 0
        Files.createDirectories(project.resolve("Class3D/job004"));
        RealGrid v = RealGrid.volume(8, 8, 9);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) v.set(x, y, 4, x < 4 ? 1 : 0);
        MrcWriter.write(project.resolve("Class3D/job004/run_it010_class001.mrc"), v, 2.0);
        Files.writeString(project.resolve("Class3D/job004/run_it010_model.star"), """
                data_model_classes
                loop_
                _rlnReferenceImage
                _rlnClassDistribution
                Class3D/job004/run_it010_class001.mrc 1.0
                """);
        var im = ImageIO.read(new ByteArrayInputStream(new Displays(new ProjectFiles(project)).classImage("Class3D/job004/run_it010_model.star", 1)));
        assertEquals(8, im.getWidth());
        assertTrue(im.getRaster().getSample(1, 1, 0) - im.getRaster().getSample(6, 1, 0) > 60,
                "the half-bright central section, not the uniform section 0");
    }

    @Test void aLocalResolutionMapHasAHistogram() throws Exception {
        Files.createDirectories(project.resolve("LocalRes/job010"));
        RealGrid v = RealGrid.cube(8);
        for (int i = 0; i < v.data.length; i++) v.data[i] = i % 2 == 0 ? 0 : 8 + i % 5;   // zero outside the mask, 8-12 Å inside
        MrcWriter.write(project.resolve("LocalRes/job010/run_locres.mrc"), v, 2.0);
        Displays displays = new Displays(new ProjectFiles(project));
        Map<String, Object> d = displays.describe("LocalRes/job010/run_locres.mrc");
        assertEquals("volume", d.get("kind"));
        assertEquals(true, d.get("localResolution"));
        assertNull(d.get("histogram"), "no histogram PNG from the stage: the GUI draws one");
        assertNotNull(ImageIO.read(new ByteArrayInputStream(displays.localResolutionHistogram("LocalRes/job010/run_locres.mrc"))));
        Files.writeString(project.resolve("LocalRes/job010/run_locres_histogram.png"), "png");
        assertEquals("LocalRes/job010/run_locres_histogram.png", displays.describe("LocalRes/job010/run_locres.mrc").get("histogram"));
        MrcWriter.write(project.resolve("zeros_locres.mrc"), RealGrid.cube(4), 2.0);
        assertThrows(InputException.class, () -> displays.localResolutionHistogram("zeros_locres.mrc"));
    }
}
