package org.subtomo.prep.extract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcMode;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.mask.BackgroundNormalisation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Extraction against truth made here: blobs at known voxels of a synthetic tomogram. */
class ExtractTest {
    @TempDir Path dir;

    static final int BOX = 32;
    static final double DIAMETER = 40;   // Å: background radius 40 / 2 / 2 Å = 10 pixels

    private ExtractParameters.Builder params() {
        return ExtractParameters.builder(dir, Path.of("all_tomograms.star"), BOX).coordSuffix(".coords")
                .particleDiameter(DIAMETER).threads(2);
    }

    private static int[] argExtreme(RealGrid g, boolean max) {
        int best = 0;
        for (int i = 1; i < g.data.length; i++) if (max ? g.data[i] > g.data[best] : g.data[i] < g.data[best]) best = i;
        return new int[]{best % g.nx, (best / g.nx) % g.ny, best / (g.nx * g.ny)};
    }

    @Test void everySubtomogramHasItsBlobAtTheBoxCentreAndANormalisedBackground() throws Exception {
        SyntheticProject.standard(dir);
        ExtractResult r = SubtomoExtractor.extract(params().build(), false);
        assertEquals(2, r.tomograms());
        assertEquals(5, r.extracted());
        assertTrue(r.dropped().isEmpty());

        ParticleStar star = ParticleStar.read(r.star());
        StarTable rows = star.rows();
        assertEquals(5, rows.rowCount());
        StarTable optics = star.optics().orElseThrow();
        assertEquals(2.0, optics.getDouble(0, "rlnImagePixelSize"), 1e-9);
        assertEquals(BOX, optics.getInt(0, "rlnImageSize"));
        assertEquals(3, optics.getInt(0, "rlnImageDimensionality"));
        assertEquals("Particles/Tomograms/t1/t1_subtomo000001.mrc", rows.get(0, "rlnImageName"));
        assertEquals("Particles/Tomograms/t2/t2_subtomo000002.mrc", rows.get(4, "rlnImageName"));
        assertEquals("t2/2", rows.get(4, ParticleIdentity.LABEL));
        for (int i = 0; i < rows.rowCount(); i++) {
            RealGrid g = MrcReader.read(dir.resolve(rows.get(i, "rlnImageName")).toString());
            assertArrayEquals(new int[]{BOX / 2, BOX / 2, BOX / 2}, argExtreme(g, false), "blob of row " + (i + 1));
            BackgroundNormalisation.Stats s = BackgroundNormalisation.backgroundStats(g, 10);
            assertEquals(0, s.mean(), 1e-4);
            assertEquals(1, s.stddev(), 1e-4);
            assertEquals(0, rows.getDouble(i, "rlnOriginXAngst"), 0);
        }
        try (MrcReader m = MrcReader.open(dir.resolve(rows.get(0, "rlnImageName")))) {
            assertEquals(2.0, m.header().pixelSize(), 1e-6);
            assertEquals(MrcMode.FLOAT32, m.header().mode);
        }
    }

    @Test void invertedContrastMakesTheBlobWhite() throws Exception {
        SyntheticProject.standard(dir);
        ExtractResult r = SubtomoExtractor.extract(params().invertContrast(true).float16(true).build(), false);
        StarTable rows = ParticleStar.read(r.star()).rows();
        RealGrid g = MrcReader.read(dir.resolve(rows.get(1, "rlnImageName")).toString());
        assertArrayEquals(new int[]{BOX / 2, BOX / 2, BOX / 2}, argExtreme(g, true));
        assertTrue(g.get(BOX / 2, BOX / 2, BOX / 2) > 5);
        try (MrcReader m = MrcReader.open(dir.resolve(rows.get(1, "rlnImageName")))) {
            assertEquals(MrcMode.FLOAT16, m.header().mode);
        }
    }

