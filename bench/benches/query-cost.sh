#!/usr/bin/env bash
# Issue #13: abuse that costs the database, not the parser. Two hostile requests of an anonymous caller —
# 500 aliases of parcels(first: 100) { totalCount } and 100 aliases of landStats(groupBy: [VILLAGE]) — timed
# (curl time_total, one after the other) on a service without the cost budget (what they cost the database) and
# on one with the default budget (1,000 points, 50 per second: refused before execution). The floors in the same
# run: the same work as raw SQL (500 counts / 100 village aggregations through psql in one session; landStats itself reads the same rows), and the
# cheapest GraphQL request ({ dataset { profile } }) for the refusal.
# Target: a request over budget refused in under 50 ms. Output: $BENCH_OUT/query-cost.json and a summary.
# Environment: BENCH_COST_N (refusals measured per request, 50), BENCH_COST_HEAVY_N (unlimited runs, 5).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}" "${BENCH_PROFILE:?}"
n=${BENCH_COST_N:-50}
heavy_n=${BENCH_COST_HEAVY_N:-5}
dir=$BENCH_OUT/query-cost
mkdir -p "$dir"
say() { echo "query-cost: $*"; }
die() { echo "query-cost: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }

county=$(sql -c "SELECT county_code FROM land_parcel GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
aliases() {   # $1 = count, $2 = field selection; a JSON body
  local q="{" i
  for i in $(seq 1 "$1"); do q+=" a$i: $2"; done
  jq -cn --arg q "$q }" '{query: $q}'
}
aliases 500 'parcels(first: 100) { totalCount }' >"$dir/counts.json"
aliases 100 'landStats(groupBy: [VILLAGE]) { count areaMu }' >"$dir/stats.json"
echo '{"query":"{ dataset { profile } }"}' >"$dir/floor.json"

ask() {   # $1 = base, $2 = body file, $3 = expect: data | refused; prints ms
  local out body
  out=$(curl -s -w '\n%{time_total}' "$1/graphql" -H 'Content-Type: application/json' --data-binary "@$2")
  body=${out%$'\n'*}
  case "$3" in
    data) ! grep -q '"errors"' <<<"$body" || { echo "${body:0:400}" >&2; return 1; } ;;
    refused) grep -q '"TOO_COMPLEX"' <<<"$body" && ! grep -q '"data":{' <<<"$body" || { echo "${body:0:400}" >&2; return 1; } ;;
  esac
  awk '{printf "%.2f\n", $1 * 1000}' <<<"${out##*$'\n'}"
}

# Without a budget: what each request costs the database.
start_bench_service "$dir" 18790 || die "service did not start"
pid=$SERVICE_PID
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
ask "$SERVICE_BASE" "$dir/counts.json" data >/dev/null || die "the unlimited count request failed"
ask "$SERVICE_BASE" "$dir/stats.json" data >/dev/null || die "the unlimited statistics request failed"
busy=$(wait_quiet)
: >"$dir/counts-unlimited-ms.txt"; : >"$dir/stats-unlimited-ms.txt"
for _ in $(seq 1 "$heavy_n"); do
  ask "$SERVICE_BASE" "$dir/counts.json" data >>"$dir/counts-unlimited-ms.txt"
  ask "$SERVICE_BASE" "$dir/stats.json" data >>"$dir/stats-unlimited-ms.txt"
done
counts_unlimited=$(median <"$dir/counts-unlimited-ms.txt")
stats_unlimited=$(median <"$dir/stats-unlimited-ms.txt")
say "no budget: 500 counts ${counts_unlimited} ms, 100 village statistics ${stats_unlimited} ms (machine busy before: ${busy}%)"
kill $pid; wait $pid 2>/dev/null || true

# The raw SQL of the same work, one session.
: >"$dir/counts-sql.sql"; : >"$dir/stats-sql.sql"
for _ in $(seq 1 500); do echo "SELECT count(*) FROM land_parcel;" >>"$dir/counts-sql.sql"; done
for _ in $(seq 1 100); do
  echo "SELECT village_code, count(*), sum(area_mu) FROM land_parcel GROUP BY 1;" >>"$dir/stats-sql.sql"
done
raw() { local s e; s=$(date +%s%N); sql -f "$1" >/dev/null; e=$(date +%s%N); awk -v a="$s" -v b="$e" 'BEGIN {printf "%.2f\n", (b - a) / 1e6}'; }
raw "$dir/counts-sql.sql" >/dev/null
: >"$dir/counts-sql-ms.txt"; : >"$dir/stats-sql-ms.txt"
for _ in $(seq 1 "$heavy_n"); do raw "$dir/counts-sql.sql" >>"$dir/counts-sql-ms.txt"; raw "$dir/stats-sql.sql" >>"$dir/stats-sql-ms.txt"; done
counts_sql=$(median <"$dir/counts-sql-ms.txt")
stats_sql=$(median <"$dir/stats-sql-ms.txt")
say "raw SQL: 500 counts ${counts_sql} ms, 100 village aggregations ${stats_sql} ms"

# With the default budget (the request rate limit stays off: it is the cost that refuses).
start_bench_service "$dir" 18791 LANDATLAS_ANON_COST_RATE=50 LANDATLAS_ANON_COST_MAX=1000 || die "service did not start"
pid=$SERVICE_PID
for _ in $(seq 1 10); do ask "$SERVICE_BASE" "$dir/counts.json" refused >/dev/null || die "the count abuse was not refused"; done
for _ in $(seq 1 10); do ask "$SERVICE_BASE" "$dir/floor.json" data >/dev/null; done
busy2=$(wait_quiet)
: >"$dir/counts-refused-ms.txt"; : >"$dir/stats-refused-ms.txt"; : >"$dir/floor-ms.txt"
for _ in $(seq 1 "$n"); do
  ask "$SERVICE_BASE" "$dir/counts.json" refused >>"$dir/counts-refused-ms.txt" || die "the count abuse was not refused"
  ask "$SERVICE_BASE" "$dir/stats.json" refused >>"$dir/stats-refused-ms.txt" || die "the statistics abuse was not refused"
  ask "$SERVICE_BASE" "$dir/floor.json" data >>"$dir/floor-ms.txt" || die "the floor request failed"
done
counts_refused=$(median <"$dir/counts-refused-ms.txt")
stats_refused=$(median <"$dir/stats-refused-ms.txt")
floor=$(median <"$dir/floor-ms.txt")
curl -s "$SERVICE_BASE/graphql" -H 'Content-Type: application/json' --data-binary "@$dir/counts.json" | jq -c '.extensions.cost' >"$dir/refusal-cost.json"
say "budget: 500 counts refused in ${counts_refused} ms, 100 statistics refused in ${stats_refused} ms; cheapest request ${floor} ms (busy before: ${busy2}%)"
verdict=$(awk -v a="$counts_refused" -v b="$stats_refused" 'BEGIN {print (a < 50 && b < 50) ? "met" : "missed"}')
cat >"$BENCH_OUT/query-cost.json" <<JSON
{"county": "$county", "counts_unlimited_ms": $counts_unlimited, "stats_unlimited_ms": $stats_unlimited,
 "counts_raw_sql_ms": $counts_sql, "stats_raw_sql_ms": $stats_sql,
 "counts_refused_ms": $counts_refused, "stats_refused_ms": $stats_refused, "cheapest_request_ms": $floor,
 "refusal_cost": $(cat "$dir/refusal-cost.json"), "busy_before_pct": [$busy, $busy2], "target_ms": 50, "target": "$verdict"}
JSON
say "target (refused in < 50 ms): $verdict"
cat "$BENCH_OUT/query-cost.json"
