package org.subtomo.core.io.star;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.subtomo.core.io.star.StarParticleStylesTest.NEW;
import static org.subtomo.core.io.star.StarParticleStylesTest.OLD;
import static org.subtomo.core.io.star.StarParticleStylesTest.assertSameParticles;

/**
 * RELION 3.1.3 as the independent judge: files it writes read correctly here, and files written
 * here are accepted by it and come back with the same values. Skipped when RELION is not installed.
 */
class StarRelionTest {
    @TempDir Path dir;

    @BeforeAll static void needRelion() {
        Assumptions.assumeTrue(onPath("relion_star_handler") && onPath("relion_convert_star") && onPath("relion_star_loopheader"),
                "RELION 3.1 (relion_star_handler, relion_convert_star, relion_star_loopheader) is not on PATH; skipping RELION cross-checks");
    }

    static boolean onPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, exe))) return true;
        }
        return false;
    }

    /** Runs a RELION program in the temp dir; returns stdout+stderr, fails the test on a non-zero exit. */
    private String relion(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "RELION timed out: " + String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private StarFile readNonEmpty(String name) throws IOException {
        Path p = dir.resolve(name);
        assertTrue(Files.size(p) > 0, "RELION wrote an empty " + name);
        return StarReader.read(p);
    }

    @Test void loopheaderFileOfProtocolStep7Reads() throws Exception {
        // relion_star_loopheader rlnMicrographName > all_tomograms.star; ls ./Tomograms/*/*.mrc >> all_tomograms.star
        String header = relion("relion_star_loopheader", "rlnMicrographName");
        Path p = file("all_tomograms.star", header + "./Tomograms/tomogram1/tomogram1.mrc\n./Tomograms/tomogram2/tomogram2.mrc\n");
        StarFile f = StarReader.read(p);
        assertEquals(1, f.blocks().size());
        StarTable t = f.table("");
        assertEquals(List.of("rlnMicrographName"), t.labels());
        assertEquals(List.of("./Tomograms/tomogram1/tomogram1.mrc"), t.row(0));
        assertEquals(2, ParticleStar.of(f).size());
    }

    @Test void relionRewriteOfA31FileReadsToTheSameValues() throws Exception {
        file("new.star", NEW);
        relion("relion_star_handler", "--i", "new.star", "--o", "relion.star");
        ParticleStar relion = ParticleStar.of(readNonEmpty("relion.star"));
        assertEquals(StarStyle.RELION_31, relion.style());
        assertSameParticles(StarParticleStylesTest.parse(NEW), relion);
    }

    @Test void relionConvertStarAgreesWithOurOldToNewConversion() throws Exception {
        file("old.star", OLD);
        relion("relion_convert_star", "--i", "old.star", "--o", "relion31.star");
        StarFile theirs = readNonEmpty("relion31.star");
        StarFile ours = StarStyleConverter.convert(StarParticleStylesTest.parse(OLD), StarStyle.RELION_31);
        assertEquals(theirs.table("optics").rowCount(), ours.table("optics").rowCount(), "same number of optics groups");
        for (int r = 0; r < 3; r++) {
            assertEquals(theirs.table("particles").getInt(r, "rlnOpticsGroup"), ours.table("particles").getInt(r, "rlnOpticsGroup"),
                    "same group numbering, row " + r);
        }
        assertSameParticles(ParticleStar.of(theirs), ParticleStar.of(ours));
    }

    @Test void relionAcceptsOur31FileAndOperatesOnItsValues() throws Exception {
        StarFile ours = StarStyleConverter.convert(StarParticleStylesTest.parse(OLD), StarStyle.RELION_31);
        ours.table("particles").addColumn("rlnMicrographName", "with space.mrc"); // quoted by our writer
        StarWriter.write(ours, dir.resolve("ours.star"));

        relion("relion_star_handler", "--i", "ours.star", "--o", "same.star");
        StarFile same = readNonEmpty("same.star");
        assertSameParticles(ParticleStar.of(ours), ParticleStar.of(same));
        assertEquals("with space.mrc", same.table("particles").get(2, "rlnMicrographName"), "RELION reads our quotes");

        relion("relion_star_handler", "--i", "ours.star", "--o", "doubled.star", "--operate", "rlnDefocusU", "--multiply_by", "2");
        StarTable doubled = readNonEmpty("doubled.star").table("particles");
        for (int r = 0; r < 3; r++) {
            assertEquals(2 * ours.table("particles").getDouble(r, "rlnDefocusU"), doubled.getDouble(r, "rlnDefocusU"), 1e-6);
        }
    }

    @Test void relionConvertsOur14FileLikeTheHandWrittenOne() throws Exception {
        StarFile old = StarStyleConverter.convert(StarParticleStylesTest.parse(NEW), StarStyle.RELION_14);
        StarWriter.write(old, dir.resolve("ours14.star"), StarStyle.RELION_14);
        assertFalse(Files.readString(dir.resolve("ours14.star")).contains("# version"),
                "RELION 3.1 treats a file with the version line as new style");
        relion("relion_convert_star", "--i", "ours14.star", "--o", "relion31.star");
        assertSameParticles(StarParticleStylesTest.parse(NEW), ParticleStar.of(readNonEmpty("relion31.star")));
    }

    /**
     * --combine on two 3.1 files we wrote. (RELION 3.1.3's --combine --ignore_optics is not used:
     * it drops every other column and the second file's rows even for hand-written 1.4 files.)
     */
    @Test void relionCombinesOur31Files() throws Exception {
        StarFile ours = StarStyleConverter.convert(StarParticleStylesTest.parse(OLD), StarStyle.RELION_31);
        StarWriter.write(ours, dir.resolve("a.star"));
        StarWriter.write(ours, dir.resolve("b.star"));
        relion("relion_star_handler", "--combine", "--i", "a.star b.star", "--o", "ab.star");
        ParticleStar ab = ParticleStar.of(readNonEmpty("ab.star"));
        assertEquals(6, ab.size());
        ParticleStar a = ParticleStar.of(ours);
        assertEquals(ab.rows().labels().size(), a.rows().labels().size(), ab.rows().labels().toString());
        for (int r = 0; r < 6; r++) {
            int s = r % 3;
            assertEquals(a.get(s, "rlnImageName"), ab.get(r, "rlnImageName"));
            assertEquals(a.get(s, "rlnMyCustom"), ab.get(r, "rlnMyCustom"));
            assertEquals(a.pixelSize(s), ab.pixelSize(r), 1e-6);
            assertEquals(a.voltage(s), ab.voltage(r), 1e-6);
            assertEquals(a.originAngst(s, 0), ab.originAngst(r, 0), 1e-6);
            assertEquals(a.getDouble(s, "rlnDefocusU"), ab.getDouble(r, "rlnDefocusU"), 1e-6);
        }
    }
}