    @Test void projectionIsTheNormalisedSumAlongZOfTheSameWindow() throws Exception {
        SyntheticProject.standard(dir);
        ExtractResult r = SubtomoExtractor.extract(params().project3d(true).build(), false);
        StarTable p2 = ParticleStar.read(r.star2d()).rows();
        ParticleStar s2 = ParticleStar.read(r.star2d());
        assertEquals(2, s2.optics().orElseThrow().getInt(0, "rlnImageDimensionality"));
        assertEquals(5, p2.rowCount());
        assertEquals("000002@Particles/Tomograms/t2/t2_subtomo_proj2d.mrcs", p2.get(4, "rlnImageName"));
        assertEquals("t2/2", p2.get(4, ParticleIdentity.LABEL));
        try (MrcReader tomo = MrcReader.open(dir.resolve("Tomograms/t2/t2.mrc"))) {
            int[] b = SyntheticProject.T2.get(1);
            RealGrid raw = tomo.readWindow(b[0] - BOX / 2, b[1] - BOX / 2, b[2] - BOX / 2, BOX, BOX, BOX);
            RealGrid sum = WindowOps.sumAlongZ(raw);
            RealGrid expected = WindowOps.finish(sum.copy(), BOX, 10, false);
            RealGrid got = MrcReader.read(dir.resolve("Particles/Tomograms/t2/t2_subtomo_proj2d.mrcs") + "");
            assertEquals(2, got.nz);   // both t2 projections, read whole
            RealGrid second = MrcReader.read("2@" + dir.resolve("Particles/Tomograms/t2/t2_subtomo_proj2d.mrcs"));
            for (int i = 0; i < expected.data.length; i++) assertEquals(expected.data[i], second.data[i], 1e-4);
            // "up to normalisation": an affine map of the raw sum
            BackgroundNormalisation.Stats s = BackgroundNormalisation.backgroundStats(sum, 10);
            for (int i = 0; i < sum.data.length; i += 37)
                assertEquals((sum.data[i] - s.mean()) / s.stddev(), second.data[i], 1e-3);
            assertArrayEquals(new int[]{BOX / 2, BOX / 2, 0}, argExtreme(second, false));
        }
    }

    @Test void edgeParticlesAreDroppedByDefaultAndKeptOnRequest() throws Exception {
        List<int[]> blobs = List.of(new int[]{64, 64, 32}, new int[]{6, 60, 32}, new int[]{64, 64, 60});
        SyntheticProject.addTomogram(dir, "t1", blobs, SyntheticProject.coords(blobs), 3);
        SyntheticProject.allTomograms(dir, "t1");
        ExtractResult drop = SubtomoExtractor.extract(params().build(), false);
        assertEquals(1, drop.extracted());
        assertEquals(List.of("t1/2 (Tomograms/t1/t1.coords line 2)", "t1/3 (Tomograms/t1/t1.coords line 3)"), drop.dropped());
        assertEquals(1, ParticleStar.read(drop.star()).size());

        ExtractResult keep = SubtomoExtractor.extract(params().edge(EdgeMode.KEEP).build(), false);
        assertEquals(3, keep.extracted());
        assertEquals(2, keep.keptAtEdge());
        RealGrid g = MrcReader.read(dir.resolve("Particles/Tomograms/t1/t1_subtomo000002.mrc").toString());
        for (float v : g.data) assertTrue(Float.isFinite(v));
        assertArrayEquals(new int[]{BOX / 2, BOX / 2, BOX / 2}, argExtreme(g, false));
        // x < 6 - 16 + 16 = 0 ... the first 10 columns lie outside and hold one flat value
        assertEquals(g.get(0, 3, 3), g.get(9, 20, 30), 0);
    }

