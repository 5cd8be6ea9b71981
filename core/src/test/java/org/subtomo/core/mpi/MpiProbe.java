package org.subtomo.core.mpi;

import java.util.Locale;

/**
 * Run under mpirun by {@link MpiRanksTest}: every collective on known inputs; prints "rank R ok ..." or the
 * first mismatch. Values are integers so sums are exact in any order.
 */
public final class MpiProbe {
    public static void main(String[] args) {
        Ranks r = Cluster.ranks();
        int me = r.rank(), n = r.size();
        if (args.length > 0 && args[0].equals("abort")) {   // rank 1 fails while the others wait in a collective
            if (me == 1) Cluster.abortAll(3);
            r.barrier();
            System.out.println("rank " + me + " passed the barrier: abort did not end it");
            return;
        }
        StringBuilder bad = new StringBuilder();
        int len = Integer.parseInt(args.length > 0 ? args[0] : "1000");

        double[] d = new double[len];
        for (int i = 0; i < len; i++) d[i] = me * 1000.0 + i;
        r.allreduceSum(d);
        for (int i = 0; i < len; i++) if (d[i] != 1000.0 * n * (n - 1) / 2 + (double) n * i) { bad.append(" allreduce-d@").append(i); break; }

        float[] f = new float[len];
        for (int i = 0; i < len; i++) f[i] = me + 1;
        r.allreduceSum(f);
        for (int i = 0; i < len; i++) if (f[i] != n * (n + 1) / 2f) { bad.append(" allreduce-f@").append(i); break; }

        double[] o = new double[len];
        for (int i = 0; i < len; i++) o[i] = me == 0 ? 1e16 : (i % 2 == 0 ? 1 : -1);
        r.sumInRankOrder(o);
        // rank order: ((1e16 + x) + x) ...: identical on all ranks; check against a sequential sum
        for (int i = 0; i < len; i++) {
            double s = 1e16;
            for (int q = 1; q < n; q++) s += (i % 2 == 0 ? 1 : -1);
            if (o[i] != s) { bad.append(" ordered@").append(i); break; }
        }

        double[] b = new double[len];
        float[] bf = new float[len];
        int[] bi = new int[len];
        if (me == 0) for (int i = 0; i < len; i++) { b[i] = i * 0.5; bf[i] = i * 0.25f; bi[i] = -i; }
        r.broadcast(b); r.broadcast(bf); r.broadcast(bi);
        for (int i = 0; i < len; i++) if (b[i] != i * 0.5 || bf[i] != i * 0.25f || bi[i] != -i) { bad.append(" bcast@").append(i); break; }

        Partition part = Partition.of(len, n);
        Partition.Range mine = part.part(me);
        double[] local = new double[mine.size()];
        for (int i = 0; i < local.length; i++) local[i] = mine.from() + i;
        double[] all = r.allGather(local, part.counts());
        double[] lead = r.gatherToLeader(local, part.counts());
        for (int i = 0; i < len; i++) if (all[i] != i) { bad.append(" allgather@").append(i); break; }
        if (me == 0) { for (int i = 0; i < len; i++) if (lead[i] != i) { bad.append(" gather@").append(i); break; } }
        else if (lead != null) bad.append(" gather-nonnull");
        r.barrier();
        // one write per line: ranks share the terminal
        System.out.print(String.format(Locale.ROOT, "rank %d of %d %s bytes=%d %s%n", me, n, bad.isEmpty() ? "ok" : "FAIL" + bad,
                r.bytesCommunicated(), me == 0 ? r.describe() : ""));
        System.out.flush();
        Cluster.finish();
        if (!bad.isEmpty()) System.exit(2);
    }
}
