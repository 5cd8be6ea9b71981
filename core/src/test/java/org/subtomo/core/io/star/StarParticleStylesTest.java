package org.subtomo.core.io.star;

import org.junit.jupiter.api.Test;
import org.subtomo.core.error.InputException;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** ParticleStar gives the same per-particle values for a 1.4 file and its 3.1 equivalent. */
class StarParticleStylesTest {
    /** RELION 1.4 style, hand-written: optics on every row, origins in pixels, pixel size 10000*5/10000 = 5 Å. */
    static final String OLD = """
            data_
            loop_
            _rlnImageName #1
            _rlnVoltage #2
            _rlnSphericalAberration #3
            _rlnAmplitudeContrast #4
            _rlnMagnification #5
            _rlnDetectorPixelSize #6
            _rlnOriginX #7
            _rlnOriginY #8
            _rlnDefocusU #9
            _rlnMyCustom #10
            1@a.mrcs 300 2.7 0.1 10000 5.0 1.5 -2 10000 foo
            2@a.mrcs 300.0 2.7 0.1 10000 5.0 2.5 -3 12000 bar
            3@b.mrcs 200 2.0 0.07 20000 5.0 0 1 15000 baz
            """;

    /** The same particles in RELION 3.1 style, as relion_convert_star lays them out. */
    static final String NEW = """
            # version 30001
            data_optics
            loop_
            _rlnOpticsGroup #1
            _rlnOpticsGroupName #2
            _rlnAmplitudeContrast #3
            _rlnSphericalAberration #4
            _rlnVoltage #5
            _rlnImagePixelSize #6
            1 opticsGroup1 0.100000 2.700000 300.000000 5.000000
            2 opticsGroup2 0.070000 2.000000 200.000000 2.500000

            # version 30001
            data_particles
            loop_
            _rlnImageName #1
            _rlnDefocusU #2
            _rlnMyCustom #3
            _rlnOpticsGroup #4
            _rlnOriginXAngst #5
            _rlnOriginYAngst #6
            1@a.mrcs 10000.000000 foo 1 7.500000 -10.00000
            2@a.mrcs 12000.000000 bar 1 12.500000 -15.00000
            3@b.mrcs 15000.000000 baz 2 0.000000 2.500000
            """;

    static ParticleStar parse(String text) { return ParticleStar.of(StarReader.parse(text, Path.of("particles.star"))); }

    static void assertSameParticles(ParticleStar a, ParticleStar b) {
        assertEquals(a.size(), b.size());
        for (int r = 0; r < a.size(); r++) {
            assertEquals(a.pixelSize(r), b.pixelSize(r), 1e-6, "pixel size row " + r);
            assertEquals(a.voltage(r), b.voltage(r), 1e-6, "voltage row " + r);
            assertEquals(a.sphericalAberration(r), b.sphericalAberration(r), 1e-6, "Cs row " + r);
            assertEquals(a.amplitudeContrast(r), b.amplitudeContrast(r), 1e-6, "Q0 row " + r);
            for (int axis = 0; axis < 3; axis++) assertEquals(a.originAngst(r, axis), b.originAngst(r, axis), 1e-5, "origin row " + r);
            for (String l : List.of("rlnImageName", "rlnMyCustom")) assertEquals(a.get(r, l), b.get(r, l));
            assertEquals(a.getDouble(r, "rlnDefocusU"), b.getDouble(r, "rlnDefocusU"), 1e-6);
        }
    }

    @Test void oldStyleValuesPerRow() {
        ParticleStar p = parse(OLD);
        assertEquals(StarStyle.RELION_14, p.style());
        assertEquals(5.0, p.pixelSize(0));
        assertEquals(2.5, p.pixelSize(2));
        assertEquals(300, p.voltage(1));
        assertEquals(7.5, p.originAngst(0, 0), 1e-12);
        assertEquals(-10, p.originAngst(0, 1), 1e-12);
        assertEquals(0, p.originAngst(0, 2), "absent Z origin is 0");
    }

    @Test void newStyleResolvesOpticsPerParticle() {
        ParticleStar p = parse(NEW);
        assertEquals(StarStyle.RELION_31, p.style());
        assertEquals(2, p.optics().orElseThrow().rowCount());
        assertEquals(0.07, p.amplitudeContrast(2));
        assertEquals(2.7, p.sphericalAberration(0));
        assertEquals(5.0, p.pixelSize(1));
        assertEquals("opticsGroup2", p.get(2, "rlnOpticsGroupName"));
        assertSameParticles(parse(OLD), p);
    }

