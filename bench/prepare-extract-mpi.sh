#!/usr/bin/env bash
# subtomo prepare and extract --project3d on 1, 2, 3 MPI ranks (1 thread each) on the same simulated project:
# wall and CPU seconds (user+sys of mpirun and its ranks, /usr/bin/time), peak RSS of one process, the bytes
# the leader communicated (from the log), the load average, and whether every file equals the 1-rank run's
# (diff -r: byte for byte).
#   bench/prepare-extract-mpi.sh [DIR] [TOMOGRAMS] [PARTICLES]      (defaults /tmp/prepare-extract-mpi 3 40)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUBTOMO="$HERE/subtomo"
DIR="${1:-/tmp/prepare-extract-mpi}"; NT="${2:-3}"; NP="${3:-40}"
mkdir -p "$DIR"; cd "$DIR"
"$SUBTOMO" --version >/dev/null   # build once, before any rank starts
[[ -f sim/all_tomograms.star ]] || "$SUBTOMO" simulate --o sim --tomograms "$NT" --particles "$NP" --box 32 --tomo_xy 256 --tomo_z 96 \
    --random_seed 3 >/dev/null
MPI=(mpirun --oversubscribe --allow-run-as-root)
export OMPI_MCA_btl_vader_single_copy_mechanism=none
for n in ${RANKS:-1 2 3}; do rm -rf "n$n"; cp -a sim "n$n"; done
for stage in prepare extract; do
  for n in ${RANKS:-1 2 3}; do
    if [[ $stage == prepare ]]; then args=(prepare --box 32 --j 1 --project_dir "n$n")
    else args=(extract --i particles_subtomo.star --o extracted.star --extract_size 32 --particle_diameter 150 --project3d --j 1 --project_dir "n$n"); fi
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    if (( n == 1 )); then /usr/bin/time -f "%e %U %S %M" -o "n$n.$stage.time" "$SUBTOMO" "${args[@]}" > "n$n.$stage.log" 2>&1
    else /usr/bin/time -f "%e %U %S %M" -o "n$n.$stage.time" "${MPI[@]}" -n "$n" "$SUBTOMO" "${args[@]}" > "n$n.$stage.log" 2>&1; fi
    read -r wall user sys rss < <(tail -n 1 "n$n.$stage.time")
    mb=$( (grep -o 'sent and received [0-9.]* MB' "n$n.$stage.log" || true) | awk '{print $4 " MB"}')
    same=-
    if (( n > 1 )); then same=$(diff -rq n1 "n$n" >/dev/null && echo "all files identical" || echo "FILES DIFFER"); fi
    printf "%-7s ranks %d: wall %6.1f s, CPU %6.1f s (user+sys), max RSS %4d MB, leader communicated %s, load %s; %s\n" \
        "$stage" "$n" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) "${mb:-0}" "$load" "$same"
  done
done
