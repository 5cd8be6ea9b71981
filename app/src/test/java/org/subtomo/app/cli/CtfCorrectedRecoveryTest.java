package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.ctf.CtfVolume;
import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierProjector;
import org.subtomo.core.fourier.FourierShift;
import org.subtomo.core.fsc.Fsc;
import org.subtomo.core.fsc.FscCurve;
import org.subtomo.core.geom.Euler;
import org.subtomo.core.geom.Matrix3;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.prep.project.Prepare;
import org.subtomo.prep.project.PrepareParameters;
import org.subtomo.sim.ProjectSimulator;
import org.subtomo.sim.SimulationParameters;
import org.subtomo.sim.sample.TiltScheme;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The 3D CTF models do what they are for: sub-tomograms of a simulated project, cut at the true
 * positions, CTF-corrected with prepare's models (Wiener: Σ CTF·X / Σ CTF², rotated to the reference
 * frame by the true orientations) give back the true map beyond the first CTF zero, where the plain
 * average is phase-flipped; models 1 µm off in defocus must do worse. The defoci are the truth's
 * (written as the ctffind STAR file, --only_models), so this checks the models themselves.
 */
class CtfCorrectedRecoveryTest {
    @Test
    void ctfCorrectedAverageBeatsThePlainAverage(@TempDir Path dir) throws Exception {
        SimulationParameters p = new SimulationParameters(null, 1, 40, 0.0, "B", 0, 0, 8.0, 32, 160, 48, 300,
                TiltScheme.Kind.DOSE_SYMMETRIC, 60, 3, 3.0, 300, 2.7, 0.1, 30000, 1000, 200, 50, 3500, 3);
        ProjectSimulator.run(p, dir, new PrintStream(new ByteArrayOutputStream()));
        writeTruthCtffind(dir, 0);
        Prepare.run(PrepareParameters.defaults(dir, 32).withOptics(300, 2.7, 0.1, Double.NaN).withOnlyModels(true).withThreads(2), null);
        FscCurve[] right = averages(dir, p);
        // --exposure_filter: the images' own transfer (CTF × exposure filter, no cos θ) instead of RELION's weighting
        Prepare.run(PrepareParameters.defaults(dir, 32).withOptics(300, 2.7, 0.1, Double.NaN).withOnlyModels(true).withThreads(2)
                .withExposureFilter(true), null);
        FscCurve filtered = averages(dir, p)[1];
        // control: models 1 µm off in defocus (first zero at 21 instead of 24 Å) put the rings in the wrong place
        writeTruthCtffind(dir, 10000);
        Prepare.run(PrepareParameters.defaults(dir, 32).withOptics(300, 2.7, 0.1, Double.NaN).withOnlyModels(true).withThreads(2), null);
        FscCurve wrong = averages(dir, p)[1];
        FscCurve plain = right[0], ctf = right[1];
        StringBuilder sb = new StringBuilder();
        for (int sh = 9; sh <= 14; sh++)
            sb.append(String.format(Locale.ROOT, "%n  %.1f Å: plain %+.3f, prepare's models %+.3f, --exposure_filter %+.3f, models 1 µm off %+.3f",
                    plain.resolution(sh), plain.fsc()[sh], ctf.fsc()[sh], filtered.fsc()[sh], wrong.fsc()[sh]));
        System.out.println("FSC with the truth of 40 particles averaged at true poses (first CTF zero at 24 Å):" + sb);
        // beyond the first zero (shells 11-14, 23-18 Å) the plain average is phase-flipped, the corrected one is not
        double plainBeyond = 0, ctfBeyond = 0, wrongBeyond = 0, filteredBeyond = 0;
        for (int sh = 11; sh <= 14; sh++) {
            plainBeyond += plain.fsc()[sh] / 4; ctfBeyond += ctf.fsc()[sh] / 4; wrongBeyond += wrong.fsc()[sh] / 4; filteredBeyond += filtered.fsc()[sh] / 4;
        }
        System.out.printf(Locale.ROOT, "mean FSC over 23-18 Å: plain %+.3f, RELION's models %+.3f, --exposure_filter %+.3f, 1 µm off %+.3f%n",
                plainBeyond, ctfBeyond, filteredBeyond, wrongBeyond);
        assertTrue(filteredBeyond > 0.25, "--exposure_filter models beyond the zero " + filteredBeyond);
        assertTrue(plainBeyond < 0, "plain average beyond the zero " + plainBeyond);
        assertTrue(ctfBeyond > 0.25, "CTF-corrected average beyond the zero " + ctfBeyond);
        assertTrue(wrongBeyond < ctfBeyond - 0.15, "wrong-defocus models must do worse: " + wrongBeyond + " vs " + ctfBeyond);
    }

    static void writeTruthCtffind(Path dir, double offset) throws Exception {
        StarTable tilts = StarReader.read(dir.resolve("truth/tilts.star")).blocks().get(0).table();
        StringBuilder sb = new StringBuilder("data_\nloop_\n_rlnMicrographName\n_rlnDefocusU\n_rlnDefocusV\n_rlnDefocusAngle\n");
        for (int r = 0; r < tilts.rowCount(); r++)
            sb.append(tilts.get(r, "rlnMicrographName")).append(' ').append(tilts.getDouble(r, "rlnDefocusU") + offset).append(' ')
                    .append(tilts.getDouble(r, "rlnDefocusV") + offset).append(' ').append(tilts.get(r, "rlnDefocusAngle")).append('\n');
        Files.createDirectories(dir.resolve("Tomograms/tomo01/ctffind"));
        Files.writeString(dir.resolve("Tomograms/tomo01/ctffind/tomo01_ctffind.star"), sb.toString());
    }

