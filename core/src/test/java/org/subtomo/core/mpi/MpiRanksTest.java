package org.subtomo.core.mpi;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MpiRanksTest {
    /** Open MPI in containers: no cross-memory-attach single copy (ptrace is often not allowed there). */
    static ProcessBuilder containerSafe(ProcessBuilder pb) {
        pb.environment().putIfAbsent("OMPI_MCA_btl_vader_single_copy_mechanism", "none");
        return pb;
    }

    /** mpirun on PATH, or null. */
    static Path mpirun() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "mpirun");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    @Test void partitionIsContiguousAndBalanced() {
        Partition p = Partition.of(10, 3);
        assertEquals(new Partition.Range(0, 4), p.part(0));
        assertEquals(new Partition.Range(4, 7), p.part(1));
        assertEquals(new Partition.Range(7, 10), p.part(2));
        assertArrayEquals(new int[]{4, 3, 3}, p.counts());
        assertArrayEquals(new int[]{8, 6, 6}, p.counts(2));
        Partition few = Partition.of(2, 4);   // more ranks than items: empty shares at the end
        assertArrayEquals(new int[]{1, 1, 0, 0}, few.counts());
        assertEquals(new Partition.Range(2, 2), few.part(3));
    }

    @Test void plainRunIsOneRankWithoutMpi() {
        assertEquals(1, Cluster.launchedSize(Map.of()));
        assertEquals(1, Cluster.launchedSize(Map.of("OMPI_COMM_WORLD_SIZE", "1")));
        assertEquals(4, Cluster.launchedSize(Map.of("OMPI_COMM_WORLD_SIZE", "4")));
        Ranks r = Cluster.create(Map.of("OMPI_COMM_WORLD_SIZE", "1"));   // mpirun -n 1: no MPI at all
        assertEquals(1, r.size());
        double[] a = {1, 2, 3};
        r.sumInRankOrder(a);
        r.allreduceSum(a);
        assertArrayEquals(new double[]{1, 2, 3}, a);
        assertArrayEquals(a, r.allGather(a, new int[]{3}));
    }

    /** A failing rank ends every rank (MPI_Abort): none waits forever in a collective, mpirun exits non-zero. */
    @Test void abortOnOneRankEndsAll() throws Exception {
        Path mpirun = mpirun();
        assumeTrue(mpirun != null, "mpirun not installed (apt-get install openmpi-bin)");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = containerSafe(new ProcessBuilder(mpirun.toString(), "--oversubscribe", "--allow-run-as-root", "-n", "3", java,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), MpiProbe.class.getName(), "abort")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "mpirun did not finish in 60 s");
        assertTrue(p.exitValue() != 0, out);
        assertTrue(!out.contains("passed the barrier"), out);
    }

    /**
     * Every collective under {@code mpirun -n 3} with 256-byte chunks (so a 1001-element array takes many
     * rounds, as a >2 GiB volume would with the default chunk), checked against exact integer arithmetic.
     */
    @Test void collectivesUnderMpirunWithChunking() throws Exception {
        Path mpirun = mpirun();
        assumeTrue(mpirun != null, "mpirun not installed (apt-get install openmpi-bin)");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(mpirun.toString(), "--oversubscribe", "--allow-run-as-root", "-n", "3", java,
                "--enable-native-access=ALL-UNNAMED", "-Dsubtomo.mpi.chunk_bytes=256", "-cp", System.getProperty("java.class.path"),
                MpiProbe.class.getName(), "1001");
        Process p = containerSafe(new ProcessBuilder(cmd)).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "mpirun did not finish in 60 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        for (int r = 0; r < 3; r++) assertTrue(out.contains("rank " + r + " of 3 ok"), out);
        assertTrue(out.contains("3 MPI ranks (Open MPI"), out);
    }
}
