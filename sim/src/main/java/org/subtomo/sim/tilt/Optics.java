package org.subtomo.sim.tilt;

/** Microscope settings of a simulated acquisition (RELION's units: kV, mm, fraction, Å/pixel). */
public record Optics(double voltageKv, double csMm, double amplitudeContrast, double pixelSize) {}
