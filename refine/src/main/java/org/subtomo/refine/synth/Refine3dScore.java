package org.subtomo.refine.synth;

import org.subtomo.core.error.InputException;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierProjector;
import org.subtomo.core.fourier.FourierShift;
import org.subtomo.core.fsc.Fsc;
import org.subtomo.core.fsc.FscCurve;
import org.subtomo.core.geom.Euler;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.geom.SymmetryGroup;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.StarBlock;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Scores a refinement (ours or RELION's) against the simulation's truth:
 * <ul>
 *   <li>the global frame: a refined map may be the truth rotated by R (de novo runs), in which case every
 *       refined pose satisfies A_true ≈ A_est·R; R is the medoid of the per-particle A_estᵀA_true
 *       (symmetry-aware distances), so it comes from the poses and not from the map;</li>
 *   <li>median angular error: the symmetry-minimised angle between A_true and A_est·R;</li>
 *   <li>the map rotated back by R, translated to the cross-correlation peak with the truth, and its FSC
 *       against the truth map (0.5 and 0.143 crossings).</li>
 * </ul>
 */
public final class Refine3dScore {
    private Refine3dScore() {}

    public record Score(double fsc05, double fsc0143, double medianAngularErrorDeg, double frameRotationDeg, FscCurve curve, int particles) {}

    public static Score score(Path truthMap, Path truthStar, Path map, Path dataStar, String symmetry) {
        SymmetryGroup g = SymmetryGroup.parse(symmetry);
        RealGrid truth = read(truthMap), est = read(map);
        if (!truth.sameShape(est)) throw new InputException(map + ": map is " + est.nx + "^3, the truth " + truth.nx + "^3");
        Map<String, Matrix3> truePoses = poses(truthStar), estPoses = poses(dataStar);
        java.util.List<Matrix3[]> pairs = new java.util.ArrayList<>();
        for (var e : estPoses.entrySet()) { Matrix3 t = truePoses.get(e.getKey()); if (t != null) pairs.add(new Matrix3[]{t, e.getValue()}); }
        if (pairs.isEmpty()) throw new InputException(dataStar + ": no rlnImageName in common with " + truthStar);
        int np = pairs.size();
        Matrix3[] rel = new Matrix3[np];
        for (int i = 0; i < np; i++) rel[i] = pairs.get(i)[1].transpose().times(pairs.get(i)[0]);
        // medoid of the relative rotations (subsampled to ≤ 200 candidates)
        int stride = Math.max(1, np / 200);
        Matrix3 best = Matrix3.IDENTITY;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int c = 0; c < np; c += stride) {
            double[] d = new double[np];
            for (int i = 0; i < np; i++) d[i] = relDistance(rel[c], rel[i], g);
            Arrays.sort(d);
            if (d[np / 2] < bestScore) { bestScore = d[np / 2]; best = rel[c]; }
        }
        double[] err = new double[np];
        for (int i = 0; i < np; i++) err[i] = Math.toDegrees(Euler.distance(pairs.get(i)[0], pairs.get(i)[1].times(best), g));
        Arrays.sort(err);
        // map into the truth frame: rotate by Rᵀ, then translate to the correlation peak
        FourierGrid rotated = new FourierProjector(est, 2, true).rotate(best.transpose());
        FourierGrid ft = Fft.forward(truth.copy());
        FourierGrid cc = new FourierGrid(truth.nx, truth.ny, truth.nz);
        for (int q = 0; q < cc.data.length; q += 2) {
            float ar = ft.data[q], ai = ft.data[q + 1], br = rotated.data[q], bi = rotated.data[q + 1];
            cc.data[q] = ar * br + ai * bi;
            cc.data[q + 1] = ai * br - ar * bi;
        }
        RealGrid ccr = Fft.inverse(cc);
        int bi = 0;
        for (int q = 1; q < ccr.data.length; q++) if (ccr.data[q] > ccr.data[bi]) bi = q;
        int n = truth.nx;
        int sx = bi % n, sy = (bi / n) % n, sz = bi / (n * n);
        FourierShift.shift(rotated, wrap(sx, n), wrap(sy, n), wrap(sz, n));
        double px = pixelSize(truthMap);
        FscCurve f = Fsc.compute(ft, rotated, px);
        return new Score(f.resolution05(), f.resolution0143(), err[np / 2], Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (best.trace() - 1) / 2)))), f, np);
    }

    private static int wrap(int s, int n) { return s > n / 2 ? s - n : s; }

    private static double relDistance(Matrix3 a, Matrix3 b, SymmetryGroup g) {
        // A_true = A_est·R and A_est·S·R' are the same particle for S in the group: R is defined up to left factors S
        double d = Double.POSITIVE_INFINITY;
        for (Matrix3 s : g.rotations()) d = Math.min(d, a.angleTo(s.times(b)));
        return d;
    }

    static RealGrid read(Path p) {
        try (MrcReader r = MrcReader.open(p)) { return r.readAll(); }
    }

    static double pixelSize(Path p) {
        try (MrcReader r = MrcReader.open(p)) { return r.header().pixelSize(); }
    }

    static Map<String, Matrix3> poses(Path star) {
        try {
            StarFile f = StarReader.read(star);
            StarTable t = f.find("particles").map(StarBlock::table).orElseGet(() -> f.blocks().get(f.blocks().size() - 1).table());
            Map<String, Matrix3> m = new HashMap<>();
            for (int i = 0; i < t.rowCount(); i++) {
                String name = Path.of(t.get(i, "rlnImageName")).getFileName().toString();
                m.put(name, Euler.ofDegrees(t.getDouble(i, "rlnAngleRot"), t.getDouble(i, "rlnAngleTilt"), t.getDouble(i, "rlnAnglePsi")).toMatrix());
            }
            return m;
        } catch (IOException e) {
            throw new InputException(star + ": cannot read: " + e.getMessage());
        }
    }
}
