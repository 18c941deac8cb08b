#!/usr/bin/env bash
# The cost curve of one node (issue #13, docs/SCALE-OUT.md): the bench county copied side by side as 1, 5 and 25
# counties (200,000 → 1,000,000 → 5,000,000 parcels with bench-200k), each copy with its own county code, admin
# units and parcels shifted east by the county's width, so each county keeps its density. At each size, with
# pgbench (2 clients, BENCH_SCALE_SECONDS each, median latency): a viewport of ~500 parcels in one county, a
# county's land statistics, a parcel by id, a z14 vector tile of parcels, and the province-wide statistics
# (every county, the query that a Citus cluster would fan out to every shard). Also the size of land_parcel.
# Raw SQL only: these are the database costs Citus distributes; the service adds its constant overhead on top.
# Works on a copy (database <profile db>_scale), dropped at the end unless BENCH_SCALE_KEEP=1.
# Output: $BENCH_OUT/scale-curve.json and a summary on stdout. Environment: BENCH_SCALE_STEPS ("1 5 25").
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}"
seconds=${BENCH_SCALE_SECONDS:-15}
steps=${BENCH_SCALE_STEPS:-1 5 25}
dir=$BENCH_OUT/scale-curve
mkdir -p "$dir"
say() { echo "scale-curve: $*"; }
die() { echo "scale-curve: ERROR: $*" >&2; exit 1; }
src_db=${BENCH_DB_URL##*/}
scale_db=${src_db}_scale
admin_uri=${BENCH_PGURI%/*}/postgres
scale_uri=${BENCH_PGURI%/*}/$scale_db
sql() { psql "$scale_uri" -v ON_ERROR_STOP=1 -qAt "$@"; }

psql "$admin_uri" -v ON_ERROR_STOP=1 -qAt -c "DROP DATABASE IF EXISTS $scale_db" -c "CREATE DATABASE $scale_db TEMPLATE $src_db" \
  || die "could not copy $src_db (is a service still connected to it?)"
cleanup() {
  local rc=$?
  [ "${BENCH_SCALE_KEEP:-0}" = 1 ] || psql "$admin_uri" -qAt -c "DROP DATABASE IF EXISTS $scale_db" >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT

read -r county parcels < <(sql -F ' ' -c "SELECT county_code, count(*) FROM land_parcel GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
say "source county $county with $parcels parcels ($src_db)"
# The copies go east of the bench county by its width plus a margin (other counties of the profile stay as they are).
# The copies are for reading: no tile notifications or overview queue while they are made.
sql -c "ALTER TABLE land_parcel DISABLE TRIGGER USER" >/dev/null
dx=$(sql -c "SELECT ceil((ST_XMax(e) - ST_XMin(e)) * 10) / 10 + 0.1 FROM (SELECT ST_Extent(geom)::geometry AS e FROM land_parcel) s")
cols=$(sql -c "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns
               WHERE table_schema = 'public' AND table_name = 'land_parcel' AND column_name NOT IN ('id')
                 AND is_generated = 'NEVER'")
expr=$(sql -c "SELECT string_agg(CASE column_name
                 WHEN 'county_code' THEN ':c'
                 WHEN 'village_code' THEN ':c || substr(village_code, 7)'
                 WHEN 'zldwdm' THEN ':c || substr(zldwdm, 7)'
                 WHEN 'qsdwdm' THEN ':c || substr(qsdwdm, 7)'
                 WHEN 'belt_id' THEN 'NULL' WHEN 'hsf_project_id' THEN 'NULL'
                 WHEN 'geom' THEN 'ST_Translate(geom, :dx, 0)'
                 ELSE quote_ident(column_name) END, ', ' ORDER BY ordinal_position)
               FROM information_schema.columns
               WHERE table_schema = 'public' AND table_name = 'land_parcel' AND column_name NOT IN ('id') AND is_generated = 'NEVER'")

# copies_to N: adds the counties 2..N (codes 900002…) with their admin units, then re-indexes and analyses.
have=1
copies_to() {
  local n=$1 k code t0 t1
  [ "$n" -gt "$have" ] || return 0
  t0=$(date +%s.%N)
  # Bulk copies build the secondary indexes once at the end (as a bureau's first load would).
  sql -c "SELECT indexdef || ';' FROM pg_indexes WHERE tablename = 'land_parcel' AND indexname NOT IN ('land_parcel_pkey')
          AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'land_parcel'::regclass)" >"$dir/indexes.sql"
  sql -c "SELECT 'DROP INDEX ' || indexname || ';' FROM pg_indexes WHERE tablename = 'land_parcel' AND indexname NOT IN ('land_parcel_pkey')
          AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'land_parcel'::regclass)" | sql >/dev/null
  for k in $(seq $((have + 1)) "$n"); do
    code=$(printf '9%05d' "$k")
    sql -v c="'$code'" -v dx="$(awk -v d="$dx" -v k="$k" 'BEGIN {printf "%.4f", d * (k - 1)}')" <<SQL >/dev/null
INSERT INTO admin_unit (code, level, name, kind, parent_code, county_code, province_name, city_name, population, households, area_m2, synthetic, boundary, seat)
SELECT CASE WHEN level = 'county' THEN :c ELSE :c || substr(code, 7) END, level, name || ' ' || :c, kind,
       CASE WHEN level = 'county' THEN parent_code WHEN length(parent_code) = 6 THEN :c ELSE :c || substr(parent_code, 7) END,
       :c, province_name, city_name, population, households, area_m2, true, ST_Translate(boundary, :dx, 0), ST_Translate(seat, :dx, 0)
FROM admin_unit WHERE county_code = '$county' ORDER BY length(code);
INSERT INTO land_parcel ($cols) SELECT $expr FROM land_parcel WHERE county_code = '$county';
SQL
  done
  t1=$(date +%s.%N)
  sql -f "$dir/indexes.sql" >/dev/null
  sql -c "VACUUM ANALYZE land_parcel" -c "ANALYZE admin_unit" >/dev/null
  say "  $n counties: copied in $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", b - a}') s, indexes and analyse in $(awk -v a="$t1" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a}') s"
  have=$n
}

# Anchors of the viewport and the tile: 200 points in the source county; the viewport is ~500 parcels there.
BENCH_PGURI=$scale_uri prepare_viewport_boxes "$county"
id_range=$(sql -F ' ' -c "SELECT min(id), max(id) FROM land_parcel WHERE county_code = '$county'")
cat >"$dir/viewport.sql" <<SQL
\set a random(1, 200)
SELECT p.id, p.bsm, p.dlbm, p.area_m2, ST_AsBinary(p.geom) FROM land_parcel p, bench_anchor a
WHERE a.id = :a AND p.geom && ST_MakeEnvelope(a.x, a.y, a.x + $VIEWPORT_W, a.y + $VIEWPORT_H, 4490) LIMIT 1000;
SQL
cat >"$dir/county-stats.sql" <<SQL
SELECT dlbm, count(*), sum(area_m2) / (2000.0 / 3) FROM land_parcel WHERE county_code = '$county' GROUP BY dlbm;
SQL
cat >"$dir/by-id.sql" <<SQL
\set i random(${id_range% *}, ${id_range#* })
SELECT * FROM land_parcel WHERE id = :i;
SQL
cat >"$dir/tile.sql" <<SQL
\set a random(1, 200)
WITH a AS (SELECT x, y FROM bench_anchor WHERE id = :a),
     t AS (SELECT ST_TileEnvelope(14, floor((x + 180) / 360 * 16384)::int,
                  floor((1 - ln(tan(radians(y)) + 1 / cos(radians(y))) / pi()) / 2 * 16384)::int) AS env FROM a)
SELECT length(ST_AsMVT(m, 'parcels')) FROM (
  SELECT p.id, p.dlbm, ST_AsMVTGeom(ST_Transform(p.geom, 3857), t.env) AS geom
  FROM land_parcel p, t WHERE p.geom && ST_Transform(t.env, 4490)) m;
SQL
cat >"$dir/province-stats.sql" <<SQL
SELECT county_code, dlbm, count(*), sum(area_m2) / (2000.0 / 3) FROM land_parcel GROUP BY 1, 2;
SQL

# run NAME CLIENTS -> median latency in ms over the run (pgbench's per-transaction log).
run() {
  local name=$1 clients=$2 d=$dir/run
  rm -rf "$d" && mkdir -p "$d"
  pgbench "$scale_uri" -n -c "$clients" -T 3 -f "$dir/$name.sql" >/dev/null 2>&1 || die "$name failed"
  ( cd "$d" && pgbench "$scale_uri" -n -c "$clients" -T "$seconds" -l -f "$dir/$name.sql" >"$dir/$name.out" 2>&1 ) || die "$name failed: $(tail -3 "$dir/$name.out")"
  cat "$d"/pgbench_log.* | awk '{printf "%.3f\n", $3 / 1000}' | median
}

results=()
for n in $steps; do
  copies_to "$n"
  total=$(sql -c "SELECT count(*) FROM land_parcel")
  size=$(sql -c "SELECT round(pg_total_relation_size('land_parcel') / 1048576.0)")
  v=$(run viewport 2); s=$(run county-stats 2); i=$(run by-id 2); t=$(run tile 2); p=$(run province-stats 1)
  say "$n counties, $total parcels, land_parcel $size MB: viewport $v ms, county statistics $s ms, by id $i ms, z14 tile $t ms, province statistics $p ms"
  results+=("$(jq -n --argjson n "$n" --argjson parcels "$total" --argjson mb "$size" --argjson v "$v" --argjson s "$s" --argjson i "$i" --argjson t "$t" --argjson p "$p" \
    '{counties: $n, parcels: $parcels, land_parcel_mb: $mb, viewport_ms: $v, county_stats_ms: $s, by_id_ms: $i, tile_z14_ms: $t, province_stats_ms: $p}')")
done
printf '%s\n' "${results[@]}" | jq -s --arg county "$county" --arg cpus "$(nproc)" --arg seconds "$seconds" \
  '{source_county: $county, cpus: $cpus, seconds_per_query: $seconds, note: "median latency, pgbench, 2 clients (province statistics 1)", steps: .}' \
  >"$BENCH_OUT/scale-curve.json"
cat "$BENCH_OUT/scale-curve.json"
