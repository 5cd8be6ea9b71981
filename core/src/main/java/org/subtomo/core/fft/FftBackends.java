package org.subtomo.core.fft;

import org.subtomo.core.error.InputException;

import java.util.Locale;
import java.util.Optional;

/**
 * Run-time choice of FFT backend (see {@link Fft}): FFTW when libfftw3f loads, else pure Java, and
 * always a recorded reason. {@code -Dsubtomo.fft=java|fftw} (first) or {@code SUBTOMO_FFT} forces one;
 * forcing fftw where it cannot load is an error (a user error: one line, no stack trace) rather than a
 * silent 5x slowdown.
 */
public final class FftBackends {
    private FftBackends() {}
    private static volatile String reason = "not selected yet";

    static String lastReason() { return reason; }

    static FftBackend select() {
        return select(System.getProperty("subtomo.fft"), System.getenv("SUBTOMO_FFT"),
                FftwBackend.create(), FftwBackend.unavailableReason());
    }

    /** The decision itself, separated from the JVM's environment so that tests can drive it. */
    static FftBackend select(String prop, String env, Optional<FftwBackend> fftw, String whyNoFftw) {
        boolean byProp = prop != null && !prop.isBlank();
        String forced = byProp ? prop : env != null && !env.isBlank() ? env : null;
        String by = byProp ? "-Dsubtomo.fft=" + prop : "SUBTOMO_FFT=" + env;
        if (forced != null) {
            switch (forced.trim().toLowerCase(Locale.ROOT)) {
                case "java", "jtransforms" -> {
                    reason = "pure Java (forced by " + by + ")";
                    return new JavaFftBackend();
                }
                case "fftw", "fftw3", "fftw3f" -> {
                    FftwBackend b = fftw.orElseThrow(() -> new InputException(
                            by + " asks for FFTW but it cannot be used: " + whyNoFftw));
                    reason = b.describe() + " (forced by " + by + ")";
                    return b;
                }
                default -> throw new InputException(by + ": unknown FFT backend (use java or fftw)");
            }
        }
        if (fftw.isPresent()) {
            reason = fftw.get().describe();
            return fftw.get();
        }
        reason = whyNoFftw + "; using pure Java";
        return new JavaFftBackend();
    }

    /** Every backend usable here, FFTW first (benchmark, cross-checks). */
    public static java.util.List<FftBackend> available() {
        java.util.List<FftBackend> out = new java.util.ArrayList<>();
        FftwBackend.create().ifPresent(out::add);
        out.add(new JavaFftBackend());
        return out;
    }
}
