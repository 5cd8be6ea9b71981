package org.subtomo.prep.extract;

/**
 * A particle's name that survives any reordering or subsetting of STAR rows: RELION 4's
 * {@code rlnTomoParticleName} label, spelled as RELION 4 spells it, {@code <tomogram>/<number>},
 * where the number counts the particles of that tomogram from 1 in input order (for coordinates
 * read from a .coords file: the k-th coordinate line). Both particles_subtomo.star and
 * subtomo_proj2d.star carry it, so 2D→3D selection matches on it, not on row order. RELION 3.1
 * keeps unknown labels it reads, and {@code select --from2d} falls back to rlnMicrographName plus
 * coordinates for files that lost the column.
 */
public final class ParticleIdentity {
    private ParticleIdentity() {}

    public static final String LABEL = "rlnTomoParticleName";

    public static String of(String tomogram, int number) { return tomogram + "/" + number; }
}
