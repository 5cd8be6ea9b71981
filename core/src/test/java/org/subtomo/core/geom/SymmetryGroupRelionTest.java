package org.subtomo.core.geom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Independent truth: the operator matrices printed by RELION 3.1 ({@code relion_refine --sym G
 * --print_symmetry_ops}) must equal ours as sets (order-independent, tolerance 1e-4 — RELION prints about 5
 * significant digits). Skipped when relion_refine is not on the PATH.
 */
class SymmetryGroupRelionTest {

    @ParameterizedTest
    @ValueSource(strings = {"C1", "C2", "C7", "D2", "D5", "T", "O", "I", "I1", "I2", "I3", "I4", "Ci", "Cs", "C3v", "C4h", "D3h"})
    void operatorsEqualRelions(String name) throws Exception {
        Path relion = findOnPath("relion_refine");
        assumeTrue(relion != null, "relion_refine not on the PATH: RELION comparison skipped");
        List<Matrix3> theirs = relionOperators(relion, name);
        SymmetryGroup ours = SymmetryGroup.parse(name);
        assertEquals(theirs.size(), ours.order(), "group order");
        for (Matrix3 t : theirs)
            assertTrue(ours.operators().stream().anyMatch(o -> o.maxAbsDiff(t) < 1e-4), () -> "RELION's " + t + " missing from ours");
    }

    /**
     * RELION also prints its Euler angles of each proper operator (Euler_matrix2angles): our toMatrix of those
     * angles must give RELION's matrix, and our fromMatrix must give angles with the same matrix. An independent
     * check of the Euler convention against RELION's own code.
     */
    @ParameterizedTest
    @ValueSource(strings = {"C7", "D5", "T", "O", "I1", "I2", "I3", "I4"})
    void relionsPrintedEulerAnglesGiveItsMatrices(String name) throws Exception {
        Path relion = findOnPath("relion_refine");
        assumeTrue(relion != null, "relion_refine not on the PATH: RELION comparison skipped");
        String[] lines = relionOutput(relion, name).split("\\R");
        int checked = 0;
        for (int i = 0; i + 4 < lines.length; i++) {
            if (!lines[i].trim().matches("R\\(\\d+\\)=") || !lines[i + 4].contains("Euler angles:")) continue;
            Matrix3 m = parseMatrix(lines, i + 1);
            String[] f = lines[i + 4].substring(lines[i + 4].indexOf(':') + 1).trim().split("\\s+");
            Euler e = Euler.ofDegrees(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
            assertTrue(e.toMatrix().maxAbsDiff(m) < 1e-4, () -> name + ": " + e + " gives " + e.toMatrix() + ", RELION " + m);
            assertTrue(Euler.fromMatrix(m).toMatrix().maxAbsDiff(m) < 1e-4);
            checked++;
        }
        assertTrue(checked >= SymmetryGroup.parse(name).order() - 1, "Euler angle lines found: " + checked);
    }

    private static Matrix3 parseMatrix(String[] lines, int first) {
        double[] m = new double[9];
        for (int r = 0; r < 3; r++) {
            String[] f = lines[first + r].trim().split("\\s+");
            for (int c = 0; c < 3; c++) m[3 * r + c] = Double.parseDouble(f[c]);
        }
        return Matrix3.of(m);
    }

    private static String relionOutput(Path relion, String sym) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("relion-sym");
        try {
            Process p = new ProcessBuilder(relion.toString(), "--sym", sym, "--print_symmetry_ops")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "relion_refine timed out");
            return out;
        } finally {   // relion_refine may leave files there; every symmetry group used to leave a directory in /tmp
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Parses the "R(k)=" blocks (3 rows of 3 numbers); RELION's "L(k)=" blocks (left factors) are ignored. */
    static List<Matrix3> relionOperators(Path relion, String sym) throws IOException, InterruptedException {
        String out = relionOutput(relion, sym);
        String[] lines = out.split("\\R");
        List<Matrix3> ops = new ArrayList<>();
        for (int i = 0; i < lines.length; i++)
            if (lines[i].trim().matches("R\\(\\d+\\)=")) ops.add(parseMatrix(lines, i + 1));
        assertFalse(ops.isEmpty(), () -> "no matrices in relion_refine's output:\n" + out);
        return ops;
    }

    static Path findOnPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String d : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, exe);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }
}
