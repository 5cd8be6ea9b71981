package org.subtomo.prep.ctfmodel;

/**
 * The CTF of one tilt image at one particle: defocus U/V (Å, the tilt's fitted defocus plus the
 * particle's depth offset), astigmatism angle (degrees), and the dose (e⁻/Å²) accumulated before
 * the image, which sets the dose B-factor.
 */
public record TiltCtf(double tiltDeg, double defocusU, double defocusV, double defocusAngle, double dose) {}
