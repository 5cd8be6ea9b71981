package org.subtomo.sim.sample;

import org.junit.jupiter.api.Test;
import org.subtomo.core.error.InputException;

import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TiltSchemeTest {
    @Test void doseSymmetricFollowsHagenOrder() {
        TiltScheme s = TiltScheme.of(TiltScheme.Kind.DOSE_SYMMETRIC, 9, 3, 2.5);
        assertArrayEquals(new double[]{-9, -6, -3, 0, 3, 6, 9}, s.anglesDeg(), 1e-12);
        List<Double> acquired = s.tilts().stream().sorted(Comparator.comparingInt(TiltScheme.Tilt::acquisitionIndex))
                .map(TiltScheme.Tilt::angleDeg).toList();
        assertEquals(List.of(0.0, 3.0, -3.0, -6.0, 6.0, 9.0, -9.0), acquired);
        // Dose before each image = its acquisition index × dose per tilt.
        assertEquals(0.0, s.tilts().get(3).priorDose());
        assertEquals(2.5, s.tilts().get(4).priorDose());   // +3 second
        assertEquals(15.0, s.tilts().get(0).priorDose());  // -9 last of 7
    }

    @Test void bidirectionalAndUnidirectional() {
        TiltScheme b = TiltScheme.of(TiltScheme.Kind.BIDIRECTIONAL, 60, 30, 1);
        assertArrayEquals(new double[]{4, 3, 0, 1, 2}, b.tilts().stream().mapToDouble(TiltScheme.Tilt::priorDose).toArray(), 1e-12);
        TiltScheme u = TiltScheme.of(TiltScheme.Kind.UNIDIRECTIONAL, 60, 30, 1);
        assertArrayEquals(new double[]{0, 1, 2, 3, 4}, u.tilts().stream().mapToDouble(TiltScheme.Tilt::priorDose).toArray(), 1e-12);
        assertEquals(41, TiltScheme.of(TiltScheme.Kind.DOSE_SYMMETRIC, 60, 3, 3).size());
    }

    @Test void badOptionsAreOneLineErrors() {
        InputException e = assertThrows(InputException.class, () -> TiltScheme.of(TiltScheme.Kind.DOSE_SYMMETRIC, 95, 3, 3));
        assertTrue(e.getMessage().startsWith("--tilt_max 95.0"), e.getMessage());
        assertThrows(InputException.class, () -> TiltScheme.of(TiltScheme.Kind.DOSE_SYMMETRIC, 60, 3, -1));
        assertThrows(InputException.class, () -> TiltScheme.of(TiltScheme.Kind.DOSE_SYMMETRIC, 60, 0, 3));
    }
}