    @Test void scaleHalvesTheBoxAndDoublesThePixelSize() throws Exception {
        SyntheticProject.standard(dir);
        ExtractResult r = SubtomoExtractor.extract(params().scale(BOX / 2).project3d(true).build(), false);
        ParticleStar star = ParticleStar.read(r.star());
        StarTable optics = star.optics().orElseThrow();
        assertEquals(4.0, optics.getDouble(0, "rlnImagePixelSize"), 1e-9);
        assertEquals(2.0, optics.getDouble(0, "rlnMicrographPixelSize"), 1e-9);
        assertEquals(BOX / 2, optics.getInt(0, "rlnImageSize"));
        Path first = dir.resolve(star.rows().get(0, "rlnImageName"));
        try (MrcReader m = MrcReader.open(first)) {
            assertEquals(BOX / 2, m.header().nx);
            assertEquals(BOX / 2, m.header().nz);
            assertEquals(4.0, m.header().pixelSize(), 1e-6);
        }
        RealGrid g = MrcReader.read(first.toString());
        assertArrayEquals(new int[]{BOX / 4, BOX / 4, BOX / 4}, argExtreme(g, false));
        BackgroundNormalisation.Stats s = BackgroundNormalisation.backgroundStats(g, 5);   // 10 px at half the sampling
        assertEquals(0, s.mean(), 1e-4);
        assertEquals(1, s.stddev(), 1e-4);
        try (MrcReader m = MrcReader.open(dir.resolve("Particles/Tomograms/t1/t1_subtomo_proj2d.mrcs"))) {
            assertEquals(BOX / 2, m.header().nx);
            assertEquals(4.0, m.header().pixelSize(), 1e-6);
        }
        assertEquals(4.0, ParticleStar.read(r.star2d()).optics().orElseThrow().getDouble(0, "rlnImagePixelSize"), 1e-9);
    }

    @Test void subPixelRemainderGoesIntoTheOriginWithRelionsSign() throws Exception {
        List<int[]> blobs = List.of(new int[]{64, 64, 32});
        SyntheticProject.addTomogram(dir, "t1", blobs, "64.3 63.6 32.0\n", 4);
        SyntheticProject.allTomograms(dir, "t1");
        ExtractResult r = SubtomoExtractor.extract(params().build(), false);
        StarTable rows = ParticleStar.read(r.star()).rows();
        // box centre at the rounded voxel (64, 64, 32); true position = centre - origin/pixel
        assertEquals((64 - 64.3) * 2, rows.getDouble(0, "rlnOriginXAngst"), 1e-6);
        assertEquals((64 - 63.6) * 2, rows.getDouble(0, "rlnOriginYAngst"), 1e-6);
        assertEquals(0, rows.getDouble(0, "rlnOriginZAngst"), 1e-9);
        assertEquals(64.3, rows.getDouble(0, "rlnCoordinateX"), 1e-9);
    }

    @Test void particleStarInputKeepsEveryColumnAndItsOptics() throws Exception {
        SyntheticProject.standard(dir);
        Files.writeString(dir.resolve("particles_in.star"), """
                # version 30001
                data_optics
                loop_
                _rlnOpticsGroup
                _rlnOpticsGroupName
                _rlnVoltage
                _rlnSphericalAberration
                _rlnAmplitudeContrast
                _rlnImagePixelSize
                1 opticsGroup1 300 2.7 0.07 2.0
                # version 30001
                data_particles
                loop_
                _rlnMicrographName
                _rlnCoordinateX
                _rlnCoordinateY
                _rlnCoordinateZ
                _rlnCtfImage
                _rlnMyColumn
                _rlnOpticsGroup
                Tomograms/t2/t2.mrc 96 90 33 Particles/Tomograms/t2/t2_ctf000001.mrc abc 1
                Tomograms/t1/t1.mrc 80 70 32 Particles/Tomograms/t1/t1_ctf000001.mrc def 1
                """);
        ExtractResult r = SubtomoExtractor.extract(ExtractParameters.builder(dir, Path.of("particles_in.star"), BOX)
                .particleDiameter(DIAMETER).threads(1).build(), false);
        ParticleStar star = ParticleStar.read(r.star());
        StarTable rows = star.rows();
        assertEquals(2, rows.rowCount());
        assertEquals("Particles/Tomograms/t2/t2_ctf000001.mrc", rows.get(0, "rlnCtfImage"));
        assertEquals("abc", rows.get(0, "rlnMyColumn"));
        assertEquals("t2/1", rows.get(0, ParticleIdentity.LABEL));
        assertEquals("Particles/Tomograms/t1/t1_subtomo000001.mrc", rows.get(1, "rlnImageName"));
        assertEquals(300, star.voltage(0), 1e-9);
        assertEquals(2.7, star.sphericalAberration(1), 1e-9);
        assertEquals(3, star.optics().orElseThrow().getInt(0, "rlnImageDimensionality"));
        RealGrid g = MrcReader.read(dir.resolve(rows.get(0, "rlnImageName")).toString());
        assertArrayEquals(new int[]{BOX / 2, BOX / 2, BOX / 2}, argExtreme(g, false));
    }

