package org.subtomo.sim.sample;

import org.subtomo.core.grid.RealGrid;

/**
 * One kind of object in a simulated sample: a particle conformation (with its ground-truth class)
 * or junk (gold bead, ice blob). {@code map} is its potential (Å⁻², see DensityRenderer) in a cubic
 * box large enough for projection with CTF delocalisation; {@code radiusPx} its extent.
 */
public record Species(String name, SampleLayout.Kind kind, int truthClass, RealGrid map, double radiusPx) {}
