package org.subtomo.core.mpi;

/**
 * Contiguous split of {@code n} items (particles, blocks of particles, tomograms) over {@code parts} ranks:
 * the first {@code n % parts} parts hold one more item. Every rank computes the same split.
 */
public record Partition(int n, int parts) {
    public record Range(int from, int to) {
        public int size() { return to - from; }
    }

    public static Partition of(int n, int parts) {
        if (n < 0 || parts < 1) throw new IllegalArgumentException("n=" + n + ", parts=" + parts);
        return new Partition(n, parts);
    }

    public Range part(int r) {
        int base = n / parts, extra = n % parts;
        int from = r * base + Math.min(r, extra);
        return new Range(from, from + base + (r < extra ? 1 : 0));
    }

    /** Items per part (the counts array of a gather). */
    public int[] counts() {
        int[] c = new int[parts];
        for (int r = 0; r < parts; r++) c[r] = part(r).size();
        return c;
    }

    /** Counts scaled by {@code per} values per item (e.g. per-block counts to per-particle ones). */
    public int[] counts(int per) {
        int[] c = counts();
        for (int r = 0; r < parts; r++) c[r] = Math.multiplyExact(c[r], per);
        return c;
    }
}
