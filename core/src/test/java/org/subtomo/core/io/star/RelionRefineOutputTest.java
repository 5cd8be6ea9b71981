package org.subtomo.core.io.star;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcWriteOptions;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.testutil.Maps;
import org.subtomo.core.testutil.Relion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Independent truth for STAR and MRC reading: a tiny real {@code relion_refine} 2D classification (20 noisy
 * 32×32 images, K = 2, one iteration) writes the files the pipeline will meet (_data.star with optics,
 * _model.star with many blocks, _optimiser.star, _sampling.star, _classes.mrcs); our readers must parse all of
 * them with consistent contents.
 */
class RelionRefineOutputTest {
    static final int N = 32, IMAGES = 20, K = 2;
    static final double PIX = 3.0;

    @Test
    void readsRelionRefineOutput(@TempDir Path dir) throws Exception {
        Relion.require("relion_refine");
        List<RealGrid> images = new ArrayList<>();
        for (int k = 0; k < IMAGES; k++) {
            RealGrid g = Maps.whiteNoise(N, N, 1, 1.0, 100 + k);
            if (k % 2 == 0) Maps.addGaussian(g, 16, 16, 0, 3, 3);
            else { Maps.addGaussian(g, 12, 16, 0, 2, 3); Maps.addGaussian(g, 20, 16, 0, 2, 3); }
            images.add(g);
        }
        MrcWriter.writeStack(dir.resolve("parts.mrcs"), images, MrcWriteOptions.pixelSize(PIX));
        StarTable optics = StarTable.loop("rlnOpticsGroup", "rlnOpticsGroupName", "rlnImagePixelSize", "rlnImageSize",
                "rlnImageDimensionality", "rlnVoltage", "rlnSphericalAberration", "rlnAmplitudeContrast");
        optics.addRow("1", "opticsGroup1", "" + PIX, "" + N, "2", "300", "2.7", "0.1");
        StarTable particles = StarTable.loop("rlnImageName", "rlnMicrographName", "rlnOpticsGroup");
        for (int k = 0; k < IMAGES; k++) particles.addRow((k + 1) + "@parts.mrcs", "mic" + (k % 2) + ".mrc", "1");
        StarWriter.write(new StarFile().add("optics", optics).add("particles", particles), dir.resolve("parts.star"));
        Files.createDirectories(dir.resolve("out"));

        long t0 = System.nanoTime();
        Relion.run(dir, 120, "relion_refine", "--i", "parts.star", "--o", "out/run", "--K", "" + K, "--iter", "1",
                "--particle_diameter", "" + (0.8 * N * PIX), "--tau2_fudge", "2", "--psi_step", "30", "--offset_range", "2",
                "--offset_step", "2", "--j", "1", "--random_seed", "7", "--zero_mask", "--flatten_solvent", "--pool", "5");
        double seconds = (System.nanoTime() - t0) / 1e9;
        String files = Files.list(dir.resolve("out")).map(p -> p.getFileName().toString()).sorted().collect(Collectors.joining(" "));
        StringBuilder report = new StringBuilder(String.format("relion_refine took %.1f s; wrote %s%n", seconds, files));

        // _data.star: optics + particles, one row per image, typed getters on RELION's new columns
        ParticleStar data = ParticleStar.read(dir.resolve("out/run_it001_data.star"));
        assertEquals(StarStyle.RELION_31, data.style());
        assertEquals(IMAGES, data.size());
        data.check();
        assertEquals(PIX, data.pixelSize(0), 1e-9);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int r = 0; r < IMAGES; r++) {
            int cls = data.rows().getInt(r, "rlnClassNumber");
            assertTrue(cls >= 1 && cls <= K, "class " + cls);
            double pmax = data.rows().getDouble(r, "rlnMaxValueProbDistribution");
            assertTrue(pmax > 0 && pmax <= 1, "Pmax " + pmax);
            data.rows().getDouble(r, "rlnAnglePsi");
            data.originAngst(r, 0);
            data.rows().getLong(r, "rlnNrOfSignificantSamples");
            names.add(data.get(r, "rlnImageName"));
        }
        // RELION orders particles by group (micrograph), so compare as a set
        assertEquals(IMAGES, names.size());
        for (int k = 1; k <= IMAGES; k++) assertTrue(names.contains(k + "@parts.mrcs"), "image " + k + " in data.star");
        report.append("data.star: ").append(data.rows().labels()).append('\n');

