package org.subtomo.post.postprocess;

import org.junit.jupiter.api.Test;
import org.subtomo.core.grid.RealGrid;

import static org.junit.jupiter.api.Assertions.*;

class AutoMaskTest {
    @Test void oneVoxelGrowsIntoASoftBall() {
        RealGrid m = RealGrid.cube(32);
        m.set(16, 16, 16, 1);
        RealGrid mask = new AutoMask(0, 0.5, 3, 4).compute(m, 1);
        // grown: d² < 9 → distances 0, 1, √2, 2, √5, √6, 2√2 (d² = 0..8)
        assertEquals(1, mask.get(16, 16, 18), 0);
        assertEquals(1, mask.get(18, 18, 16), 0, "d² = 8 < 9");
        // d from the grown set: voxel (16,16,20) is 1 away from (16,16,19)? (16,16,19) has d²=9, not grown; grown edge is z=18
        assertEquals(0.5 + 0.5 * Math.cos(Math.PI * 2 / 4), mask.get(16, 16, 20), 1e-6);
        assertEquals(0, mask.get(16, 16, 22), 0, "d = 4 from the grown mask: outside the edge");
        assertEquals(0, mask.get(0, 0, 0), 0);
    }

    @Test void thresholdIsInclusive() {
        RealGrid m = RealGrid.cube(8);
        m.set(4, 4, 4, 0.3f);
        assertEquals(1, new AutoMask(0, 0.3, 0, 0).compute(m, 1).sum(), 0);
        assertEquals(0, new AutoMask(0, 0.31, 0, 0).compute(m, 1).sum(), 0);
    }
}
