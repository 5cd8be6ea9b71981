package org.subtomo.refine.synth;

import org.subtomo.core.error.InputException;
import org.subtomo.core.io.star.StarReader;
import org.subtomo.core.io.star.StarTable;
import org.subtomo.core.io.star.StarFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Scores a classification (ours or RELION's run_itNNN_data.star) against the simulation's labels: the
 * confusion matrix (true label × class), and the accuracy over the good particles (labels 1 and 2) under
 * the class → state assignment that maximises it (each class is called the state most of its good particles
 * have; a class may hold bad particles only). Bad particles (label 3): the fraction in each class.
 */
public final class ClassificationScore {
    private ClassificationScore() {}

    public record Score(double accuracy, int[][] confusion, int classes, int good, int bad) {
        /** Largest fraction of the bad particles that share one class (1 = isolated in one class, or all together). */
        public double badConcentration() {
            if (bad == 0) return 0;
            int m = 0;
            for (int c = 0; c < classes; c++) m = Math.max(m, confusion[3][c]);
            return m / (double) bad;
        }
        /** Fraction of the particles of the class holding most bad particles that are bad (purity of the "bad class"). */
        public double badClassPurity() {
            if (bad == 0) return 0;
            int best = 0;
            for (int c = 0; c < classes; c++) if (confusion[3][c] > confusion[3][best]) best = c;
            int tot = confusion[1][best] + confusion[2][best] + confusion[3][best];
            return tot == 0 ? 0 : confusion[3][best] / (double) tot;
        }
        public String summary() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "accuracy %.3f on %d good particles", accuracy, good));
            for (int l = 1; l <= 3; l++) {
                if (l == 3 && bad == 0) break;
                s.append(l == 1 ? "; state1 ->" : l == 2 ? "; state2 ->" : "; bad ->");
                for (int c = 0; c < classes; c++) s.append(' ').append(confusion[l][c]);
            }
            if (bad > 0) s.append(String.format(Locale.ROOT, "; bad particles: %.0f%% in one class, that class %.0f%% bad", 100 * badConcentration(),
                    100 * badClassPurity()));
            return s.toString();
        }
    }

    public static Score score(int[] trueLabel, int[] classNumber, int classes) {
        int[][] conf = new int[4][classes];
        int good = 0, bad = 0;
        for (int i = 0; i < trueLabel.length; i++) {
            int c = classNumber[i] - 1;
            if (c < 0 || c >= classes) throw new IllegalArgumentException("class number " + classNumber[i] + " outside 1.." + classes);
            conf[trueLabel[i]][c]++;
            if (trueLabel[i] == 3) bad++; else good++;
        }
        int right = 0;
        for (int c = 0; c < classes; c++) right += Math.max(conf[1][c], conf[2][c]);
        return new Score(good == 0 ? 0 : right / (double) good, conf, classes, good, bad);
    }

    /** Matches rows by rlnImageName: truth_particles.star (rlnClassNumber = label) against a data.star. */
    public static Score score(Path truthStar, Path dataStar) {
        try {
            StarTable t = particles(StarReader.read(truthStar), truthStar), d = particles(StarReader.read(dataStar), dataStar);
            Map<String, Integer> label = new HashMap<>();
            for (int i = 0; i < t.rowCount(); i++) label.put(t.get(i, "rlnImageName"), t.getInt(i, "rlnClassNumber"));
            int[] tl = new int[d.rowCount()], cl = new int[d.rowCount()];
            int k = 1;
            for (int i = 0; i < d.rowCount(); i++) {
                Integer l = label.get(d.get(i, "rlnImageName"));
                if (l == null) throw new InputException(dataStar + ": particle " + d.get(i, "rlnImageName") + " is not in " + truthStar);
                tl[i] = l;
                cl[i] = d.getInt(i, "rlnClassNumber");
                k = Math.max(k, cl[i]);
            }
            return score(tl, cl, k);
        } catch (IOException e) {
            throw new InputException(e.getMessage());
        }
    }

    private static StarTable particles(StarFile f, Path p) {
        for (var b : f.blocks()) if (b.table().isLoop() && b.table().has("rlnImageName")) return b.table();
        throw new InputException(p + ": no particle table with rlnImageName");
    }
}
