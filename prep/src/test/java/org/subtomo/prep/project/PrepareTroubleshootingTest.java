package org.subtomo.prep.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The protocol's troubleshooting rows for steps 8-10 (and the input checks of steps 1-7), each
 * triggered by its input: a missing file, a tilt count that differs from the image count, a bad
 * .trial stack, coordinates outside the tomogram, a .order from another series.
 */
class PrepareTroubleshootingTest {
    @TempDir Path project;

    private String problems() {
        InputException e = assertThrows(InputException.class, () -> ProjectInputs.read(ProjectInputs.Options.of(project)));
        System.out.println(e.getMessage());
        return e.getMessage();
    }

    private Path t1(String suffix) { return project.resolve("Tomograms/t1/t1" + suffix); }

    @Test
    void validProjectReadsWithDosesAssignedToTheClosestRefinedTilt() throws IOException {
        TinyProject.standard(project);
        List<ProjectInputs.Tomogram> tomos = ProjectInputs.read(ProjectInputs.Options.of(project));
        assertEquals(2, tomos.size());
        ProjectInputs.Tomogram t = tomos.get(0);
        assertEquals("t1", t.name());
        assertEquals("Tomograms/t1/t1.mrc", t.micrographName());
        assertEquals(4.0, t.pixelSize(), 1e-6);
        assertArrayEquals(new double[]{9, 6, 0, 3, 12}, t.doses(), 1e-9);   // refined -30.2 ← .order -30 (dose 9), ...
        assertEquals(0.3, t.dose().largestMismatch(), 1e-9);
        assertEquals(4, t.dose().worstImage());
        assertEquals(2, t.coordinates().size());
        assertNull(t.trial());
        // discovery finds the same tomograms without all_tomograms.star
        Files.delete(project.resolve("all_tomograms.star"));
        assertEquals(2, ProjectInputs.read(ProjectInputs.Options.of(project).withDiscover(true)).size());
        assertTrue(problems().contains("all_tomograms.star: file not found"));
    }

    @Test
    void fileNotFoundNamesEveryMissingFileOfEveryTomogram() throws IOException {
        TinyProject.standard(project);
        Files.delete(t1(".coords"));
        Files.delete(t1(".order"));
        Files.delete(project.resolve("Tomograms/t2/t2.mrcs"));
        String m = problems();
        assertTrue(m.startsWith("3 problems"), m);
        assertTrue(m.contains("t1.coords: file not found"), m);
        assertTrue(m.contains("t1.order: file not found"), m);
        assertTrue(m.contains("t2.mrcs: file not found"), m);
        assertTrue(m.contains("protocol step 3") && m.contains("protocol step 6") && m.contains("protocol step 4"), m);
    }

    @Test
    void missingTltIsFineWhenTheStackHeaderHasNoAnglesNeither() throws IOException {
        TinyProject.standard(project);
        Files.delete(t1(".tlt"));
        String m = problems();
        assertTrue(m.contains("t1.tlt: file not found, and t1.mrcs has no tilt angles in its extended header"), m);
    }

    @Test
    void tiltCountDifferentFromImageCountSaysWhichImages() throws IOException {
        TinyProject.standard(project);
        TinyProject.stack(t1(".mrcs"), 7);      // two images more than angles
        Files.writeString(project.resolve("Tomograms/t2/t2.tlt"), "-30\n-15\n0\n15\n30\n45\n");
        String m = problems();
        assertTrue(m.contains("t1.tlt: 5 tilt angles but 7 images (images 6-7 of t1.mrcs have no tilt angle)"), m);
        assertTrue(m.contains("t2.tlt: 6 tilt angles but 5 images (angles 6 have no image in t2.mrcs)"), m);
        assertTrue(m.contains("use the tilt angles of exactly the images in the aligned stack"), m);
    }

    @Test
    void trialStackMustHoldTwoImagesPerTilt() throws IOException {
        TinyProject.standard(project);
        TinyProject.stack(t1(".trial"), 9);
        String m = problems();
        assertTrue(m.contains("t1.trial: 9 images; it must hold exactly twice the 5 tilts (10)"), m);
        TinyProject.stack(t1(".trial"), 10);
        ProjectInputs.Options withTrials = ProjectInputs.Options.of(project).withTrials(true);
        InputException e = assertThrows(InputException.class, () -> ProjectInputs.read(withTrials));
        assertTrue(e.getMessage().contains("t2.trial: file not found (--use_trials)"), e.getMessage());
        assertFalse(e.getMessage().contains("t1.trial"), e.getMessage());
    }

    @Test
    void coordinatesOutsideTheTomogramAreListed() throws IOException {
        TinyProject.standard(project);
        Files.writeString(t1(".coords"), "10 12 8\n40 12 8\n10 12 -1\n");
        String m = problems();
        assertTrue(m.contains("t1.coords: 2 coordinates outside the 32x32x16 tomogram: particle 2 (40.0 12.0 8.0), particle 3 (10.0 12.0 -1.0)"), m);
        Files.writeString(t1(".coords"), "10 12\n");
        assertTrue(problems().contains("t1.coords line 1: 2 values, expected 3"));
    }

    @Test
    void orderFromAnotherTiltSeriesIsReportedWithTheLargestMismatch() throws IOException {
        TinyProject.standard(project);
        Files.writeString(t1(".order"), "0 0\n20 3\n-20 6\n-40 9\n40 12\n");
        String m = problems();
        assertTrue(m.contains("t1.order: tilt -30.20° (image 1) is 9.80° from the closest tilt"), m);
        // a short .order with a lenient mismatch: images would share doses
        Files.writeString(t1(".order"), "-30 0\n0 3\n30 6\n");
        ProjectInputs.Options lenient = new ProjectInputs.Options(project, Path.of("all_tomograms.star"), false, false, Double.NaN, 20);
        InputException e = assertThrows(InputException.class, () -> ProjectInputs.read(lenient));
        assertTrue(e.getMessage().contains("t1.order: 3 lines for 5 tilt images"), e.getMessage());
    }

    @Test
    void binnedTomogramIsFineButAStackFromAnotherSeriesIsNot() throws IOException {
        TinyProject.standard(project);
        // a tomogram binned by 2 relative to the tilt images: same field of view
        org.subtomo.core.io.mrc.MrcWriter.write(t1(".mrc"), new org.subtomo.core.grid.RealGrid(16, 16, 8), 8.0);
        Files.writeString(t1(".coords"), "5 6 4\n");
        ProjectInputs.Tomogram t = ProjectInputs.read(ProjectInputs.Options.of(project)).get(0);
        assertEquals(8.0, t.pixelSize(), 1e-6);
        assertEquals(4.0, t.stackPixelSize(), 1e-6);
        // the same 16^3 tomogram at 4 A/px covers half the field of the 32x32 tilt images at 4 A/px
        org.subtomo.core.io.mrc.MrcWriter.write(t1(".mrc"), new org.subtomo.core.grid.RealGrid(16, 16, 8), 4.0);
        assertTrue(problems().contains("t1.mrcs: 32x32 images at 4.000 Å/px cover 128x128 Å but the tomogram t1.mrc covers 64x64 Å"));
    }
}
