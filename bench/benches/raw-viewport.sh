#!/usr/bin/env bash
# Raw-SQL limit of the viewport query, the baseline the API bench of issue #3 compares against:
# pgbench, 16 clients, 2 threads, 30 s, each transaction one viewport query on a random box of the county with
# the most parcels:
#   SELECT id, bsm, dlbm, dlmc, area_mu, village_code, ST_AsGeoJSON(geom, 7) FROM land_parcel
#   WHERE geom && ST_MakeEnvelope(x0,y0,x1,y1,4490) AND ST_Intersects(geom, ST_MakeEnvelope(...)) LIMIT 1000
# The box keeps the aspect of 2 km x 2 km at 39.3°N (0.0234° lon x 0.018° lat); its size is calibrated first so
# that the median box returns ~500 parcels (BENCH_VIEWPORT_TARGET) over 50 sample boxes.
#
# Box placement (BENCH_VIEWPORT_SAMPLING):
#   parcel (default)  the lower-left corner is random() such that the box contains a parcel drawn from 200 random
#                     parcels of the county (pgbench \set with random() picks the parcel and the offset). Viewports
#                     are where the data is: the synthetic county covers only about half of its extent, and half of
#                     the boxes drawn uniformly in the extent come back empty (the script prints that figure).
#   extent            the lower-left corner is uniform in the county's parcel extent (box fully inside).
#
# Output: $BENCH_OUT/raw-viewport.json, pgbench output and per-transaction logs in $BENCH_OUT/raw-viewport/.
# Environment: BENCH_VIEWPORT_SECONDS (30), BENCH_VIEWPORT_CLIENTS (16), BENCH_VIEWPORT_THREADS (2),
# BENCH_VIEWPORT_TARGET (500), BENCH_VIEWPORT_SCALE (box side in units of 2 km; skips the calibration),
# BENCH_VIEWPORT_SAMPLING (parcel|extent).
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}"

seconds=${BENCH_VIEWPORT_SECONDS:-30}
clients=${BENCH_VIEWPORT_CLIENTS:-16}
threads=${BENCH_VIEWPORT_THREADS:-2}
target=${BENCH_VIEWPORT_TARGET:-500}
sampling=${BENCH_VIEWPORT_SAMPLING:-parcel}
w2=0.0234 h2=0.018   # 2 km x 2 km at 39.3°N in degrees
dir=$BENCH_OUT/raw-viewport
mkdir -p "$dir"

say() { echo "raw-viewport: $*"; }
die() { echo "raw-viewport: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }
case "$sampling" in parcel|extent) ;; *) die "BENCH_VIEWPORT_SAMPLING must be parcel or extent" ;; esac

