package org.subtomo.post.postprocess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.post.HalfMaps;
import org.subtomo.post.SimulatedHalves;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class PostprocessTest {
    @TempDir Path dir;
    static final SimulatedHalves S = new SimulatedHalves(48, 2, 12, 400, 0.4, 31);

    @Test void writesRelionNamedOutputsWithAnAutomask() throws Exception {
        Path h1 = S.write(dir);
        PostprocessParameters p = PostprocessParameters.defaults(h1, dir.resolve("PostProcess/run1/postprocess"))
                .withAutoMask(new AutoMask(15, 0.3, 3, 6)).withAutoBFactor(10, 0);
        PostprocessResult r = Postprocess.run(p);
        for (String f : new String[]{"postprocess.mrc", "postprocess_masked.mrc", "postprocess_automask.mrc", "postprocess.star",
                "postprocess_fsc.xml", "postprocess_fsc.png", "postprocess_fsc.svg", "postprocess_guinier.png", "postprocess_guinier.svg"})
            assertTrue(Files.size(dir.resolve("PostProcess/run1").resolve(f)) > 100, f);
        assertTrue(r.maskMadeHere());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("B-factor sharpening stands in")), r.notes().toString());
        assertTrue(r.resolution() > 4 && r.resolution() < 8, "resolution " + r.resolution());

        StarFile star = StarReader.read(dir.resolve("PostProcess/run1/postprocess.star"));
        assertEquals(r.resolution(), star.table("general").getDouble(0, "rlnFinalResolution"), 1e-4);
        assertEquals(r.bFactor(), star.table("general").getDouble(0, "rlnBfactorUsedForSharpening"), 1e-4);
        assertEquals(25, star.table("fsc").rowCount());
        assertTrue(star.table("fsc").has("rlnFourierShellCorrelationCorrected"));
        assertTrue(star.table("guinier").has("rlnLogAmplitudesSharpened"));

        // EMDB FSC XML: <fsc title xaxis yaxis> with one <coordinate><x/><y/></coordinate> per shell, x rising
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("PostProcess/run1/postprocess_fsc.xml").toFile());
        Element root = d.getDocumentElement();
        assertEquals("fsc", root.getTagName());
        assertEquals("Resolution (A-1)", root.getAttribute("xaxis"));
        assertEquals("Correlation Coefficient", root.getAttribute("yaxis"));
        NodeList c = root.getElementsByTagName("coordinate");
        assertEquals(25, c.getLength());
        double last = -1;
        for (int i = 0; i < c.getLength(); i++) {
            Element e = (Element) c.item(i);
            double x = Double.parseDouble(e.getElementsByTagName("x").item(0).getTextContent());
            double y = Double.parseDouble(e.getElementsByTagName("y").item(0).getTextContent());
            assertTrue(x > last); last = x;
            assertEquals(r.corrected().fsc()[i], y, 1e-6);
        }
    }

    @Test void sameSeedSameResult() {
        RealGrid mask = new AutoMask(15, 0.3, 3, 6).compute(S.halves().average(), 2);
        PostprocessParameters p = PostprocessParameters.defaults(Path.of("x_half1.mrc"), Path.of("out")).withAdHocBFactor(-300);
        PostprocessResult a = Postprocess.compute(S.halves(), mask, null, p), b = Postprocess.compute(S.halves(), mask, null, p);
        assertArrayEquals(a.corrected().fsc(), b.corrected().fsc());
        assertArrayEquals(a.sharpened().data, b.sharpened().data);
        assertEquals(-300, a.bFactor(), 0);
    }

    @Test void emptyAutomaskSaysWhatToDo() {
        PostprocessParameters p = PostprocessParameters.defaults(Path.of("x_half1.mrc"), Path.of("out")).withAutoMask(new AutoMask(15, 1000, 3, 6));
        String m = assertThrows(InputException.class, () -> Postprocess.compute(S.halves(), null, null, p)).getMessage();
        assertTrue(m.contains("automask is empty") && m.contains("--ini_mask_threshold") && m.contains("--mask"), m);
    }

    @Test void identicalHalvesNeverDropBelowTheRandomisationThreshold() {
        HalfMaps same = new HalfMaps(S.half1, S.half1.copy(), 2, Path.of("a_half1.mrc"), Path.of("a_half2.mrc"));
        PostprocessParameters p = PostprocessParameters.defaults(Path.of("a_half1.mrc"), Path.of("out"));
        String m = assertThrows(InputException.class, () -> Postprocess.compute(same, null, null, p)).getMessage();
        assertTrue(m.contains("never drops below 0.80") && m.contains("independent"), m);
    }

    @Test void aMaskThatCorrelatesEverythingIsReportedAsTheTroubleshootingRow() {
        // a speckled binary mask: its transform spreads to every shell and, times the maps' offset, dominates both halves
        int n = 48;
        RealGrid mask = new RealGrid(n, n, n);
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < mask.data.length; i++) mask.data[i] = rnd.nextBoolean() ? 1 : 0;
        RealGrid h1 = S.half1.copy(), h2 = S.half2.copy();
        for (int i = 0; i < h1.data.length; i++) { h1.data[i] += 50; h2.data[i] += 50; } // a large offset: the mask's pattern dominates
        HalfMaps halves = new HalfMaps(h1, h2, 2, Path.of("a_half1.mrc"), Path.of("a_half2.mrc"));
        PostprocessParameters p = PostprocessParameters.defaults(Path.of("a_half1.mrc"), Path.of("out"));
        String m = assertThrows(InputException.class, () -> Postprocess.compute(halves, mask, null, p)).getMessage();
        assertTrue(m.contains("masked FSC never drops below 0.80") && m.contains("relion_mask_create"), m);
    }

    @Test void autoBFactorAtLowResolutionAsksForAnAdHocValue() {
        // signal only to ~24 Å: no shell between 10 Å and the resolution for the Guinier fit
        SimulatedHalves low = new SimulatedHalves(48, 2, 12, 4000, 0.4, 32);
        RealGrid mask = new AutoMask(15, 0.3, 3, 6).compute(low.halves().average(), 2);
        PostprocessParameters p = PostprocessParameters.defaults(Path.of("x_half1.mrc"), Path.of("out")).withAutoBFactor(10, 0);
        String m = assertThrows(InputException.class, () -> Postprocess.compute(low.halves(), mask, null, p)).getMessage();
        assertTrue(m.contains("--adhoc_bfac") && m.contains("--autob_lowres"), m);
    }

    @Test void givenMaskOutsideZeroOneIsRefused() throws Exception {
        Path h1 = S.write(dir);
        RealGrid bad = RealGrid.cube(48);
        bad.fill(2);
        MrcWriter.write(dir.resolve("bad_mask.mrc"), bad, 2);
        PostprocessParameters p = PostprocessParameters.defaults(h1, dir.resolve("o")).withMask(dir.resolve("bad_mask.mrc"));
        String m = assertThrows(InputException.class, () -> Postprocess.run(p)).getMessage();
        assertTrue(m.contains("bad_mask.mrc") && m.contains("[0, 1]"), m);
    }
}
