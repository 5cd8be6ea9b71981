package org.subtomo.sim.sample;

import org.subtomo.core.error.InputException;
import org.subtomo.core.geom.Matrix3;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Where the objects of one simulated tomogram sit: particles of each species and junk (gold beads,
 * ice blobs), at random non-overlapping positions inside a slab of ice, with uniform random
 * orientations.
 *
 * <p>Positions are in tomogram voxels (X, Y, Z; the slab is centred on Z = nz/2), as the .coords
 * file gives them.
 */
public final class SampleLayout {
    private SampleLayout() {}

    public enum Kind { PARTICLE, GOLD, ICE }

    /** One placed object. {@code species} indexes the particle species (−1 for junk). */
    public record Placed(Kind kind, int species, double x, double y, double z, double radiusPx, Matrix3 rotation) {}

    /**
     * @param nx,ny,nz          tomogram size in voxels
     * @param slabThicknessPx   ice thickness in voxels (objects lie fully inside it when they fit)
     * @param edgeMarginPx      keep object centres this far from the X/Y edges (e.g. half the extraction box)
     * @param counts            particles per species
     * @param radiiPx           radius of each species in voxels
     */
    public static List<Placed> place(int nx, int ny, int nz, double slabThicknessPx, double edgeMarginPx,
                                     int[] counts, double[] radiiPx, int gold, double goldRadiusPx,
                                     int ice, double iceRadiusPx, RandomGenerator rng) {
        if (slabThicknessPx > nz) throw new InputException("--thickness: the ice slab (" + slabThicknessPx + " px) is thicker than the tomogram (" + nz + " px); lower --thickness or raise --tomo_z");
        List<Placed> todo = new ArrayList<>();
        for (int s = 0; s < counts.length; s++)
            for (int i = 0; i < counts[s]; i++) todo.add(new Placed(Kind.PARTICLE, s, 0, 0, 0, radiiPx[s], null));
        for (int i = 0; i < gold; i++) todo.add(new Placed(Kind.GOLD, -1, 0, 0, 0, goldRadiusPx, null));
        for (int i = 0; i < ice; i++) todo.add(new Placed(Kind.ICE, -1, 0, 0, 0, iceRadiusPx, null));
        // Shuffle so that the species are interleaved in .coords, as a picker would list them.
        for (int i = todo.size() - 1; i > 0; i--) { int j = rng.nextInt(i + 1); Placed t = todo.get(i); todo.set(i, todo.get(j)); todo.set(j, t); }

        List<Placed> placed = new ArrayList<>();
        double zLo = nz / 2.0 - slabThicknessPx / 2, zHi = nz / 2.0 + slabThicknessPx / 2;
        for (Placed p : todo) {
            double r = p.radiusPx();
            double margin = Math.max(edgeMarginPx, r);
            double zMin = Math.min(zLo + r, nz / 2.0), zMax = Math.max(zHi - r, nz / 2.0);
            if (nx - 2 * margin <= 0 || ny - 2 * margin <= 0)
                throw new InputException("the tomogram (" + nx + "x" + ny + " px) is too small for objects of radius " + Math.round(margin) + " px; raise --tomo_xy or lower --box");
            boolean ok = false;
            for (int attempt = 0; attempt < 20000 && !ok; attempt++) {
                double x = margin + rng.nextDouble() * (nx - 2 * margin);
                double y = margin + rng.nextDouble() * (ny - 2 * margin);
                double z = zMin + rng.nextDouble() * (zMax - zMin);
                ok = true;
                for (Placed q : placed) {
                    double dx = x - q.x(), dy = y - q.y(), dz = z - q.z(), d = r + q.radiusPx();
                    if (dx * dx + dy * dy + dz * dz < d * d) { ok = false; break; }
                }
                if (ok) placed.add(new Placed(p.kind(), p.species(), x, y, z, r, RandomRotations.uniform(rng)));
            }
            if (!ok) throw new InputException("cannot place " + todo.size() + " non-overlapping objects in a " + nx + "x" + ny
                    + " px tomogram with a " + Math.round(slabThicknessPx) + " px slab; use fewer particles per tomogram or more tomograms");
        }
        return placed;
    }
}
