package org.subtomo.core.fft;

/** FFTW handed the Java arrays directly (critical downcalls, FFTW_UNALIGNED plans), ESTIMATE planner. */
class FftwHeapTransferTest extends FftBackendContract {
    @Override FftBackend backend() {
        return FftwBackendTest.fftw().withTransfer(FftwBackend.Transfer.HEAP).withEstimatePlanner(true);
    }
}
