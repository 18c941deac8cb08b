#!/usr/bin/env bash
# Issue #12: the tourism search over idle houses — homesteadsForTourism(adminCode: <the county with most homesteads>,
# withinKm: 2) as the public asks it (the public's rows: listed homesteads, each measured against the scenic spots and
# main roads), one request after the other (curl time_total, HTTP included). Staff (all idle houses) are not timed yet.
# Target: median under 300 ms (bench-200k: ~20,000 homesteads). Output: $BENCH_OUT/homestead-tourism.json and a summary.
# Environment: BENCH_TOURISM_N (requests measured per viewer, 100), BENCH_TOURISM_WARM (20), BENCH_TOURISM_KM (2).
# Not yet run on bench-200k when it was written (see bench/RESULTS.md for measured figures).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}" "${BENCH_PROFILE:?}"
n=${BENCH_TOURISM_N:-100}
warm=${BENCH_TOURISM_WARM:-20}
km=${BENCH_TOURISM_KM:-2}
dir=$BENCH_OUT/homestead-tourism
mkdir -p "$dir"
say() { echo "homestead-tourism: $*"; }
die() { echo "homestead-tourism: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }

start_bench_service "$dir" 18772 || die "service did not start"
pid=$SERVICE_PID
base=$SERVICE_BASE
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT

read -r county homesteads < <(sql -F ' ' -c "SELECT county_code, count(*) FROM homestead GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
idle=$(sql -c "SELECT count(*) FROM homestead WHERE county_code = '$county' AND revitalization_status IN ('idle', 'surveyed', 'listed')")
say "county $county: $homesteads homesteads, $idle idle, surveyed or listed"

body='{"query":"{ homesteadsForTourism(adminCode: \"'$county'\", withinKm: '$km') { village { code } count homesteads { condition scenicSpotM mainRoadM homestead { id } } } }"}'
ask() {   # $1 = extra curl arguments (none for the public); prints the request's time in ms, or fails with the answer
  local out
  # shellcheck disable=SC2086
  out=$(curl -s -w '\n%{time_total}' "$base/graphql" -H 'Content-Type: application/json' $1 -d "$body")
  grep -q '"homesteadsForTourism":\[' <<<"${out%%$'\n'*}" && ! grep -q '"errors"' <<<"${out%%$'\n'*}" || { echo "$out" >&2; return 1; }
  awk '{printf "%.2f\n", $1 * 1000}' <<<"${out##*$'\n'}"
}
curl -s "$base/graphql" -H 'Content-Type: application/json' -d "$body" >"$dir/answer-public.json"
found=$(jq '[.data.homesteadsForTourism[].count] | add // 0' "$dir/answer-public.json")
say "public answer: $found listed houses within $km km"

for _ in $(seq 1 "$warm"); do ask "" >/dev/null || die "homesteadsForTourism failed"; done
busy=$(wait_quiet)
: >"$dir/public-ms.txt"
for _ in $(seq 1 "$n"); do ask "" >>"$dir/public-ms.txt" || die "homesteadsForTourism failed"; done
public_median=$(median <"$dir/public-ms.txt")
say "public: median ${public_median} ms (machine busy before: ${busy}%)"
verdict=$(awk -v a="$public_median" 'BEGIN {print (a < 300) ? "met" : "missed"}')
cat >"$BENCH_OUT/homestead-tourism.json" <<JSON
{"county": "$county", "homesteads": $homesteads, "available": $idle, "within_km": $km, "found_public": $found, "requests": $n,
 "public_median_ms": $public_median, "busy_before_pct": $busy, "target_ms": 300, "target": "$verdict"}
JSON
say "target (median < 300 ms): $verdict"
cat "$BENCH_OUT/homestead-tourism.json"
