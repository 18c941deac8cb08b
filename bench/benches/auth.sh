#!/usr/bin/env bash
# Issue #5: the cost of authentication and masking on the viewport query of issue #3. The same service, the same
# boxes, 16 clients: public (anonymous) requests against requests carrying a staff API token (county scope, no
# personal-data permission), in alternating 20 s rounds (ABBA order) after a common warm-up, so both see the same
# machine state.
# Target: staff throughput at most 10 % below public. Output: $BENCH_OUT/auth.json and a summary on stdout.
# Environment: BENCH_AUTH_ROUNDS (6 per side), BENCH_AUTH_SECONDS (20), BENCH_API_CLIENTS (16).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}" "${BENCH_PROFILE:?}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=$(cd "$here/.." && pwd)
rounds=${BENCH_AUTH_ROUNDS:-6}
seconds=${BENCH_AUTH_SECONDS:-20}
clients=${BENCH_API_CLIENTS:-16}
dir=$BENCH_OUT/auth
mkdir -p "$dir"
say() { echo "auth: $*"; }
die() { echo "auth: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }
command -v wrk >/dev/null || die "wrk is missing: apt-get install wrk"

# A bench database may hold an administrator from an earlier run: this run signs in with its own account.
sql -c "DELETE FROM security.account WHERE username = 'bench-admin'" >/dev/null 2>&1 || true
start_bench_service "$dir" 18700 || die "service did not start"
pid=$SERVICE_PID
base=$SERVICE_BASE
cleanup() {
  local rc=$?
  kill $pid 2>/dev/null; wait $pid 2>/dev/null || true
  sql -c "DROP TABLE IF EXISTS bench_anchor" >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT

# --- a staff account with a token, made the way an administrator would ---------------------------------------
read -r county nparcels < <(sql -F ' ' -c "SELECT county_code, count(*) FROM land_parcel GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
staff_token "$dir" "$base" "$county" "auth bench" || die "could not make the staff account and its token"
token=$STAFF_TOKEN staff=$STAFF_NAME
role=$(curl -s "$base/graphql" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"query":"{ me { role counties } }"}')
say "staff account $staff of county $county, token ${token:0:10}…: $role"

# --- the viewport query and boxes of the API bench --------------------------------------------------------------
prepare_viewport_boxes "$county"
anchors=$VIEWPORT_ANCHORS
bw=$VIEWPORT_W
bh=$VIEWPORT_H
fields='id bsm landClassCode landClassName areaMu circulationStatus geometry'
query="query(\$b: [Float!]) { parcels(filter: { bbox: \$b }, first: 1000) { edges { node { $fields } } } }"
export ANCHORS="$anchors" BOX_W=$bw BOX_H=$bh QUERY="$(printf '%s' "$query" | sed 's/"/\\"/g')"

# --- warm-up (as in the API bench), then alternating rounds ------------------------------------------------------
run_wrk() { TOKEN=$1 wrk -t2 -c"$clients" -d"$2s" --timeout 10s -s "$here/wrk/viewport.lua" "$base" | grep '^RESULT'; }
warm_viewport "$base" "$clients" "$dir/warmup.txt"
run_wrk "$token" 15 >/dev/null
say "warm-up rounds (rps): $(awk '{print $2}' "$dir/warmup.txt" | paste -sd ' ')"
busy=$(wait_quiet)
: >"$dir/rounds.txt"
# ABBA order (public, staff, staff, public, …) so that drift during the run does not favour either side.
for round in $(seq 1 "$rounds"); do
  order="public staff"; [ $((round % 2)) -eq 0 ] && order="staff public"
  for side in $order; do
    tok=""; [ "$side" = staff ] && tok=$token
    cpu0=$(awk '{print $14 + $15}' /proc/$pid/stat)
    res=$(run_wrk "$tok" "$seconds")
    cpu1=$(awk '{print $14 + $15}' /proc/$pid/stat)
    n=$(echo "$res" | grep -oE 'requests=[0-9]+' | cut -d= -f2)
    # The service's own CPU per request (user + system ticks): the cost of authentication, independent of how
    # fast the shared machine happens to be in that round.
    res="$res jvm_cpu_ms=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$n" -v t="$(getconf CLK_TCK)" 'BEGIN {printf "%.3f", (b - a) * 1000 / t / n}')"
    echo "$side $res" >>"$dir/rounds.txt"
    say "round $round $side: $res"
  done
done
pub_rps=$(awk '$1 == "public"' "$dir/rounds.txt" | grep -oE 'rps=[0-9.]+' | cut -d= -f2 | median)
staff_rps=$(awk '$1 == "staff"' "$dir/rounds.txt" | grep -oE 'rps=[0-9.]+' | cut -d= -f2 | median)
pub_p99=$(awk '$1 == "public"' "$dir/rounds.txt" | grep -oE 'p99_ms=[0-9.]+' | cut -d= -f2 | median)
staff_p99=$(awk '$1 == "staff"' "$dir/rounds.txt" | grep -oE 'p99_ms=[0-9.]+' | cut -d= -f2 | median)
pub_cpu=$(awk '$1 == "public"' "$dir/rounds.txt" | grep -oE 'jvm_cpu_ms=[0-9.]+' | cut -d= -f2 | median)
staff_cpu=$(awk '$1 == "staff"' "$dir/rounds.txt" | grep -oE 'jvm_cpu_ms=[0-9.]+' | cut -d= -f2 | median)
errors=$(grep -oE '(errors|non2xx)=[0-9]+' "$dir/rounds.txt" | cut -d= -f2 | awk '{s += $1} END {print s + 0}')
# The staff answers are the same parcels (parcels are public; nothing to mask in this query).
b=$(sql -c "SELECT x - $bw/2 || ',' || y - $bh/2 || ',' || x + $bw/2 || ',' || y + $bh/2 FROM bench_anchor WHERE id = 1")
body="{\"query\":\"$QUERY\",\"variables\":{\"b\":[$b]}}"
same=$( [ "$(curl -s "$base/graphql" -H 'Content-Type: application/json' -d "$body" | md5sum)" = \
          "$(curl -s "$base/graphql" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" | md5sum)" ] && echo true || echo false)
loss=$(awk -v p="$pub_rps" -v s="$staff_rps" 'BEGIN {printf "%.3f", 1 - s / p}')
say "viewport, $clients clients, medians of $rounds rounds: public $pub_rps req/s (p99 $pub_p99 ms, JVM CPU $pub_cpu ms/request), staff token $staff_rps req/s (p99 $staff_p99 ms, JVM CPU $staff_cpu ms/request); throughput loss $loss (target <= 0.10); same answers: $same; errors $errors; CPU busy before: $busy%"
cat >"$BENCH_OUT/auth.json" <<EOF
{"profile": "$BENCH_PROFILE", "county": "$county", "parcels": $nparcels, "clients": $clients, "rounds": $rounds, "seconds": $seconds,
 "box_deg": [$bw, $bh], "public_rps": $pub_rps, "staff_rps": $staff_rps, "public_p99_ms": $pub_p99, "staff_p99_ms": $staff_p99,
 "public_jvm_cpu_ms_per_request": $pub_cpu, "staff_jvm_cpu_ms_per_request": $staff_cpu, "throughput_loss": $loss, "same_answers": $same, "errors": $errors, "cpu_busy_before_pct": ${busy:-null}}
EOF
say "wrote $BENCH_OUT/auth.json"
