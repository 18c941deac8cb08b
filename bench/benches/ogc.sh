#!/usr/bin/env bash
# OGC API – Features (issue #11): 1,000-feature item pages of the parcels at shallow and deep page depths (page 1,
# 100 and 199 of a 200,000-parcel database, reached by the next links' keyset cursors), p95 over repeated requests,
# against the raw SQL of the same page run by pgbench; then ogr2ogr copying every parcel from the OGC API (GDAL's
# OAPIF driver) with its feature count compared to the database's row count. Before timing, the whole collection
# is walked by its next links and must give every parcel exactly once. Targets: p95 < 300 ms at any depth; the
# copy holds exactly the table's rows.
# Output: $BENCH_OUT/ogc.json. Environment: BENCH_OGC_REQUESTS (40 per depth), BENCH_OGC_PAGE (1000).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}"
requests=${BENCH_OGC_REQUESTS:-40}
size=${BENCH_OGC_PAGE:-1000}
dir=$BENCH_OUT/ogc
mkdir -p "$dir"
say() { echo "ogc: $*"; }
die() { echo "ogc: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }
command -v ogr2ogr >/dev/null || die "GDAL's tools are missing: scripts/gdal.sh"
p95() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "null"; else {i = int(NR * 0.95 + 0.999999); if (i > NR) i = NR; print a[i]}}'; }

start_bench_service "$dir" 19100 || die "service did not start"
pid=$SERVICE_PID base=$SERVICE_BASE
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
items="$base/ogc/collections/parcels/items"
nparcels=$(sql -c "SELECT count(*) FROM land_parcel")

# 1. The whole collection by its next links, as a client pages (anonymous: the public's largest page is 1,000).
: >"$dir/pages.txt" ; : >"$dir/ids.txt"
url="$items?limit=$size"
while [ -n "$url" ]; do
  echo "$url" >>"$dir/pages.txt"
  curl -sf --compressed "$url" -o "$dir/page.json" || die "GET $url failed"
  jq -r '.features[].id' "$dir/page.json" >>"$dir/ids.txt"
  url=$(jq -r '[.links[] | select(.rel == "next")][0].href // empty' "$dir/page.json")
done
pages=$(wc -l <"$dir/pages.txt")
walked=$(wc -l <"$dir/ids.txt")
distinct=$(sort -u "$dir/ids.txt" | wc -l)
[ "$walked" = "$nparcels" ] && [ "$distinct" = "$nparcels" ] || die "the next links gave $walked features ($distinct distinct) of $nparcels parcels"
say "$pages pages of $size by next links: $walked features, each of the $nparcels parcels once"

# 2. The same page from PostGIS: the service's feature text (a check below compares the first feature) at the
# same keyset position.
feature="'{\"type\":\"Feature\",\"id\":' || to_json(t.id)::text || ',\"geometry\":' || coalesce(ST_AsGeoJSON(t.geom, 7, 0), 'null') || ',\"properties\":' || json_build_object(
 'BSM', t.bsm, 'TBBH', t.tbbh, 'DLBM', t.dlbm, 'DLMC', t.dlmc, 'QSXZ', t.qsxz, 'QSDWDM', t.qsdwdm, 'QSDWMC', t.qsdwmc, 'ZLDWDM', t.zldwdm,
 'ZLDWMC', t.zldwmc, 'TBMJ', t.tbmj, 'KCDLBM', t.kcdlbm, 'KCXS', t.kcxs, 'KCMJ', t.kcmj, 'TBDLMJ', t.tbdlmj, 'GDLX', t.gdlx, 'GDPDJB', t.gdpdjb,
 'ZZSXDM', t.zzsxdm, 'ZZSXMC', t.zzsxmc, 'GDDB', t.gddb, 'CZCSXM', t.czcsxm, 'SJNF', t.sjnf, 'BZ', t.bz, 'county_code', t.county_code,
 'village_code', t.village_code, 'class_group', (SELECT lc.class_group FROM land_class lc WHERE lc.class_system = t.class_system AND lc.code = t.dlbm), 'area_mu', round(t.area_mu::numeric, 2),
 'is_permanent_basic_farmland', t.is_permanent_basic_farmland, 'is_high_standard_farmland', t.is_high_standard_farmland,
 'circulation_status', t.circulation_status, 'updated_at', t.updated_at)::text || '}'"
