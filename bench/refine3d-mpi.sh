#!/usr/bin/env bash
# subtomo refine3d on 1, 2, 3 MPI ranks (1 thread each) on the same synthetic sub-tomograms: wall time, the
# bytes the leader communicated per iteration (from the log), and whether the final maps agree with the
# single-process run (max |diff| / max |v|, via python3-mrcfile when present).
#   bench/refine3d-mpi.sh [DIR] [PARTICLES] [ITER]      (defaults /tmp/refine3d-mpi 60 4)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUBTOMO="$HERE/subtomo"
DIR="${1:-/tmp/refine3d-mpi}"; NP="${2:-60}"; ITER="${3:-4}"
mkdir -p "$DIR"; cd "$DIR"
"$SUBTOMO" --version >/dev/null   # build once, before any rank starts
[[ -f particles.star ]] || "$SUBTOMO" bench refine3d-data --o . --particles "$NP" --snr 0.5 --random_seed 2 >/dev/null
OPTS=(--i particles.star --ref truth.mrc --ini_high 60 --ctf --particle_diameter 240 --healpix_order 1 --offset_range 3
      --offset_step 2 --auto_local_healpix_order 4 --sym C1 --random_seed 1 --maskedge 3 --iter "$ITER" --j 1)
for n in ${RANKS:-1 2 3}; do
  mkdir -p "n$n"
  t0=$(date +%s.%N)
  if (( n == 1 )); then "$SUBTOMO" refine3d --o "n$n/run" "${OPTS[@]}" > "n$n/run.log" 2>&1
  else mpirun --oversubscribe --allow-run-as-root -n "$n" "$SUBTOMO" refine3d --o "n$n/run" "${OPTS[@]}" > "n$n/run.log" 2>&1; fi
  t1=$(date +%s.%N)
  mb=$( (grep -o 'sent and received [0-9.]* MB' "n$n/run.log" || true) | awk '{s+=$4; c++} END {if (c) printf "%.1f MB/iteration (%d iterations)", s/c, c; else print "-"}')
  diff=-
  if (( n > 1 )) && python3 -c 'import mrcfile' 2>/dev/null; then
    diff=$(python3 -c "import mrcfile,numpy as np;a=mrcfile.open('n1/run_class001.mrc').data;b=mrcfile.open('n$n/run_class001.mrc').data;print('%.2e'%(np.abs(a-b).max()/np.abs(a).max()))")
  fi
  printf "ranks %d: wall %.1f s, leader communicated %s, final map rel. diff vs 1 rank %s\n" "$n" "$(echo "$t1 - $t0" | bc)" "$mb" "$diff"
done
