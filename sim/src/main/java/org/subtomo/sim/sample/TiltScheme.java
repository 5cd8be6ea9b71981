package org.subtomo.sim.sample;

import org.subtomo.core.error.InputException;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which a tilt series is collected and the electron dose each image received before it.
 *
 * <p>Images are listed in <em>stack order</em> (ascending tilt, as an aligned stack and its .tlt
 * are), each with its acquisition index and the dose accumulated before it was taken — exactly
 * what the protocol's .order file holds (tilt, accumulated dose).
 */
public record TiltScheme(List<Tilt> tilts, double dosePerTilt) {
    public record Tilt(double angleDeg, int acquisitionIndex, double priorDose) {}

    public enum Kind {
        /** Hagen et al. (2017): 0, +s, -s, -2s, +2s, +3s, -3s, ... (groups of two on alternating sides). */
        DOSE_SYMMETRIC,
        /** Start at 0 (or the smallest |tilt|), go to +max, then return from -step to -max. */
        BIDIRECTIONAL,
        /** From -max to +max in one sweep. */
        UNIDIRECTIONAL
    }

    public TiltScheme { tilts = List.copyOf(tilts); }

    public int size() { return tilts.size(); }

    public double[] anglesDeg() { return tilts.stream().mapToDouble(Tilt::angleDeg).toArray(); }

    /**
     * @param maxTiltDeg  largest |tilt|, e.g. 60
     * @param stepDeg     tilt increment, e.g. 3
     * @param dosePerTilt e⁻/Å² per image
     */
    public static TiltScheme of(Kind kind, double maxTiltDeg, double stepDeg, double dosePerTilt) {
        if (!(maxTiltDeg > 0) || maxTiltDeg >= 90)
            throw new InputException("--tilt_max " + maxTiltDeg + ": the tilt range must be within (0, 90) degrees, e.g. 60");
        if (!(stepDeg > 0) || stepDeg > maxTiltDeg)
            throw new InputException("--tilt_step " + stepDeg + ": the tilt step must be positive and at most --tilt_max, e.g. 3");
        if (!(dosePerTilt >= 0) || Double.isInfinite(dosePerTilt))
            throw new InputException("--dose_per_tilt " + dosePerTilt + ": the dose must be zero or positive (e-/A^2 per image), e.g. 3");
        int n = (int) Math.floor(maxTiltDeg / stepDeg + 1e-9);
        // Integer tilt indices -n..n; stack order is ascending.
        List<Integer> acquisition = new ArrayList<>();
        switch (kind) {
            case DOSE_SYMMETRIC -> {
                acquisition.add(0);
                // Hagen scheme: +1, -1, -2, +2, +3, -3, -4, +4 ...: two images per side before switching.
                boolean positive = true;
                int k = 1;
                while (acquisition.size() < 2 * n + 1) {
                    acquisition.add(positive ? k : -k);
                    acquisition.add(positive ? -k : k);
                    // the next pair starts on the side we just finished
                    positive = !positive;
                    k++;
                }
            }
            case BIDIRECTIONAL -> {
                for (int k = 0; k <= n; k++) acquisition.add(k);
                for (int k = 1; k <= n; k++) acquisition.add(-k);
            }
            case UNIDIRECTIONAL -> { for (int k = -n; k <= n; k++) acquisition.add(k); }
        }
        Tilt[] byIndex = new Tilt[2 * n + 1];
        for (int a = 0; a < acquisition.size(); a++) {
            int k = acquisition.get(a);
            byIndex[k + n] = new Tilt(k * stepDeg, a, a * dosePerTilt);
        }
        return new TiltScheme(List.of(byIndex), dosePerTilt);
    }
}
