package org.subtomo.sim.model;

/**
 * One atom of an atomic model: element symbol (upper case, e.g. "C", "SE"), Cartesian position in Å,
 * isotropic B-factor in Å² and occupancy, plus the chain it belongs to (to build a second
 * conformation by removing a chain).
 */
public record Atom(String element, double x, double y, double z, double bFactor, double occupancy,
                   String chain, boolean water) {}