from="land_parcel t"
sql -c "SELECT $feature FROM $from ORDER BY t.id LIMIT 1" | jq -S . >"$dir/raw-first.json"
curl -sf --compressed "$items?limit=1" | jq -S '.features[0]' >"$dir/api-first.json"
diff "$dir/raw-first.json" "$dir/api-first.json" >"$dir/first-diff.txt" || die "the raw SQL's feature differs from the service's: $(head -5 "$dir/first-diff.txt")"

# 3. p95 per depth: the service (curl, gzip as GIS clients ask) and the raw SQL (pgbench, one client).
depths=$(printf '%s\n' 1 $((pages / 2 > 100 ? 100 : (pages + 1) / 2)) $((pages > 1 ? pages - 1 : 1)) | awk '$1 >= 1' | sort -nu | paste -sd ' ')
results=()
for d in $depths; do
  url=$(sed -n "${d}p" "$dir/pages.txt")
  after=0
  [ "$d" -gt 1 ] && after=$(sql -c "SELECT id FROM land_parcel ORDER BY id OFFSET $(((d - 1) * size - 1)) LIMIT 1")
  for _ in $(seq 1 20); do curl -sf --compressed -o /dev/null "$url"; done  # warm-up (JIT)
  : >"$dir/api-$d.txt"
  for _ in $(seq 1 "$requests"); do
    curl -sf --compressed -o /dev/null -w '%{time_total}\n' "$url" | awk '{printf "%.1f\n", $1 * 1000}' >>"$dir/api-$d.txt"
  done
  echo "SELECT $feature AS f, t.id::text AS k FROM $from WHERE t.id > $after ORDER BY t.id LIMIT $((size + 1));" >"$dir/raw-$d.sql"
  rm -f "$dir"/pgbench_log.*
  (cd "$dir" && pgbench -n -c 1 -t "$requests" -f "raw-$d.sql" -l "$BENCH_PGURI" >/dev/null 2>&1) || die "pgbench failed for page $d"
  cat "$dir"/pgbench_log.* | awk '{printf "%.1f\n", $3 / 1000}' >"$dir/raw-$d.txt"
  api_p95=$(p95 <"$dir/api-$d.txt") api_p50=$(median <"$dir/api-$d.txt")
  raw_p95=$(p95 <"$dir/raw-$d.txt") raw_p50=$(median <"$dir/raw-$d.txt")
  n=$(curl -sf --compressed "$url" | jq '.numberReturned')
  say "page $d ($n features): service p50 $api_p50 ms, p95 $api_p95 ms; raw SQL p50 $raw_p50 ms, p95 $raw_p95 ms"
  results+=("{\"page\": $d, \"features\": $n, \"api_p50_ms\": $api_p50, \"api_p95_ms\": $api_p95, \"raw_p50_ms\": $raw_p50, \"raw_p95_ms\": $raw_p95}")
done

# 4. GDAL's OAPIF driver copies every parcel.
t0=$(date +%s.%N)
rm -f "$dir/oapif.gpkg"
ogr2ogr -f GPKG "$dir/oapif.gpkg" "OAPIF:$base/ogc" parcels -oo PAGE_SIZE="$size" >"$dir/ogr2ogr.log" 2>&1 || die "ogr2ogr failed: $(tail -3 "$dir/ogr2ogr.log")"
t1=$(date +%s.%N)
copy_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')
copied=$(ogrinfo -ro -so -al "$dir/oapif.gpkg" | sed -n 's/^Feature Count: //p')
[ "$copied" = "$nparcels" ] || die "ogr2ogr copied $copied features of $nparcels parcels"
say "ogr2ogr from OAPIF: $copied of $nparcels parcels in $copy_s s"

cat >"$BENCH_OUT/ogc.json" <<JSON
{"profile": "$BENCH_PROFILE", "parcels": $nparcels, "page_size": $size, "pages": $pages, "requests_per_depth": $requests,
 "depths": [$(IFS=,; echo "${results[*]}")],
 "ogr2ogr": {"features": $copied, "seconds": $copy_s}}
JSON