    @Test void resultsDoNotDependOnTheThreadCount() throws Exception {
        SyntheticProject.standard(dir);
        SubtomoExtractor.extract(params().threads(1).project3d(true).output(Path.of("a.star")).build(), false);
        byte[] a = Files.readAllBytes(dir.resolve("Particles/Tomograms/t1/t1_subtomo_proj2d.mrcs"));
        byte[] a3 = Files.readAllBytes(dir.resolve("Particles/Tomograms/t1/t1_subtomo000003.mrc"));
        SubtomoExtractor.extract(params().threads(3).project3d(true).output(Path.of("b.star")).build(), false);
        assertArrayEquals(a, Files.readAllBytes(dir.resolve("Particles/Tomograms/t1/t1_subtomo_proj2d.mrcs")));
        assertArrayEquals(a3, Files.readAllBytes(dir.resolve("Particles/Tomograms/t1/t1_subtomo000003.mrc")));
        assertEquals(Files.readString(dir.resolve("a.star")), Files.readString(dir.resolve("b.star")));
    }

    // --- bad inputs: one InputException naming file and line, nothing written -------------------

    private InputException failing(ExtractParameters p) {
        InputException e = assertThrows(InputException.class, () -> SubtomoExtractor.extract(p, false));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("Particles")), "nothing may be written on bad input");
        assertFalse(Files.exists(dir.resolve("particles_subtomo.star")));
        return e;
    }

    @Test void missingCoordsFileIsNamed() throws Exception {
        SyntheticProject.addTomogram(dir, "t1", SyntheticProject.T1, SyntheticProject.coords(SyntheticProject.T1), 1);
        SyntheticProject.addTomogram(dir, "t2", SyntheticProject.T2, null, 2);
        SyntheticProject.allTomograms(dir, "t1", "t2");
        InputException e = failing(params().build());
        assertTrue(e.getMessage().contains("Tomograms/t2/t2.coords: no such file"), e.getMessage());
    }

    @Test void coordinatesOutsideTheTomogramAreListedTogetherWithTheirLines() throws Exception {
        SyntheticProject.addTomogram(dir, "t1", SyntheticProject.T1, "40 50 30\n300 50 30\n\n60 100 -5\n", 1);
        SyntheticProject.allTomograms(dir, "t1");
        InputException e = failing(params().build());
        assertTrue(e.getMessage().startsWith("2 input problems"), e.getMessage());
        assertTrue(e.getMessage().contains("Tomograms/t1/t1.coords line 2: coordinate 300.0 50.00 30.00 lies outside t1"), e.getMessage());
        assertTrue(e.getMessage().contains("Tomograms/t1/t1.coords line 4:"), e.getMessage());
    }

    @Test void raggedCoordsLineIsNamed() throws Exception {
        SyntheticProject.addTomogram(dir, "t1", SyntheticProject.T1, "40 50 30\n80 70 32\n60 100\n", 1);
        SyntheticProject.allTomograms(dir, "t1");
        InputException e = failing(params().build());
        assertTrue(e.getMessage().contains("t1.coords line 3: 2 values, expected 3"), e.getMessage());
    }

    @Test void missingTomogramAndTooLargeBackgroundRadiusAreReported() throws Exception {
        SyntheticProject.standard(dir);
        Files.delete(dir.resolve("Tomograms/t2/t2.mrc"));
        InputException e = failing(params().build());
        assertTrue(e.getMessage().contains("Tomograms/t2/t2.mrc: no such tomogram"), e.getMessage());
        SyntheticProject.standard(dir);
        e = failing(params().particleDiameter(80).build());
        assertTrue(e.getMessage().contains("background radius 20.00 pixels leaves no background"), e.getMessage());
        assertThrows(InputException.class, () -> params().scale(15).build());
        assertThrows(InputException.class, () -> params().particleDiameter(Double.NaN).build());
    }
}
