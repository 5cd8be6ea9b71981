/* FFTW's own speed on this machine: the ceiling for subtomo's FFM backend.
 * Same work as `subtomo bench fft`: an r2c + c2r pair (with the 1/N scaling pass the Java side does)
 * on 64^3, 128^3, 256^3 and a batch of 128 images of 128^2, median ms over repetitions.
 * Usage: fftw_ceiling [estimate|measure] [fftw-threads] [reps]
 * Output: one line per size, "size<TAB>median_ms", machine readable for the Java bench. */
#include <fftw3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void) {
    struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec * 1e-6;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y);
}

/* rank-dim transform n[] (slowest first), batch howmany; returns median ms of r2c+c2r+scale */
static double bench(int rank, const int *n, int howmany, unsigned flags, int reps) {
    size_t nreal = 1, ncplx = 1;
    for (int i = 0; i < rank; i++) { nreal *= n[i]; ncplx *= (i == rank - 1) ? n[i] / 2 + 1 : n[i]; }
    float *in = fftwf_malloc(sizeof(float) * nreal * howmany);
    float *back = fftwf_malloc(sizeof(float) * nreal * howmany);
    fftwf_complex *out = fftwf_malloc(sizeof(fftwf_complex) * ncplx * howmany);
    fftwf_complex *tmp = fftwf_malloc(sizeof(fftwf_complex) * ncplx * howmany);
    fftwf_plan f = fftwf_plan_many_dft_r2c(rank, n, howmany, in, NULL, 1, (int)nreal, out, NULL, 1, (int)ncplx, flags);
    fftwf_plan b = fftwf_plan_many_dft_c2r(rank, n, howmany, tmp, NULL, 1, (int)ncplx, back, NULL, 1, (int)nreal, flags);
    srand(1);
    for (size_t i = 0; i < nreal * howmany; i++) in[i] = (float)rand() / RAND_MAX - 0.5f;
    double *t = malloc(sizeof(double) * reps);
    float s = 1.0f / nreal;
    for (int r = -2; r < reps; r++) {           /* two warm-up rounds */
        double t0 = now_ms();
        fftwf_execute_dft_r2c(f, in, out);
        memcpy(tmp, out, sizeof(fftwf_complex) * ncplx * howmany);  /* c2r destroys its input */
        fftwf_execute_dft_c2r(b, tmp, back);
        for (size_t i = 0; i < nreal * howmany; i++) back[i] *= s;
        if (r >= 0) t[r] = now_ms() - t0;
    }
    qsort(t, reps, sizeof(double), cmp);
    double med = t[reps / 2];
    fftwf_destroy_plan(f); fftwf_destroy_plan(b);
    fftwf_free(in); fftwf_free(back); fftwf_free(out); fftwf_free(tmp); free(t);
    return med;
}

int main(int argc, char **argv) {
    unsigned flags = (argc > 1 && strcmp(argv[1], "measure") == 0) ? FFTW_MEASURE : FFTW_ESTIMATE;
    int threads = argc > 2 ? atoi(argv[2]) : 1;
    int reps = argc > 3 ? atoi(argv[3]) : 7;
    fftwf_init_threads();
    fftwf_plan_with_nthreads(threads);
    int c64[] = {64, 64, 64}, c128[] = {128, 128, 128}, c256[] = {256, 256, 256}, img[] = {128, 128};
    printf("64^3\t%.3f\n", bench(3, c64, 1, flags, reps * 4)); fflush(stdout);
    printf("128^3\t%.3f\n", bench(3, c128, 1, flags, reps)); fflush(stdout);
    printf("256^3\t%.3f\n", bench(3, c256, 1, flags, reps)); fflush(stdout);
    printf("128x128^2\t%.3f\n", bench(2, img, 128, flags, reps)); fflush(stdout);
    return 0;
}
