#!/usr/bin/env bash
# subtomo refine3d vs RELION 3.1.3 relion_refine (--auto_refine --split_random_halves) on the same synthetic
# sub-tomograms (blob phantom, random poses, +-60 deg wedge, 3D CTF cubes, noise), same reference (truth
# low-passed by --ini_high), sampling, T, mask and cores. Prints wall and CPU time, peak memory, the final
# half-map resolution and each map's FSC against the truth map and median angular error against the truth poses.
#
#   bench/refine3d-vs-relion.sh [DIR] [PARTICLES] [HEALPIX_ORDER] [LOCAL_ORDER] [BOX] [ANGPIX]
#       (defaults /tmp/refine3d-bench 100 1 2 32 9; the issue's size is 600 particles, box 64, 5 A/px)
# Extra settings through the environment: SNR (0.5), J (2 threads for subtomo; RELION gets 1 leader + 2
# workers x 1 thread via mpirun -n 3 when relion_refine_mpi exists), DIAMETER (A; default 0.83 x box x angpix,
# the phantom's extent), SKIP_RELION=1, SKIP_SUBTOMO=1, EXTRA (more subtomo options).
#
# Measured 2026-11-29 (second session) on an idle 2-core machine, SNR 0.5, ref = truth low-passed at 60 A, healpix 1,
# local from 2, subtomo --j 2, RELION mpirun -n 3 (peak memory: all of RELION's processes together, see the sampler):
#   100 particles, box 32, 9 A/px:
#   subtomo  wall    31 s  CPU   55 s  RSS 0.60 GB  half-map FSC0.143 26.26 A | vs truth 0.5 25.57 A, 0.143 21.24 A, median ang. err 1.18 deg
#   relion   wall   472 s  CPU  886 s  RSS 0.70 GB  half-map FSC0.143 26.18 A | vs truth 0.5 25.92 A, 0.143 20.09 A, median ang. err 0.89 deg
#            (largest single process 0.33 GB)
#   200 particles, box 48, 6 A/px:
#   subtomo  wall   211 s  CPU  399 s  RSS 1.19 GB  half-map FSC0.143 15.48 A | vs truth 0.5 15.53 A, 0.143 12.51 A, median ang. err 0.58 deg
#     --ref None (de novo, otherwise the same): CPU 622 s, RSS 0.97 GB | vs truth 0.5 15.61 A, 0.143 12.80 A, 0.57 deg
#   relion   not finished: stopped in iteration 15 after 3206 s CPU (1 h 34 min wall, shared); RSS 4.17 GB over its
#            processes; its iteration-14 half map vs truth 0.5 19.44 A, 0.143 15.54 A, median ang. err 2.68 deg
#   600 particles, box 64, 5 A/px (the issue's example): not run with RELION (many hours on 2 cores).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUBTOMO="$HERE/subtomo"
DIR="${1:-/tmp/refine3d-bench}"; NP="${2:-100}"; ORDER="${3:-1}"; LOCAL="${4:-2}"; BOX="${5:-32}"; ANGPIX="${6:-9}"
SNR="${SNR:-0.5}"; J="${J:-2}"
DIAMETER="${DIAMETER:-$(awk -v b="$BOX" -v a="$ANGPIX" 'BEGIN {printf "%.0f", 0.83 * b * a}')}"
COMMON=(--ref truth.mrc --ini_high 60 --ctf --particle_diameter "$DIAMETER" --healpix_order "$ORDER" --offset_range 3 --offset_step 2
        --auto_local_healpix_order "$LOCAL" --sym C1 --random_seed 1)
mkdir -p "$DIR"; cd "$DIR"
[[ -f particles.star ]] || "$SUBTOMO" bench refine3d-data --o . --particles "$NP" --box "$BOX" --angpix "$ANGPIX" --snr "$SNR" --random_seed 2

source "$HERE/bench/lib.sh"

mkdir -p subtomo relion
if [[ -z "${SKIP_SUBTOMO:-}" ]]; then
  timed subtomo/run "$SUBTOMO" refine3d --i particles.star --o subtomo/run "${COMMON[@]}" --maskedge 3 --iter 25 --j "$J" ${EXTRA:-}
  S_SCORE=$("$SUBTOMO" bench refine3d-score --truth . --map subtomo/run_class001.mrc --data subtomo/run_data.star)
  S_HALF=$(grep -o 'unfiltered half maps FSC 0.143 at [0-9.]* A' subtomo/run.log | grep -o '[0-9.]* A' | head -1)
fi

if [[ -z "${SKIP_RELION:-}" ]]; then
  if command -v relion_refine_mpi >/dev/null && command -v mpirun >/dev/null; then
    RELION=(mpirun --allow-run-as-root --oversubscribe -n 3 relion_refine_mpi --j 1)
  else
    RELION=(relion_refine --j "$J")   # no MPI build: threads only (then the half sets are refined in one process)
  fi
  # /usr/bin/time reports the largest single process; the ranks share the machine, so also sample their sum
  # (relion_refine processes working in this directory only: other RELION runs may be going on)
  ( peak=0; here=$(pwd -P); while sleep 1; do
      sum=0
      for pid in $(pgrep -f relion_refine); do
        [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$here" ]] || continue
        r=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null); sum=$((sum + ${r:-0}))
      done
      (( sum > peak )) && { peak=$sum; echo "$peak" > relion/run.rss_sum_kb; }
    done ) & SAMPLER=$!
  timed relion/run "${RELION[@]}" --o relion/run --auto_refine --split_random_halves --i particles.star "${COMMON[@]}" \
      --dont_combine_weights_via_disc --pool 3 --pad 2 --flatten_solvent --zero_mask --oversampling 1 --low_resol_join_halves 40 --norm --scale
  kill "$SAMPLER" 2>/dev/null || true
  R_SCORE=$("$SUBTOMO" bench refine3d-score --truth . --map relion/run_class001.mrc --data relion/run_data.star)
  R_HALF=$(grep -o 'Final resolution (without masking) is: [0-9.]*' relion/run.log | grep -o '[0-9.]*$' | head -1)
fi

row() {  # row NAME TIMEFILE HALFRES SCORE
  local sum=""
  usage "$2"
  [[ -f "$2.rss_sum_kb" ]] && sum=" (all ranks $(( $(cat "$2.rss_sum_kb") / 1024 )) MB)"
  printf "%-8s wall %6.0f s  CPU %6s s  peak RSS %5.0f MB%s  half-map FSC 0.143 %-8s | %s\n" "$1" "$WALL" "$CPU" "$RSS_MB" "$sum" "$3" "$4"
}
echo "== $NP particles, box $BOX, $ANGPIX A/px, healpix order $ORDER, local from $LOCAL, SNR $SNR, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) =="
[[ -n "${SKIP_SUBTOMO:-}" ]] || row subtomo subtomo/run "$S_HALF" "$S_SCORE"
[[ -n "${SKIP_RELION:-}" ]] || row relion relion/run "${R_HALF} A" "$R_SCORE"
if [[ -z "${SKIP_RELION:-}${SKIP_SUBTOMO:-}" ]]; then
  read -r sw sc < subtomo/run.seconds; read -r rw rc < relion/run.seconds
  awk -v sw="$sw" -v rw="$rw" -v sc="$sc" -v rc="$rc" 'BEGIN {printf "time ratio relion/subtomo: wall %.1fx, CPU %.1fx\n", rw/sw, (sc>0? rc/sc : 0)}'
fi
