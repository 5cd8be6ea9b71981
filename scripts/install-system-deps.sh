#!/usr/bin/env bash
# Optional system packages for subtomo and its test suite. Nothing here is required: each missing
# package is installed when we can (root + apt-get), otherwise the feature falls back or its tests
# are skipped, and we say which.
#   libfftw3-single3  FFTW3 single precision: the fast FFT backend (pure-Java fallback otherwise)
#   libfftw3-bin, libfftw3-dev  FFTW tools and header: the C speed ceiling of `subtomo bench fft --ceiling`
#   python3-mrcfile   independent MRC reader/validator used by cross-tool tests
#   python3-gemmi     independent PDB/mmCIF writer used by the simulator's model-reader tests
#   fontconfig, fonts-dejavu-core  fonts for the labels of PNG plots (Java2D needs fontconfig to draw text)
#   chromium, chromium-driver  headless browser for the GUI's real-browser test (Selenium); skipped without them
#   openmpi-bin, libopenmpi3  Open MPI: `mpirun -n N ./subtomo ...` across ranks/nodes, and its tests
#   relion            RELION 3.1.3: reference outputs in cross-tool tests (SUBTOMO_SKIP_RELION=1 to skip)
set -u
pkgs=(libfftw3-single3 libfftw3-bin libfftw3-dev python3-mrcfile python3-gemmi fontconfig fonts-dejavu-core chromium chromium-driver openmpi-bin libopenmpi3)
[[ "${SUBTOMO_SKIP_RELION:-0}" == 1 ]] || pkgs+=(relion)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "subtomo: installing system packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q "${missing[@]}" >/tmp/subtomo-apt.log 2>&1; then
    apt-get update -q >/dev/null 2>&1 || true
    apt-get install -y -q "${missing[@]}" >/tmp/subtomo-apt.log 2>&1 \
      || echo "subtomo: could not install ${missing[*]} (see /tmp/subtomo-apt.log); tests that need them are skipped" >&2
  fi
else
  echo "subtomo: not installed: ${missing[*]} (needs root and apt-get). The FFT falls back to pure Java" >&2
  echo "         and cross-tool tests are skipped; install them with: sudo apt-get install ${missing[*]}" >&2
fi
exit 0
