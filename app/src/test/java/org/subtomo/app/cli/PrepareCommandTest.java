package org.subtomo.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.app.Main;
import org.subtomo.core.ctf.Ctf;
import org.subtomo.core.ctf.CtfParams;
import org.subtomo.core.ctf.CtfVolume;
import org.subtomo.core.ctf.ExposureFilter;
import org.subtomo.core.geom.TiltGeometry;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.prep.ctfmodel.CtfModel3D;
import org.subtomo.prep.ctfmodel.TiltCtf;
import org.subtomo.prep.project.Prepare;
import org.subtomo.prep.project.PrepareParameters;
import org.subtomo.prep.project.ProjectInputs;
import org.subtomo.sim.ProjectSimulator;
import org.subtomo.sim.SimulationParameters;
import org.subtomo.sim.sample.TiltScheme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code subtomo prepare} on a tiny simulated project (1 tomogram, 12 particles, 2 gold beads and an ice blob (erased before the fit), 13 tilts (±60° in 10° steps) of 192² pixels at
 * 5 Å/px, 3 e⁻/Å² each, with .trial stacks): the defocus per tilt band against truth/tilts.star, with and
 * without trials; the 3D CTF models against models made from the true defoci and against the simulator's
 * own transfer function (CTF × exposure filter, inserted the same way).
 */
class PrepareCommandTest {
    static final double PIXEL = 5.0;

    static SimulationParameters tiny() {
        return new SimulationParameters(null, 1, 12, 0, "B", 2, 1, PIXEL, 32, 192, 96, 450, TiltScheme.Kind.DOSE_SYMMETRIC, 60, 10, 3.0,
                300, 2.7, 0.1, 35000, 2000, 300, 50, 3500, 7).withIceNoise(1).withTrials(true, 250, 3);
    }

