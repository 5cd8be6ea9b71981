package org.subtomo.core.fft;

import org.junit.jupiter.api.Test;
import org.subtomo.core.error.InputException;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** FftBackends.select's decisions, driven without touching the JVM's real environment. */
class FftBackendSelectionTest {
    private static final String WHY = "libfftw3f.so.3 not found: install libfftw3-single3";

    @Test void fallsBackToJavaWithTheReasonWhenFftwIsMissing() {
        FftBackend b = FftBackends.select(null, null, Optional.empty(), WHY);
        assertInstanceOf(JavaFftBackend.class, b);
        assertEquals(WHY + "; using pure Java", FftBackends.lastReason());
    }

    @Test void forcingFftwWhereItIsMissingIsAClearError() {
        InputException e = assertThrows(InputException.class,
                () -> FftBackends.select(null, "fftw", Optional.empty(), WHY));
        assertTrue(e.getMessage().contains("SUBTOMO_FFT=fftw") && e.getMessage().contains(WHY), e.getMessage());
    }

    @Test void propertyBeatsEnvironmentAndUnknownNamesFail() {
        assertInstanceOf(JavaFftBackend.class, FftBackends.select("java", "fftw", Optional.empty(), WHY));
        assertTrue(FftBackends.lastReason().contains("-Dsubtomo.fft=java"));
        assertThrows(InputException.class, () -> FftBackends.select(null, "cufft", Optional.empty(), WHY));
    }

    @Test void prefersFftwWhenPresentAndSaysWhichLibrary() {
        FftwBackend fftw = FftwBackendTest.fftw();
        assertSame(fftw, FftBackends.select(null, null, Optional.of(fftw), WHY));
        assertTrue(FftBackends.lastReason().matches("fftw3f \\d+\\.\\d+.* from .*libfftw3f.*"), FftBackends.lastReason());
        assertInstanceOf(JavaFftBackend.class, FftBackends.select(null, "java", Optional.of(fftw), WHY));
    }

    @Test void missingLibraryIsReportedNotThrown() {
        FftwLibrary.Loaded r = FftwLibrary.tryLoad(List.of("/nonexistent/libfftw3f.so.3", "libsubtomo-no-such-lib.so"));
        assertTrue(r.lib().isEmpty());
        assertTrue(r.failure().contains("install libfftw3-single3") && r.failure().contains("/nonexistent"), r.failure());
    }

    @Test void versionComesFromTheLibrary() {
        FftwBackend fftw = FftwBackendTest.fftw();
        assumeTrue(fftw.version() != null);
        assertTrue(fftw.version().matches("\\d+\\.\\d+\\.\\d+.*"), fftw.version());
    }
}
