package org.subtomo.core.fft;

/** FFTW with its own 2 threads per plan must still honour the whole contract. */
class FftwThreadedTest extends FftBackendContract {
    @Override FftBackend backend() { return FftwBackendTest.fftw().withThreads(2); }
}
