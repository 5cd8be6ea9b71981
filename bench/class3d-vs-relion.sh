#!/usr/bin/env bash
# subtomo class3d vs RELION 3.1.3 relion_refine 3D classification on the same synthetic two-conformation
# sub-tomograms (blob phantom; state 2 = one domain removed, 30% of the good particles; +-60 deg wedge, 3D CTF
# cubes, noise; optionally BAD=0.15 of the particles, label 3: with 4x the noise std, or with BAD_KIND=ctf a written
# defocus and CTF volume off by BAD_DEFOCUS_ERROR um (2) from the one they were simulated with), same reference (the
# fraction-weighted consensus of the states, low-passed by --ini_high), K, T = 4, iterations, mask and --j 2.
# Prints wall and CPU time, peak memory, and each tool's accuracy against the truth labels, with the
# confusion matrix (where the state-1, state-2 and bad particles went).
#
#   bench/class3d-vs-relion.sh [DIR] [PARTICLES] [MODE]     (defaults /tmp/class3d-bench 200 skip)
# MODE: skip (--skip_align, poses from the input), local (--sigma_ang 4 around poses POSE_ERROR=6 deg off,
# healpix order 3), focus (skip + --solvent_mask focus_mask.mrc on the domain).
# Environment: SNR (0.1), K (2), ITER (15 skip/focus, 5 local), BAD (0), BAD_KIND (noise), BAD_DEFOCUS_ERROR (2), J (2), SEED (3),
# BOX (32), ANGPIX (9), SKIP_RELION=1.
#
# Measured 2026-11-29 on an idle 2-core machine (data made by this version of class3d-data: inputs made before the
# origin-sign change of that day carry origins RELION reads with the opposite sign; regenerate such directories):
#   case (SNR 0.1, K 2, 15 it. unless noted)        accuracy subtomo / RELION     wall s subtomo / RELION   ratio
#   skip 200                                        1.000 / 0.785                 3 / 13                     4.1x
#   focus 200                                       1.000 / 1.000                 3 / 13                     4.3x
#   skip 200, K 3, SNR 0.3, BAD=0.15 BAD_KIND=ctf   1.000, 16/16 bad in one class / 0.717, bad 4/7/5   3 / 19   5.6x
#   local 100, SNR 0.3, 5 it.                       0.810 / 0.810                 4.6 / 15.3                 3.3x
#     (median of 3 runs; the script's own run took 5.5 s: 2.8x)
#   local 400, 5 it.                                0.775 / 0.738                 12 / 46                    3.9x
# Peak RSS: subtomo 0.5-0.7 GB (JVM heap head room; SUBTOMO_JAVA_OPTS=-Xmx300m caps it near 0.35 GB), RELION 37-55 MB.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUBTOMO="$HERE/subtomo"
DIR="${1:-/tmp/class3d-bench}"; NP="${2:-200}"; MODE="${3:-skip}"
SNR="${SNR:-0.1}"; K="${K:-2}"; J="${J:-2}"; BAD="${BAD:-0}"; SEED="${SEED:-3}"
BAD_KIND="${BAD_KIND:-noise}"; BAD_DEFOCUS_ERROR="${BAD_DEFOCUS_ERROR:-2}"; BOX="${BOX:-32}"; ANGPIX="${ANGPIX:-9}"
case "$MODE" in
  skip)  ITER="${ITER:-15}"; PE=0; ALIGN=(--skip_align) ;;
  focus) ITER="${ITER:-15}"; PE=0; ALIGN=(--skip_align --solvent_mask focus_mask.mrc) ;;
  local) ITER="${ITER:-5}"; PE="${POSE_ERROR:-6}"; ALIGN=(--sigma_ang 4 --healpix_order 3 --offset_range 1 --offset_step 1) ;;
  *) echo "MODE must be skip, local or focus" >&2; exit 2 ;;
esac
COMMON=(--ref consensus.mrc --ini_high 40 --ctf --particle_diameter 250 --K "$K" --iter "$ITER" --tau2_fudge 4 --sym C1 --random_seed 1 "${ALIGN[@]}")
mkdir -p "$DIR"; cd "$DIR"
[[ -f particles.star ]] || "$SUBTOMO" bench class3d-data --o . --particles "$NP" --snr "$SNR" --bad "$BAD" \
    --bad_kind "$BAD_KIND" --bad_defocus_error "$BAD_DEFOCUS_ERROR" --box "$BOX" --angpix "$ANGPIX" --pose_error "$PE" --random_seed "$SEED"

source "$HERE/bench/lib.sh"
last() { printf "%s_it%03d_data.star" "$1" "$ITER"; }

rm -rf "subtomo_$MODE" "relion_$MODE"; mkdir -p "subtomo_$MODE" "relion_$MODE"
timed "subtomo_$MODE/run" "$SUBTOMO" class3d --i particles.star --o "subtomo_$MODE/run" "${COMMON[@]}" --j "$J"
S_SCORE=$("$SUBTOMO" bench class3d-score --truth truth_particles.star --data "$(last "subtomo_$MODE/run")")
if [[ -z "${SKIP_RELION:-}" ]]; then
  timed "relion_$MODE/run" relion_refine --i particles.star --o "relion_$MODE/run" "${COMMON[@]}" --j "$J" \
      --pad 2 --flatten_solvent --zero_mask --oversampling 1 --norm --scale --dont_combine_weights_via_disc --pool 3
  R_SCORE=$("$SUBTOMO" bench class3d-score --truth truth_particles.star --data "$(last "relion_$MODE/run")")
fi

row() {  # row NAME TIMEFILE SCORE
  usage "$2"
  printf "%-8s wall %5.0f s  CPU %5s s  peak RSS %5.0f MB | %s\n" "$1" "$WALL" "$CPU" "$RSS_MB" "$3"
}
echo "== $MODE: $NP particles (bad fraction $BAD, $BAD_KIND), box $BOX, $ANGPIX A/px, SNR $SNR, K $K, $ITER iterations, --j $J, $(nproc) cores =="
row subtomo "subtomo_$MODE/run" "$S_SCORE"
if [[ -z "${SKIP_RELION:-}" ]]; then
  row relion "relion_$MODE/run" "$R_SCORE"
  read -r sw sc < "subtomo_$MODE/run.seconds"; read -r rw rc < "relion_$MODE/run.seconds"
  awk -v sw="$sw" -v rw="$rw" -v sc="$sc" -v rc="$rc" 'BEGIN {printf "time ratio relion/subtomo: wall %.1fx, CPU %.1fx\n", rw/sw, (sc>0? rc/sc : 0)}'
fi
