#!/usr/bin/env bash
# Issue #10: importing the largest county's parcels as a 三调 DLTB Shapefile (GBK, CGCS2000 3° Gauss-Kruger with
# the zone prefix, zipped as a bureau sends it) through the service, end to end: upload, ogr2ogr into staging, every
# check of the DLTB profile, the merge by BSM and the change log, against a bare ogr2ogr load of the same .shp into
# PostGIS (reprojected to EPSG:4490 with COPY, nothing checked), in alternating rounds. Two files that differ in
# SJNF (data year) alternate, so every service round updates all parcels of the county, the heaviest re-import.
# Target: service ≤ 1.5 × bare ogr2ogr. Output: $BENCH_OUT/import.json. Environment: BENCH_IMPORT_ROUNDS (3 per side).
# The bench leaves the county's parcels imported (synthetic = false, SJNF of the last file).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}"
rounds=${BENCH_IMPORT_ROUNDS:-3}
dir=$BENCH_OUT/import
mkdir -p "$dir"
say() { echo "import: $*"; }
die() { echo "import: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }
command -v ogr2ogr >/dev/null || die "GDAL's tools are missing: scripts/gdal.sh"
command -v zip >/dev/null || die "zip is missing (apt-get install zip)"

read -r county nparcels < <(sql -F ' ' -c "SELECT county_code, count(*) FROM land_parcel GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
# The county's 3° Gauss-Kruger zone, with the zone number in front of the easting (EPSG:4513 + zone − 25).
zone=$(sql -c "SELECT round(ST_X(ST_Centroid(boundary)) / 3) FROM admin_unit WHERE code = '$county'")
epsg=$((4513 + zone - 25))
pg="PG:$(sql -c "SELECT format('host=%s port=%s dbname=%s user=%s', coalesce(host(inet_server_addr()), 'localhost'), inet_server_port(), current_database(), current_user)")"
export PGPASSWORD=${BENCH_DB_PASSWORD:-}

# The two files, written by ogr2ogr from the county's parcels with the survey's field names.
columns='bsm AS "BSM", tbbh AS "TBBH", dlbm AS "DLBM", dlmc AS "DLMC", qsxz AS "QSXZ", qsdwdm AS "QSDWDM", qsdwmc AS "QSDWMC",
  zldwdm AS "ZLDWDM", zldwmc AS "ZLDWMC", tbmj::float8 AS "TBMJ", kcdlbm AS "KCDLBM", kcxs::float8 AS "KCXS", kcmj::float8 AS "KCMJ",
  tbdlmj::float8 AS "TBDLMJ", gdlx AS "GDLX", gdpdjb AS "GDPDJB", zzsxdm AS "ZZSXDM", zzsxmc AS "ZZSXMC", gddb AS "GDDB",
  czcsxm AS "CZCSXM", bz AS "BZ", geom'
for v in a b; do
  if [ ! -f "$dir/$v.zip" ]; then
    rm -rf "${dir:?}/$v" && mkdir -p "$dir/$v"
    year=$([ $v = a ] && echo "2023" || echo "2024")
    ogr2ogr -f 'ESRI Shapefile' "$dir/$v/DLTB.shp" "$pg" -nln DLTB -nlt MULTIPOLYGON -t_srs "EPSG:$epsg" -lco ENCODING=CP936 \
      -sql "SELECT $columns, $year AS \"SJNF\" FROM land_parcel WHERE county_code = '$county' ORDER BY id" >/dev/null
    # A bureau's file has no .cpg: the service reads such a .dbf as GBK, the bare load is told so.
    rm -f "$dir/$v/DLTB.cpg"
    (cd "$dir/$v" && zip -q -1 "../$v.zip" DLTB.*)
  fi
done
say "county $county ($nparcels parcels), EPSG:$epsg, files $(du -h "$dir/a.zip" | cut -f1) zipped, $(du -ch "$dir"/a/DLTB.* | tail -1 | cut -f1) unzipped"

sql -c "DELETE FROM security.account WHERE username = 'bench-admin'" >/dev/null 2>&1 || true
start_bench_service "$dir" 18950 || die "service did not start"
pid=$SERVICE_PID base=$SERVICE_BASE
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; sql -c "DROP TABLE IF EXISTS bench_import_raw" >/dev/null 2>&1 || true' EXIT
staff_token "$dir" "$base" "$county" "import bench" || die "could not make the staff account and its token"

raw() {
  ogr2ogr -f PostgreSQL "$pg" "$dir/a/DLTB.shp" -nln bench_import_raw -overwrite -lco GEOMETRY_NAME=geom -lco PRECISION=NO \
    -nlt MULTIPOLYGON -t_srs EPSG:4490 --config PG_USE_COPY YES --config SHAPE_ENCODING CP936 >/dev/null
}
api() {
  local v=$1 job id status
  job=$(curl -sf -H "Authorization: Bearer $STAFF_TOKEN" -H 'Content-Type: application/octet-stream' --data-binary "@$dir/$v.zip" \
    "$base/exchange/imports?profile=dltb&county=$county&fileName=DLTB-$v.zip") || { echo "upload failed" >&2; return 1; }
  id=$(jq -r .id <<<"$job") status=$(jq -r .status <<<"$job")
  [ "$status" = checked ] || { echo "import $id is $status: $(jq -c '[.report.checks[] | select(.count > 0) | {code, count}]' <<<"$job")" >&2; return 1; }
  curl -sf -X POST -H "Authorization: Bearer $STAFF_TOKEN" "$base/exchange/imports/$id/commit" >"$dir/commit-$v.json" || { echo "commit failed" >&2; return 1; }
}
seconds() { local t0 t1; t0=$(date +%s.%N); "$@"; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}'; }

# First pass of each (not timed): the county's synthetic parcels become imported ones, and both sides are warm.
raw
api a || die "the service's import failed"
: >"$dir/rounds.txt"
v=b
for r in $(seq 1 "$rounds"); do
  echo "raw $(seconds raw)" >>"$dir/rounds.txt"
  echo "api $(seconds api $v)" >>"$dir/rounds.txt"
  changed=$(jq -r .result.changed "$dir/commit-$v.json")
  [ "$changed" = "$nparcels" ] || die "round $r changed $changed parcels, not $nparcels: $(cat "$dir/commit-$v.json" | head -c 300)"
  v=$([ $v = a ] && echo b || echo a)
done
rows_raw=$(sql -c "SELECT count(*) FROM bench_import_raw")
rows_db=$(sql -c "SELECT count(*) FROM land_parcel WHERE county_code = '$county' AND NOT synthetic")
[ "$rows_raw" = "$nparcels" ] && [ "$rows_db" = "$nparcels" ] || die "rows: bare $rows_raw, service $rows_db, county $nparcels"
raw_s=$(grep '^raw ' "$dir/rounds.txt" | awk '{print $2}' | median)
api_s=$(grep '^api ' "$dir/rounds.txt" | awk '{print $2}' | median)
ratio=$(awk -v a="$api_s" -v b="$raw_s" 'BEGIN {printf "%.2f", a / b}')
say "DLTB Shapefile of $nparcels parcels (EPSG:$epsg, GBK): service $api_s s [$(grep '^api ' "$dir/rounds.txt" | awk '{print $2}' | paste -sd ' ')] (upload, staging, checks, merge of $nparcels changes), bare ogr2ogr $raw_s s [$(grep '^raw ' "$dir/rounds.txt" | awk '{print $2}' | paste -sd ' ')], ratio $ratio (target ≤ 1.5)"
grep -E 'import (staged|committed)' "$dir/service.log" | tail -4 || true
cat >"$BENCH_OUT/import.json" <<JSON
{"profile": "$BENCH_PROFILE", "county": "$county", "parcels": $nparcels, "crs": "EPSG:$epsg", "rounds": $rounds,
 "api_seconds": $api_s, "raw_ogr2ogr_seconds": $raw_s, "ratio": $(awk -v a="$api_s" -v b="$raw_s" 'BEGIN {printf "%.3f", a / b}')}
JSON
