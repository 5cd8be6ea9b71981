package org.subtomo.core.geom;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class EulerTest {
    private static final double EPS = 1e-12;

    private static void assertMatrix(double[] expectedRowMajor, Matrix3 actual, double tol) {
        assertTrue(Matrix3.of(expectedRowMajor).maxAbsDiff(actual) < tol, () -> "got " + actual);
    }

    @Test void simpleAnglesGiveHandComputedMatrices() {
        // rot only: passive Rz, row 0 = (cos, sin, 0).
        assertMatrix(new double[]{0, 1, 0, -1, 0, 0, 0, 0, 1}, Euler.toMatrix(Math.PI / 2, 0, 0), EPS);
        // psi only: the same elementary matrix (rot and psi coincide at tilt 0).
        assertMatrix(new double[]{0, 1, 0, -1, 0, 0, 0, 0, 1}, Euler.toMatrix(0, 0, Math.PI / 2), EPS);
        // tilt 90: Ry(90) = [[0,0,-1],[0,1,0],[1,0,0]]; viewing direction (row 2) = +x.
        assertMatrix(new double[]{0, 0, -1, 0, 1, 0, 1, 0, 0}, Euler.toMatrix(0, Math.PI / 2, 0), EPS);
        // rot 90, tilt 90: view along +y; Ry(90) Rz(90) = [[0,0,-1],[0,1,0],[1,0,0]]·[[0,1,0],[-1,0,0],[0,0,1]].
        assertMatrix(new double[]{0, 0, -1, -1, 0, 0, 0, 1, 0}, Euler.toMatrix(Math.PI / 2, Math.PI / 2, 0), EPS);
        // tilt 180: z flips, x flips.
        assertMatrix(new double[]{-1, 0, 0, 0, 1, 0, 0, 0, -1}, Euler.toMatrix(0, Math.PI, 0), EPS);
    }

    @Test void matchesTheRelionFormulaRowByRow() {
        // Written out from the documented RELION formula (reference §5), independently of Euler.toMatrix.
        double a = 0.3, b = 1.1, g = -2.0;
        double ca = Math.cos(a), sa = Math.sin(a), cb = Math.cos(b), sb = Math.sin(b), cg = Math.cos(g), sg = Math.sin(g);
        double[] expected = {
                cg * cb * ca - sg * sa, cg * cb * sa + sg * ca, -cg * sb,
                -sg * cb * ca - cg * sa, -sg * cb * sa + cg * ca, sg * sb,
                sb * ca, sb * sa, cb};
        assertMatrix(expected, Euler.toMatrix(a, b, g), EPS);
        // ... and the product of the passive elementary rotations Rz(psi) Ry(tilt) Rz(rot).
        Matrix3 rz = Matrix3.rotationAbout(0, 0, 1, -a), ry = Matrix3.rotationAbout(0, 1, 0, -b), rz2 = Matrix3.rotationAbout(0, 0, 1, -g);
        assertTrue(rz2.times(ry).times(rz).maxAbsDiff(Euler.toMatrix(a, b, g)) < EPS);
    }

    @Test void viewingDirectionIsRowTwoAndMapsToParticleZ() {
        Random r = new Random(3);
        for (int i = 0; i < 100; i++) {
            Euler e = new Euler(r.nextDouble() * 2 * Math.PI - Math.PI, r.nextDouble() * Math.PI, r.nextDouble() * 2 * Math.PI);
            double[] d = e.viewingDirection();
            double rot = e.rot(), tilt = e.tilt();
            assertArrayEquals(new double[]{Math.cos(rot) * Math.sin(tilt), Math.sin(rot) * Math.sin(tilt), Math.cos(tilt)}, d, EPS);
            Matrix3 a = e.toMatrix();
            assertArrayEquals(new double[]{a.m20(), a.m21(), a.m22()}, d, EPS);
            // A maps the reference's viewing direction onto the particle frame's z axis (the projection axis).
            assertArrayEquals(new double[]{0, 0, 1}, a.apply(d), 1e-12);
        }
    }

    @Test void randomRoundTripsRecoverTheMatrix() {
        Random r = new Random(7);
        for (int i = 0; i < 2000; i++) {
            double rot = r.nextDouble() * 2 * Math.PI - Math.PI, psi = r.nextDouble() * 2 * Math.PI - Math.PI;
            double tilt = switch (i % 10) { case 0 -> 0; case 1 -> Math.PI; case 2 -> 1e-12; default -> r.nextDouble() * Math.PI; };
            Matrix3 a = Euler.toMatrix(rot, tilt, psi);
            Euler e = Euler.fromMatrix(a);
            assertTrue(e.toMatrix().maxAbsDiff(a) < 1e-9, () -> "round trip failed for " + e);
            assertTrue(e.tilt() >= 0 && e.tilt() <= Math.PI);
            if (tilt > 1e-3 && tilt < Math.PI - 1e-3) { // away from gimbal lock the angles themselves come back
                assertEquals(0, wrap(e.rot() - rot), 1e-9);
                assertEquals(tilt, e.tilt(), 1e-9);
                assertEquals(0, wrap(e.psi() - psi), 1e-9);
            }
        }
    }

    @Test void gimbalLockPutsTheInPlaneAngleIntoPsi() {
        Euler e0 = Euler.fromMatrix(Euler.toMatrix(0.4, 0, 0.5));
        assertEquals(0, e0.rot(), EPS); assertEquals(0, e0.tilt(), EPS); assertEquals(0.9, e0.psi(), 1e-12);
        Euler e180 = Euler.fromMatrix(Euler.toMatrix(0.4, Math.PI, 0.5));
        assertEquals(0, e180.rot(), EPS); assertEquals(Math.PI, e180.tilt(), EPS);
        // At tilt 180, Rz(psi) Ry(pi) Rz(rot) = Rz(psi - rot) Ry(pi).
        assertEquals(0.1, e180.psi(), 1e-12);
    }

    @Test void compositionIsMatrixProduct() {
        Euler a = Euler.ofDegrees(10, 20, 30), b = Euler.ofDegrees(-50, 100, 170);
        assertTrue(a.compose(b).toMatrix().maxAbsDiff(a.toMatrix().times(b.toMatrix())) < 1e-12);
        assertEquals(10, a.rotDeg(), 1e-12); assertEquals(20, a.tiltDeg(), 1e-12); assertEquals(30, a.psiDeg(), 1e-12);
    }

    @Test void distanceIsTheAngleOfTheRelativeRotation() {
        Euler a = Euler.ofDegrees(10, 20, 30);
        assertEquals(0, a.distanceTo(a), 1e-7);
        // Adding 25 degrees of psi is a 25 degree rotation.
        assertEquals(Math.toRadians(25), a.distanceTo(Euler.ofDegrees(10, 20, 55)), 1e-12);
        // Tiny angles stay accurate.
        assertEquals(1e-7, a.distanceTo(new Euler(a.rot(), a.tilt(), a.psi() + 1e-7)), 1e-13);
        // Against the trace formula on random pairs; symmetric in its arguments.
        Random r = new Random(11);
        for (int i = 0; i < 200; i++) {
            Matrix3 m1 = randomRotation(r), m2 = randomRotation(r);
            double viaTrace = Math.acos(Math.max(-1, Math.min(1, (m1.transpose().times(m2).trace() - 1) / 2)));
            assertEquals(viaTrace, Euler.distance(m1, m2), 1e-6);
            assertEquals(Euler.distance(m2, m1), Euler.distance(m1, m2), 1e-12);
        }
    }

    @Test void symmetryAwareDistanceSeesMates() {
        SymmetryGroup c4 = SymmetryGroup.parse("C4");
        Matrix3 a = Euler.ofDegrees(10, 40, 30).toMatrix();
        Matrix3 rz90 = Matrix3.rotationAbout(0, 0, 1, Math.PI / 2);
        Matrix3 mate = a.times(rz90);
        assertEquals(Math.PI / 2, Euler.distance(a, mate), 1e-9);
        assertEquals(0, Euler.distance(a, mate, c4), 1e-7);
        // A rotation about x is no C4 mate: the symmetry-aware distance stays > 0 and <= the plain one.
        Matrix3 other = a.times(Matrix3.rotationAbout(1, 0, 0, 0.3));
        double d = Euler.distance(a, other, c4);
        assertEquals(0.3, d, 1e-9);
        assertTrue(Euler.distance(a, other, SymmetryGroup.parse("O")) <= d + 1e-12);
    }

    static Matrix3 randomRotation(Random r) {
        // Uniform via a random unit quaternion.
        double q0 = r.nextGaussian(), q1 = r.nextGaussian(), q2 = r.nextGaussian(), q3 = r.nextGaussian();
        double n = Math.sqrt(q0 * q0 + q1 * q1 + q2 * q2 + q3 * q3);
        return Matrix3.rotationAbout(q1, q2, q3, 2 * Math.acos(q0 / n));
    }

    private static double wrap(double a) { return Math.IEEEremainder(a, 2 * Math.PI); }
}
