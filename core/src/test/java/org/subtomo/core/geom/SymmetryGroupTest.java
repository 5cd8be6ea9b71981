package org.subtomo.core.geom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.subtomo.core.error.InputException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SymmetryGroupTest {

    @ParameterizedTest
    @CsvSource({"C1,1", "c2,2", "C7,7", "D2,4", "d5,10", "T,12", "O,24", "I,60", "I1,60", "I2,60", "I3,60", "I4,60",
            "Ci,2", "Cs,2", "C3v,6", "C4h,8", "D3h,12"})
    void orderAndClosure(String name, int order) {
        SymmetryGroup g = SymmetryGroup.parse(name);
        assertEquals(order, g.order());
        List<Matrix3> ops = g.operators();
        assertTrue(ops.get(0).maxAbsDiff(Matrix3.IDENTITY) < 1e-12, "identity first");
        for (Matrix3 a : ops) {
            assertTrue(a.transpose().times(a).maxAbsDiff(Matrix3.IDENTITY) < 1e-9, "orthogonal");
            assertTrue(g.contains(a.transpose()), "inverse in group");
            for (Matrix3 b : ops) assertTrue(g.contains(a.times(b)), "product in group");
        }
        // No duplicates: every operator is at a finite distance from every other.
        for (int i = 0; i < ops.size(); i++) for (int j = i + 1; j < ops.size(); j++)
            assertTrue(ops.get(i).maxAbsDiff(ops.get(j)) > 1e-3);
        for (Matrix3 r : g.rotations()) assertTrue(r.isRotation(1e-9));
    }

    @Test void properSubgroupOfImproperGroups() {
        assertEquals(1, SymmetryGroup.parse("Ci").rotations().size());
        assertEquals(3, SymmetryGroup.parse("C3v").rotations().size());
        assertEquals(6, SymmetryGroup.parse("D3h").rotations().size());
        assertTrue(SymmetryGroup.parse("D3h").hasImproperOperators());
        assertFalse(SymmetryGroup.parse("I3").hasImproperOperators());
    }

    @Test void cnIsAboutZAndDnAddsTwoFoldAboutX() {
        SymmetryGroup c4 = SymmetryGroup.parse("C4");
        assertTrue(c4.contains(Matrix3.of(new double[]{0, 1, 0, -1, 0, 0, 0, 0, 1})));
        assertTrue(SymmetryGroup.parse("D2").contains(Matrix3.of(new double[]{1, 0, 0, 0, -1, 0, 0, 0, -1})));
    }

    @Test void icosahedralSettingsDifferButAreConjugate() {
        // Same abstract group, different orientation: I2 has a 2-fold on z, I3 a 5-fold on z.
        Matrix3 fiveFoldZ = Matrix3.rotationAbout(0, 0, 1, 2 * Math.PI / 5);
        assertTrue(SymmetryGroup.parse("I3").contains(fiveFoldZ));
        assertFalse(SymmetryGroup.parse("I2").contains(fiveFoldZ));
        assertTrue(SymmetryGroup.parse("I2").contains(Matrix3.rotationAbout(0, 0, 1, Math.PI)));
        assertEquals("I", SymmetryGroup.parse("i").name());
    }

    @Test void unsupportedNamesAreRejectedWithTheSupportedList() {
        InputException e = assertThrows(InputException.class, () -> SymmetryGroup.parse("Oh"));
        assertTrue(e.getMessage().contains("I4"));
        assertThrows(InputException.class, () -> SymmetryGroup.parse("C0"));
        assertThrows(InputException.class, () -> SymmetryGroup.parse("D3v"));
    }
}
