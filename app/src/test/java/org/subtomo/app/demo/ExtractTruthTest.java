package org.subtomo.app.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierProjector;
import org.subtomo.core.fourier.FourierShift;
import org.subtomo.core.fsc.Fsc;
import org.subtomo.core.fsc.FscCurve;
import org.subtomo.core.geom.Euler;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.prep.extract.ExtractParameters;
import org.subtomo.prep.extract.ExtractResult;
import org.subtomo.prep.extract.SubtomoExtractor;
import org.subtomo.sim.ProjectSimulator;
import org.subtomo.sim.SimulationParameters;
import org.subtomo.sim.sample.TiltScheme;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 6 acceptance: sub-tomograms written by {@code subtomo extract} from a simulated project, averaged at the
 * simulator's true poses (rotation from truth, centre from the extraction's rlnOrigin), reproduce the truth map;
 * averaged at scrambled poses they do not, so the test can fail.
 */
class ExtractTruthTest {
    @TempDir Path dir;

    @Test void averageAtTruePosesMatchesTheTruthMap() throws Exception {
        SimulationParameters d = SimulationParameters.defaults();
        SimulationParameters p = new SimulationParameters(null, 1, 40, 0.0, "B", 0, 0, 8.0, 32, 160, 64, 300,
                TiltScheme.Kind.DOSE_SYMMETRIC, 60, 3, 3.0, d.voltage(), d.cs(), d.q(), 30000, 1000, 200, d.bFactor(), d.inelasticMfp(), 3);
        ProjectSimulator.run(p, dir, new PrintStream(new ByteArrayOutputStream()));
        ExtractResult r = SubtomoExtractor.extract(ExtractParameters.builder(dir, Path.of("all_tomograms.star"), 32)
                .coordSuffix(".coords").particleDiameter(200).invertContrast(true).threads(2).build(), false);
        assertTrue(r.extracted() >= 20, "most particles extracted: " + r.extracted());

        StarTable truth = StarReader.read(dir.resolve("truth/particles.star")).table("particles");
        Map<String, Integer> truthRow = new HashMap<>();
        for (int i = 0; i < truth.rowCount(); i++) truthRow.put("tomo01/" + truth.get(i, "subtomoCoordsLine"), i);
        ParticleStar parts = ParticleStar.read(r.star());
        RealGrid atTruth = RealGrid.cube(32), scrambled = RealGrid.cube(32);
        for (int i = 0; i < parts.size(); i++) {
            int t = truthRow.get(parts.rows().get(i, "rlnTomoParticleName"));
            RealGrid v = MrcReader.read(dir.resolve(parts.rows().get(i, "rlnImageName")).toString());
            FourierGrid f = Fft.forward(v);
            // true position = box centre - origin: shifting by +origin brings it to the centre
            FourierShift.shift(f, parts.originAngst(i, 0) / p.pixelSize(), parts.originAngst(i, 1) / p.pixelSize(), parts.originAngst(i, 2) / p.pixelSize());
            RealGrid centred = Fft.inverse(f);
            Euler e = Euler.ofDegrees(truth.getDouble(t, "rlnAngleRot"), truth.getDouble(t, "rlnAngleTilt"), truth.getDouble(t, "rlnAnglePsi"));
            int o = (t + 7) % truth.rowCount();   // another particle's pose
            Euler wrong = Euler.ofDegrees(truth.getDouble(o, "rlnAngleRot"), truth.getDouble(o, "rlnAngleTilt"), truth.getDouble(o, "rlnAnglePsi"));
            add(atTruth, Fft.inverse(new FourierProjector(centred, 2, true).rotate(e.toMatrix().transpose())));
            add(scrambled, Fft.inverse(new FourierProjector(centred, 2, true).rotate(wrong.toMatrix().transpose())));
        }
        RealGrid map = MrcReader.read(dir.resolve("truth/class001.mrc").toString());
        FscCurve good = Fsc.compute(atTruth, map, p.pixelSize()), bad = Fsc.compute(scrambled, map, p.pixelSize());
        System.out.printf("extract vs truth: %d sub-tomograms at true poses: FSC 0.5 at %.1f Å (scrambled poses: %.1f Å)%n",
                parts.size(), good.resolutionAt(0.5), bad.resolutionAt(0.5));
        assertTrue(good.resolutionAt(0.5) < 40, "FSC 0.5 at " + good.resolutionAt(0.5) + " Å");
        assertTrue(good.fsc()[3] > 0.9, "agreement at shell 3: " + good.fsc()[3]);
        assertTrue(bad.resolutionAt(0.5) > good.resolutionAt(0.5) + 15, "scrambled poses must do clearly worse: " + bad.resolutionAt(0.5) + " Å");
    }

    private static void add(RealGrid sum, RealGrid v) { for (int i = 0; i < sum.data.length; i++) sum.data[i] += v.data[i]; }
}
