#!/usr/bin/env bash
# The remaining API and tile figures of issue #3 (the viewport query and uncached z14 tiles against the raw-SQL
# limit are measured fairly by bench/benches/viewport.sh, issue #9):
#  1. a viewport load (GraphQL `parcels(filter: {bbox}, first: 1000)`, ~500 parcels per box, 16 clients, wrk) for
#     the service's throughput and memory under load, and single-client latency (cost growth between profiles);
#  2. landStats by village for the whole county, sequential;
#  3. tiles: whole-county tiles at z8–z10 uncached (time and size); cached tiles with 16 clients (wrk);
#  4. the service's peak RSS during all of it.
# Output: $BENCH_OUT/api.json and a summary on stdout. Environment: BENCH_API_SECONDS (30), BENCH_API_CLIENTS (16).
# The anonymous rate limits (issue #5) are off for this service: 16 clients from one address are the load itself.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}" "${BENCH_PROFILE:?}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=$(cd "$here/.." && pwd)
seconds=${BENCH_API_SECONDS:-30}
clients=${BENCH_API_CLIENTS:-16}
dir=$BENCH_OUT/api
mkdir -p "$dir"
say() { echo "api: $*"; }
die() { echo "api: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  else die "wrk is missing: apt-get install wrk"; fi
fi

# --- the service, on its own port, against the bench database --------------------------------------------
start_bench_service "$dir" 18600 || die "service did not start"
pid=$SERVICE_PID
base=$SERVICE_BASE
cleanup() {
  local rc=$?
  kill $pid 2>/dev/null; wait $pid 2>/dev/null || true
  sql -c "DROP TABLE IF EXISTS bench_anchor" >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT
rss_peak=0
sample_rss() { local r; r=$(awk '/VmRSS/{print $2}' /proc/$pid/status 2>/dev/null || echo 0); [ "${r:-0}" -gt "$rss_peak" ] && rss_peak=$r; true; }
watch_rss() { while kill -0 $pid 2>/dev/null; do awk '/VmRSS/{print $2}' /proc/$pid/status 2>/dev/null; sleep 0.5; done >"$dir/rss.txt"; }
watch_rss &
watcher=$!

# --- anchors and box size -------------------------------------------------------------------------------
read -r county nparcels < <(sql -F ' ' -c "SELECT county_code, count(*) FROM land_parcel GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
prepare_viewport_boxes "$county"
anchors=$VIEWPORT_ANCHORS
bw=$VIEWPORT_W
bh=$VIEWPORT_H
scale=$VIEWPORT_SCALE
per_box=$(sql -c "SELECT setseed(0.9)" -c "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY n) FROM (
    SELECT (SELECT count(*) FROM land_parcel t WHERE t.geom && ST_MakeEnvelope(x0, y0, x0 + $bw, y0 + $bh, 4490)
              AND ST_Intersects(t.geom, ST_MakeEnvelope(x0, y0, x0 + $bw, y0 + $bh, 4490))) AS n
    FROM (SELECT x - random() * $bw AS x0, y - random() * $bh AS y0 FROM bench_anchor) a) s" | tail -1)
say "county $county, $nparcels parcels; box ${bw}° x ${bh}° (2 km x $scale), median $per_box parcels per box"

# --- 1. viewport load (the fair comparison with the raw SQL is bench/benches/viewport.sh) -------------------
fields='id bsm landClassCode landClassName areaMu circulationStatus geometry'
query="query(\$b: [Float!]) { parcels(filter: { bbox: \$b }, first: 1000) { edges { node { $fields } } } }"
gql_query=$(printf '%s' "$query" | sed 's/"/\\"/g')
export ANCHORS="$anchors" BOX_W=$bw BOX_H=$bh QUERY="$gql_query"
# Warm the service first (JIT; see warm_viewport in lib.sh for why this takes minutes on two cores).
warm_viewport "$base" "$clients" "$dir/warmup.txt"
say "warm-up rounds (rps): $(awk '{print $2}' "$dir/warmup.txt" | paste -sd ' ')"
busy=$(wait_quiet)
wrk -t2 -c"$clients" -d"${seconds}s" --timeout 10s -s "$here/wrk/viewport.lua" "$base" >"$dir/wrk-viewport.out"
api=$(grep '^RESULT' "$dir/wrk-viewport.out")
api_rps=$(echo "$api" | grep -oE 'rps=[0-9.]+' | cut -d= -f2)
api_p50=$(echo "$api" | grep -oE 'p50_ms=[0-9.]+' | cut -d= -f2)
api_p99=$(echo "$api" | grep -oE 'p99_ms=[0-9.]+' | cut -d= -f2)
api_errors=$(echo "$api" | grep -oE 'errors=[0-9]+' | cut -d= -f2)
api_non2xx=$(echo "$api" | grep -oE 'non2xx=[0-9]+' | cut -d= -f2)
# One sample answer, to check it is what was asked for.
sample=$(curl -s "$base/graphql" -H 'Content-Type: application/json' --data "{\"query\":\"$gql_query\",\"variables\":{\"b\":[$(sql -c "SELECT x - $bw/2 || ',' || y - $bh/2 || ',' || x + $bw/2 || ',' || y + $bh/2 FROM bench_anchor WHERE id = 1")]}}")
sample_n=$(echo "$sample" | grep -o '"id"' | wc -l)
# Single client, for cost growth across profiles.
wrk -t1 -c1 -d10s -s "$here/wrk/viewport.lua" "$base" >"$dir/wrk-viewport-1.out"
single_p50=$(grep '^RESULT' "$dir/wrk-viewport-1.out" | grep -oE 'p50_ms=[0-9.]+' | cut -d= -f2)
say "viewport load: API $api_rps rps p50 ${api_p50} ms p99 ${api_p99} ms (errors $api_errors, non-2xx $api_non2xx, sample answer $sample_n parcels, CPU busy before: $busy%); single client p50 ${single_p50} ms"

# --- 2. landStats by village for the whole county --------------------------------------------------------
stats_q="{\"query\":\"{ landStats(filter: { adminCode: \\\"$county\\\" }, groupBy: [VILLAGE]) { keys { code name } count areaMu netAreaMu } }\"}"
curl -s -o /dev/null "$base/graphql" -H 'Content-Type: application/json' --data "$stats_q"
stats_ms=$(for _ in $(seq 1 21); do curl -s -o /dev/null -w '%{time_total}\n' "$base/graphql" -H 'Content-Type: application/json' --data "$stats_q"; done \
  | awk '{print $1 * 1000}' | median)
stats_rows=$(curl -s "$base/graphql" -H 'Content-Type: application/json' --data "$stats_q" | grep -o '"count"' | wc -l)
say "landStats by village: median ${stats_ms} ms for $stats_rows villages"

# --- 3. tiles ----------------------------------------------------------------------------------------------
tile_of() { awk -v lon="$1" -v lat="$2" -v z="$3" 'BEGIN {n = 2^z; pi = 3.14159265358979; r = lat * pi / 180;
  x = int((lon + 180) / 360 * n); y = int((1 - log(sin(r)/cos(r) + 1/cos(r)) / pi) / 2 * n); print z "/" x "/" y}'; }
sql -F ' ' -c "SELECT x, y FROM bench_anchor ORDER BY id LIMIT 120" | while read -r x y; do tile_of "$x" "$y" 14; done | sort -u >"$dir/tiles-z14.txt"
# Whole county at z8–z10, uncached.
read -r xmin ymin xmax ymax < <(sql -F ' ' -c "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) e FROM land_parcel WHERE county_code = '$county') s")
: >"$dir/tiles-county.txt"
for z in 8 9 10; do
  IFS=/ read -r _ x0 y1 < <(tile_of "$xmin" "$ymin" $z)
  IFS=/ read -r _ x1 y0 < <(tile_of "$xmax" "$ymax" $z)
  for x in $(seq "$x0" "$x1"); do for y in $(seq "$y0" "$y1"); do
    r=$(curl -s -o "$dir/t.mvt" -w '%{time_total} %{http_code}' "$base/tiles/parcels/$z/$x/$y.mvt")
    echo "$z/$x/$y $(echo "$r" | awk '{print $1 * 1000, $2}') $(stat -c %s "$dir/t.mvt") $(gzip -c "$dir/t.mvt" | wc -c)" >>"$dir/tiles-county.txt"
  done; done
done
county_max_ms=$(awk '$3 == 200 {print $2}' "$dir/tiles-county.txt" | sort -n | tail -1)
county_max_kb=$(awk '$3 == 200 {print $4 / 1024}' "$dir/tiles-county.txt" | sort -n | tail -1)
county_max_gz_kb=$(awk '$3 == 200 {print $5 / 1024}' "$dir/tiles-county.txt" | sort -n | tail -1)
say "county tiles z8-z10: $(grep -c ' 200 ' "$dir/tiles-county.txt") tiles, slowest ${county_max_ms} ms, largest ${county_max_kb} KB (${county_max_gz_kb} KB gzip)"

# Cached tiles: warm a mixed set, then 16 clients.
{ sed 's|^|/tiles/parcels/|; s|$|.mvt|' "$dir/tiles-z14.txt"; awk '$3 == 200 {print "/tiles/parcels/" $1 ".mvt"}' "$dir/tiles-county.txt"; } >"$dir/cached-paths.txt"
while read -r p; do curl -s -o /dev/null "$base$p"; done <"$dir/cached-paths.txt"
PATHS="$dir/cached-paths.txt" wrk -t2 -c"$clients" -d20s -s "$here/wrk/paths.lua" "$base" >"$dir/wrk-cached.out"
cached=$(grep '^RESULT' "$dir/wrk-cached.out")
cached_rps=$(echo "$cached" | grep -oE 'rps=[0-9.]+' | cut -d= -f2)
cached_p99=$(echo "$cached" | grep -oE 'p99_ms=[0-9.]+' | cut -d= -f2)
say "cached tiles: $cached_rps tiles/s, p99 ${cached_p99} ms ($clients clients)"

kill $watcher 2>/dev/null || true
rss_mb=$(sort -n "$dir/rss.txt" | tail -1 | awk '{printf "%.0f", $1 / 1024}')
say "service peak RSS: ${rss_mb} MB"

cat >"$BENCH_OUT/api.json" <<EOF
{
  "profile": "$BENCH_PROFILE", "county": "$county", "parcels": $nparcels,
  "viewport": {"box_deg": [$bw, $bh], "median_parcels_per_box": $per_box, "clients": $clients, "seconds": $seconds,
    "api_rps": $api_rps, "api_p50_ms": $api_p50, "api_p99_ms": $api_p99, "api_errors": $api_errors, "api_non2xx": $api_non2xx,
    "single_client_api_p50_ms": $single_p50, "cpu_busy_before_pct": $busy},
  "land_stats_by_village_ms": $stats_ms, "land_stats_rows": $stats_rows,
  "tiles": {"county_z8_10_slowest_ms": $county_max_ms, "county_z8_10_largest_kb": $county_max_kb, "county_z8_10_largest_gzip_kb": $county_max_gz_kb,
    "cached_tiles_per_s": $cached_rps, "cached_p99_ms": $cached_p99},
  "service_peak_rss_mb": $rss_mb
}
EOF
say "wrote $BENCH_OUT/api.json"
