package org.subtomo.core.mpi;

/** One process, no MPI: every collective is the identity. */
final class SingleRank implements Ranks {
    static final SingleRank INSTANCE = new SingleRank();

    private SingleRank() {}

    @Override public int rank() { return 0; }
    @Override public int size() { return 1; }
    @Override public String describe() { return "1 process"; }
    @Override public void barrier() {}
    @Override public void broadcast(double[] a) {}
    @Override public void broadcast(float[] a) {}
    @Override public void broadcast(int[] a) {}
    @Override public void allreduceSum(double[] a) {}
    @Override public void allreduceSum(float[] a) {}
    @Override public void sumInRankOrder(double[] a) {}

    @Override public double[] allGather(double[] local, int[] counts) {
        check(local, counts);
        return local.clone();
    }

    @Override public double[] gatherToLeader(double[] local, int[] counts) { return allGather(local, counts); }

    @Override public long bytesCommunicated() { return 0; }

    @Override public void abort(int exitCode) {}

    private static void check(double[] local, int[] counts) {
        if (counts.length != 1 || counts[0] != local.length)
            throw new IllegalArgumentException("counts " + java.util.Arrays.toString(counts) + " for one rank holding " + local.length);
    }
}
