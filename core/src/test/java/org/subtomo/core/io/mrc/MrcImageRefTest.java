package org.subtomo.core.io.mrc;

import org.junit.jupiter.api.Test;
import org.subtomo.core.error.InputException;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** RELION's N@stack.mrcs names: 1-based in files, 0-based inside. */
class MrcImageRefTest {
    @Test void relionNameIsOneBased() {
        ImageRef r = ImageRef.parse("000012@Particles/stack.mrcs");
        assertEquals(Path.of("Particles/stack.mrcs"), r.file());
        assertEquals(11, r.index().getAsInt());
        assertEquals("000012@Particles/stack.mrcs", r.toString());
    }

    @Test void plainNameIsWholeFile() {
        ImageRef r = ImageRef.parse("  map.mrc ");
        assertTrue(r.isWholeFile());
        assertTrue(r.index().isEmpty());
        assertEquals("map.mrc", r.toString());
    }

    @Test void imageFactoryRoundTripsThroughText() {
        ImageRef r = ImageRef.image(Path.of("s.mrcs"), 0);
        assertEquals(r, ImageRef.parse(r.toString()));
        assertEquals("000001@s.mrcs", r.toString());
    }

    @Test void badNumbersAreUserErrors() {
        assertTrue(assertThrows(InputException.class, () -> ImageRef.parse("0@s.mrcs")).getMessage().contains("count from 1"));
        assertThrows(InputException.class, () -> ImageRef.parse("x12@s.mrcs"));
        assertThrows(InputException.class, () -> ImageRef.parse("-3@s.mrcs"));
        assertThrows(InputException.class, () -> ImageRef.parse("12@"));
        assertThrows(InputException.class, () -> ImageRef.parse(""));
    }
}
