package org.subtomo.core.geom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class HealpixSamplingTest {

    private static double[] randomDirection(Random r) {
        double[] v = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[]{v[0] / n, v[1] / n, v[2] / n};
    }

    @ParameterizedTest
    @ValueSource(strings = {"C1", "C2", "C7", "D2", "D5", "T", "O", "I1", "I2", "I3", "I4", "C3v", "D3h"})
    void asymmetricUnitTilesTheSphere(String name) {
        SymmetryGroup g = SymmetryGroup.parse(name);
        AsymmetricUnit unit = new AsymmetricUnit(g);
        Random r = new Random(name.hashCode());
        for (int i = 0; i < 2000; i++) {
            double[] d = randomDirection(r);
            // Exactly one of the mates R^T d (distinct for a generic d) lies in the unit.
            int inside = 0;
            for (Matrix3 rot : g.rotations()) if (unit.containsDirection(rot.transpose().apply(d))) inside++;
            assertEquals(1, inside, name + ": mates of a random direction inside the unit");
        }
        // toUnit returns a true mate with its direction inside.
        Matrix3 a = Euler.ofDegrees(123, 77, -40).toMatrix();
        Matrix3 m = unit.toUnit(a);
        assertTrue(unit.containsDirection(new double[]{m.m20(), m.m21(), m.m22()}));
        assertEquals(0, Euler.distance(a, m, g), 1e-7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C1", "C4", "C7", "D2", "D5", "T", "O", "I", "I1", "I3", "I4"})
    void directionsKeptAreAboutTotalOverOrder(String name) {
        SymmetryGroup g = SymmetryGroup.parse(name);
        HealpixSampling s = new HealpixSampling(4);
        int total = s.numDirections(), kept = s.directionsInUnit(g).length;
        double expected = (double) total / g.rotations().size();
        // Boundary pixels may be kept twice (ties are kept, as in RELION): allow a few per cent plus a rim.
        assertEquals(expected, kept, 0.05 * expected + 10, name + ": kept " + kept + " of " + total);
        assertEquals((long) kept * s.numPsi(), s.orientations(g).size());
    }

    @Test void relionWedgesForCnAndDn() {
        HealpixSampling s = new HealpixSampling(3);
        for (int p : s.directionsInUnit(SymmetryGroup.parse("C4")))
            assertTrue(Math.abs(Math.toDegrees(s.rot(p))) <= 45 + 1e-9);
        for (int p : s.directionsInUnit(SymmetryGroup.parse("D4"))) {
            assertTrue(Math.abs(Math.toDegrees(s.rot(p)) - 90) <= 45 + 1e-9);
            assertTrue(Math.toDegrees(s.tilt(p)) <= 90 + 1e-9);
        }
    }

    @Test void globalOrientationsCoverRotationSpace() {
        // Every random orientation has a sampled orientation (up to C2 symmetry) within about one step.
        SymmetryGroup g = SymmetryGroup.parse("C2");
        HealpixSampling s = new HealpixSampling(1);
        List<HealpixSampling.Orientation> all = s.orientations(g);
        Random r = new Random(9);
        double worst = 0;
        for (int i = 0; i < 200; i++) {
            Matrix3 a = EulerTest.randomRotation(r);
            double best = Double.POSITIVE_INFINITY;
            for (HealpixSampling.Orientation o : all) best = Math.min(best, Euler.distance(a, o.matrix(), g));
            worst = Math.max(worst, best);
        }
        assertTrue(worst < s.angularStep(), "worst " + Math.toDegrees(worst) + " deg at a 30 deg step");
    }

    @Test void localNeighbourhoodContainsTheCentreAndOnlyNearbyOrientations() {
        HealpixSampling s = new HealpixSampling(4); // 3.75 deg
        SymmetryGroup c1 = SymmetryGroup.C1;
        int pixel = 1234, psiIndex = 17;
        Euler centre = new Euler(s.rot(pixel), s.tilt(pixel), s.psiAngles()[psiIndex]);
        double radius = Math.toRadians(10);
        List<HealpixSampling.Neighbour> near = s.localOrientations(centre.toMatrix(), radius, c1);
        assertTrue(near.stream().anyMatch(n -> n.orientation().pixel() == pixel && n.orientation().psiIndex() == psiIndex && n.distance() < 1e-7));
        for (HealpixSampling.Neighbour n : near) {
            assertTrue(n.distance() <= radius);
            assertEquals(n.distance(), Euler.distance(centre.toMatrix(), n.orientation().matrix()), 1e-9);
        }
        // Complete: a brute-force scan finds the same count. Roughly the volume of a 10 deg ball in SO(3) over the
        // volume per sample (8 pi^2 / (N_dir N_psi)): (r - sin r)/pi * N_dir * N_psi.
        int brute = 0;
        double[] psi = s.psiAngles();
        for (int p = 0; p < s.numDirections(); p++) for (double ps : psi)
            if (Euler.distance(centre.toMatrix(), Euler.toMatrix(s.rot(p), s.tilt(p), ps)) <= radius) brute++;
        assertEquals(brute, near.size());
        double expected = (radius - Math.sin(radius)) / Math.PI * s.numDirections() * s.numPsi();
        assertEquals(expected, near.size(), 0.35 * expected);
    }

    @Test void localNeighbourhoodFindsSymmetryMates() {
        HealpixSampling s = new HealpixSampling(3);
        Matrix3 centre = Euler.ofDegrees(20, 60, 30).toMatrix();
        double radius = Math.toRadians(12);
        int c1 = s.localOrientations(centre, radius, SymmetryGroup.C1).size();
        List<HealpixSampling.Neighbour> c3 = s.localOrientations(centre, radius, SymmetryGroup.parse("C3"));
        // Three disjoint neighbourhoods, one around each mate: about three times as many orientations.
        assertEquals(3.0 * c1, c3.size(), 0.2 * c1);
        Matrix3 mate = centre.times(Matrix3.rotationAbout(0, 0, 1, 2 * Math.PI / 3));
        assertTrue(c3.stream().anyMatch(n -> Euler.distance(mate, n.orientation().matrix()) < s.angularStep()));
    }
}
