#!/usr/bin/env bash
# subtomo class3d --skip_align on 1, 2, 3 MPI ranks (1 thread each) on the same synthetic two-state sub-tomograms
# (bench class3d-data): wall and CPU seconds (user+sys of mpirun and its ranks, /usr/bin/time), peak RSS of one
# process, the bytes the leader communicated per iteration (from the log), the load average, how many particles'
# final class differs from the 1-rank run, and the final class maps' max |diff| / max |v| (python3-mrcfile).
#   bench/class3d-mpi.sh [DIR] [PARTICLES] [ITER]      (defaults /tmp/class3d-mpi 200 15); ALIGN="" for aligned runs
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUBTOMO="$HERE/subtomo"
DIR="${1:-/tmp/class3d-mpi}"; NP="${2:-200}"; ITER="${3:-15}"
ALIGN=(${ALIGN---skip_align})
mkdir -p "$DIR"; cd "$DIR"
"$SUBTOMO" --version >/dev/null   # build once, before any rank starts
[[ -f particles.star ]] || "$SUBTOMO" bench class3d-data --o . --particles "$NP" --snr 0.1 --random_seed 3 >/dev/null
OPTS=(--i particles.star --ref consensus.mrc --ini_high 40 --ctf --particle_diameter 250 --K 2 --iter "$ITER" --tau2_fudge 4 --sym C1
      --random_seed 1 --j 1 "${ALIGN[@]}")
export OMPI_MCA_btl_vader_single_copy_mechanism=none
it=$(printf "%03d" "$ITER")
for n in ${RANKS:-1 2 3}; do
  mkdir -p "n$n"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  if (( n == 1 )); then /usr/bin/time -f "%e %U %S %M" -o "n$n.time" "$SUBTOMO" class3d --o "n$n/run" "${OPTS[@]}" > "n$n/run.log" 2>&1
  else /usr/bin/time -f "%e %U %S %M" -o "n$n.time" mpirun --oversubscribe --allow-run-as-root -n "$n" "$SUBTOMO" class3d --o "n$n/run" "${OPTS[@]}" \
      > "n$n/run.log" 2>&1; fi
  read -r wall user sys rss < <(tail -n 1 "n$n.time")
  mb=$( (grep -o 'sent and received [0-9.]* MB' "n$n/run.log" || true) | awk '{s+=$4; c++} END {if (c) printf "%.2f MB/iteration", s/c; else print "0"}')
  diff=-; changed=-
  if (( n > 1 )); then
    changed=$(python3 - "n1/run_it${it}_data.star" "n$n/run_it${it}_data.star" <<'PY'
import sys
def classes(f):
    labels, out, block = [], [], None
    for line in open(f):
        t = line.split()
        if not t: continue
        if t[0].startswith('data_'): block, labels = t[0], []
        elif t[0].startswith('_rln'): labels.append(t[0])
        elif block == 'data_particles' and labels and not t[0].startswith(('loop_', '#')):
            out.append(t[labels.index('_rlnClassNumber')])
    return out
a, b = classes(sys.argv[1]), classes(sys.argv[2])
print('%d of %d classes differ' % (sum(x != y for x, y in zip(a, b)) + abs(len(a) - len(b)), len(a)))
PY
)
    if python3 -c 'import mrcfile' 2>/dev/null; then
      diff=$(python3 -c "
import mrcfile, numpy as np
w = 0
for c in (1, 2):
    a = mrcfile.open('n1/run_it${it}_class%03d.mrc' % c).data; b = mrcfile.open('n$n/run_it${it}_class%03d.mrc' % c).data
    w = max(w, np.abs(a - b).max() / np.abs(a).max())
print('%.2e' % w)")
    fi
  fi
  printf "ranks %d: wall %6.1f s, CPU %6.1f s (user+sys), max RSS %4d MB, leader communicated %s, load %s; data.star: %s; maps rel. diff %s\n" \
      "$n" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) "$mb" "$load" "$changed" "$diff"
done
