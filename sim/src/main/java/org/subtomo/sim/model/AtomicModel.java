package org.subtomo.sim.model;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** An atomic model (first model of a PDB/mmCIF file): its atoms and where it came from. */
public record AtomicModel(String name, List<Atom> atoms) {
    public AtomicModel { atoms = List.copyOf(atoms); }

    public Set<String> chains() {
        Set<String> s = new TreeSet<>();
        for (Atom a : atoms) s.add(a.chain());
        return s;
    }

    /** The model without waters (a simulated sample has its own solvent). */
    public AtomicModel withoutWater() {
        return new AtomicModel(name, atoms.stream().filter(a -> !a.water()).toList());
    }

    /** The model without the given chains: a second "conformation" with a domain missing. */
    public AtomicModel withoutChains(Set<String> chains) {
        return new AtomicModel(name + " without chain(s) " + String.join(",", chains),
                atoms.stream().filter(a -> !chains.contains(a.chain())).toList());
    }

    /** Centre of the atoms, unweighted (geometric), Å. */
    public double[] centre() {
        double[] c = new double[3];
        for (Atom a : atoms) { c[0] += a.x(); c[1] += a.y(); c[2] += a.z(); }
        for (int i = 0; i < 3; i++) c[i] /= Math.max(1, atoms.size());
        return c;
    }

    /** Largest distance of an atom from {@link #centre()}, Å: the box must hold twice this. */
    public double radius() {
        double[] c = centre();
        double r2 = 0;
        for (Atom a : atoms) {
            double dx = a.x() - c[0], dy = a.y() - c[1], dz = a.z() - c[2];
            r2 = Math.max(r2, dx * dx + dy * dy + dz * dz);
        }
        return Math.sqrt(r2);
    }
}
