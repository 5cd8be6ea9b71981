package org.subtomo.core.fft;

/**
 * A reusable transform of fixed size. Arrays: real {@code batch*nx*ny*nz} floats; complex
 * {@code batch*2*(nx/2+1)*ny*nz} floats in FFTW's r2c half layout (see FourierGrid).
 * Forward is unnormalised; inverse is scaled by 1/(nx*ny*nz). Inputs are never modified.
 * Not thread-safe: one plan per thread.
 */
public interface FftPlan extends AutoCloseable {
    int nx();
    int ny();
    int nz();
    int batch();

    void forward(float[] real, float[] complex);

    void inverse(float[] complex, float[] real);

    @Override default void close() {}
}
