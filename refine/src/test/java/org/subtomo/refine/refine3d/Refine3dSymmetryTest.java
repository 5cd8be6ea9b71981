package org.subtomo.refine.refine3d;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.geom.SymmetryGroup;
import org.subtomo.core.geom.Symmetrizer;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.refine.synth.Refine3dScore;
import org.subtomo.refine.synth.SyntheticProjectWriter;
import org.subtomo.refine.synth.SyntheticSubtomograms;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** An octahedral particle refines with --sym O: the map is O-symmetric and matches the truth. */
class Refine3dSymmetryTest {

    @Test
    void octahedralParticleRefinesWithSymmetry(@TempDir Path tmp) {
        SyntheticSubtomograms s = new SyntheticSubtomograms(SyntheticSubtomograms.Params.small(30, 0.5, 21).withSymmetry("O"));
        Path star = SyntheticProjectWriter.write(s, tmp.resolve("proj"));
        Refine3dParams p = Refine3dParams.defaults(star, tmp.resolve("out/run").toString()).withReference(tmp.resolve("proj/truth.mrc").toString())
                .withIniHigh(40).withDiameter(250).withSampling("O", 2, 2, 2, 4).withIterations(4).withThreads(2);
        Refine3d.Result r = Refine3d.run(p, new PrintStream(new ByteArrayOutputStream()));
        RealGrid map;
        try (MrcReader rd = MrcReader.open(r.finalMap())) { map = rd.readAll(); }
        RealGrid sym = Symmetrizer.symmetrise(map, SymmetryGroup.parse("O"));
        double cc = correlationInSphere(map, sym, 12);
        Refine3dScore.Score sc = Refine3dScore.score(tmp.resolve("proj/truth.mrc"), tmp.resolve("proj/truth_particles.star"), r.finalMap(),
                tmp.resolve("out/run_data.star"), "O");
        System.out.printf("sym O, 30 particles: map vs its O-symmetrised self cc %.4f; vs truth FSC 0.5 at %.1f A, 0.143 at %.1f A; "
                + "median angular error %.2f deg; half maps FSC 0.143 at %.1f A%n", cc, sc.fsc05(), sc.fsc0143(), sc.medianAngularErrorDeg(),
                r.halfMapFsc().resolution0143());
        assertTrue(cc > 0.98, "map is not O-symmetric: cc " + cc);
        assertTrue(sc.fsc05() < 3.5 * 9.0, "FSC 0.5 vs truth at " + sc.fsc05() + " A, expected better than 3.5 px");
        assertTrue(sc.medianAngularErrorDeg() < 6, "median angular error " + sc.medianAngularErrorDeg());
    }

    static double correlationInSphere(RealGrid a, RealGrid b, double radius) {
        int n = a.nx, c = n / 2;
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        long k = 0;
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            if ((x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c) > radius * radius) continue;
            double u = a.get(x, y, z), v = b.get(x, y, z);
            sa += u; sb += v; saa += u * u; sbb += v * v; sab += u * v; k++;
        }
        double cov = sab / k - sa / k * sb / k;
        return cov / Math.sqrt((saa / k - sa / k * sa / k) * (sbb / k - sb / k * sb / k));
    }
}
