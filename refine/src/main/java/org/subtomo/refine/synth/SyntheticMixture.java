package org.subtomo.refine.synth;

import org.subtomo.core.ctf.CtfVolume;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierProjector;
import org.subtomo.core.fourier.FourierShift;
import org.subtomo.core.geom.Euler;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.geom.SymmetryGroup;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;
import org.subtomo.refine.ml.ModelInit3D;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Ground truth for 3D classification: a two-conformation sample. State 1 is a blob phantom; state 2 is the
 * same map with one domain removed (the blobs inside a sphere of radius 0.17·N centred 0.18·N off-centre
 * along x, cut with a soft edge). A fraction {@code badFraction} of the particles (label 3) are the protocol's
 * ~15% poor particles: state-1 particles buried in {@code badNoiseFactor}× the noise standard deviation, and/or
 * (with {@code badDefocusErrorAngst} ≠ 0) particles whose written CTF does not match their data: simulated at
 * defocus Δf, they are given rlnDefocusU/V and a 3D CTF volume (rlnCtfImage) for Δf + the error, as after a
 * failed CTF estimation.
 * Sub-tomograms are simulated as in {@link SyntheticSubtomograms} (random pose and shift, ±tilt missing wedge,
 * per-particle CTF, wedge-limited white noise). The written STAR file carries the true poses (as a consensus
 * refinement would), optionally perturbed by {@code poseErrorDeg} about a random axis.
 */
public final class SyntheticMixture {
    public record Params(int n, double pixelSize, int particles, double fraction2, double badFraction, double badNoiseFactor, double snr,
                         double maxShiftPx, double tiltMaxDeg, double poseErrorDeg, int blobs, long seed, double badDefocusErrorAngst) {
        public Params(int n, double pixelSize, int particles, double fraction2, double badFraction, double badNoiseFactor, double snr,
                      double maxShiftPx, double tiltMaxDeg, double poseErrorDeg, int blobs, long seed) {
            this(n, pixelSize, particles, fraction2, badFraction, badNoiseFactor, snr, maxShiftPx, tiltMaxDeg, poseErrorDeg, blobs, seed, 0);
        }
        public static Params small(int particles, double snr, long seed) {
            return new Params(32, 9.0, particles, 0.3, 0, 4, snr, 2.0, 60, 0, 30, seed);
        }
        public Params withBad(double f, double noise) { return new Params(n, pixelSize, particles, fraction2, f, noise, snr, maxShiftPx, tiltMaxDeg, poseErrorDeg, blobs, seed, badDefocusErrorAngst); }
        /** Bad particles with the normal noise and a written defocus (and CTF volume) off by {@code errorAngst}. */
        public Params withWrongCtf(double f, double errorAngst) { return new Params(n, pixelSize, particles, fraction2, f, 1, snr, maxShiftPx, tiltMaxDeg, poseErrorDeg, blobs, seed, errorAngst); }
        public Params withPoseError(double e) { return new Params(n, pixelSize, particles, fraction2, badFraction, badNoiseFactor, snr, maxShiftPx, tiltMaxDeg, e, blobs, seed, badDefocusErrorAngst); }
        public Params withBox(int box, double px) { return new Params(box, px, particles, fraction2, badFraction, badNoiseFactor, snr, maxShiftPx, tiltMaxDeg, poseErrorDeg, blobs, seed, badDefocusErrorAngst); }
    }

    public final Params params;
    public final RealGrid state1, state2, domainMask, consensus;
    /** 1, 2 (the states) or 3 (bad particle) per particle. */
    public final int[] label;
    public final float[][] volumes;
    /** The CTF each particle was simulated with, and the one written for it (different for wrong-CTF bad particles). */
    public final CtfVolume[] ctf, writtenCtf;
    public final double[] trueRot, trueTilt, truePsi, rot, tilt, psi, ox, oy, oz, defocus, writtenDefocus;

