package org.subtomo.refine.ml;

import org.subtomo.core.geom.Euler;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.grid.RealGrid;

import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Speed of the 3D engine's two hot loops on this machine (`subtomo bench em3d`): rotating a reference onto a
 * particle's Fourier components (pass 2 and local searches) and splatting weighted particle sums into a
 * padded back-projector (M-step), in nanoseconds per component, one thread, for boxes 32 and 64 at radius N/2 − 1.
 */
public final class Em3DKernelBench {
    private Em3DKernelBench() {}

    /** One size's timings (ns per component, median of the repetitions). */
    public record Result(int box, int components, double rotateNs, double insertNs, double localOneNs, double localAllNs) {}

    public static Result measure(int box, int reps) {
        SplittableRandom r = new SplittableRandom(7);
        RealGrid map = RealGrid.cube(box);
        for (int i = 0; i < map.data.length; i++) map.data[i] = (float) r.nextGaussian();
        Projector3D proj = new Projector3D(map, 2);
        FourierComponents3D comp = Em3D.components(box);
        int m = comp.count;
        int poses = Math.max(8, 400_000 / m);
        Matrix3[] a = new Matrix3[poses];
        for (int o = 0; o < poses; o++)
            a[o] = Euler.toMatrix(r.nextDouble() * 2 * Math.PI, Math.acos(2 * r.nextDouble() - 1), r.nextDouble() * 2 * Math.PI);
        float[] out = new float[2 * m];
        double[] d = new double[2 * m], w = new double[m];
        for (int i = 0; i < m; i++) { d[2 * i] = r.nextGaussian(); d[2 * i + 1] = r.nextGaussian(); w[i] = r.nextDouble(); }
        BackProjector3D bp = new BackProjector3D(box, 2);
        double[] rot = new double[reps], ins = new double[reps];
        double sink = 0;
        for (int rep = -2; rep < reps; rep++) {   // two untimed warm-up rounds
            long t0 = System.nanoTime();
            for (int o = 0; o < poses; o++) { proj.rotate(a[o], comp, m, 1.0, out); sink += out[o % (2 * m)]; }
            long t1 = System.nanoTime();
            for (int o = 0; o < poses; o++) bp.insert(a[o], comp, m, d, w);
            long t2 = System.nanoTime();
            if (rep >= 0) { rot[rep] = (t1 - t0) / (double) poses / m; ins[rep] = (t2 - t1) / (double) poses / m; }
        }
        // a local search's neighbourhood (48 orientations within ~12 degrees of one pose) of two classes:
        // each class rotated on its own, and both classes at once
        int nl = 48;
        Matrix3[] local = new Matrix3[nl];
        double rot0 = r.nextDouble() * 6.28, tilt0 = 1.0, psi0 = r.nextDouble() * 6.28, d12 = Math.toRadians(12);
        for (int o = 0; o < nl; o++)
            local[o] = Euler.toMatrix(rot0 + (r.nextDouble() - 0.5) * d12, tilt0 + (r.nextDouble() - 0.5) * d12, psi0 + (r.nextDouble() - 0.5) * d12);
        RealGrid map2 = RealGrid.cube(box);
        for (int i = 0; i < map2.data.length; i++) map2.data[i] = (float) r.nextGaussian();
        Projector3D[] two = {proj, new Projector3D(map2, 2)};
        float[][] outs = new float[2][2 * m];
        int rounds = Math.max(1, poses / nl);
        double[] one = new double[reps], all = new double[reps];
        for (int rep = -2; rep < reps; rep++) {
            long t0 = System.nanoTime();
            for (int q = 0; q < rounds; q++) for (int o = 0; o < nl; o++) { two[0].rotate(local[o], comp, m, 1.0, outs[0]); two[1].rotate(local[o], comp, m, 1.0, outs[1]); }
            long t1 = System.nanoTime();
            for (int q = 0; q < rounds; q++) for (int o = 0; o < nl; o++) Projector3D.rotate(two, local[o], comp, m, 1.0, outs);
            long t2 = System.nanoTime();
            sink += outs[1][3];
            if (rep >= 0) { one[rep] = (t1 - t0) / (double) (rounds * nl * 2) / m; all[rep] = (t2 - t1) / (double) (rounds * nl * 2) / m; }
        }
        java.util.Arrays.sort(one); java.util.Arrays.sort(all);
        if (sink == 42) System.out.print("");   // keeps the rotations observable
        java.util.Arrays.sort(rot); java.util.Arrays.sort(ins);
        return new Result(box, m, rot[reps / 2], ins[reps / 2], one[reps / 2], all[reps / 2]);
    }

    public static void run(PrintStream out, int reps) {
        out.println("3D engine kernels, 1 thread, ns per Fourier component (median of " + reps + "):");
        for (int box : new int[]{32, 64}) {
            Result res = measure(box, reps);
            out.printf(Locale.ROOT, "  box %3d (%6d components): rotate reference %6.2f ns   back-project insert %6.2f ns"
                    + "   local, per class: one class at a time %6.2f ns, two at once %6.2f ns%n",
                    res.box(), res.components(), res.rotateNs(), res.insertNs(), res.localOneNs(), res.localAllNs());
        }
    }
}
