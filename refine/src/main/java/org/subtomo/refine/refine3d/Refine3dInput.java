package org.subtomo.refine.refine3d;

import org.subtomo.core.ctf.CtfVolume;
import org.subtomo.core.error.InputException;
import org.subtomo.core.grid.RealGrid;
import org.subtomo.core.io.mrc.ImageRef;
import org.subtomo.core.io.mrc.MrcReader;
import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.refine.ml.ParticleData3D;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a sub-tomogram particle STAR file (rlnImageName → N³ volumes, rlnCtfImage → 3D CTF volumes)
 * into {@link ParticleData3D}, with the poses, origins and half sets it already has. Noise groups:
 * rlnGroupName, else rlnMicrographName (one per tomogram, RELION's rule), else one group.
 */
public final class Refine3dInput {
    private Refine3dInput() {}

    public static ParticleStar readStar(Path star) {
        if (!Files.isRegularFile(star)) throw new InputException(star + ": no such file");
        try {
            ParticleStar ps = ParticleStar.read(star);
            ps.rows().require("rlnImageName");
            ps.requirePixelSize();
            if (ps.size() == 0) throw new InputException(star + ": no particles in data_" + ps.dataBlock().name());
            ps.check();
            return ps;
        } catch (IOException e) {
            throw new InputException(star + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * As written (relative to the working directory, RELION's rule), else relative to the STAR file's directory or one
     * above it (a project root, when the STAR file sits in a job directory such as Select/job004/ and names images
     * relative to the project), else the same from {@code base}.
     */
    static Path resolve(Path file, Path star, Path base) {
        if (file.isAbsolute() || Files.exists(file)) return file;
        for (Path s : new Path[]{star, base}) {
            for (Path dir = s == null ? null : s.toAbsolutePath().getParent(); dir != null; dir = dir.getParent())
                if (Files.exists(dir.resolve(file))) return dir.resolve(file);
        }
        return file;
    }

    public static ParticleData3D load(ParticleStar ps, Path star, boolean ctf) { return load(ps, star, ctf, null); }

    /** {@code originalStar}: the run's first input, whose directory also anchors relative names (continued runs). */
    public static ParticleData3D load(ParticleStar ps, Path star, boolean ctf, Path originalStar) { return load(ps, star, ctf, originalStar, false); }

    /**
     * With {@code stream} the files are only checked here (headers) and read again whenever a particle is processed
     * (RELION's way; memory independent of the number of particles); otherwise all are held in memory.
     */
    public static ParticleData3D load(ParticleStar ps, Path star, boolean ctf, Path originalStar, boolean stream) {
        int np = ps.size();
        double pixel = ps.pixelSize(0);
        float[][] vols = new float[np][];
        CtfVolume[] ctfs = ctf ? new CtfVolume[np] : null;
        Path[] volFiles = new Path[np], ctfFiles = new Path[np];
        if (ctf && !ps.has("rlnCtfImage"))
            throw new InputException(star + ": --ctf needs rlnCtfImage (a 3D CTF volume per sub-tomogram); run `subtomo prepare` or drop --ctf");
        int n = -1;
        for (int i = 0; i < np; i++) {
            ImageRef ref = ImageRef.parse(ps.get(i, "rlnImageName"));
            Path file = resolve(ref.file(), star, originalStar);
            if (!Files.isRegularFile(file)) throw new InputException(star + ": particle " + (i + 1) + ": " + ref.file() + " does not exist");
            RealGrid g = null;
            int gx, gy, gz;
            try (MrcReader r = MrcReader.open(file)) {
                gx = r.header().nx; gy = r.header().ny; gz = r.header().nz;
                if (!stream) g = r.readAll();
            }
            if (stream) volFiles[i] = file;
            if (gx != gy || gy != gz)
                throw new InputException(star + ": particle " + (i + 1) + " (" + file + ") is " + gx + "x" + gy + "x" + gz + "; sub-tomograms must be cubes");
            if (n < 0) {
                n = gx;
                if (n % 2 != 0) throw new InputException(star + ": box size must be even; " + file + " is " + n);
            } else if (gx != n) throw new InputException(star + ": particle " + (i + 1) + " is " + gx + "^3, the first was " + n + "^3");
            if (!stream) vols[i] = g.data;
            if (ctf) {
                Path cf = resolve(Path.of(ps.get(i, "rlnCtfImage")), star, originalStar);
                if (!Files.isRegularFile(cf)) throw new InputException(star + ": particle " + (i + 1) + ": CTF volume " + cf + " does not exist");
                int cn;
                if (stream) {   // a cube n³ or an FFTW half volume (n/2+1)×n×n: n is the header's ny
                    try (MrcReader r = MrcReader.open(cf)) { cn = r.header().ny; }
                    ctfFiles[i] = cf;
                } else {
                    ctfs[i] = CtfVolume.read(cf);
                    cn = ctfs[i].n;
                }
                if (cn != n) throw new InputException(cf + ": CTF volume is " + cn + "^3, the particle is " + n + "^3");
            }
            if (Math.abs(ps.pixelSize(i) - pixel) > 1e-6 * pixel)
                throw new InputException(star + ": particle " + (i + 1) + " has pixel size " + ps.pixelSize(i) + " A, the first " + pixel + " A");
        }
        Map<String, Integer> groups = new LinkedHashMap<>();
        int[] group = new int[np];
        String label = ps.has("rlnGroupName") ? "rlnGroupName" : ps.has("rlnMicrographName") ? "rlnMicrographName" : null;
        for (int i = 0; i < np; i++) {
            String g = label == null ? "group1" : ps.get(i, label);
            group[i] = groups.computeIfAbsent(g, k -> groups.size());
        }
        String[] names = groups.keySet().toArray(String[]::new);
        ParticleData3D d = stream ? new ParticleData3D(n, pixel, np, new FileSource(volFiles, ctfFiles), ctf, group, names)
                : new ParticleData3D(n, pixel, vols, ctfs, group, names);
        for (int i = 0; i < np; i++) {
            d.originX[i] = ps.originAngst(i, 0); d.originY[i] = ps.originAngst(i, 1); d.originZ[i] = ps.originAngst(i, 2);
            if (ps.has("rlnAngleRot")) d.rot[i] = ps.getDouble(i, "rlnAngleRot");
            if (ps.has("rlnAngleTilt")) d.tilt[i] = ps.getDouble(i, "rlnAngleTilt");
            if (ps.has("rlnAnglePsi")) d.psi[i] = ps.getDouble(i, "rlnAnglePsi");
            if (ps.has("rlnRandomSubset")) d.randomSubset[i] = (int) ps.getDouble(i, "rlnRandomSubset");
        }
        return d;
    }

    /** Particles read from their MRC files at each use. */
    private record FileSource(Path[] volumes, Path[] ctfs) implements ParticleData3D.Source {
        @Override public float[] volume(int i) {
            try (MrcReader r = MrcReader.open(volumes[i])) { return r.readAll().data; }
        }

        @Override public CtfVolume ctf(int i) { return ctfs[i] == null ? null : CtfVolume.read(ctfs[i]); }
    }
}