    public SyntheticMixture(Params p) {
        if (p.badDefocusErrorAngst() != 0 && 20000 + p.badDefocusErrorAngst() <= 0)
            throw new IllegalArgumentException("defocus error " + p.badDefocusErrorAngst() + " A would make defoci (20000-40000 A) negative");
        params = p;
        int n = p.n(), np = p.particles();
        SplittableRandom rnd = new SplittableRandom(p.seed());
        state1 = SyntheticSubtomograms.phantom(n, p.blobs(), SymmetryGroup.parse("C1"), rnd.split());
        double cx = n / 2 + 0.18 * n;
        RealGrid cut = softSphere(n, cx, 0.17 * n, 2);
        state2 = state1.copy();
        for (int q = 0; q < state2.data.length; q++) state2.data[q] *= 1 - cut.data[q];
        domainMask = softSphere(n, cx, 0.22 * n, 3);
        consensus = state1.copy();
        for (int q = 0; q < consensus.data.length; q++) consensus.data[q] = (float) ((1 - p.fraction2()) * state1.data[q] + p.fraction2() * state2.data[q]);
        double var = state1.stddev() * state1.stddev();
        double noiseSd = p.snr() > 0 ? Math.sqrt(var / p.snr()) : 0;
        FourierProjector[] proj = {new FourierProjector(state1, 2, true), new FourierProjector(state2, 2, true)};
        CtfVolume wedge = SyntheticSubtomograms.wedge(n, p.tiltMaxDeg());
        label = new int[np]; volumes = new float[np][]; ctf = new CtfVolume[np]; writtenCtf = new CtfVolume[np]; writtenDefocus = new double[np];
        trueRot = new double[np]; trueTilt = new double[np]; truePsi = new double[np];
        rot = new double[np]; tilt = new double[np]; psi = new double[np];
        ox = new double[np]; oy = new double[np]; oz = new double[np]; defocus = new double[np];
        for (int i = 0; i < np; i++) {
            SplittableRandom r = rnd.split();
            double u = r.nextDouble();
            label[i] = u < p.badFraction() ? 3 : u < p.badFraction() + (1 - p.badFraction()) * p.fraction2() ? 2 : 1;
            Matrix3 a = ModelInit3D.randomRotation(r);
            Euler e = Euler.fromMatrix(a);
            trueRot[i] = e.rotDeg(); trueTilt[i] = e.tiltDeg(); truePsi[i] = e.psiDeg();
            double[] t = SyntheticSubtomograms.ball(r, p.maxShiftPx());
            // the particle is the map moved by t: RELION's origin (centred by moving it by +origin) is −t
            ox[i] = -t[0] * p.pixelSize(); oy[i] = -t[1] * p.pixelSize(); oz[i] = -t[2] * p.pixelSize();
            defocus[i] = 20000 + r.nextDouble() * 20000;
            ctf[i] = SyntheticSubtomograms.ctfVolume(wedge, n, p.pixelSize(), defocus[i]);
            boolean wrongCtf = label[i] == 3 && p.badDefocusErrorAngst() != 0;
            writtenDefocus[i] = wrongCtf ? defocus[i] + p.badDefocusErrorAngst() : defocus[i];
            writtenCtf[i] = wrongCtf ? SyntheticSubtomograms.ctfVolume(wedge, n, p.pixelSize(), writtenDefocus[i]) : ctf[i];
            FourierGrid f = proj[label[i] == 2 ? 1 : 0].rotate(a);
            FourierShift.shift(f, t[0], t[1], t[2]);
            ctf[i].applyTo(f);
            double sd = noiseSd * (label[i] == 3 ? p.badNoiseFactor() : 1);
            if (sd > 0) {
                RealGrid noise = RealGrid.cube(n);
                for (int q = 0; q < noise.data.length; q++) noise.data[q] = (float) (r.nextGaussian() * sd);
                FourierGrid nf = Fft.forward(noise);
                wedge.applyTo(nf);
                for (int q = 0; q < f.data.length; q++) f.data[q] += nf.data[q];
            }
            volumes[i] = Fft.inverse(f).data;
            Matrix3 given = a;
            if (p.poseErrorDeg() > 0) {   // rotation by the error about a random axis, applied in the reference frame
                Matrix3 err = ModelInit3D.randomRotation(r);
                Euler ee = Euler.fromMatrix(err);
                double[] axis = {Math.sin(ee.tilt()) * Math.cos(ee.rot()), Math.sin(ee.tilt()) * Math.sin(ee.rot()), Math.cos(ee.tilt())};
                given = a.times(axisAngle(axis, Math.toRadians(p.poseErrorDeg())));
            }
            Euler g = Euler.fromMatrix(given);
            rot[i] = g.rotDeg(); tilt[i] = g.tiltDeg(); psi[i] = g.psiDeg();
        }
    }

