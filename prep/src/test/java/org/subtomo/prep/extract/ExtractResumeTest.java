package org.subtomo.prep.extract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 6: an interrupted extraction resumes without re-extracting finished particles; a box larger than the tomogram is refused. */
class ExtractResumeTest {
    @TempDir Path dir;

    private ExtractParameters.Builder params() {
        return ExtractParameters.builder(dir, Path.of("all_tomograms.star"), 32).coordSuffix(".coords").particleDiameter(40)
                .project3d(true).threads(2);
    }

    private static List<Path> subtomos(Path dir) throws Exception {
        try (var s = Files.walk(dir.resolve("Particles"))) {
            return s.filter(p -> p.getFileName().toString().matches(".*_subtomo\\d{6}\\.mrc")).sorted().toList();
        }
    }

    @Test void resumeKeepsFinishedParticlesAndRedoesTheRest() throws Exception {
        SyntheticProject.standard(dir);
        ExtractResult first = SubtomoExtractor.extract(params().build(), false);
        List<Path> files = subtomos(dir);
        assertEquals(first.extracted(), files.size());
        assertTrue(files.size() >= 4, files.toString());
        Path stack = Files.list(files.get(0).getParent()).filter(p -> p.toString().endsWith("_proj2d.mrcs")).findFirst().orElseThrow();
        byte[] stackBytes = Files.readAllBytes(stack);
        byte[] lostBytes = Files.readAllBytes(files.get(1));

        // "interruption": one sub-tomogram and the projection stack of its tomogram never got written
        Files.delete(files.get(1));
        Files.delete(stack);
        // a finished particle is marked: if the resumed run re-extracted it, the mark would vanish
        RealGrid marked = RealGrid.cube(32);
        marked.fill(7f);
        MrcWriter.write(files.get(0), marked, 2.0);

        ExtractResult again = SubtomoExtractor.extract(params().onlyDoUnfinished(true).build(), false);
        assertEquals(first.extracted(), again.extracted());
        assertEquals(files.size() - 1, again.reused());
        assertEquals(7f, MrcReader.read(files.get(0).toString()).data[100], "finished particle not re-extracted");
        assertArrayEquals(lostBytes, Files.readAllBytes(files.get(1)), "the missing particle is extracted as before");
        assertArrayEquals(stackBytes, Files.readAllBytes(stack), "projections are rebuilt from the windows, identical");

        // without the flag everything is redone
        ExtractResult fresh = SubtomoExtractor.extract(params().build(), false);
        assertEquals(0, fresh.reused());
        assertNotEquals(7f, MrcReader.read(files.get(0).toString()).data[100]);

        // a file of another box size is not taken as finished
        SubtomoExtractor.extract(params().build(), false);
        MrcWriter.write(files.get(2), RealGrid.cube(16), 2.0);
        assertEquals(files.size() - 1, SubtomoExtractor.extract(params().onlyDoUnfinished(true).build(), false).reused());
        assertEquals(32, MrcReader.read(files.get(2).toString()).nx);
    }

    @Test void boxLargerThanTheTomogramIsOneLine() throws Exception {
        SyntheticProject.standard(dir);   // tomograms of 128 x 128 x 64
        InputException e = assertThrows(InputException.class, () -> SubtomoExtractor.extract(
                ExtractParameters.builder(dir, Path.of("all_tomograms.star"), 80).coordSuffix(".coords").particleDiameter(40).build(), false));
        assertTrue(e.getMessage().contains("the box of 80 pixels is larger than the tomogram (128 x 128 x 64)"), e.getMessage());
    }

    @Test void outputOverTheInputIsRefused() throws Exception {
        InputException e = assertThrows(InputException.class, () -> ExtractParameters.builder(dir, Path.of("particles_subtomo.star"), 32)
                .particleDiameter(40).build());
        assertTrue(e.getMessage().contains("is the input file"), e.getMessage());
        assertThrows(InputException.class, () -> ExtractParameters.builder(dir, dir.resolve("p.star"), 32).particleDiameter(40)
                .output(Path.of("./p.star")).build());
    }
}
