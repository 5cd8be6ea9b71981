# Helpers shared by the bench/*-vs-relion.sh scripts (sourced, not run).

timed() {  # timed LOGPREFIX CMD...: runs CMD under /usr/bin/time -v, keeps its output in LOGPREFIX.log/.time
  local pre="$1"; shift
  /usr/bin/time -v "$@" > "$pre.log" 2> "$pre.time" || { echo "failed: $* (see $pre.log, $pre.time)" >&2; return 1; }
}
field() { awk -F': ' -v k="$1" '$0 ~ k {print $2}' "$2" | tail -1; }
seconds() { awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }' <<< "$1"; }

usage() {  # usage LOGPREFIX: sets WALL (s), CPU (s, user + sys) and RSS_MB (largest process) from LOGPREFIX.time; writes LOGPREFIX.seconds
  WALL=$(seconds "$(field 'Elapsed \(wall clock\) time' "$1.time" | awk '{print $NF}')")
  CPU=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.0f", s}' "$1.time")
  RSS_MB=$(( $(field 'Maximum resident set size' "$1.time") / 1024 ))
  echo "$WALL $CPU" > "$1.seconds"
}
