#!/usr/bin/env bash
# Issue #12 (PV): (1) candidates with capacity for the whole bench county through the API — pvSites(filter: candidates
# and surveyed sites whose transformer is not red and whose C2 still holds the site, first: 1000) with each site's
# transformer grade — against its raw SQL; target median under 300 ms. (2) Recomputing every transformer's open
# capacity after a change: one PV site's capacity changes, then distributionTransformers(adminCode, first: 1000)
# { c1Kw c2Kw grade } reads all of them (hosting, C1, C2 and grade are derived in distribution_transformer_load, never
# stored, so the read is the recomputation) — against the raw view; target median under 1 s.
# Output: $BENCH_OUT/pv-capacity.json and a summary on stdout. Environment: BENCH_PV_N (requests per side, 100), BENCH_PV_WARM (20).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}" "${BENCH_PROFILE:?}"
n=${BENCH_PV_N:-100}
warm=${BENCH_PV_WARM:-20}
dir=$BENCH_OUT/pv-capacity
mkdir -p "$dir"
say() { echo "pv-capacity: $*"; }
die() { echo "pv-capacity: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }

start_bench_service "$dir" 18780 || die "service did not start"
pid=$SERVICE_PID
base=$SERVICE_BASE
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT

read -r county sites < <(sql -F ' ' -c "SELECT county_code, count(*) FROM pv_site GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
transformers=$(sql -c "SELECT count(*) FROM distribution_transformer WHERE county_code = '$county'")
say "county $county: $sites PV sites, $transformers transformers"

cand='{"query":"{ pvSites(filter: {adminCode: \"'$county'\", statuses: [CANDIDATE, SURVEYED], transformerHasRoom: true}, first: 1000) { totalCount edges { node { id capacityKw transformer { id grade c2Kw } } } } }"}'
trans='{"query":"{ distributionTransformers(adminCode: \"'$county'\", first: 1000) { totalCount edges { node { id pvHostingKw c1Kw c2Kw grade } } } }"}'
ask() {   # $1 = body, $2 = expected field; prints the request's time in ms
  local out
  out=$(curl -s -w '\n%{time_total}' "$base/graphql" -H 'Content-Type: application/json' -d "$1")
  grep -q "\"$2\":{\"totalCount\"" <<<"${out%%$'\n'*}" && ! grep -q '"errors"' <<<"${out%%$'\n'*}" || { echo "$out" >&2; return 1; }
  awk '{printf "%.2f\n", $1 * 1000}' <<<"${out##*$'\n'}"
}
curl -s "$base/graphql" -H 'Content-Type: application/json' -d "$cand" >"$dir/candidates.json"
found=$(jq '.data.pvSites.totalCount' "$dir/candidates.json")
raw_found=$(sql -c "SELECT count(*) FROM pv_site t WHERE t.county_code = '$county' AND t.status IN ('candidate', 'surveyed') AND EXISTS (SELECT 1 FROM distribution_transformer_load l WHERE l.transformer_id = t.transformer_id AND l.grade <> 'red' AND l.c2_kw >= t.capacity_kw)")
[ "$found" = "$raw_found" ] || die "API finds $found candidates with capacity, the raw SQL $raw_found"
say "$found candidates with capacity"

for _ in $(seq 1 "$warm"); do ask "$cand" pvSites >/dev/null || die "pvSites failed"; ask "$trans" distributionTransformers >/dev/null || die "transformers failed"; done
busy=$(wait_quiet)
: >"$dir/cand-ms.txt"; : >"$dir/trans-ms.txt"
site=$(sql -c "SELECT id FROM pv_site WHERE county_code = '$county' AND status = 'filed' ORDER BY id LIMIT 1")
for i in $(seq 1 "$n"); do
  ask "$cand" pvSites >>"$dir/cand-ms.txt" || die "pvSites failed"
  # A change (a filed site's capacity), then every transformer's capacity read anew.
  sql -c "UPDATE pv_site SET capacity_kw = capacity_kw + CASE WHEN $i % 2 = 0 THEN 0.01 ELSE -0.01 END WHERE id = ${site:-0}" >/dev/null
  ask "$trans" distributionTransformers >>"$dir/trans-ms.txt" || die "transformers failed"
done
cand_median=$(median <"$dir/cand-ms.txt")
trans_median=$(median <"$dir/trans-ms.txt")
say "API candidates with capacity: median ${cand_median} ms; all transformers' capacity after a change: median ${trans_median} ms (busy before: ${busy}%)"

raw() {   # $1 = name, $2 = SQL; prints the median ms of pgbench
  echo "$2" >"$dir/$1.sql"
  pgbench "$BENCH_PGURI" -n -c 1 -t "$warm" -f "$dir/$1.sql" >/dev/null 2>"$dir/$1-warm.err" || die "raw $1 failed: $(tail -3 "$dir/$1-warm.err")"
  ( cd "$dir" && rm -f pgbench_log.* && pgbench "$BENCH_PGURI" -n -c 1 -t "$n" -l -f "$1.sql" >"$dir/$1.out" 2>&1 ) || die "raw $1 failed"
  cat "$dir"/pgbench_log.* | awk '{printf "%.3f\n", $3 / 1000}' | median
}
raw_cand=$(raw cand "SELECT t.id, t.capacity_kw, l.transformer_id, l.grade, l.c2_kw FROM pv_site t JOIN distribution_transformer_load l ON l.transformer_id = t.transformer_id WHERE t.county_code = '$county' AND t.status IN ('candidate', 'surveyed') AND l.grade <> 'red' AND l.c2_kw >= t.capacity_kw ORDER BY t.id LIMIT 1001;")
raw_trans=$(raw trans "SELECT transformer_id, pv_hosting_kw, c1_kw, c2_kw, grade FROM distribution_transformer_load WHERE county_code = '$county' ORDER BY transformer_id LIMIT 1001;")
say "raw SQL: candidates ${raw_cand} ms, transformers ${raw_trans} ms"
v1=$(awk -v a="$cand_median" 'BEGIN {print (a < 300) ? "met" : "missed"}')
v2=$(awk -v a="$trans_median" 'BEGIN {print (a < 1000) ? "met" : "missed"}')
cat >"$BENCH_OUT/pv-capacity.json" <<JSON
{"county": "$county", "pv_sites": $sites, "transformers": $transformers, "candidates_with_capacity": $found, "requests": $n,
 "candidates_api_median_ms": $cand_median, "candidates_raw_median_ms": $raw_cand, "candidates_target_ms": 300, "candidates_target": "$v1",
 "transformers_api_median_ms": $trans_median, "transformers_raw_median_ms": $raw_trans, "transformers_target_ms": 1000, "transformers_target": "$v2",
 "busy_before_pct": $busy}
JSON
say "targets: candidates (< 300 ms) $v1, recompute (< 1 s) $v2"
cat "$BENCH_OUT/pv-capacity.json"
