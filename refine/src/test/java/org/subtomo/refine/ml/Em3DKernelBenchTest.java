package org.subtomo.refine.ml;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `subtomo bench em3d` measures something: positive, finite times per component on a small box. */
class Em3DKernelBenchTest {
    @Test
    void measuresAllKernels() {
        Em3DKernelBench.Result r = Em3DKernelBench.measure(16, 1);
        assertEquals(16, r.box());
        assertEquals(Em3D.components(16).count, r.components());
        for (double ns : new double[]{r.rotateNs(), r.insertNs(), r.localOneNs(), r.localAllNs()})
            assertTrue(ns > 0 && Double.isFinite(ns), "ns per component: " + ns);
    }
}
