package org.subtomo.refine.refine3d;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.geom.Euler;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.geom.SymmetryGroup;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.refine.ml.Em3D;
import org.subtomo.refine.ml.EngineSettings3D;
import org.subtomo.refine.ml.MlModel;
import org.subtomo.refine.ml.ModelInit3D;
import org.subtomo.refine.ml.ParticleData3D;
import org.subtomo.refine.synth.Refine3dScore;
import org.subtomo.refine.synth.SyntheticProjectWriter;
import org.subtomo.refine.synth.SyntheticSubtomograms;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference options against the truth of a synthetic project: a map on the wrong grey scale (30× the
 * truth plus an offset) ruins the poses of a maximum-likelihood first iteration; --firstiter_cc (scale-blind) and
 * --ref_correct_greyscale (the map rescaled first) both give the poses the truth map gives; --solvent_mask
 * replaces the sphere that flattens the references.
 */
class Refine3dReferenceOptionsTest {
    static final double SCALE = 30, OFFSET = 0.5;

    @TempDir static Path tmp;
    static Path star, badMap;
    static RealGrid truth;
    static SyntheticSubtomograms sim;

    @BeforeAll
    static void project() {
        SyntheticSubtomograms s = new SyntheticSubtomograms(SyntheticSubtomograms.Params.small(40, 1.0, 17));
        star = SyntheticProjectWriter.write(s, tmp.resolve("proj"));
        sim = s;
        truth = s.truth;
        RealGrid bad = truth.copy();
        double sd = truth.stddev();
        for (int q = 0; q < bad.data.length; q++) bad.data[q] = (float) (SCALE * bad.data[q] + OFFSET * SCALE * sd);
        badMap = tmp.resolve("proj/bad_greyscale.mrc");
        MrcWriter.write(badMap, bad, 9.0);
    }

    static Refine3dParams params(String out, Path ref) {
        return Refine3dParams.defaults(star, tmp.resolve(out).resolve("run").toString()).withReference(ref.toString())
                .withIniHigh(40).withDiameter(220).withSampling("C1", 1, 2, 2, 4).withIterations(2).withThreads(2);
    }

