package org.subtomo.prep.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.ctf.CtfVolume;
import org.subtomo.core.error.InputException;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.testutil.Relion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The model step of {@code subtomo prepare} on a hand-made project with a hand-written ctffind STAR file
 * (--only_models): the STAR output, the per-particle RELION files of --relion_scripts, and RELION's own
 * reconstruction of one particle's model from them against ours.
 */
class PrepareModelsTest {
    @TempDir Path project;

    PrepareParameters params() {
        return PrepareParameters.defaults(project, 24).withOptics(300, 2.7, 0.1, Double.NaN).withOnlyModels(true).withThreads(2);
    }

    void ctffind(String tomo) throws Exception {
        Path dir = project.resolve("Tomograms/" + tomo + "/ctffind");
        Files.createDirectories(dir);
        StringBuilder sb = new StringBuilder("data_\nloop_\n_rlnMicrographName\n_rlnDefocusU\n_rlnDefocusV\n_rlnDefocusAngle\n");
        for (int i = 0; i < TinyProject.TILTS.length; i++)
            sb.append(String.format(Locale.ROOT, "%d@Tomograms/%s/%s.mrcs %.1f %.1f %.1f%n", i + 1, tomo, tomo, 30000.0 + 100 * i, 29500.0 + 100 * i, 20.0));
        Files.writeString(dir.resolve(tomo + "_ctffind.star"), sb.toString());
    }

    @Test
    void writesModelsStarAndRelionScripts() throws Exception {
        TinyProject.standard(project);
        ctffind("t1");
        InputException missing = assertThrows(InputException.class, () -> Prepare.run(params(), null));
        assertTrue(missing.getMessage().contains("t2_ctffind.star: file not found (--only_models"), missing.getMessage());
        assertFalse(Files.exists(project.resolve("Particles")), "nothing written before the inputs are valid");
        ctffind("t2");

        PrepareParameters p = new PrepareParameters(project, Path.of("all_tomograms.star"), false, null, 300, 2.7, 0.1, Double.NaN, 24, 512, 40,
                Double.NaN, 5000, 80000, 100, false, false, 30, false, 4, true, true, 3, 2, Path.of("particles_subtomo.star"));
        Prepare.Result r = Prepare.run(p, null);
        assertEquals(4, r.particles());
        StarTable optics = StarReader.read(project.resolve("particles_subtomo.star")).table("optics");
        StarTable rows = StarReader.read(project.resolve("particles_subtomo.star")).table("particles");
        assertEquals("24", optics.get(0, "rlnImageSize"));
        assertEquals("3", optics.get(0, "rlnImageDimensionality"));
        assertEquals(4.0, optics.getDouble(0, "rlnImagePixelSize"), 1e-9);
        assertEquals("Tomograms/t2/t2.mrc", rows.get(3, "rlnMicrographName"));
        assertEquals(20.0, rows.getDouble(3, "rlnCoordinateX"), 1e-9);
        assertEquals(7.5, rows.getDouble(3, "rlnCoordinateZ"), 1e-9);
        assertEquals("Particles/Tomograms/t2/t2_ctf000002.mrc", rows.get(3, "rlnCtfImage"));
        String script = Files.readString(project.resolve("do_all_reconstruct_ctfs.sh"));
        assertTrue(script.contains("relion_reconstruct --i Particles/Tomograms/t1/t1_ctf000001.star --o Particles/Tomograms/t1/t1_ctf000001.mrc --reconstruct_ctf $1 --angpix 4"), script);
        String commands = Files.readString(project.resolve("subtomo_prepare_commands.txt"));
        assertTrue(commands.contains("--tomogram t2") && commands.contains("--box 24"), commands);

        // Particle 1 of t1 at (10, 12, 8) in a 32×32×16 tomogram: x = -6, z = 0 voxels from the centre.
        StarTable perTilt = StarReader.read(project.resolve("Particles/Tomograms/t1/t1_ctf000001.star")).blocks().get(0).table();
        for (int i = 0; i < TinyProject.TILTS.length; i++) {
            double theta = Math.toRadians(TinyProject.TILTS[i]);
            double expectedU = 30000 + 100 * i - (-(-6) * Math.sin(theta)) * 4.0;   // Δf − height·pixel, height = −x sinθ + z cosθ
            assertEquals(expectedU, perTilt.getDouble(i, "rlnDefocusU"), 1e-3, "tilt " + TinyProject.TILTS[i]);
            assertEquals(-TinyProject.TILTS[i], perTilt.getDouble(i, "rlnAngleTilt"), 1e-6);
            assertEquals(Math.cos(theta), perTilt.getDouble(i, "rlnCtfScalefactor"), 1e-6);
        }
        assertEquals(4 * 9.0, perTilt.getDouble(0, "rlnCtfBfactor"), 1e-6);   // tilt -30.2 had 9 e-/Å² before it

        Relion.require("relion_reconstruct");
        Path rel = project.resolve("relion.mrc");
        Relion.run(project, "relion_reconstruct", "--i", "Particles/Tomograms/t1/t1_ctf000001.star", "--o", "relion.mrc", "--reconstruct_ctf", "24", "--angpix", "4");
        CtfVolume ours = CtfVolume.read(project.resolve("Particles/Tomograms/t1/t1_ctf000001.mrc")), theirs = CtfVolume.read(rel);
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = ours.weights.length;
        for (int i = 0; i < n; i++) {
            double a = ours.weights[i], b = theirs.weights[i];
            sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
        }
        double cc = (sab - sa * sb / n) / Math.sqrt((saa - sa * sa / n) * (sbb - sb * sb / n));
        System.out.printf(Locale.ROOT, "prepare's model vs relion_reconstruct on prepare's per-particle STAR file: correlation %.6f%n", cc);
        assertTrue(cc > 0.995, "correlation " + cc);   // 5 tilts only: the Nyquist-edge voxels where RELION rounds weigh more
    }
}
