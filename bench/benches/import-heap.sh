#!/usr/bin/env bash
# Issue #10: the service's heap while it imports the largest county whole (bench-1m: 1,000,000 parcels) as a DLTB
# Shapefile (GBK, CGCS2000 3° Gauss-Kruger with the zone prefix, zipped): upload, ogr2ogr into staging, every check,
# the merge of every parcel and its change log. The service runs with a small fixed heap (BENCH_IMPORT_HEAP, default
# 256m) and GC logging; the figure is the largest heap occupancy any collection found, next to the file's size and
# the rows changed. A heap that grew with the rows would fail the import with OutOfMemoryError instead.
# Output: $BENCH_OUT/import-heap.json. The county's parcels are left imported (synthetic = false).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}"
heap=${BENCH_IMPORT_HEAP:-256m}
dir=$BENCH_OUT/import-heap
mkdir -p "$dir"
say() { echo "import-heap: $*"; }
die() { echo "import-heap: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }
command -v ogr2ogr >/dev/null || die "GDAL's tools are missing: scripts/gdal.sh"
command -v zip >/dev/null || die "zip is missing (apt-get install zip)"

read -r county nparcels < <(sql -F ' ' -c "SELECT county_code, count(*) FROM land_parcel GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
zone=$(sql -c "SELECT round(ST_X(ST_Centroid(boundary)) / 3) FROM admin_unit WHERE code = '$county'")
epsg=$((4513 + zone - 25))
pg="PG:$(sql -c "SELECT format('host=%s port=%s dbname=%s user=%s', coalesce(host(inet_server_addr()), 'localhost'), inet_server_port(), current_database(), current_user)")"
export PGPASSWORD=${BENCH_DB_PASSWORD:-}
year=$(( $(sql -c "SELECT coalesce(max(sjnf), 2022) FROM land_parcel WHERE county_code = '$county'") == 2024 ? 2023 : 2024 ))
rm -rf "${dir:?}/shp" "$dir/dltb.zip" && mkdir -p "$dir/shp"
ogr2ogr -f 'ESRI Shapefile' "$dir/shp/DLTB.shp" "$pg" -nln DLTB -nlt MULTIPOLYGON -t_srs "EPSG:$epsg" -lco ENCODING=CP936 \
  -sql "SELECT bsm AS \"BSM\", tbbh AS \"TBBH\", dlbm AS \"DLBM\", dlmc AS \"DLMC\", qsxz AS \"QSXZ\", qsdwdm AS \"QSDWDM\", qsdwmc AS \"QSDWMC\",
    zldwdm AS \"ZLDWDM\", zldwmc AS \"ZLDWMC\", tbmj::float8 AS \"TBMJ\", kcdlbm AS \"KCDLBM\", kcxs::float8 AS \"KCXS\", kcmj::float8 AS \"KCMJ\",
    tbdlmj::float8 AS \"TBDLMJ\", gdlx AS \"GDLX\", gdpdjb AS \"GDPDJB\", zzsxdm AS \"ZZSXDM\", zzsxmc AS \"ZZSXMC\", gddb AS \"GDDB\",
    czcsxm AS \"CZCSXM\", bz AS \"BZ\", $year AS \"SJNF\", geom FROM land_parcel WHERE county_code = '$county' ORDER BY id" >/dev/null
rm -f "$dir/shp/DLTB.cpg"
(cd "$dir/shp" && zip -q -1 ../dltb.zip DLTB.*)
size=$(stat -c %s "$dir/dltb.zip")
say "county $county ($nparcels parcels), EPSG:$epsg, $((size / 1048576)) MB zipped; service heap -Xmx$heap"

sql -c "DELETE FROM security.account WHERE username = 'bench-admin'" >/dev/null 2>&1 || true
BENCH_SERVICE_HEAP=$heap BENCH_SERVICE_JAVA_OPTS="-Xlog:gc:file=$dir/gc.log" start_bench_service "$dir" 18990 || die "service did not start"
pid=$SERVICE_PID base=$SERVICE_BASE
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
staff_token "$dir" "$base" "$county" "import heap bench" || die "could not make the staff account and its token"

t0=$(date +%s.%N)
job=$(curl -sf -H "Authorization: Bearer $STAFF_TOKEN" -H 'Content-Type: application/octet-stream' --data-binary "@$dir/dltb.zip" \
  "$base/exchange/imports?profile=dltb&county=$county&fileName=DLTB.zip") || die "upload failed: $(tail -5 "$dir/service.log")"
id=$(jq -r .id <<<"$job")
[ "$(jq -r .status <<<"$job")" = checked ] || die "import $id is $(jq -r .status <<<"$job"): $(jq -c '[.report.checks[] | select(.count > 0) | {code, count}]' <<<"$job")"
t1=$(date +%s.%N)
curl -sf -X POST -H "Authorization: Bearer $STAFF_TOKEN" "$base/exchange/imports/$id/commit" >"$dir/commit.json" || die "commit failed: $(tail -5 "$dir/service.log")"
t2=$(date +%s.%N)
changed=$(jq -r .result.changed "$dir/commit.json")
grep -q OutOfMemoryError "$dir/service.log" && die "the service ran out of heap"
# "GC(12) Pause Young (Allocation Failure) 180M->35M(245M) 12.3ms": the largest "before" is the peak occupancy seen.
peak=$(grep -o '[0-9]*M->[0-9]*M' "$dir/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
stage_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
commit_s=$(awk -v a="$t1" -v b="$t2" 'BEGIN {printf "%.1f", b - a}')
say "$nparcels parcels: staged and checked in $stage_s s, committed ($changed changed) in $commit_s s, heap -Xmx$heap, peak occupancy ${peak:-?} MB over $(grep -c 'Pause' "$dir/gc.log") collections"
grep -E 'import (staged|committed)' "$dir/service.log" | sed 's/.*ImportService *: /  /' || true
cat >"$BENCH_OUT/import-heap.json" <<JSON
{"profile": "$BENCH_PROFILE", "county": "$county", "parcels": $nparcels, "zip_bytes": $size, "xmx": "$heap", "peak_heap_mb": ${peak:-null},
 "stage_seconds": $stage_s, "commit_seconds": $commit_s, "changed": $changed}
JSON