    /** FSC with the truth of the plain and the CTF-corrected averages at the true poses. */
    static FscCurve[] averages(Path dir, SimulationParameters p) throws Exception {
        RealGrid truth = MrcReader.read(dir.resolve("truth/class001.mrc").toString());
        StarTable rows = StarReader.read(dir.resolve("truth/particles.star")).table("particles");
        StarTable star = StarReader.read(dir.resolve("particles_subtomo.star")).table("particles");
        int b = p.box(), hx = b / 2 + 1;
        RealGrid plain = RealGrid.cube(b), weighted = RealGrid.cube(b);
        float[] den = new float[hx * b * b];
        try (MrcReader tomo = MrcReader.open(dir.resolve("Tomograms/tomo01/tomo01.mrc"))) {
            for (int r = 0; r < rows.rowCount(); r++) {
                double x = rows.getDouble(r, "rlnCoordinateX"), y = rows.getDouble(r, "rlnCoordinateY"), z = rows.getDouble(r, "rlnCoordinateZ");
                long ix = Math.round(x), iy = Math.round(y), iz = Math.round(z);
                RealGrid w = tomo.readWindow((int) ix - b / 2, (int) iy - b / 2, (int) iz - b / 2, b, b, b, 0f);
                for (int i = 0; i < w.data.length; i++) w.data[i] = -w.data[i];   // particles are dark in the tomogram
                FourierGrid f = Fft.forward(w);
                FourierShift.shift(f, ix - x, iy - y, iz - z);
                Matrix3 a = Euler.ofDegrees(rows.getDouble(r, "rlnAngleRot"), rows.getDouble(r, "rlnAngleTilt"), rows.getDouble(r, "rlnAnglePsi")).toMatrix();
                add(plain, f, null, a, null);
                add(weighted, f, CtfVolume.read(dir.resolve(star.get(r, "rlnCtfImage"))), a, den);
            }
        }
        return new FscCurve[]{Fsc.compute(plain, truth, p.pixelSize()), Fsc.compute(wiener(weighted, den), truth, p.pixelSize())};
    }

    /**
     * Adds the particle (transform f) rotated to the reference frame: with a CTF model, CTF·X to the
     * numerator (real space, {@code sum}) and CTF(A k)² to {@code den} at reference voxel k.
     */
    static void add(RealGrid sum, FourierGrid f, CtfVolume ctf, Matrix3 a, float[] den) {
        FourierGrid g = new FourierGrid(f.nx, f.ny, f.nz, f.data.clone());
        if (ctf != null) ctf.applyTo(g);
        RealGrid back = Fft.inverse(new FourierProjector(Fft.inverse(g), 2, true).rotate(a.transpose()));
        for (int i = 0; i < sum.data.length; i++) sum.data[i] += back.data[i];
        if (ctf == null) return;
        int n = ctf.n, hx = n / 2 + 1;
        for (int kz = 0; kz < n; kz++)
            for (int ky = 0; ky < n; ky++)
                for (int kx = 0; kx < hx; kx++) {
                    double fx = kx, fy = ky <= n / 2 ? ky : ky - n, fz = kz <= n / 2 ? kz : kz - n;
                    double px = a.m00() * fx + a.m01() * fy + a.m02() * fz, py = a.m10() * fx + a.m11() * fy + a.m12() * fz,
                            pz = a.m20() * fx + a.m21() * fy + a.m22() * fz;
                    double c = sample(ctf, px, py, pz);
                    den[kx + hx * (ky + n * kz)] += (float) (c * c);
                }
    }

    /** Trilinear sample of the model at a continuous frequency (Friedel mate for negative x). */
    static double sample(CtfVolume v, double x, double y, double z) {
        if (x < 0) { x = -x; y = -y; z = -z; }
        int h = v.n / 2;
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y), z0 = (int) Math.floor(z);
        double s = 0;
        for (int dz = 0; dz < 2; dz++)
            for (int dy = 0; dy < 2; dy++)
                for (int dx = 0; dx < 2; dx++) {
                    int xi = x0 + dx, yi = y0 + dy, zi = z0 + dz;
                    if (xi > h || Math.abs(yi) > h || Math.abs(zi) > h) continue;
                    double w = (dx == 0 ? 1 - (x - x0) : x - x0) * (dy == 0 ? 1 - (y - y0) : y - y0) * (dz == 0 ? 1 - (z - z0) : z - z0);
                    s += w * v.at(xi, yi == h ? -h : yi, zi == h ? -h : zi);
                }
        return s;
    }

    static RealGrid wiener(RealGrid numerator, float[] den) {
        FourierGrid f = Fft.forward(numerator);
        double mean = 0;
        for (float d : den) mean += d;
        mean /= den.length;
        for (int i = 0; i < den.length; i++) {
            double w = 1 / (den[i] + 0.1 * mean);   // a small Wiener constant keeps the empty wedge finite
            f.data[2 * i] *= (float) w;
            f.data[2 * i + 1] *= (float) w;
        }
        return Fft.inverse(f);
    }
}