# County and its parcel extent.
read -r county nparcels < <(sql -F ' ' -c "SELECT county_code, count(*) FROM land_parcel GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
[ -n "${county:-}" ] || die "land_parcel is empty; load a profile first (bench/run.sh PROFILE)"
read -r xmin ymin xmax ymax < <(sql -F ' ' -c "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
  FROM (SELECT ST_Extent(geom)::box2d e FROM land_parcel WHERE county_code = '$county') s")
say "county $county: $nparcels parcels, extent lon $xmin..$xmax lat $ymin..$ymax"

# 200 anchor parcels (reproducible: setseed), a point on each.
anchors=$(sql -F ' ' -c "SELECT setseed(0.42)" -c "SELECT round(ST_X(p)::numeric, 7), round(ST_Y(p)::numeric, 7)
  FROM (SELECT ST_PointOnSurface(l.geom) p FROM (SELECT id FROM land_parcel WHERE county_code = '$county' ORDER BY random() LIMIT 200) r
        JOIN land_parcel l USING (id)) s" | grep ' ')
nanchors=$(echo "$anchors" | wc -l)
[ "$nanchors" -ge 50 ] || die "too few parcels to place viewports"

# 50 calibration boxes, placed like pgbench will place them: (anchor x, anchor y, u, v) or (u, v) for extent.
samples=$(echo "$anchors" | head -50 | awk 'BEGIN {srand(42)} {printf "(%s,%s,%.6f,%.6f)\n", $1, $2, rand(), rand()}' | paste -sd,)

# median_count SCALE SAMPLING -> "median empty_boxes"
median_count() {
  local f=$1 mode=$2 w h boxes
  w=$(awk -v a=$w2 -v f="$f" 'BEGIN {printf "%.7f", a*f}')
  h=$(awk -v a=$h2 -v f="$f" 'BEGIN {printf "%.7f", a*f}')
  if [ "$mode" = parcel ]; then
    boxes="SELECT ax - u*$w AS x0, ay - v*$h AS y0 FROM (VALUES $samples) s(ax, ay, u, v)"
  else
    boxes="SELECT $xmin + u*($xmax - $xmin - $w) AS x0, $ymin + v*($ymax - $ymin - $h) AS y0 FROM (VALUES $samples) s(ax, ay, u, v)"
  fi
  sql -F ' ' -c "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY n), count(*) FILTER (WHERE n = 0) FROM (
    SELECT (SELECT count(*) FROM land_parcel p WHERE p.geom && ST_MakeEnvelope(x0, y0, x0 + $w, y0 + $h, 4490)
              AND ST_Intersects(p.geom, ST_MakeEnvelope(x0, y0, x0 + $w, y0 + $h, 4490))) n FROM ($boxes) b) c"
}

read -r med2_extent empty2_extent < <(median_count 1 extent)
read -r med2_parcel empty2_parcel < <(median_count 1 parcel)
say "2 km x 2 km boxes, median parcels over 50 boxes: $med2_extent placed uniformly in the extent ($empty2_extent of 50 empty), $med2_parcel placed on parcels ($empty2_parcel empty)"

# Calibrate the side so the median box returns ~target parcels (within 10 %, at most 6 steps).
if [ -n "${BENCH_VIEWPORT_SCALE:-}" ]; then
  scale=$BENCH_VIEWPORT_SCALE
  read -r med _ < <(median_count "$scale" "$sampling")
  say "box scale $scale given (BENCH_VIEWPORT_SCALE): median $med parcels"
else
  scale=1
  if [ "$sampling" = parcel ]; then med=$med2_parcel; else med=$med2_extent; fi
  for step in 1 2 3 4 5 6; do
    awk -v m="$med" -v t="$target" 'BEGIN {exit !(m >= 0.9*t && m <= 1.1*t)}' && break
    awk -v m="$med" 'BEGIN {exit !(m < 1)}' && die "median box is empty with sampling '$sampling'; cannot calibrate (try BENCH_VIEWPORT_SAMPLING=parcel)"
    scale=$(awk -v s="$scale" -v m="$med" -v t="$target" 'BEGIN {r = sqrt(t/m); if (r > 3) r = 3; printf "%.4f", s*r}')
    read -r med _ < <(median_count "$scale" "$sampling")
    say "  calibration step $step: side $(awk -v s="$scale" 'BEGIN {printf "%.2f", 2*s}') km -> median $med parcels"
  done
fi
w=$(awk -v a=$w2 -v f="$scale" 'BEGIN {printf "%.7f", a*f}')
h=$(awk -v a=$h2 -v f="$scale" 'BEGIN {printf "%.7f", a*f}')
side_km=$(awk -v s="$scale" 'BEGIN {printf "%.2f", 2*s}')
say "box: $w° x $h° (~$side_km km x $side_km km), median $med parcels per box (sampling: $sampling)"

# pgbench script. pgbench's random() gives integers; offsets are drawn in millionths of the span.
script=$dir/viewport.sql
{
  if [ "$sampling" = parcel ]; then
    echo "\\set k random(0, $((nanchors - 1)))"
    echo "$anchors" | awk 'BEGIN {printf "\\set ax CASE"} {printf " WHEN :k = %d THEN %s", NR-1, $1} END {print " ELSE 0.0 END"}'
    echo "$anchors" | awk 'BEGIN {printf "\\set ay CASE"} {printf " WHEN :k = %d THEN %s", NR-1, $2} END {print " ELSE 0.0 END"}'
    echo "\\set x0 :ax - random(0, 1000000) * $w / 1000000.0"
    echo "\\set y0 :ay - random(0, 1000000) * $h / 1000000.0"
  else
    echo "\\set x0 $xmin + random(0, 1000000) * ($xmax - $xmin - $w) / 1000000.0"
    echo "\\set y0 $ymin + random(0, 1000000) * ($ymax - $ymin - $h) / 1000000.0"
  fi
  echo "\\set x1 :x0 + $w"
  echo "\\set y1 :y0 + $h"
  echo "SELECT id, bsm, dlbm, dlmc, area_mu, village_code, ST_AsGeoJSON(geom, 7) FROM land_parcel WHERE geom && ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4490) AND ST_Intersects(geom, ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4490)) LIMIT 1000;"
} >"$script"

say "pgbench -c $clients -j $threads -T $seconds -n -l -f viewport.sql (on $(echo "${BENCH_PGURI#*@}"))"
rm -f "$dir"/pgbench_log.*
busy=$(wait_quiet)
set +e
(cd "$dir" && timeout --kill-after=10 $((seconds + 60)) pgbench -c "$clients" -j "$threads" -T "$seconds" -n -r -l --log-prefix=pgbench_log \
  -f viewport.sql "$BENCH_PGURI") >"$dir/pgbench.out" 2>"$dir/pgbench.err"
rc=$?
set -e
[ $rc -eq 0 ] || { cat "$dir/pgbench.err" >&2; die "pgbench failed (exit $rc)"; }
tps=$(grep -oE "^tps = [0-9.]+" "$dir/pgbench.out" | grep -oE "[0-9.]+" | head -1)
txns=$(grep -oE "number of transactions actually processed: [0-9]+" "$dir/pgbench.out" | grep -oE "[0-9]+$")
avg=$(grep -oE "^latency average = [0-9.]+" "$dir/pgbench.out" | grep -oE "[0-9.]+$")

# Percentiles from the per-transaction logs (3rd field: latency in µs).
read -r n p50 p90 p99 pmax < <(cat "$dir"/pgbench_log.* | awk '{print $3}' | sort -n | awk '
  {a[NR]=$1} END {
    if (NR == 0) {print 0, "null", "null", "null", "null"; exit}
    i50=int(0.50*NR+0.999999); i90=int(0.90*NR+0.999999); i99=int(0.99*NR+0.999999)
    printf "%d %.2f %.2f %.2f %.2f\n", NR, a[i50]/1000, a[i90]/1000, a[i99]/1000, a[NR]/1000}')

jq -n --arg at "$(date -u +%FT%TZ)" --arg profile "${BENCH_PROFILE:-}" --arg county "$county" --argjson parcels "$nparcels" \
  --arg sampling "$sampling" --argjson scale "$scale" --argjson w "$w" --argjson h "$h" --argjson side "$side_km" \
  --argjson med "$med" --argjson target "$target" \
  --argjson med2e "$med2_extent" --argjson empty2e "$empty2_extent" --argjson med2p "$med2_parcel" --argjson empty2p "$empty2_parcel" \
  --argjson clients "$clients" --argjson threads "$threads" --argjson seconds "$seconds" \
  --argjson tps "${tps:-null}" --argjson txns "${txns:-null}" --argjson avg "${avg:-null}" --argjson n "$n" \
  --argjson p50 "$p50" --argjson p90 "$p90" --argjson p99 "$p99" --argjson pmax "$pmax" --argjson busy "$busy" \
  --arg machine "$(nproc) CPUs, $(free -g | awk '/^Mem:/{print $2}') GiB RAM, pgbench and PostgreSQL on the same machine" '
  {bench: "raw-viewport", measured_at: $at, profile: $profile, county_code: $county, county_parcels: $parcels, machine: $machine,
   box: {sampling: $sampling, scale_of_2km: $scale, width_deg: $w, height_deg: $h, side_km_approx: $side,
         median_parcels_per_box: $med, target_parcels: $target, calibration_boxes: 50},
   two_km_box_median_parcels: {uniform_in_extent: $med2e, uniform_in_extent_empty_of_50: $empty2e, on_parcels: $med2p, on_parcels_empty_of_50: $empty2p},
   pgbench: {clients: $clients, threads: $threads, seconds: $seconds, protocol: "simple", transactions: $txns, tps: $tps,
             latency_avg_ms: $avg, latency_p50_ms: $p50, latency_p90_ms: $p90, latency_p99_ms: $p99, latency_max_ms: $pmax, logged_transactions: $n},
   cpu_busy_pct_before: $busy}' \
  >"$BENCH_OUT/raw-viewport.json"

say "result: tps $tps, latency avg $avg ms, p50 $p50 ms, p90 $p90 ms, p99 $p99 ms, max $pmax ms ($n transactions, $clients clients, ${seconds}s; CPUs $busy% busy before)"
say "wrote $BENCH_OUT/raw-viewport.json"