    @Test void oldToNewGroupsIdenticalOpticsAndConvertsOrigins() {
        StarFile converted = StarStyleConverter.convert(parse(OLD), StarStyle.RELION_31);
        assertEquals(List.of("optics", "particles"), converted.blocks().stream().map(StarBlock::name).toList());
        StarTable optics = converted.table("optics");
        assertEquals(2, optics.rowCount(), "300 and 300.0 kV are one group");
        assertFalse(optics.has("rlnMagnification"), "magnification and detector pixel become rlnImagePixelSize");
        assertEquals("5", optics.get(0, "rlnImagePixelSize"));
        StarTable particles = converted.table("particles");
        assertEquals(List.of("rlnImageName", "rlnOriginXAngst", "rlnOriginYAngst", "rlnDefocusU", "rlnMyCustom", "rlnOpticsGroup"),
                particles.labels(), "particle columns keep their order; origins renamed in place");
        assertEquals("12.5", particles.get(1, "rlnOriginXAngst"));
        assertSameParticles(parse(OLD), ParticleStar.of(converted));
        assertSameParticles(parse(NEW), ParticleStar.of(StarReader.parse(StarWriter.toText(converted), null)));
    }

    @Test void newToOldCopiesOpticsIntoRowsAndOriginsToPixels() {
        StarFile old = StarStyleConverter.convert(parse(NEW), StarStyle.RELION_14);
        assertEquals(1, old.blocks().size());
        StarTable t = old.table("");
        assertFalse(t.has("rlnOpticsGroup"));
        assertFalse(t.has("rlnOriginXAngst"));
        assertEquals(1.5, t.getDouble(0, "rlnOriginX"), 1e-9);
        assertEquals(1.0, t.getDouble(2, "rlnOriginY"), 1e-9);
        assertEquals(10000, t.getDouble(2, "rlnMagnification"));
        assertEquals(2.5, t.getDouble(2, "rlnDetectorPixelSize"));
        ParticleStar back = ParticleStar.of(StarReader.parse(StarWriter.toText(old), null));
        assertEquals(StarStyle.RELION_14, back.style());
        assertSameParticles(parse(NEW), back);
        assertSameParticles(parse(NEW), ParticleStar.of(StarStyleConverter.convert(back, StarStyle.RELION_31)));
    }

    @Test void particleNamingAMissingOpticsGroupIsAnError() {
        InputException e = assertThrows(InputException.class, () -> parse(NEW.replace("baz 2 ", "baz 7 ")));
        assertTrue(e.getMessage().startsWith("particles.star line 24: rlnOpticsGroup 7 is not in data_optics (groups 1 2)"), e.getMessage());
    }

    @Test void checkFindsABadNumberInTheOpticsTableOrARow() {
        parse(NEW).check();
        parse(OLD).check();
        InputException e = assertThrows(InputException.class, () -> parse(NEW.replace("200.000000 2.5", "2OO 2.5")).check());
        assertTrue(e.getMessage().startsWith("particles.star line 11: rlnVoltage = '2OO' is not a number (data_optics, row 2)"), e.getMessage());
        InputException o = assertThrows(InputException.class, () -> parse(OLD.replace("2.5 -3", "2.5 x")).check());
        assertTrue(o.getMessage().startsWith("particles.star line 14: rlnOriginY = 'x' is not a number"), o.getMessage());
    }

    @Test void missingPixelSizeIsAnErrorWhenOriginsNeedIt() {
        ParticleStar p = parse("data_\nloop_\n_rlnImageName\n_rlnOriginX\na 1\n");
        InputException e = assertThrows(InputException.class, () -> StarStyleConverter.convert(p, StarStyle.RELION_31));
        assertTrue(e.getMessage().startsWith("particles.star: no pixel size"), e.getMessage());
        InputException v = assertThrows(InputException.class, () -> p.voltage(0));
        assertTrue(v.getMessage().contains("no column rlnVoltage in data_"), v.getMessage());
    }

    @Test void micrographListConvertsWithoutParticleColumns() {
        // all_tomograms.star of protocol step 7
        ParticleStar p = parse("data_\nloop_\n_rlnMicrographName\n./Tomograms/t1/t1.mrc\n./Tomograms/t2/t2.mrc\n");
        StarFile f = StarStyleConverter.convert(p, StarStyle.RELION_31);
        assertEquals(2, f.table("micrographs").rowCount());
        assertEquals(1, f.table("optics").rowCount());
        assertEquals("./Tomograms/t2/t2.mrc", ParticleStar.of(f).get(1, "rlnMicrographName"));
    }
}
