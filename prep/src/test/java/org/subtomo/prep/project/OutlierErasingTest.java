package org.subtomo.prep.project;

import org.junit.jupiter.api.Test;
import org.subtomo.core.grid.RealGrid;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class OutlierErasingTest {
    @Test void eraseABeadAndItsEdgeButNotTheNoise() {
        int n = 128;
        RealGrid img = new RealGrid(n, n, 1);
        Random rnd = new Random(3);
        for (int i = 0; i < img.data.length; i++) img.data[i] = (float) (100 + rnd.nextGaussian());
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
                if ((x - 40) * (x - 40) + (y - 70) * (y - 70) <= 16) img.data[x + n * y] = 40;   // a dark bead, r = 4
        double[] erased = new double[1];
        RealGrid out = OutlierErasing.erase(img, 4, 3, erased);
        for (int y = 62; y <= 78; y++)
            for (int x = 32; x <= 48; x++)
                if ((x - 40) * (x - 40) + (y - 70) * (y - 70) <= 16) assertEquals(100, out.data[x + n * y], 0.1, "bead pixel");
        // the bead (49 px) grown by 3 px, plus the rare 4σ noise pixels: about 1.3 % of the image
        assertTrue(erased[0] > 0.005 && erased[0] < 0.02, "erased fraction " + erased[0]);
        int changed = 0;
        for (int i = 0; i < n * n; i++) if (out.data[i] != img.data[i]) changed++;
        assertEquals(erased[0] * n * n, changed, 2.0);
        assertEquals(img.data[5 + n * 5], out.data[5 + n * 5]);   // far from the bead: untouched
    }
}
