package org.subtomo.refine.class2d;

import org.subtomo.core.ctf.CtfParams;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.ImageRef;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.refine.ml.ParticleData2D;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a particle STAR file and its image stacks into {@link ParticleData2D}, with one-line errors. */
public final class Class2dInput {
    private Class2dInput() {}

    public static ParticleStar readStar(Path star) {
        if (!Files.isRegularFile(star)) throw new InputException(star + ": no such file");
        try {
            ParticleStar ps = ParticleStar.read(star);
            ps.rows().require("rlnImageName");
            ps.requirePixelSize();
            if (ps.size() == 0) throw new InputException(star + ": no particles in data_" + ps.dataBlock().name());
            return ps;
        } catch (NoSuchFileException e) {
            throw new InputException(star + ": no such file");
        } catch (IOException e) {
            throw new InputException(star + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Image path: as written (relative to the working directory, RELION's rule), else relative to the STAR
     * file's directory or the nearest directory above it where it exists (a project root, when the STAR file
     * sits in a job directory such as Extract/job002/ and names images relative to the project).
     */
    static Path resolve(Path file, Path star) {
        if (file.isAbsolute() || Files.exists(file)) return file;
        for (Path dir = star.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path alt = dir.resolve(file);
            if (Files.exists(alt)) return alt;
        }
        return file;
    }

    public static ParticleData2D load(ParticleStar ps, Path star, boolean ctf) {
        int np = ps.size();
        float[][] images = new float[np][];
        Map<Path, MrcReader> readers = new HashMap<>();
        int n = -1;
        double pixel = ps.pixelSize(0);
        try {
            for (int i = 0; i < np; i++) {
                String name = ps.get(i, "rlnImageName");
                ImageRef ref = ImageRef.parse(name);
                Path file = resolve(ref.file(), star);
                if (!Files.isRegularFile(file))
                    throw new InputException(star + ": particle " + (i + 1) + ": image stack " + ref.file() + " does not exist");
                MrcReader r = readers.computeIfAbsent(file, MrcReader::open);
                RealGrid g = ref.isWholeFile() ? r.readSection(0) : readImage(r, ref, star, i);
                if (n < 0) {
                    n = g.nx;
                    if (g.nx != g.ny) throw new InputException(star + ": images must be square; " + name + " is " + g.nx + "x" + g.ny);
                    if (n % 2 != 0) throw new InputException(star + ": box size must be even; " + name + " is " + n + " px");
                } else if (g.nx != n || g.ny != n) {
                    throw new InputException(star + ": particle " + (i + 1) + " (" + name + ") is " + g.nx + "x" + g.ny + ", the first was " + n + "x" + n);
                }
                images[i] = g.data;
                if (Math.abs(ps.pixelSize(i) - pixel) > 1e-6 * pixel)
                    throw new InputException(star + ": particle " + (i + 1) + " has pixel size " + ps.pixelSize(i) + " A, the first has " + pixel + " A; use one pixel size per run");
            }
        } finally {
            for (MrcReader r : readers.values()) r.close();
        }
        // noise groups: optics groups (3.1), else one group
        Map<String, Integer> groups = new LinkedHashMap<>();
        int[] group = new int[np];
        for (int i = 0; i < np; i++) {
            String g = ps.optics().isPresent() ? "opticsGroup" + (ps.opticsRow(i) + 1) : "group1";
            group[i] = groups.computeIfAbsent(g, k -> groups.size());
        }
        CtfParams[] ctfs = null;
        if (ctf) {
            for (String l : new String[]{"rlnDefocusU", "rlnDefocusV", "rlnVoltage", "rlnSphericalAberration", "rlnAmplitudeContrast"}) {
                if (!ps.has(l)) throw new InputException(star + ": --ctf needs " + l + " for every particle (or in data_optics); it has none");
            }
            ctfs = new CtfParams[np];
            for (int i = 0; i < np; i++) {
                double angle = ps.has("rlnDefocusAngle") ? ps.getDouble(i, "rlnDefocusAngle") : 0;
                ctfs[i] = CtfParams.of(ps.getDouble(i, "rlnDefocusU"), ps.getDouble(i, "rlnDefocusV"), angle,
                        ps.voltage(i), ps.sphericalAberration(i), ps.amplitudeContrast(i));
            }
        }
        double[] ox = new double[np], oy = new double[np];
        for (int i = 0; i < np; i++) { ox[i] = ps.originAngst(i, 0); oy[i] = ps.originAngst(i, 1); }
        return new ParticleData2D(n, pixel, images, group, groups.keySet().toArray(String[]::new), ctfs, ox, oy);
    }

    private static RealGrid readImage(MrcReader r, ImageRef ref, Path star, int i) {
        return r.readImage(ref.index().getAsInt());
    }
}
