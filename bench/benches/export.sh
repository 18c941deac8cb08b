#!/usr/bin/env bash
# Issue #10: exporting the largest county's parcels to GeoPackage through the service (exportParcels, then the
# download) against a bare ogr2ogr of the same rows and columns from PostGIS, in alternating rounds. The files are
# checked alike first (feature count and field list read by ogrinfo). Target: the service's export < 60 s.
# Output: $BENCH_OUT/export.json. Environment: BENCH_EXPORT_ROUNDS (3 per side).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}"
rounds=${BENCH_EXPORT_ROUNDS:-3}
dir=$BENCH_OUT/export
mkdir -p "$dir"
say() { echo "export: $*"; }
die() { echo "export: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }
command -v ogr2ogr >/dev/null || die "GDAL's tools are missing: scripts/gdal.sh"

sql -c "DELETE FROM security.account WHERE username = 'bench-admin'" >/dev/null 2>&1 || true
start_bench_service "$dir" 18900 || die "service did not start"
pid=$SERVICE_PID base=$SERVICE_BASE
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
read -r county nparcels < <(sql -F ' ' -c "SELECT county_code, count(*) FROM land_parcel GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
staff_token "$dir" "$base" "$county" "export bench" || die "could not make the staff account and its token"

# The raw limit: ogr2ogr straight from land_parcel, the columns of parcel/ParcelExportController.COLUMNS (the field
# lists of both files are compared below, so a drift fails the bench).
columns='t.bsm AS "BSM", t.tbbh AS "TBBH", t.dlbm AS "DLBM", t.dlmc AS "DLMC", t.qsxz AS "QSXZ", t.qsdwdm AS "QSDWDM", t.qsdwmc AS "QSDWMC",
  t.zldwdm AS "ZLDWDM", t.zldwmc AS "ZLDWMC", t.tbmj::float8 AS "TBMJ", t.kcdlbm AS "KCDLBM", t.kcxs::float8 AS "KCXS", t.kcmj::float8 AS "KCMJ",
  t.tbdlmj::float8 AS "TBDLMJ", t.gdlx AS "GDLX", t.gdpdjb AS "GDPDJB", t.zzsxdm AS "ZZSXDM", t.zzsxmc AS "ZZSXMC", t.gddb AS "GDDB",
  t.czcsxm AS "CZCSXM", t.sjnf AS "SJNF", t.bz AS "BZ", round(t.area_m2::numeric, 2)::float8 AS "AREA_M2", t.geom'
pg="PG:$(psql "$BENCH_PGURI" -qAt -c "SELECT format('host=%s port=%s dbname=%s user=%s', coalesce(host(inet_server_addr()), 'localhost'), inet_server_port(), current_database(), current_user)")"
raw() {
  rm -f "$dir/raw.gpkg"
  PGPASSWORD=${BENCH_DB_PASSWORD:-} ogr2ogr -f GPKG "$dir/raw.gpkg" "$pg" -nln DLTB -nlt MULTIPOLYGON \
    -sql "SELECT $columns FROM land_parcel t WHERE t.county_code = '$county' ORDER BY t.id" >/dev/null
}
api() {
  local url
  url=$(curl -sf "$base/graphql" -H "Authorization: Bearer $STAFF_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"query\":\"mutation { exportParcels(filter: {adminCode: \\\"$county\\\"}, format: GPKG) { url rows } }\"}" | jq -r .data.exportParcels.url)
  [ -n "$url" ] && [ "$url" != null ] || return 1
  curl -sf -H "Authorization: Bearer $STAFF_TOKEN" -o "$dir/api.gpkg" "$base$url"
}
seconds() { local t0 t1; t0=$(date +%s.%N); "$@"; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}'; }

# The same file first: features and fields.
raw; api || die "the service's export failed"
# (Nullability is left out: a -sql source keeps the columns' NOT NULL, the service's staging table does not.)
info() { ogrinfo -ro -so -al "$1" | grep -E '^Feature Count|^Geometry|^Extent|^[A-Z_0-9]+: ' | grep -v '^INFO' | sed 's/ NOT NULL//'; }
diff <(info "$dir/raw.gpkg") <(info "$dir/api.gpkg") >"$dir/diff.txt" || die "the files differ: $(head -5 "$dir/diff.txt")"
features=$(ogrinfo -ro -so -al "$dir/api.gpkg" | sed -n 's/^Feature Count: //p')
[ "$features" = "$nparcels" ] || die "the export holds $features features, the county $nparcels parcels"
say "county $county: $features parcels in both files, same fields"

: >"$dir/rounds.txt"
for r in $(seq 1 "$rounds"); do
  echo "raw $(seconds raw)" >>"$dir/rounds.txt"
  echo "api $(seconds api)" >>"$dir/rounds.txt"
done
raw_s=$(grep '^raw ' "$dir/rounds.txt" | awk '{print $2}' | median)
api_s=$(grep '^api ' "$dir/rounds.txt" | awk '{print $2}' | median)
size=$(stat -c %s "$dir/api.gpkg")
say "GeoPackage of $features parcels ($((size / 1024 / 1024)) MB): service $api_s s [$(grep '^api ' "$dir/rounds.txt" | awk '{print $2}' | paste -sd ' ')], bare ogr2ogr $raw_s s [$(grep '^raw ' "$dir/rounds.txt" | awk '{print $2}' | paste -sd ' ')], ratio $(awk -v a="$api_s" -v b="$raw_s" 'BEGIN {printf "%.2f", a / b}')"
cat >"$BENCH_OUT/export.json" <<JSON
{"profile": "$BENCH_PROFILE", "county": "$county", "features": $features, "gpkg_bytes": $size, "rounds": $rounds,
 "api_seconds": $api_s, "raw_ogr2ogr_seconds": $raw_s, "ratio": $(awk -v a="$api_s" -v b="$raw_s" 'BEGIN {printf "%.3f", a / b}')}
JSON
