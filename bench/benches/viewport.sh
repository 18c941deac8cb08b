#!/usr/bin/env bash
# The viewport query and uncached z14 tiles of the service against the raw-SQL limit, measured fairly (issue #9):
#  * the raw side runs exactly the statements the service sends, captured from PostgreSQL's own log while a
#    capture instance of the service answers the same requests (log_min_duration_statement = 0 on its connections
#    only), with the values it bound, as bound parameters (pgbench -M prepared, one script per request);
#  * a fixed, seeded set of boxes (and of tiles), the same for both sides; before anything is timed the answer of
#    the service for every box is compared with the rows of its statement, and every tile with the raw ST_AsMVT;
#  * rounds alternate raw, API, raw, API …; medians over the rounds, with every round's figure kept (spread).
# Viewport: GraphQL `parcels(filter: {bbox}, first: 1000)` with 6 attributes + geometry (wrk, bench/wrk/bodies.lua)
# at 16 clients and at 1 client. Tiles: /tiles/parcels/14/x/y.mvt from a service with its tile cache off
# (LANDATLAS_TILES_CACHE_MB=0, so every request makes the tile), no Accept-Encoding (the raw side
# does not compress either), against the captured ST_AsMVT statements, at one client and at BENCH_API_CLIENTS.
# Output: $BENCH_OUT/viewport.json and a summary on stdout. Environment: BENCH_FAIR_ROUNDS (3 per side),
# BENCH_FAIR_SECONDS (20), BENCH_FAIR_BOXES (100, at most 120: pgbench takes 128 scripts), BENCH_API_CLIENTS (16),
# BENCH_FAIR_ENV (extra VAR=value settings of the measured service, space-separated, e.g. for an experiment).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}" "${BENCH_PROFILE:?}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=${BENCH_FAIR_ROUNDS:-3}
seconds=${BENCH_FAIR_SECONDS:-20}
nwanted=${BENCH_FAIR_BOXES:-100}
clients=${BENCH_API_CLIENTS:-16}
dir=$BENCH_OUT/viewport
mkdir -p "$dir/capture" "$dir/service" "$dir/raw"
say() { echo "viewport: $*"; }
die() { echo "viewport: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }
command -v wrk >/dev/null || die "wrk is missing: apt-get install wrk"
[ "$nwanted" -le 120 ] || die "BENCH_FAIR_BOXES must be at most 120 (pgbench runs at most 128 scripts)"
[ "$(sql -c "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")" = t ] \
  || die "capturing the service's statements sets log_min_duration_statement, which needs a superuser (the private cluster's user is one)"
[ -d "$here/../web-map/node_modules/@mapbox/vector-tile" ] || (cd "$here/../web-map" && npm ci --no-audit --no-fund >/dev/null) \
  || die "the tile decoder needs the web map's npm packages: (cd web-map && npm ci)"

# PostgreSQL's log: the postmaster's stderr (the private cluster logs there; logging_collector off).
pg_log=$(readlink "/proc/$(head -1 "$(sql -c "SHOW data_directory")/postmaster.pid")/fd/2" 2>/dev/null) || true
[ -n "$pg_log" ] && [ -f "$pg_log" ] && [ -r "$pg_log" ] \
  || die "cannot find PostgreSQL's log file (the postmaster's stderr); this bench needs a local cluster that logs to a file"

# --- the fixed request sets --------------------------------------------------------------------------------
read -r county nparcels < <(sql -F ' ' -c "SELECT county_code, count(*) FROM land_parcel GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
prepare_viewport_boxes "$county"
bw=$VIEWPORT_W bh=$VIEWPORT_H
fields='id bsm landClassCode landClassName areaMu circulationStatus geometry'
query="query(\$b: [Float!]) { parcels(filter: { bbox: \$b }, first: 1000) { edges { node { $fields } } } }"
gql_query=$(printf '%s' "$query" | sed 's/"/\\"/g')
sql -c "SELECT setseed(0.31)" -c "SELECT format('%s,%s,%s,%s', round(x0::numeric, 7), round(y0::numeric, 7), round((x0 + $bw)::numeric, 7), round((y0 + $bh)::numeric, 7))
    FROM (SELECT id, x - random() * $bw AS x0, y - random() * $bh AS y0 FROM bench_anchor ORDER BY id LIMIT $nwanted) s ORDER BY id" | tail -n +2 >"$dir/boxes.txt"
sed "s/.*/{\"query\":\"$gql_query\",\"variables\":{\"b\":[&]}}/" "$dir/boxes.txt" >"$dir/bodies.txt"
nboxes=$(wc -l <"$dir/boxes.txt")
tile_of() { awk -v lon="$1" -v lat="$2" -v z="$3" 'BEGIN {n = 2^z; pi = 3.14159265358979; r = lat * pi / 180;
  x = int((lon + 180) / 360 * n); y = int((1 - log(sin(r)/cos(r) + 1/cos(r)) / pi) / 2 * n); print z "/" x "/" y}'; }
sql -F ' ' -c "SELECT x, y FROM bench_anchor ORDER BY id" | while read -r x y; do tile_of "$x" "$y" 14; done | awk -v n="$nwanted" '!seen[$0]++ && c++ < n' >"$dir/tiles.txt"
ntiles=$(wc -l <"$dir/tiles.txt")
sed 's|^|/tiles/parcels/|; s|$|.mvt|' "$dir/tiles.txt" >"$dir/tile-paths.txt"

# --- the service's statements, from PostgreSQL's log -------------------------------------------------------
case "$BENCH_DB_URL" in *\?*) sep='&' ;; *) sep='?' ;; esac
capture_url="$BENCH_DB_URL${sep}options=-c%20log_min_duration_statement%3D0&ApplicationName=landatlas-bench-capture"
# shellcheck disable=SC2086 # word splitting of the settings list is intended
start_bench_service "$dir/capture" 18800 LANDATLAS_DB_URL="$capture_url" LANDATLAS_TILES_CACHE_MB=0 ${BENCH_FAIR_ENV:-} || die "the capture service did not start"
capture_pid=$SERVICE_PID capture_base=$SERVICE_BASE
# shellcheck disable=SC2086
start_bench_service "$dir/service" 18810 LANDATLAS_TILES_CACHE_MB=0 ${BENCH_FAIR_ENV:-} || { kill $capture_pid; die "the service did not start"; }
pid=$SERVICE_PID base=$SERVICE_BASE
cleanup() {
  local rc=$?
  kill $pid $capture_pid 2>/dev/null; wait $pid $capture_pid 2>/dev/null || true
  sql -c "DROP TABLE IF EXISTS bench_anchor" >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT

: >"$dir/answers.txt"
log_from=$(($(stat -c %s "$pg_log") + 1))
i=0
while read -r body; do
  i=$((i + 1))
  curl -sf "$capture_base/graphql" -H 'Content-Type: application/json' --data "$body" >"$dir/capture/answer-$i.json" || die "box $i: the capture service failed"
done <"$dir/bodies.txt"
tail -c +"$log_from" "$pg_log" >"$dir/capture/viewport.log"
log_from=$(($(stat -c %s "$pg_log") + 1))
while read -r p; do curl -sf -o /dev/null "$capture_base$p" || die "tile $p: the capture service failed"; done <"$dir/tile-paths.txt"
tail -c +"$log_from" "$pg_log" >"$dir/capture/tiles.log"
kill $capture_pid; wait $capture_pid 2>/dev/null || true
node "$here/captured-sql.mjs" "$dir/capture/viewport.log" 'FROM land_parcel .* LIMIT \$' >"$dir/viewport-statements.jsonl"
node "$here/captured-sql.mjs" "$dir/capture/tiles.log" 'ST_AsMVT\(' >"$dir/tile-statements.jsonl"
[ "$(wc -l <"$dir/viewport-statements.jsonl")" = "$nboxes" ] || die "captured $(wc -l <"$dir/viewport-statements.jsonl") viewport statements for $nboxes boxes (see $dir/capture/viewport.log)"
[ "$(wc -l <"$dir/tile-statements.jsonl")" = "$ntiles" ] || die "captured $(wc -l <"$dir/tile-statements.jsonl") tile statements for $ntiles tiles (see $dir/capture/tiles.log)"
[ "$(jq -r .sql "$dir/viewport-statements.jsonl" | sort -u | wc -l)" = 1 ] || die "the service sent more than one statement text for the viewport query"
jq -r .sql "$dir/viewport-statements.jsonl" | sed -n 1p >"$dir/viewport-statement.sql"
jq -r .sql "$dir/tile-statements.jsonl" | sed -n 1p >"$dir/tile-statement.sql"

# One pgbench script per request: the captured text with $n → :name, the captured values given with -D, so that
# pgbench -M prepared binds them as parameters exactly as the service did.
pgbench_scripts() {  # statements.jsonl prefix → prints pgbench arguments (one per line)
  local k=0 line
  while IFS= read -r line; do
    k=$((k + 1))
    printf '%s;\n' "$(jq -r .sql <<<"$line" | sed -E "s/\\\$([0-9]+)/:$2${k}_\\1/g")" >"$dir/raw/$2$k.sql"
    echo "-f"; echo "$dir/raw/$2$k.sql@1"
    jq -r --arg p "$2${k}_" '.params | to_entries[] | "-D\n\($p)\(.key + 1)=\(.value)"' <<<"$line"
  done <"$1"
}
mapfile -t viewport_args < <(pgbench_scripts "$dir/viewport-statements.jsonl" v)
mapfile -t tile_args < <(pgbench_scripts "$dir/tile-statements.jsonl" t)

# --- identical answers, before anything is timed -------------------------------------------------------------
# The very statement with the very values (PREPARE … EXECUTE: parameters, not literals), rows as CSV.
execute_sql() {  # statement line → SQL
  jq -r --arg q "'" '"PREPARE s AS " + .sql + ";\nEXECUTE s(" + ([.params[] | if . == null then "NULL" else $q + gsub($q; $q + $q) + $q end] | join(", ")) + ");"' <<<"$1"
}
same=0 k=0
: >"$dir/box-parcels.txt"
while IFS= read -r line; do
  k=$((k + 1))
  curl -sf "$base/graphql" -H 'Content-Type: application/json' --data "$(sed -n "${k}p" "$dir/bodies.txt")" >"$dir/answer.json" || die "box $k: the service failed"
  cmp -s "$dir/answer.json" "$dir/capture/answer-$k.json" || die "box $k: the service and its capture instance answered differently"
  psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -q --csv -c "$(execute_sql "$line")" 2>&1 | sed '/^PREPARE$/d' >"$dir/rows.csv" || die "box $k: the captured statement failed: $(head -3 "$dir/rows.csv")"
  node "$here/same-page.mjs" "$dir/answer.json" "$dir/rows.csv" >"$dir/same.txt" 2>&1 || die "box $k ($(sed -n "${k}p" "$dir/boxes.txt")): $(cat "$dir/same.txt")"
  awk '{print $2}' "$dir/same.txt" >>"$dir/box-parcels.txt"
  same=$((same + 1))
done <"$dir/viewport-statements.jsonl"
per_box=$(median <"$dir/box-parcels.txt")
read -r min_box max_box < <(sort -n "$dir/box-parcels.txt" | sed -n '1p;$p' | paste -sd ' ')
say "$same of $nboxes boxes answered exactly as their statement's rows (parcels per box: median $per_box, $min_box–$max_box)"
canon() { node "$here/mvt-canon.mjs" "$1" | sha256sum; }
tiles_same=0 tiles_reordered=0 tiles_empty=0 k=0
: >"$dir/tile-bytes.txt"
while IFS= read -r line; do
  k=$((k + 1))
  p=$(sed -n "${k}p" "$dir/tile-paths.txt")
  code=$(curl -s -o "$dir/api.mvt" -w '%{http_code}' "$base$p")
  psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt -c "$(execute_sql "$line")" | sed '/^PREPARE$/d' \
    | node -e 'process.stdout.write(Buffer.from(require("fs").readFileSync(0, "utf8").trim().replace(/^\\x/, ""), "hex"))' >"$dir/raw.mvt"
  stat -c %s "$dir/api.mvt" >>"$dir/tile-bytes.txt"
  if cmp -s "$dir/api.mvt" "$dir/raw.mvt"; then
    tiles_same=$((tiles_same + 1)); [ "$code" = 204 ] && tiles_empty=$((tiles_empty + 1))
  elif [ "$code" = 200 ] && [ "$(canon "$dir/api.mvt")" = "$(canon "$dir/raw.mvt")" ]; then
    tiles_reordered=$((tiles_reordered + 1))
  else
    die "tile $p: the service's tile differs from its statement's ST_AsMVT (HTTP $code, $(stat -c %s "$dir/api.mvt") vs $(stat -c %s "$dir/raw.mvt") bytes)"
  fi
done <"$dir/tile-statements.jsonl"
tile_kb=$(awk '{print $1 / 1024}' "$dir/tile-bytes.txt" | median)
say "tiles: $tiles_same of $ntiles byte-identical to their statement's ST_AsMVT ($tiles_empty empty), $tiles_reordered the same features in another order; median $tile_kb KB"
rm -f "$dir/answer.json" "$dir/rows.csv" "$dir/same.txt" "$dir/api.mvt" "$dir/raw.mvt"

# --- warm-up: the service's JIT and both sides' buffers and plans -------------------------------------------
export BODIES="$dir/bodies.txt" PATHS="$dir/tile-paths.txt" ACCEPT_ENCODING=
warm_bodies "$base" "$clients" "$dir/warm.txt"
say "warm-up rounds (rps): $(awk '{print $2}' "$dir/warm.txt" | paste -sd ' ')"
# The tile path's JIT: 15 s rounds at one client until at least three ran and the last two agree within 3 %.
previous=0
for round in $(seq 1 12); do
  r=$(wrk -t1 -c1 -d15s -s "$here/wrk/paths.lua" "$base" | grep '^RESULT' | grep -oE 'rps=[0-9.]+' | cut -d= -f2)
  echo "$round $r" >>"$dir/warm-tiles.txt"
  if [ "$round" -ge 3 ] && awk -v a="$r" -v b="$previous" 'BEGIN {d = a - b; if (d < 0) d = -d; exit !(d < 0.03 * a)}'; then break; fi
  previous=$r
done
say "tile warm-up rounds (tiles/s): $(awk '{print $2}' "$dir/warm-tiles.txt" | paste -sd ' ')"
pgbench -n -M prepared -c "$clients" -j 2 -T 10 "${viewport_args[@]}" "$BENCH_PGURI" >/dev/null 2>&1
pgbench -n -M prepared -c 1 -j 1 -T 5 "${tile_args[@]}" "$BENCH_PGURI" >/dev/null 2>&1

# --- alternating rounds ---------------------------------------------------------------------------------------
raw_round() {  # clients args… → "tps=… p50_ms=… p99_ms=… failed=…" (per-transaction latencies from pgbench's log)
  local c=$1 out; shift
  rm -f "$dir/raw/pgbench_log".*
  out=$(cd "$dir/raw" && pgbench -n -M prepared -c "$c" -j "$((c > 1 ? 2 : 1))" -T "$seconds" -l "$@" "$BENCH_PGURI" 2>&1) || { echo "$out" >&2; return 1; }
  cat "$dir/raw/pgbench_log".* | awk '{print $3 / 1000}' | sort -n >"$dir/raw/latencies.txt"
  printf 'tps=%s p50_ms=%s p99_ms=%s failed=%s\n' "$(grep -m1 -oE 'tps = [0-9.]+' <<<"$out" | awk '{print $3}')" \
    "$(awk '{a[NR]=$1} END {print a[int(NR*0.5)+1]}' "$dir/raw/latencies.txt")" "$(awk '{a[NR]=$1} END {print a[int(NR*0.99)+1]}' "$dir/raw/latencies.txt")" \
    "$(grep -m1 -oE 'number of failed transactions: [0-9]+' <<<"$out" | awk '{print $5}')"
}
api_round() {  # clients script → "rps=… p50_ms=… p99_ms=… errors=… non2xx=…"
  wrk -t"$((${1} > 1 ? 2 : 1))" -c"$1" -d"${seconds}s" --timeout 10s -s "$here/wrk/$2" "$base" | grep '^RESULT' | sed 's/^RESULT //'
}
: >"$dir/rounds.txt"
run_rounds() {  # name clients wrk-script pgbench-args…
  local name=$1 c=$2 script=$3 r busy; shift 3
  for r in $(seq 1 "$rounds"); do
    busy=$(wait_quiet); echo "$name $r raw busy=$busy $(raw_round "$c" "$@")" >>"$dir/rounds.txt"
    busy=$(wait_quiet); echo "$name $r api busy=$busy $(api_round "$c" "$script")" >>"$dir/rounds.txt"
  done
}
run_rounds viewport16 "$clients" bodies.lua "${viewport_args[@]}"
run_rounds viewport1 1 bodies.lua "${viewport_args[@]}"
run_rounds tiles1 1 paths.lua "${tile_args[@]}"
run_rounds tiles16 "$clients" paths.lua "${tile_args[@]}"

stat_of() { grep "^$1 [0-9]* $2 " "$dir/rounds.txt" | grep -oE " $3=[0-9.]+" | cut -d= -f2 | median; }
spread_of() { grep "^$1 [0-9]* $2 " "$dir/rounds.txt" | grep -oE " $3=[0-9.]+" | cut -d= -f2 | paste -sd ' '; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b + 0 == 0) print "null"; else printf "%.3f", a / b}'; }
errors=$(grep ' api ' "$dir/rounds.txt" | grep -oE '(errors|non2xx)=[0-9]+' | cut -d= -f2 | awk '{s += $1} END {print s + 0}')
failed=$(grep ' raw ' "$dir/rounds.txt" | grep -oE 'failed=[0-9]+' | cut -d= -f2 | awk '{s += $1} END {print s + 0}')
json_part() {  # name → JSON members of one measurement
  local n=$1
  printf '"raw_tps": %s, "api_rps": %s, "throughput_ratio": %s, "raw_p50_ms": %s, "api_p50_ms": %s, "raw_p99_ms": %s, "api_p99_ms": %s, "p99_ratio": %s, "p50_ratio": %s, "raw_tps_rounds": [%s], "api_rps_rounds": [%s]' \
    "$(stat_of "$n" raw tps)" "$(stat_of "$n" api rps)" "$(ratio "$(stat_of "$n" api rps)" "$(stat_of "$n" raw tps)")" \
    "$(stat_of "$n" raw p50_ms)" "$(stat_of "$n" api p50_ms)" "$(stat_of "$n" raw p99_ms)" "$(stat_of "$n" api p99_ms)" \
    "$(ratio "$(stat_of "$n" api p99_ms)" "$(stat_of "$n" raw p99_ms)")" "$(ratio "$(stat_of "$n" api p50_ms)" "$(stat_of "$n" raw p50_ms)")" \
    "$(spread_of "$n" raw tps | tr ' ' ',')" "$(spread_of "$n" api rps | tr ' ' ',')"
}
for n in viewport16 viewport1 tiles1 tiles16; do
  say "$n: raw $(stat_of $n raw tps) tps [$(spread_of $n raw tps)] p50 $(stat_of $n raw p50_ms) p99 $(stat_of $n raw p99_ms) ms | API $(stat_of $n api rps) rps [$(spread_of $n api rps)] p50 $(stat_of $n api p50_ms) p99 $(stat_of $n api p99_ms) ms | API/raw throughput $(ratio "$(stat_of $n api rps)" "$(stat_of $n raw tps)"), p99 $(ratio "$(stat_of $n api p99_ms)" "$(stat_of $n raw p99_ms)")"
done
say "errors: API $errors, raw failed transactions $failed"
cat >"$BENCH_OUT/viewport.json" <<EOF
{
  "profile": "$BENCH_PROFILE", "county": "$county", "parcels": $nparcels, "rounds_per_side": $rounds, "seconds_per_round": $seconds,
  "boxes": $nboxes, "box_deg": [$bw, $bh], "parcels_per_box": {"median": $per_box, "min": $min_box, "max": $max_box}, "boxes_identical": $same,
  "tiles": $ntiles, "tiles_identical": $tiles_same, "tiles_reordered": $tiles_reordered, "tiles_empty": $tiles_empty, "tile_median_kb": $tile_kb,
  "api_errors": $errors, "raw_failed": ${failed:-0},
  "viewport_16_clients": {$(json_part viewport16)},
  "viewport_1_client": {$(json_part viewport1)},
  "tiles_z14_uncached_1_client": {$(json_part tiles1)},
  "tiles_z14_uncached_16_clients": {$(json_part tiles16)}
}
EOF
jq . "$BENCH_OUT/viewport.json" >/dev/null || die "viewport.json is not valid JSON"
say "wrote $BENCH_OUT/viewport.json"
