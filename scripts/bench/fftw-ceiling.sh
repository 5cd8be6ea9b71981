#!/usr/bin/env bash
# Builds and runs scripts/bench/fftw_ceiling.c: FFTW's own C speed, the ceiling for the FFM backend.
#   scripts/bench/fftw-ceiling.sh [estimate|measure] [fftw-threads] [reps]
# Needs gcc and fftw3.h (Debian: libfftw3-dev). Prints "size<TAB>median ms" lines.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v gcc >/dev/null || { echo "fftw-ceiling: gcc not found" >&2; exit 2; }
out="${TMPDIR:-/tmp}/subtomo-fftw-ceiling-$(id -u)"
if [[ ! -x "$out" || "$here/fftw_ceiling.c" -nt "$out" ]]; then
  gcc -O2 -o "$out.tmp" "$here/fftw_ceiling.c" -lfftw3f_threads -lfftw3f -lm -lpthread \
    || { echo "fftw-ceiling: build failed (is libfftw3-dev installed?)" >&2; exit 2; }
  mv "$out.tmp" "$out"
fi
exec "$out" "$@"