    static Matrix3 axisAngle(double[] u, double t) {
        double c = Math.cos(t), s = Math.sin(t), v = 1 - c, x = u[0], y = u[1], z = u[2];
        return new Matrix3(c + x * x * v, x * y * v - z * s, x * z * v + y * s,
                y * x * v + z * s, c + y * y * v, y * z * v - x * s,
                z * x * v - y * s, z * y * v + x * s, c + z * z * v);
    }

    /** 1 inside radius r of (cx, N/2, N/2), raised-cosine edge of {@code edge} px, 0 outside. */
    static RealGrid softSphere(int n, double cx, double r, double edge) {
        RealGrid g = RealGrid.cube(n);
        double c = n / 2;
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            double d = Math.sqrt((x - cx) * (x - cx) + (y - c) * (y - c) + (z - c) * (z - c));
            double v = d <= r ? 1 : d >= r + edge ? 0 : 0.5 + 0.5 * Math.cos(Math.PI * (d - r) / edge);
            g.set(x, y, z, (float) v);
        }
        return g;
    }

    /**
     * Writes particles.star (given poses and origins), Subtomograms/, truth_state1.mrc, truth_state2.mrc,
     * consensus.mrc (the fraction-weighted mean of the states: the reference a consensus refinement gives),
     * focus_mask.mrc (the domain) and truth_particles.star (true poses and rlnClassNumber = true label).
     */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir.resolve("Subtomograms"));
            int n = params.n();
            double px = params.pixelSize();
            StarTable optics = StarTable.loop("rlnOpticsGroup", "rlnOpticsGroupName", "rlnVoltage", "rlnSphericalAberration",
                    "rlnAmplitudeContrast", "rlnImagePixelSize", "rlnImageSize", "rlnImageDimensionality");
            optics.addRow("1", "opticsGroup1", "300", "2.7", "0.1", Double.toString(px), Integer.toString(n), "3");
            StarTable parts = StarTable.loop("rlnImageName", "rlnCtfImage", "rlnMicrographName", "rlnOpticsGroup", "rlnCoordinateX",
                    "rlnCoordinateY", "rlnCoordinateZ", "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi",
                    "rlnOriginXAngst", "rlnOriginYAngst", "rlnOriginZAngst");
            StarTable truth = StarTable.loop("rlnImageName", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnOriginXAngst", "rlnOriginYAngst",
                    "rlnOriginZAngst", "rlnClassNumber");
            for (int i = 0; i < volumes.length; i++) {
                String name = String.format(Locale.ROOT, "Subtomograms/p%05d.mrc", i + 1);
                String cf = String.format(Locale.ROOT, "Subtomograms/p%05d_ctf.mrc", i + 1);
                MrcWriter.write(dir.resolve(name), new RealGrid(n, n, n, volumes[i]), px);
                writtenCtf[i].write(dir.resolve(cf), px);
                String df = Double.toString(writtenDefocus[i]);
                parts.addRow(name, cf, "tomo1", "1", Integer.toString(100 + i), "100", "100", df, df, "0", Double.toString(rot[i]),
                        Double.toString(tilt[i]), Double.toString(psi[i]), Double.toString(ox[i]), Double.toString(oy[i]), Double.toString(oz[i]));
                truth.addRow(name, Double.toString(trueRot[i]), Double.toString(trueTilt[i]), Double.toString(truePsi[i]),
                        Double.toString(ox[i]), Double.toString(oy[i]), Double.toString(oz[i]), Integer.toString(label[i]));
            }
            StarWriter.write(new StarFile().add("optics", optics).add("particles", parts), dir.resolve("particles.star"));
            StarWriter.write(new StarFile().add("optics", optics.copy()).add("particles", truth), dir.resolve("truth_particles.star"));
            MrcWriter.write(dir.resolve("truth_state1.mrc"), state1, px);
            MrcWriter.write(dir.resolve("truth_state2.mrc"), state2, px);
            MrcWriter.write(dir.resolve("consensus.mrc"), consensus, px);
            MrcWriter.write(dir.resolve("focus_mask.mrc"), domainMask, px);
            return dir.resolve("particles.star");
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write the synthetic mixture: " + e.getMessage(), e);
        }
    }
}