    static String quiet(Refine3dParams p) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Refine3d.run(p, new PrintStream(b));
        return b.toString();
    }

    @Test
    void wrongGreyscaleNeedsFirstIterCcOrCorrection() {
        Refine3dParams p = params("e", badMap);
        ParticleData3D d = sim.data;
        RealGrid bad = readMap(badMap);
        MlModel badModel = model(p, d, bad);
        ReferenceGreyscale.Fit fit = ReferenceGreyscale.fit(bad, badModel, d, settings(p, d, true), Refine3d.maskRadius(p, d), p.maskEdge());
        double ml = iteration1Error(p, d, bad, false), cc = iteration1Error(p, d, bad, true);
        double grey = iteration1Error(p, d, ReferenceGreyscale.apply(bad, fit), false), good = iteration1Error(p, d, truth, false);
        // the whole run with --ref_correct_greyscale: the log reports the fit, iteration 1 lands as with the truth map
        String log = quiet(params("grey", badMap).withReferenceHandling(true, true, false));
        double run = Refine3dScore.score(tmp.resolve("proj/truth.mrc"), tmp.resolve("proj/truth_particles.star"),
                tmp.resolve("grey/run_it001_half1_class001.mrc"), tmp.resolve("grey/run_it001_data.star"), "C1").medianAngularErrorDeg();
        String fitLine = log.lines().filter(l -> l.contains("grey scale")).findFirst().orElse("no grey-scale line");
        System.out.printf("iteration-1 E-step median angular error, map 30x the truth + offset: ML %.2f deg, --firstiter_cc %.2f deg, "
                + "rescaled (x %.4f, 1/30 = %.4f) %.2f deg; truth map ML %.2f deg; refine3d --ref_correct_greyscale iteration 1 %.2f deg (%s)%n",
                ml, cc, fit.scale(), 1 / SCALE, grey, good, run, fitLine);
        assertTrue(ml > 3 * good && ml > 20, "a 30x map should break the ML first iteration: " + ml + " vs " + good);
        assertTrue(cc < 1.5 * good + 2, "--firstiter_cc should be blind to the grey scale: " + cc + " vs " + good);
        assertTrue(grey < 1.5 * good + 2, "the rescaled map should score as the truth: " + grey + " vs " + good);
        assertTrue(run < 1.5 * good + 2 && fitLine.contains("x 0.0"), "--ref_correct_greyscale run: " + run + ", " + fitLine);
        assertEquals(1 / SCALE, fit.scale(), 0.25 / SCALE, "scale");
    }

    static MlModel model(Refine3dParams p, ParticleData3D d, RealGrid map) {
        return ModelInit3D.initialise(d, d.subset(0), 1, map, SymmetryGroup.C1, 0, p.iniHigh(), 10, Refine3d.maskRadius(p, d), p.maskEdge(), true);
    }

    static EngineSettings3D settings(Refine3dParams p, ParticleData3D d, boolean cc) {
        Refine3dState st = new Refine3dState();
        st.healpixOrder = p.healpixOrder(); st.offsetRange = p.offsetRange(); st.offsetStep = p.offsetStep();
        return Refine3d.settings(p.withReferenceHandling(false, true, cc), st, d, 1, -1);
    }

    /** Median angular error against the true poses after the E-step of iteration 1 from this map. */
    static double iteration1Error(Refine3dParams p, ParticleData3D d, RealGrid map, boolean cc) {
        int[] all = d.subset(0);
        Em3D.ParticleResults r = Em3D.expectation(model(p, d, map), d, all, settings(p, d, cc), null).results;
        double[] err = new double[all.length];
        for (int q = 0; q < all.length; q++) {
            int i = all[q];
            Matrix3 a = Euler.ofDegrees(r.rot[i], r.tilt[i], r.psi[i]).toMatrix();
            Matrix3 b = Euler.ofDegrees(sim.trueRot[i], sim.trueTilt[i], sim.truePsi[i]).toMatrix();
            err[q] = Math.toDegrees(Euler.distance(a, b, SymmetryGroup.C1));
        }
        java.util.Arrays.sort(err);
        return err[err.length / 2];
    }

    @Test
    void solventMaskFlattensTheReferences() {
        int n = truth.nx;
        // keep only the half x < n/2 (soft over 2 px): the iteration-1 references must vanish elsewhere
        RealGrid mask = RealGrid.cube(n);
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++)
            mask.set(x, y, z, (float) Math.max(0, Math.min(1, (n / 2.0 - x) / 2)));
        Path mf = tmp.resolve("proj/half_mask.mrc");
        MrcWriter.write(mf, mask, 9.0);
        Path truthMap = tmp.resolve("proj/truth.mrc");
        quiet(params("mask", truthMap).withSolventMask(mf));
        quiet(params("sphere", truthMap));
        double[] withMask = outsideAndInside(readMap(tmp.resolve("mask/run_it001_half1_class001.mrc")), mask);
        double[] sphere = outsideAndInside(readMap(tmp.resolve("sphere/run_it001_half1_class001.mrc")), mask);
        System.out.printf("iteration-1 reference rms where the mask is 0 / where it is 1: --solvent_mask %.3g / %.3g, sphere %.3g / %.3g%n",
                withMask[0], withMask[1], sphere[0], sphere[1]);
        assertEquals(0, withMask[0], 1e-6, "masked-out region not flattened");
        assertTrue(sphere[0] > 0.2 * sphere[1], "without the mask that region holds density");
        assertTrue(withMask[1] > 0.5 * sphere[1], "inside the mask the map is kept");
        RealGrid small = RealGrid.cube(16);
        small.fill(1);
        Path wrong = tmp.resolve("proj/small_mask.mrc");
        MrcWriter.write(wrong, small, 9.0);
        InputException e = assertThrows(InputException.class, () -> quiet(params("wrong", truthMap).withSolventMask(wrong)));
        assertTrue(e.getMessage().contains("16x16x16"), e.getMessage());
    }

    static RealGrid readMap(Path p) {
        try (MrcReader r = MrcReader.open(p)) { return r.readAll(); }
    }

    /** rms of the map where the mask is 0 and where it is 1. */
    static double[] outsideAndInside(RealGrid map, RealGrid mask) {
        double so = 0, si = 0;
        long no = 0, ni = 0;
        for (int q = 0; q < map.data.length; q++) {
            if (mask.data[q] == 0) { so += map.data[q] * (double) map.data[q]; no++; }
            else if (mask.data[q] == 1) { si += map.data[q] * (double) map.data[q]; ni++; }
        }
        return new double[]{Math.sqrt(so / no), Math.sqrt(si / ni)};
    }
}
