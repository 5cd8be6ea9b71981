package org.subtomo.refine.ml;

/** Test helper: classification accuracy up to a permutation of class labels. */
final class Class2dScoring {
    private Class2dScoring() {}

    static double accuracy(int[] classNumber, int[] truth, int k) {
        int[] perm = new int[k];
        for (int i = 0; i < k; i++) perm[i] = i;
        double best = 0;
        do {
            int ok = 0;
            for (int i = 0; i < truth.length; i++) if (perm[classNumber[i] - 1] == truth[i]) ok++;
            best = Math.max(best, ok / (double) truth.length);
        } while (next(perm));
        return best;
    }

    private static boolean next(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) i--;
        if (i < 0) return false;
        int j = a.length - 1;
        while (a[j] <= a[i]) j--;
        int t = a[i]; a[i] = a[j]; a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) { t = a[l]; a[l] = a[r]; a[r] = t; }
        return true;
    }
}
