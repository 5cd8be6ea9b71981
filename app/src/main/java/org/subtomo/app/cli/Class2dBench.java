package org.subtomo.app.cli;

import org.subtomo.app.demo.DemoTruth;
import org.subtomo.core.error.InputException;
import org.subtomo.core.io.star.ParticleStar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code subtomo bench class2d-score}: a 2D classification (ours or RELION's data.star) of a simulated project's
 * projections scored against the simulator's truth. Rows are matched on rlnImageName through the projection STAR
 * file (RELION 3.1 drops rlnTomoParticleName), never on row order.
 */
final class Class2dBench {
    private Class2dBench() {}

    @Command(name = "class2d-score", mixinStandardHelpOptions = true,
            description = {"Scores a 2D classification of a simulated project's projections against its truth/: accuracy = share of the",
                    "particles in their class's majority kind (particle1, particle2, gold, ice), the same over the true particles only",
                    "(species), and each class's composition. With --selected: precision and recall of a selection."})
    static final class Score implements Runnable {
        @Option(names = "--project", required = true, description = "the simulated project (holds truth/particles.star)") Path project;
        @Option(names = "--data", required = true, description = "a classification's run_itNNN_data.star") Path data;
        @Option(names = "--input", description = "the projection STAR file the classification read (default: <project>/subtomo_proj2d.star)") Path input;
        @Option(names = "--selected", description = "a selection of --data's rows (select --o_classes) to score too") Path selected;

        @Override public void run() {
            DemoTruth truth = DemoTruth.read(project);
            Map<String, String> identity = identities(input != null ? input : project.resolve("subtomo_proj2d.star"));
            ParticleStar d = read(data);
            Map<Integer, Map<String, Integer>> comp = new TreeMap<>();
            for (int r = 0; r < d.size(); r++)
                comp.computeIfAbsent(d.rows().getInt(r, "rlnClassNumber"), c -> new TreeMap<>())
                        .merge(truth.kindOf(identityOf(identity, d, r)), 1, Integer::sum);
            int agree = 0, total = 0, pAgree = 0, pTotal = 0;
            StringBuilder classes = new StringBuilder();
            for (var e : comp.entrySet()) {
                Map<String, Integer> k = e.getValue();
                agree += k.values().stream().mapToInt(Integer::intValue).max().orElse(0);
                total += k.values().stream().mapToInt(Integer::intValue).sum();
                int p1 = k.getOrDefault("particle1", 0), p2 = k.getOrDefault("particle2", 0);
                pAgree += Math.max(p1, p2);
                pTotal += p1 + p2;
                classes.append(String.format(Locale.ROOT, "%n  class %d: %s", e.getKey(), k));
            }
            System.out.printf(Locale.ROOT, "accuracy %.4f (%d of %d in their class's majority kind); species accuracy %.4f over %d true particles%s%n",
                    agree / (double) Math.max(1, total), agree, total, pAgree / (double) Math.max(1, pTotal), pTotal, classes);
            if (selected != null) {
                ParticleStar s = read(selected);
                int particles = 0;
                for (int r = 0; r < s.size(); r++) if (truth.kindOf(identityOf(identity, s, r)).startsWith("particle")) particles++;
                long all = comp.values().stream().flatMap(k -> k.entrySet().stream())   // true particles of the data, from the counts above
                        .filter(e -> e.getKey().startsWith("particle")).mapToLong(Map.Entry::getValue).sum();
                System.out.printf(Locale.ROOT, "selection: %d rows, %d true particles (precision %.4f), %d junk; recall %.4f of %d true particles%n",
                        s.size(), particles, particles / (double) Math.max(1, s.size()), s.size() - particles, particles / (double) Math.max(1, all), all);
            }
        }

        private static String identityOf(Map<String, String> identity, ParticleStar s, int r) {
            if (s.rows().has("rlnTomoParticleName")) return s.rows().get(r, "rlnTomoParticleName");
            String id = identity.get(s.rows().get(r, "rlnImageName"));
            if (id == null) throw new InputException(s.rows().get(r, "rlnImageName") + " is not in the projection STAR file (--input)");
            return id;
        }

        private static Map<String, String> identities(Path star) {
            ParticleStar s = read(star);
            if (!s.rows().has("rlnTomoParticleName")) throw new InputException(star + ": no rlnTomoParticleName column; give extract's projection STAR file as --input");
            Map<String, String> m = new HashMap<>();
            for (int r = 0; r < s.size(); r++) m.put(s.rows().get(r, "rlnImageName"), s.rows().get(r, "rlnTomoParticleName"));
            return m;
        }

        private static ParticleStar read(Path f) {
            try {
                return ParticleStar.read(f);
            } catch (IOException e) {
                throw new InputException("cannot read " + f + ": " + e.getMessage());
            }
        }
    }
}
