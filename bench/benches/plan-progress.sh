#!/usr/bin/env bash
# Issue #11: target progress by township through the API — planTargets(countyCode) { … byUnit(level: TOWNSHIP) } of
# the bench county, every target with its township breakdown, one request after the other (curl time_total, HTTP
# included) — against the raw limit: the statements of the circulation targets' township split
# (ParcelQueries.areaMuByUnit, one per land kind: an index-only sum of the circulated parcels of the kind) in one pgbench
# transaction. The request also carries the county's
# other targets (homesteads, PV …), which the raw side leaves out: the ratio overstates the service's overhead.
# A request without byUnit is timed too, so the share of the breakdown shows.
# Target: median under 200 ms. Output: $BENCH_OUT/plan-progress.json and a summary on stdout.
# Environment: BENCH_PROGRESS_N (requests measured per side, 200), BENCH_PROGRESS_WARM (30).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}" "${BENCH_PROFILE:?}"
n=${BENCH_PROGRESS_N:-200}
warm=${BENCH_PROGRESS_WARM:-30}
dir=$BENCH_OUT/plan-progress
mkdir -p "$dir"
say() { echo "plan-progress: $*"; }
die() { echo "plan-progress: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }

start_bench_service "$dir" 18770 || die "service did not start"
pid=$SERVICE_PID
base=$SERVICE_BASE
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT

read -r county nparcels < <(sql -F ' ' -c "SELECT county_code, count(*) FROM land_parcel GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
contracts=$(sql -c "SELECT count(*) FROM circulation_contract WHERE county_code = '$county'")
circulated=$(sql -c "SELECT count(*) FROM land_parcel WHERE county_code = '$county' AND circulation_status = 'circulated'")
townships=$(sql -c "SELECT count(*) FROM admin_unit WHERE level = 'township' AND code LIKE '$county%'" 2>/dev/null || echo null)
say "county $county: $nparcels parcels, $contracts contracts, $circulated circulated parcels, $townships townships"

with_units='{"query":"{ planTargets(countyCode: \"'$county'\") { metric targetValue achievedValue progress byUnit(level: TOWNSHIP) { unit { code name } achievedValue shareOfAchieved shareOfTarget } } }"}'
without_units='{"query":"{ planTargets(countyCode: \"'$county'\") { metric targetValue achievedValue progress } }"}'
ask() {   # $1 = body; prints the request's time in ms, or fails with the answer
  local out
  out=$(curl -s -w '\n%{time_total}' "$base/graphql" -H 'Content-Type: application/json' -d "$1")
  grep -q '"planTargets":\[{' <<<"${out%%$'\n'*}" && ! grep -q '"errors"' <<<"${out%%$'\n'*}" || { echo "$out" >&2; return 1; }
  awk '{printf "%.2f\n", $1 * 1000}' <<<"${out##*$'\n'}"
}
curl -s "$base/graphql" -H 'Content-Type: application/json' -d "$with_units" >"$dir/answer.json"
targets=$(jq '.data.planTargets | length' "$dir/answer.json")
split=$(jq '[.data.planTargets[] | select(.byUnit != null)] | length' "$dir/answer.json")
units=$(jq '[.data.planTargets[] | select(.byUnit != null) | .byUnit | length] | max' "$dir/answer.json")
# The answer's own check: each target's townships sum to its county figure.
bad=$(jq '[.data.planTargets[] | select(.byUnit != null) | select((([.byUnit[].achievedValue] | add) - .achievedValue | fabs) > 0.01 * (1 + .achievedValue))] | length' "$dir/answer.json")
[ "$bad" = 0 ] || die "township figures do not sum to the county's in $bad targets (see $dir/answer.json)"
say "$targets targets, $split split by township ($units townships each)"

for _ in $(seq 1 "$warm"); do ask "$with_units" >/dev/null || die "planTargets failed"; ask "$without_units" >/dev/null || die "planTargets failed"; done
busy=$(wait_quiet)
: >"$dir/api-ms.txt"; : >"$dir/api-county-ms.txt"
for _ in $(seq 1 "$n"); do
  ask "$with_units" >>"$dir/api-ms.txt" || die "planTargets failed"
  ask "$without_units" >>"$dir/api-county-ms.txt" || die "planTargets failed"
done
api_median=$(median <"$dir/api-ms.txt")
county_median=$(median <"$dir/api-county-ms.txt")
say "API planTargets with byUnit(TOWNSHIP): median ${api_median} ms; without byUnit ${county_median} ms (machine busy before: ${busy}%)"

# --- raw limit: the circulation targets' township split, the statements the service sends (one per land kind) --------
: >"$dir/raw.sql"
echo "BEGIN;" >>"$dir/raw.sql"
for kind in farmland pasture forest; do
  cat >>"$dir/raw.sql" <<SQL
SELECT left(p.village_code, 9), sum(p.area_mu)::float8 FROM land_parcel p
WHERE p.county_code = '$county' AND p.circulation_status = 'circulated' AND p.circulation_held_kind = '$kind'
GROUP BY 1 ORDER BY 1;
SQL
done
echo "COMMIT;" >>"$dir/raw.sql"
pgbench "$BENCH_PGURI" -n -c 1 -t "$warm" -f "$dir/raw.sql" >/dev/null 2>"$dir/raw-warm.err" || die "raw SQL failed: $(tail -3 "$dir/raw-warm.err")"
( cd "$dir" && rm -f pgbench_log.* && pgbench "$BENCH_PGURI" -n -c 1 -t "$n" -l -f raw.sql >"$dir/raw.out" 2>&1 ) || die "raw SQL failed: $(tail -3 "$dir/raw.out")"
cat "$dir"/pgbench_log.* | awk '{printf "%.3f\n", $3 / 1000}' >"$dir/raw-ms.txt"
raw_median=$(median <"$dir/raw-ms.txt")
ratio=$(awk -v a="$api_median" -v r="$raw_median" 'BEGIN {printf "%.2f", a / r}')
say "raw SQL of the circulation targets' township split: median ${raw_median} ms; API / raw = ${ratio}"
verdict=$(awk -v a="$api_median" 'BEGIN {print (a < 200) ? "met" : "missed"}')
cat >"$BENCH_OUT/plan-progress.json" <<JSON
{"county": "$county", "parcels": $nparcels, "contracts": $contracts, "circulated_parcels": $circulated, "targets": $targets,
 "targets_by_township": $split, "townships": $units, "requests": $n, "api_median_ms": $api_median, "api_without_units_median_ms": $county_median,
 "raw_sql_median_ms": $raw_median, "ratio": $ratio, "busy_before_pct": $busy, "target_ms": 200, "target": "$verdict"}
JSON
say "target (median < 200 ms): $verdict"
cat "$BENCH_OUT/plan-progress.json"
