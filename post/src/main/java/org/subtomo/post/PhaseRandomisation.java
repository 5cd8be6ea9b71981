package org.subtomo.post;

import org.subtomo.core.fft.Fft;
import org.subtomo.core.fourier.FourierShells;
import org.subtomo.core.grid.FourierGrid;
import org.subtomo.core.grid.RealGrid;

import java.util.SplittableRandom;

/**
 * Replaces the phases of every Fourier component at or beyond shell ℓ (|k| ≥ ℓ, cycles per box) by
 * uniform random phases, keeping the amplitudes (Chen et al. 2013; RELION's randomizePhasesBeyond).
 * Masking the randomised halves then shows how much correlation the mask alone creates.
 *
 * <p>Unlike RELION, which draws each stored half-layout value independently, the self-conjugate
 * planes kx = 0 and kx = nx/2 get a phase for one member of each Friedel pair and the conjugate for
 * the other, so the randomised map is exactly real and the result does not depend on how an FFT
 * backend treats a non-Hermitian input. Draws follow storage order from one seeded generator, so a
 * seed gives the same map on every machine.
 */
public final class PhaseRandomisation {
    private PhaseRandomisation() {}

    public static RealGrid beyond(RealGrid map, int shell, long seed) {
        FourierGrid f = Fft.forward(map);
        beyond(f, shell, seed);
        return Fft.inverse(f);
    }

    /** In place on a half-layout transform. */
    public static void beyond(FourierGrid f, int shell, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double s2 = (double) shell * shell;
        float[] d = f.data;
        int lastX = f.nx / 2;
        for (int kz = 0; kz < f.nz; kz++) for (int ky = 0; ky < f.ny; ky++) for (int kx = 0; kx < f.hx; kx++) {
            if (FourierShells.radius2(f, kx, f.freqY(ky), f.freqZ(kz)) < s2) continue;
            boolean selfConjugatePlane = kx == 0 || (f.nx % 2 == 0 && kx == lastX);
            int i = f.index(kx, ky, kz);
            double phase = rnd.nextDouble(2 * Math.PI);
            if (selfConjugatePlane) {
                int my = f.rowY(-f.freqY(ky)), mz = f.rowZ(-f.freqZ(kz));
                int j = f.index(kx, my, mz);
                if (j < i) continue;              // the mate was set when its turn came
                double amp = Math.hypot(d[i], d[i + 1]);
                if (j == i) {                      // its own mate: must stay real
                    d[i] = (float) (phase < Math.PI ? amp : -amp); d[i + 1] = 0;
                    continue;
                }
                d[i] = (float) (amp * Math.cos(phase)); d[i + 1] = (float) (amp * Math.sin(phase));
                double ampMate = Math.hypot(d[j], d[j + 1]);
                d[j] = (float) (ampMate * Math.cos(phase)); d[j + 1] = (float) (-ampMate * Math.sin(phase));
            } else {
                double amp = Math.hypot(d[i], d[i + 1]);
                d[i] = (float) (amp * Math.cos(phase)); d[i + 1] = (float) (amp * Math.sin(phase));
            }
        }
    }
}
