package org.subtomo.post.postprocess;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class DistanceTransformTest {
    @Test void equalsBruteForceSearch() {
        int nx = 13, ny = 9, nz = 11;
        boolean[] in = new boolean[nx * ny * nz];
        Random r = new Random(3);
        for (int i = 0; i < in.length; i++) in[i] = r.nextDouble() < 0.02;
        double[] d = DistanceTransform.squared(in, nx, ny, nz);
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
            double best = DistanceTransform.FAR;
            for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++)
                if (in[i + nx * (j + ny * k)]) best = Math.min(best, (x - i) * (x - i) + (y - j) * (y - j) + (z - k) * (z - k));
            assertEquals(best, d[x + nx * (y + ny * z)], 0, "voxel " + x + "," + y + "," + z);
        }
    }
}
