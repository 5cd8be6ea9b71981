package org.subtomo.app.demo;

import org.subtomo.core.io.star.ParticleStar;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulator's ground truth, keyed by particle identity ({@code <tomogram>/<n>}, n = line of the .coords
 * file), to score the demo's stages: what each picked object really is (particle class 1/2, gold, ice).
 */
public final class DemoTruth {
    private final Map<String, String> kind = new HashMap<>();
    private final Map<String, double[]> angles = new HashMap<>();

    private DemoTruth() {}

    public static DemoTruth read(Path project) {
        try {
            StarTable t = StarReader.read(project.resolve("truth/particles.star")).table("particles");
            DemoTruth d = new DemoTruth();
            for (int r = 0; r < t.rowCount(); r++) {
                String file = Path.of(t.get(r, "rlnMicrographName")).getFileName().toString();
                String tomo = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
                String k = t.get(r, "subtomoObjectKind");
                String id = tomo + "/" + t.get(r, "subtomoCoordsLine");
                d.kind.put(id, k.equals("particle") ? "particle" + t.get(r, "rlnClassNumber") : k);
                if (t.has("rlnAngleRot"))
                    d.angles.put(id, new double[]{t.getDouble(r, "rlnAngleRot"), t.getDouble(r, "rlnAngleTilt"), t.getDouble(r, "rlnAnglePsi")});
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the truth of " + project + ": " + e.getMessage(), e);
        }
    }

    /** What the object with this identity is: particle1, particle2, gold or ice. */
    public String kindOf(String identity) {
        String k = kind.get(identity);
        if (k == null) throw new IllegalStateException("particle " + identity + " is not in truth/particles.star");
        return k;
    }

    public long trueParticles() { return kind.values().stream().filter(k -> k.startsWith("particle")).count(); }

    /** Per class: how many of each true kind. */
    public Map<Integer, Map<String, Integer>> composition(Path dataStar) {
        ParticleStar s = particles(dataStar);
        Map<Integer, Map<String, Integer>> m = new TreeMap<>();
        for (int r = 0; r < s.size(); r++)
            m.computeIfAbsent(s.rows().getInt(r, "rlnClassNumber"), c -> new TreeMap<>())
                    .merge(kindOf(s.rows().get(r, "rlnTomoParticleName")), 1, Integer::sum);
        return m;
    }

    /** Share of particles in their class's majority kind (protein vs gold vs ice: the 2D step's job). */
    public static double purity(Map<Integer, Map<String, Integer>> composition, boolean mergeConformations) {
        int agree = 0, total = 0;
        for (Map<String, Integer> c : composition.values()) {
            Map<String, Integer> k = new HashMap<>();
            c.forEach((kind, n) -> k.merge(mergeConformations && kind.startsWith("particle") ? "particle" : kind, n, Integer::sum));
            agree += k.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            total += k.values().stream().mapToInt(Integer::intValue).sum();
        }
        return total == 0 ? 0 : (double) agree / total;
    }

    /** Selected particles: how many are true particles, and how many junk. */
    public record Selection(int selected, int particles, int junk, long allParticles) {
        public String describe() {
            return String.format(Locale.ROOT, "%d selected: %d true particles (precision %.1f%%), %d junk; %d of the %d true particles kept (recall %.1f%%)",
                    selected, particles, 100.0 * particles / Math.max(1, selected), junk, particles, allParticles, 100.0 * particles / Math.max(1, allParticles));
        }
    }

    public Selection score(Path selectedStar) {
        ParticleStar s = particles(selectedStar);
        int p = 0;
        for (int r = 0; r < s.size(); r++) if (kindOf(s.rows().get(r, "rlnTomoParticleName")).startsWith("particle")) p++;
        return new Selection(s.size(), p, s.size() - p, trueParticles());
    }

    /** A copy of {@code dataStar}'s image names with the true Euler angles (for Refine3dScore, which pairs on image names). */
    public void writePoses(Path dataStar, Path out) {
        ParticleStar s = particles(dataStar);
        StarTable t = StarTable.loop("rlnImageName", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi");
        for (int r = 0; r < s.size(); r++) {
            double[] a = angles.get(s.rows().get(r, "rlnTomoParticleName"));
            if (a == null) continue;
            t.addRow(s.rows().get(r, "rlnImageName"), Double.toString(a[0]), Double.toString(a[1]), Double.toString(a[2]));
        }
        try {
            org.subtomo.core.io.star.StarWriter.write(new org.subtomo.core.io.star.StarFile().add("particles", t), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ParticleStar particles(Path f) {
        try {
            return ParticleStar.read(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}