        // _model.star: all blocks
        StarFile model = StarReader.read(dir.resolve("out/run_it001_model.star"));
        List<String> blocks = model.blocks().stream().map(StarBlock::name).toList();
        report.append("model.star blocks: ").append(blocks).append('\n');
        StarTable general = model.table("model_general");
        assertFalse(general.isLoop());
        assertEquals(K, general.getInt(0, "rlnNrClasses"));
        assertEquals(N, general.getInt(0, "rlnOriginalImageSize"));
        assertEquals(2, general.getInt(0, "rlnDataDimensionality"));
        assertEquals(PIX, general.getDouble(0, "rlnPixelSize"), 1e-6);
        assertEquals(2.0, general.getDouble(0, "rlnTau2FudgeFactor"), 1e-6);
        StarTable classes = model.table("model_classes");
        assertEquals(K, classes.rowCount());
        double sum = 0;
        for (int c = 0; c < K; c++) {
            double d = classes.getDouble(c, "rlnClassDistribution");
            assertTrue(d >= 0 && d <= 1);
            sum += d;
            assertTrue(classes.get(c, "rlnReferenceImage").endsWith("@out/run_it001_classes.mrcs"), classes.get(c, "rlnReferenceImage"));
        }
        assertEquals(1, sum, 1e-4, "class distribution sums to 1");
        for (int c = 1; c <= K; c++) {
            StarTable t = model.table("model_class_" + c);
            assertEquals(N / 2 + 1, t.rowCount(), "one row per shell 0..N/2");
            for (int r = 0; r < t.rowCount(); r++) assertEquals(r, t.getInt(r, "rlnSpectralIndex"));
            t.getDouble(N / 4, "rlnReferenceSigma2");
            t.getDouble(N / 4, "rlnSsnrMap");
        }
        StarTable groups = model.table("model_groups");
        long nGroup = 0;
        for (int g = 0; g < groups.rowCount(); g++) nGroup += groups.getLong(g, "rlnGroupNrParticles");
        assertEquals(IMAGES, nGroup, "particles over groups");
        List<String> expected = new ArrayList<>(List.of("model_general", "model_classes"));
        for (int c = 1; c <= K; c++) expected.add("model_class_" + c);
        expected.add("model_groups");
        for (int g = 1; g <= groups.rowCount(); g++) expected.add("model_group_" + g);
        assertEquals(expected, blocks, "model.star blocks (2D: no pdf_orient blocks)");
        for (int g = 1; g <= groups.rowCount(); g++) assertEquals(N / 2 + 1, model.table("model_group_" + g).rowCount());

        // _optimiser.star and _sampling.star: key-value blocks
        StarTable opt = StarReader.read(dir.resolve("out/run_it001_optimiser.star")).table("optimiser_general");
        assertEquals(1, opt.getInt(0, "rlnCurrentIteration"));
        assertEquals("out/run_it001_model.star", opt.get(0, "rlnModelStarFile"));
        assertEquals("out/run_it001_data.star", opt.get(0, "rlnExperimentalDataStarFile"));
        assertEquals(7, opt.getLong(0, "rlnRandomSeed"));
        assertEquals(1, opt.getInt(0, "rlnNumberOfIterations"));
        assertEquals(0.8 * N * PIX, opt.getDouble(0, "rlnParticleDiameter"), 1e-4);
        assertEquals(1, opt.getInt(0, "rlnDoZeroMask"), "booleans are written as 0/1");
        report.append("optimiser.star: ").append(opt.labels().size()).append(" keys\n");
        StarTable sampling = StarReader.read(dir.resolve("out/run_it001_sampling.star")).table("sampling_general");
        assertEquals(30, sampling.getDouble(0, "rlnPsiStep"), 1e-6);

        // _classes.mrcs: K images N×N, finite
        try (MrcReader classesMrc = MrcReader.open(dir.resolve("out/run_it001_classes.mrcs"))) {
            assertEquals(N, classesMrc.header().nx);
            assertEquals(N, classesMrc.header().ny);
            assertEquals(K, classesMrc.header().nz);
            for (int c = 0; c < K; c++) {
                RealGrid img = classesMrc.readImage(c);
                for (float v : img.data) assertTrue(Float.isFinite(v));
                report.append(String.format("class %d: distribution %.3f, stddev %.4f%n", c + 1, classes.getDouble(c, "rlnClassDistribution"), img.stddev()));
            }
        }
        System.out.print(report);
    }
}
