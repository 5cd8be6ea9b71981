package org.subtomo.prep.extract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.testutil.Relion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 6 acceptance: relion_preprocess (3.1.3) extracting the same tomogram at the same integer coordinates
 * (--extract --norm --bg_radius --invert_contrast --project3d) gives the same sub-tomograms and projections as ours,
 * voxel for voxel (RELION's ramp-fitted background normalisation included), to float rounding: measured max
 * |difference| relative to the largest value 8.4e-7 here; 9.5e-7 absolute on a demo tomogram, checked by hand.
 */
class ExtractRelionTest {
    @TempDir Path dir;

    @Test void sameVoxelsAsRelionPreprocess() throws Exception {
        Relion.require("relion_preprocess");
        List<int[]> blobs = List.of(new int[]{40, 50, 30}, new int[]{80, 70, 32}, new int[]{70, 90, 28});
        SyntheticProject.addTomogram(dir, "t1", blobs, SyntheticProject.coords(blobs), 1);
        StringBuilder pick = new StringBuilder("data_\nloop_\n_rlnCoordinateX\n_rlnCoordinateY\n_rlnCoordinateZ\n");
        for (int[] b : blobs) pick.append(b[0]).append(' ').append(b[1]).append(' ').append(b[2]).append('\n');
        Files.writeString(dir.resolve("Tomograms/t1/t1_pick.star"), pick.toString());
        // RELION 3.1 needs an optics block with the pixel size, voltage and Cs
        Files.writeString(dir.resolve("all_tomograms.star"), "data_optics\nloop_\n_rlnOpticsGroupName\n_rlnOpticsGroup\n"
                + "_rlnMicrographPixelSize\n_rlnVoltage\n_rlnSphericalAberration\n_rlnAmplitudeContrast\nopticsGroup1 1 2.0 300 2.7 0.1\n\n"
                + "data_micrographs\nloop_\n_rlnMicrographName\n_rlnOpticsGroup\nTomograms/t1/t1.mrc 1\n");
        Relion.run(dir, 120, "relion_preprocess", "--i", "all_tomograms.star", "--coord_dir", "./", "--coord_suffix", "_pick.star",
                "--extract", "--extract_size", "32", "--norm", "--bg_radius", "10", "--invert_contrast", "--part_star", "relion3d.star",
                "--part_dir", "Relion3D/");
        Relion.run(dir, 120, "relion_preprocess", "--i", "all_tomograms.star", "--coord_dir", "./", "--coord_suffix", "_pick.star",
                "--extract", "--extract_size", "32", "--norm", "--bg_radius", "10", "--invert_contrast", "--project3d",
                "--part_star", "relion2d.star", "--part_dir", "Relion2D/");
        SubtomoExtractor.extract(ExtractParameters.builder(dir, Path.of("all_tomograms.star"), 32).coordSuffix(".coords")
                .bgRadius(10).invertContrast(true).project3d(true).threads(2).build(), false);

        double worst = 0;
        for (int i = 1; i <= blobs.size(); i++) {
            RealGrid relion = MrcReader.read(dir.resolve(String.format("Relion3D/Tomograms/t1/t1%06d.mrc", i)).toString());
            RealGrid ours = MrcReader.read(dir.resolve(String.format("Particles/Tomograms/t1/t1_subtomo%06d.mrc", i)).toString());
            worst = Math.max(worst, maxDiff(relion, ours));
            RealGrid relion2d = MrcReader.read(String.format("%06d@%s", i, dir.resolve("Relion2D/Tomograms/t1/t1.mrcs")));
            RealGrid ours2d = MrcReader.read(String.format("%06d@%s", i, dir.resolve("Particles/Tomograms/t1/t1_subtomo_proj2d.mrcs")));
            worst = Math.max(worst, maxDiff(relion2d, ours2d));
        }
        System.out.printf("extract vs relion_preprocess: max |difference| / max |value| %.2g over 3 sub-tomograms and 3 projections%n", worst);
        assertTrue(worst < 1e-5, "relative max |difference| " + worst);
    }

    private static double maxDiff(RealGrid a, RealGrid b) {
        assertTrue(a.sameShape(b), a + " vs " + b);
        double m = 0, sd = 0, top = 0;
        for (int i = 0; i < a.data.length; i++) {
            m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
            top = Math.max(top, Math.abs(a.data[i]));
            sd += a.data[i] * a.data[i];
        }
        assertTrue(sd / a.data.length > 0.5, "normalised images (stddev ~1), not empty ones");
        return m / top;   // float rounding grows with the values: compare relative to the largest
    }
}