    /** Per tilt (stack order): U, V, angle from a ctffind or truth STAR file. */
    static double[][] fits(Path star, String tomo) throws IOException {
        StarTable t = StarReader.read(star).blocks().get(0).table();
        List<double[]> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++)
            if (!t.has("rlnTomoName") || t.get(r, "rlnTomoName").equals(tomo))
                out.add(new double[]{t.getDouble(r, "rlnDefocusU"), t.getDouble(r, "rlnDefocusV"), t.getDouble(r, "rlnDefocusAngle")});
        return out.toArray(double[][]::new);
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
    }

    /** Median |mean-defocus error| (Å) for |tilt| ≤ 30° and > 30°. */
    static double[] errorByBand(double[][] est, double[][] truth, double[] tilts, String label) {
        List<Double> low = new ArrayList<>(), high = new ArrayList<>();
        for (int i = 0; i < tilts.length; i++) {
            double e = Math.abs((est[i][0] + est[i][1]) / 2 - (truth[i][0] + truth[i][1]) / 2);
            (Math.abs(tilts[i]) <= 30 ? low : high).add(e);
        }
        double[] m = {median(low), median(high)};
        System.out.printf(Locale.ROOT, "%s: median |defocus error| %.0f Å for |tilt| <= 30°, %.0f Å above%n", label, m[0], m[1]);
        return m;
    }

    static double correlation(float[] a, float[] b) {
        double sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) { sa += a[i]; sb += b[i]; }
        double ma = sa / a.length, mb = sb / b.length;
        for (int i = 0; i < a.length; i++) {
            double x = a[i] - ma, y = b[i] - mb;
            sab += x * y; saa += x * x; sbb += y * y;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    @Test
    void estimatesDefociAndWritesModelsThatMatchTheTruth(@TempDir Path dir) throws IOException {
        ProjectSimulator.run(tiny(), dir, System.out);
        long t0 = System.nanoTime();
        assertEquals(0, Main.run("prepare", "--project_dir", dir.toString(), "--box", "32", "--q0", "0.1", "--j", "2"));
        System.out.printf(Locale.ROOT, "prepare: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Path ctffind = dir.resolve("Tomograms/tomo01/ctffind");
        for (String f : new String[]{"tomo01_ctffind.star", "tomo01_ctffind_1.png", "tomo01_ctffind_13.svg", "tomo01_defocus.png", "tomo01_defocus.svg"})
            assertTrue(Files.exists(ctffind.resolve(f)), f);
        assertTrue(Files.readString(ctffind.resolve("tomo01_defocus.svg")).contains("truth"));
        assertTrue(Files.readString(dir.resolve("subtomo_prepare_commands.txt")).contains("subtomo prepare --i all_tomograms.star --tomogram tomo01"));

        ProjectInputs.Tomogram tomo = ProjectInputs.read(ProjectInputs.Options.of(dir)).get(0);
        double[][] truth = fits(dir.resolve("truth/tilts.star"), "tomo01");
        double[][] est = fits(ctffind.resolve("tomo01_ctffind.star"), "tomo01");
        double[] plain = errorByBand(est, truth, tomo.tilts(), "tilt images");
        assertTrue(plain[0] < 300, "median error " + plain[0] + " Å at |tilt| <= 30° (issue: < 50 nm; measured 145)");
        // above 30° the fits that are poorer than the lower tilts' spread take their mean (measured 156; 224 before the fallback)
        assertTrue(plain[1] < 400, "median error " + plain[1] + " Å at |tilt| > 30°");

        StarTable particles = StarReader.read(dir.resolve("particles_subtomo.star")).table("particles");
        assertEquals(15, particles.rowCount());   // 12 particles + 3 junk objects, all in .coords
        assertEquals("Particles/Tomograms/tomo01/tomo01_ctf000001.mrc", particles.get(0, "rlnCtfImage"));
        assertEquals("Particles/Tomograms/tomo01/tomo01_subtomo000001.mrc", particles.get(0, "rlnImageName"));

        // The models against models from the true defoci, and against the simulator's own transfer function.
        CtfModel3D model = new CtfModel3D(new CtfModel3D.Settings(32, PIXEL, 300, 2.7, 0.1, 4, false));
        double worstTruth = 1, worstSim = 1, worstSimEst = 1;
        for (int p = 0; p < 4; p++) {
            double x = tomo.coordinates().get(p).x() - tomo.nx() / 2, z = tomo.coordinates().get(p).z() - tomo.nz() / 2;
            CtfVolume ours = CtfVolume.read(dir.resolve(particles.get(p, "rlnCtfImage")));
            List<TiltCtf> trueTilts = CtfModel3D.particleTilts(tomo.tilts(), truth, tomo.doses(), x, z, PIXEL);
            CtfVolume fromTruth = model.model(trueTilts);
            List<float[]> simulated = new ArrayList<>();
            for (TiltCtf t : trueTilts) simulated.add(simulatorTransfer(t, 3.0));
            CtfVolume sim = model.insert(tomo.tilts(), simulated, model.workspace());
            // the simulator's weighting (exposure filter, no cos θ) on our estimated defoci, against the simulator's truth
            List<float[]> estimated = new ArrayList<>();
            for (TiltCtf t : CtfModel3D.particleTilts(tomo.tilts(), est, tomo.doses(), x, z, PIXEL)) estimated.add(simulatorTransfer(t, 3.0));
            CtfVolume simEst = model.insert(tomo.tilts(), estimated, model.workspace());
            worstTruth = Math.min(worstTruth, correlation(ours.weights, fromTruth.weights));
            worstSim = Math.min(worstSim, correlation(fromTruth.weights, sim.weights));
            worstSimEst = Math.min(worstSimEst, correlation(simEst.weights, sim.weights));
        }
        System.out.printf(Locale.ROOT, "3D CTF models: correlation with true-defocus models >= %.4f; true-defocus models with the simulator's transfer >= %.4f"
                + " (RELION's cos θ and linear dose B against the exposure filter); estimated defoci with the simulator's weighting vs its true transfer >= %.4f%n",
                worstTruth, worstSim, worstSimEst);
        assertTrue(worstSimEst > 0.99, "estimated vs true simulator transfer " + worstSimEst);
        assertTrue(worstTruth > 0.98, "model vs truth-defocus model " + worstTruth);
        assertTrue(worstSim > 0.95, "model vs simulator transfer " + worstSim);

        // --exposure_filter: the same estimated defoci, the images' own transfer (CTF × exposure filter): against the true transfer
        assertEquals(0, Main.run("prepare", "--project_dir", dir.toString(), "--box", "32", "--q0", "0.1", "--only_models", "--exposure_filter",
                "--o", "filtered.star"));
        double worstFiltered = 1;
        for (int p = 0; p < 4; p++) {
            double x = tomo.coordinates().get(p).x() - tomo.nx() / 2, z = tomo.coordinates().get(p).z() - tomo.nz() / 2;
            List<float[]> simulated = new ArrayList<>();
            for (TiltCtf t : CtfModel3D.particleTilts(tomo.tilts(), truth, tomo.doses(), x, z, PIXEL)) simulated.add(simulatorTransfer(t, 3.0));
            CtfVolume sim = model.insert(tomo.tilts(), simulated, model.workspace());
            worstFiltered = Math.min(worstFiltered, correlation(CtfVolume.read(dir.resolve(particles.get(p, "rlnCtfImage"))).weights, sim.weights));
        }
        System.out.printf(Locale.ROOT, "prepare --exposure_filter models (estimated defoci) vs the simulator's true transfer >= %.4f%n", worstFiltered);
        assertTrue(worstFiltered > 0.99, "exposure-filter models vs simulator transfer " + worstFiltered);

        // Troubleshooting step 10 (Thon rings too weak at high tilt), strategy of step 11 on the stored fits:
        // --only_models --only_lower_tilt_defoci gives |tilt| > 30° the mean of the lower tilts.
        PrepareParameters lower = new PrepareParameters(dir, Path.of("all_tomograms.star"), false, null, 300, 2.7, 0.1, Double.NaN, 32,
                512, 40, Double.NaN, 5000, 80000, 100, false, true, 30, false, 4, true, false, 3, 2, Path.of("lower.star"));
        double[][] used = Prepare.run(lower, null).fits().get("tomo01");
        double meanU = 0;
        int nLow = 0;
        for (int i = 0; i < est.length; i++) if (Math.abs(tomo.tilts()[i]) <= 30) { meanU += est[i][0]; nLow++; }
        meanU /= nLow;
        for (int i = 0; i < est.length; i++)
            assertEquals(Math.abs(tomo.tilts()[i]) <= 30 ? est[i][0] : meanU, used[i][0], 1e-6);
        double[] lowerErr = errorByBand(used, truth, tomo.tilts(), "lower-tilt defoci");
        assertTrue(lowerErr[1] < 500, "lower-tilt defoci at the high tilts: " + lowerErr[1] + " Å (tilt-to-tilt defocus drift is ±200 Å)");

        // Troubleshooting step 8 (CTF correction not wanted): --skip_ctf_correction gives wedge-only models.
        assertEquals(0, Main.run("prepare", "--project_dir", dir.toString(), "--box", "32", "--only_models", "--skip_ctf_correction", "--o", "wedge.star"));
        CtfVolume wedge = CtfVolume.read(dir.resolve("Particles/Tomograms/tomo01/tomo01_ctf000001.mrc"));
        for (float w : wedge.weights) assertTrue(w >= 0 && w <= 1.0001, "wedge weight " + w);
        assertTrue(wedge.at(2, 0, 0) > 0.9, "in the 0° plane, low frequency: " + wedge.at(2, 0, 0));
        assertEquals(0, wedge.at(0, 0, 12), 0, "missing wedge along Z");

        // --use_trials: the two trial images per tilt, averaged.
        assertEquals(0, Main.run("prepare", "--project_dir", dir.toString(), "--box", "32", "--q0", "0.1", "--j", "2", "--use_trials",
                "--o", "particles_trials.star"));
        double[] trials = errorByBand(fits(ctffind.resolve("tomo01_ctffind.star"), "tomo01"), truth, tomo.tilts(), "trial images");
        assertTrue(trials[0] < 150 && trials[1] < 150, "median error with trials " + trials[0] + ", " + trials[1] + " (measured 49, 48)");

        // --only_models after editing a defocus: that tilt's slice changes, nothing is re-estimated.
        byte[] before = Files.readAllBytes(dir.resolve("Particles/Tomograms/tomo01/tomo01_ctf000001.mrc"));
        Path star = ctffind.resolve("tomo01_ctffind.star");
        List<String> lines = new ArrayList<>(Files.readAllLines(star));
        for (int i = 0; i < lines.size(); i++)
            if (lines.get(i).startsWith("7@")) {
                String[] f = lines.get(i).trim().split("\\s+");
                f[1] = "20000.0"; f[2] = "20000.0";
                lines.set(i, String.join(" ", f));
            }
        Files.write(star, lines);
        assertEquals(0, Main.run("prepare", "--project_dir", dir.toString(), "--box", "32", "--q0", "0.1", "--only_models", "--o", "edited.star"));
        assertFalse(Arrays.equals(before, Files.readAllBytes(dir.resolve("Particles/Tomograms/tomo01/tomo01_ctf000001.mrc"))));
        assertEquals(20000.0, fits(star, "tomo01")[6][0], 1e-6);
    }

    /**
     * What the simulator applies to a particle in one tilt image (TiltSeriesSimulator): the CTF at its
     * defocus times the exposure filter at the mid-exposure dose, no cos θ scale (up to one constant).
     */
    static float[] simulatorTransfer(TiltCtf t, double dosePerTilt) {
        int n = 32, hx = n / 2 + 1;
        float[] c = new Ctf(CtfParams.of(t.defocusU(), t.defocusV(), t.defocusAngle(), 300, 2.7, 0.1)).sampleHalf(n, n, PIXEL, Ctf.Mode.VALUE);
        for (int ky = 0; ky < n; ky++) {
            int fy = ky <= n / 2 ? ky : ky - n;
            for (int kx = 0; kx < hx; kx++)
                c[kx + hx * ky] *= (float) ExposureFilter.attenuation(Math.hypot(kx, fy) / (n * PIXEL), t.dose() + 0.5 * dosePerTilt, 300);
        }
        return c;
    }
}
