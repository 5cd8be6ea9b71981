package org.subtomo.refine.synth;

import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.MrcWriter;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a {@link SyntheticSubtomograms} set as a RELION 3.1 sub-tomogram project that both
 * {@code subtomo refine3d} and {@code relion_refine} read: {@code particles.star} (data_optics with
 * rlnImageDimensionality 3; rlnImageName, rlnCtfImage, rlnMicrographName, zero origins),
 * {@code Subtomograms/pNNNNN.mrc} and {@code _ctf.mrc} (RELION's centred CTF cube), {@code truth.mrc},
 * and {@code truth_particles.star} with the true angles and origins.
 */
public final class SyntheticProjectWriter {
    private SyntheticProjectWriter() {}

    public static Path write(SyntheticSubtomograms s, Path dir) {
        try {
            Files.createDirectories(dir.resolve("Subtomograms"));
            int n = s.params.n();
            double px = s.params.pixelSize();
            StarTable optics = StarTable.loop("rlnOpticsGroup", "rlnOpticsGroupName", "rlnVoltage", "rlnSphericalAberration",
                    "rlnAmplitudeContrast", "rlnImagePixelSize", "rlnImageSize", "rlnImageDimensionality");
            optics.addRow("1", "opticsGroup1", "300", "2.7", "0.1", Double.toString(px), Integer.toString(n), "3");
            StarTable parts = StarTable.loop("rlnImageName", "rlnCtfImage", "rlnMicrographName", "rlnOpticsGroup", "rlnCoordinateX",
                    "rlnCoordinateY", "rlnCoordinateZ", "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle", "rlnOriginXAngst", "rlnOriginYAngst",
                    "rlnOriginZAngst");
            StarTable truth = StarTable.loop("rlnImageName", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnOriginXAngst", "rlnOriginYAngst",
                    "rlnOriginZAngst");
            for (int i = 0; i < s.data.size(); i++) {
                String name = String.format(Locale.ROOT, "Subtomograms/p%05d.mrc", i + 1);
                String ctf = String.format(Locale.ROOT, "Subtomograms/p%05d_ctf.mrc", i + 1);
                MrcWriter.write(dir.resolve(name), new RealGrid(n, n, n, s.data.volumes[i]), px);
                s.data.ctf[i].write(dir.resolve(ctf), px);
                String df = Double.toString(s.defocus[i]);
                parts.addRow(name, ctf, "tomo1", "1", Integer.toString(100 + i), "100", "100", df, df, "0", "0", "0", "0");
                truth.addRow(name, Double.toString(s.trueRot[i]), Double.toString(s.trueTilt[i]), Double.toString(s.truePsi[i]),
                        Double.toString(s.trueOx[i]), Double.toString(s.trueOy[i]), Double.toString(s.trueOz[i]));
            }
            StarWriter.write(new StarFile().add("optics", optics).add("particles", parts), dir.resolve("particles.star"));
            StarWriter.write(new StarFile().add("optics", optics.copy()).add("particles", truth), dir.resolve("truth_particles.star"));
            MrcWriter.write(dir.resolve("truth.mrc"), s.truth, px);
            return dir.resolve("particles.star");
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write the synthetic project: " + e.getMessage(), e);
        }
    }
}
