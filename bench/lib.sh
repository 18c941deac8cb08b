# Helpers shared by bench/run.sh and bench/benches/*.sh (sourced).

# Percentage of all CPUs busy over the next N seconds (default 2), from /proc/stat; "null" when unavailable.
cpu_busy_pct() {
  local secs=${1:-2} a b
  [ -r /proc/stat ] || { echo null; return; }
  a=$(awk '/^cpu /{print $2+$3+$4+$6+$7+$8+$9, $5+$6}' /proc/stat)
  sleep "$secs"
  b=$(awk '/^cpu /{print $2+$3+$4+$6+$7+$8+$9, $5+$6}' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN {split(a, x, " "); split(b, y, " "); busy = y[1]-x[1]; idle = y[2]-x[2];
    if (busy + idle <= 0) print "null"; else printf "%d\n", 100*busy/(busy+idle)}'
}

# Waits (up to BENCH_QUIET_WAIT seconds, default 60) until other work leaves the CPUs mostly idle (< 25 % busy),
# so that a measurement does not start in the middle of someone's build. Prints the last busy percentage.
# A machine that stays busy is measured anyway; the caller records the figure next to the measurement.
wait_quiet() {
  local limit=${BENCH_QUIET_WAIT:-60} waited=0 busy
  while :; do
    busy=$(cpu_busy_pct 2)
    [ "$busy" = null ] && break
    [ "$busy" -lt 25 ] && break
    [ "$waited" -ge "$limit" ] && { echo "bench: WARNING: CPUs still ${busy}% busy with other work after ${limit}s; measuring anyway" >&2; break; }
    waited=$((waited + 2))
  done
  echo "$busy"
}
