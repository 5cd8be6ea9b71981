package org.subtomo.sim.tilt;

/**
 * The CTF of one tilt image at the tomogram centre (what CTFFIND would measure on it): defocus U
 * and V (Å, positive = underfocus) and the astigmatism angle (degrees), RELION's convention.
 */
public record TiltImageCtf(double defocusU, double defocusV, double defocusAngle) {}
