package org.subtomo.prep.extract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.io.star.ParticleStar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Selection of classes from a classification's data.star: by number, by thresholds from model.star, errors. */
class ClassSelectionTest {
    @TempDir Path dir;

    Path data() throws Exception {
        StringBuilder s = new StringBuilder("data_optics\nloop_\n_rlnOpticsGroup\n_rlnImagePixelSize\n1 5.0\n\ndata_particles\nloop_\n"
                + "_rlnImageName\n_rlnClassNumber\n_rlnTomoParticleName\n");
        int[] cls = {1, 2, 3, 2, 1, 3, 3, 2};
        for (int i = 0; i < cls.length; i++) s.append(i + 1).append("@p.mrcs ").append(cls[i]).append(" t/").append(i + 1).append('\n');
        Path d = dir.resolve("run_it010_data.star");
        Files.writeString(d, s.toString());
        Files.writeString(dir.resolve("run_it010_model.star"), "data_model_classes\nloop_\n_rlnReferenceImage\n_rlnClassDistribution\n"
                + "_rlnEstimatedResolution\n1@c.mrcs 0.25 30\n2@c.mrcs 0.375 18\n3@c.mrcs 0.375 40\n");
        return d;
    }

    @Test void byNumberKeepsRowsColumnsAndOptics() throws Exception {
        Path d = data();
        ClassSelection.Result r = ClassSelection.select(new ClassSelection.Params(d, null, ClassSelection.parseClasses("1, 3"),
                Double.NaN, Double.NaN, dir.resolve("sel.star")));
        assertEquals(List.of(1, 3), r.classes());
        assertEquals(5, r.written());
        assertEquals(8, r.total());
        ParticleStar out = ParticleStar.read(dir.resolve("sel.star"));
        assertEquals(List.of("t/1", "t/3", "t/5", "t/6", "t/7"), java.util.stream.IntStream.range(0, out.size())
                .mapToObj(i -> out.rows().get(i, "rlnTomoParticleName")).toList());
        assertEquals(5.0, out.pixelSize(0));
    }

    @Test void byThresholdsFromTheModel() throws Exception {
        Path d = data();
        Path m = ClassSelection.modelFor(d);
        assertEquals(dir.resolve("run_it010_model.star"), m);
        assertEquals(List.of(2, 3), ClassSelection.select(new ClassSelection.Params(d, m, null, 0.3, Double.NaN, dir.resolve("a.star"))).classes());
        assertEquals(List.of(1, 2), ClassSelection.select(new ClassSelection.Params(d, m, null, Double.NaN, 30, dir.resolve("b.star"))).classes());
        assertEquals(List.of(2), ClassSelection.select(new ClassSelection.Params(d, m, null, 0.3, 30, dir.resolve("c.star"))).classes());
        assertEquals(List.of(2), ClassSelection.select(new ClassSelection.Params(d, m, Set.of(1, 2), 0.3, Double.NaN, dir.resolve("e.star"))).classes(),
                "numbers and thresholds together: both must hold");
    }

    @Test void errorsSayWhatToDo() throws Exception {
        Path d = data();
        assertThrows(InputException.class, () -> ClassSelection.parseClasses("1,x"));
        assertThrows(InputException.class, () -> ClassSelection.select(new ClassSelection.Params(d, null, null, Double.NaN, Double.NaN, dir.resolve("x.star"))));
        assertThrows(InputException.class, () -> ClassSelection.select(new ClassSelection.Params(d, null, null, 0.1, Double.NaN, dir.resolve("x.star"))));
        InputException none = assertThrows(InputException.class, () -> ClassSelection.select(new ClassSelection.Params(d, null, Set.of(9), Double.NaN, Double.NaN, dir.resolve("x.star"))));
        assertTrue(none.getMessage().contains("no particle"), none.getMessage());
        assertFalse(Files.exists(dir.resolve("x.star")));
    }
}
