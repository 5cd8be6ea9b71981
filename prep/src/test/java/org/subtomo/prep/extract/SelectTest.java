package org.subtomo.prep.extract;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subtomo.core.error.InputException;
import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.core.io.star.StarFile;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/** 2D→3D selection (step 19) matches on particle identity, not on row order. */
class SelectTest {
    @TempDir Path dir;
    ExtractResult extracted;

    @BeforeEach void extract() throws Exception {
        SyntheticProject.standard(dir);
        extracted = SubtomoExtractor.extract(ExtractParameters.builder(dir, Path.of("all_tomograms.star"), 32)
                .coordSuffix(".coords").particleDiameter(40).project3d(true).threads(2).build(), false);
    }

    /** Writes a "selected" 2D file holding the given rows of subtomo_proj2d.star in shuffled order. */
    private Path selected(List<Integer> keep, boolean dropIdentity) throws Exception {
        StarFile f = StarReader.read(extracted.star2d());
        StarTable rows = ParticleStar.of(f).rows();
        StarTable out = StarTable.loop(rows.labels());
        List<Integer> order = new ArrayList<>(keep);
        Collections.shuffle(order, new Random(7));
        for (int r : order) out.addRow(rows.row(r));
        if (dropIdentity) out.removeColumn(ParticleIdentity.LABEL);
        out.addColumn("rlnClassNumber", "3");   // what a 2D classification adds
        StarFile sel = new StarFile();
        sel.add("optics", f.table("optics").copy());
        sel.add("particles", out);
        Path p = dir.resolve("subtomo_proj2d_sel.star");
        StarWriter.write(sel, p);
        return p;
    }

    private Set<String> identities(Path star, int... rows) throws Exception {
        StarTable t = ParticleStar.read(star).rows();
        Set<String> s = new TreeSet<>();
        if (rows.length == 0) for (int r = 0; r < t.rowCount(); r++) s.add(t.get(r, ParticleIdentity.LABEL));
        for (int r : rows) s.add(t.get(r, ParticleIdentity.LABEL));
        return s;
    }

    @Test void keepsExactlyTheSelectedParticlesWhateverTheRowOrder() throws Exception {
        Path sel = selected(List.of(4, 0, 2), false);
        Path out = dir.resolve("output_2Dto3D.star");
        Select2Dto3D.Result r = Select2Dto3D.select(new SelectParameters(sel, extracted.star(), out));
        assertEquals(3, r.selected());
        assertEquals(3, r.written());
        assertEquals(ParticleIdentity.LABEL, r.matchedOn());
        assertEquals(identities(extracted.star2d(), 0, 2, 4), identities(out));
        ParticleStar all = ParticleStar.read(extracted.star()), got = ParticleStar.read(out);
        assertEquals(all.rows().labels(), got.rows().labels());
        assertEquals(all.optics().orElseThrow(), got.optics().orElseThrow());
        // rows are the 3D file's rows, image names included, in the 3D file's order
        assertEquals(all.rows().row(0), got.rows().row(0));
        assertEquals(all.rows().row(4), got.rows().row(2));
        assertTrue(got.rows().get(1, "rlnImageName").endsWith("t1_subtomo000003.mrc"));
    }

    @Test void fallsBackToMicrographAndCoordinatesWithoutTheIdentityColumn() throws Exception {
        Path sel = selected(List.of(3, 1), true);
        Path out = dir.resolve("out.star");
        Select2Dto3D.Result r = Select2Dto3D.select(new SelectParameters(sel, extracted.star(), out));
        assertEquals(2, r.written());
        assertTrue(r.matchedOn().startsWith("rlnMicrographName"));
        assertEquals(identities(extracted.star2d(), 1, 3), identities(out));
    }

    @Test void aSelectedParticleWithoutSubtomogramIsNamed() throws Exception {
        Path sel = selected(List.of(0, 1), false);
        StarFile f = StarReader.read(sel);
        f.table("particles").set(1, ParticleIdentity.LABEL, "t9/42");
        StarWriter.write(f, sel);
        Path out = dir.resolve("out.star");
        InputException e = assertThrows(InputException.class,
                () -> Select2Dto3D.select(new SelectParameters(sel, extracted.star(), out)));
        assertTrue(e.getMessage().contains("1 selected particle has no sub-tomogram"), e.getMessage());
        assertTrue(e.getMessage().contains("t9/42"), e.getMessage());
        assertTrue(e.getMessage().matches(".*line \\d+ t9/42.*"), e.getMessage());
        assertFalse(out.toFile().exists());
    }
}
