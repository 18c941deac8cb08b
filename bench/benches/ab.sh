#!/usr/bin/env bash
# A/B of two jars on the same database and data: did a change cost speed, or change an answer?
#   A = BENCH_JAR_A (e.g. the jar of the commit before a refactoring), B = the run's jar (BENCH_JAR).
# Both services run at once against the run's database, so both see the same data and the same buffers.
#  0. answers: the viewport query on a fixed, seeded set of boxes, and tiles of every layer (several zooms, with
#     and without filters), compared byte for byte between A and B before anything is timed;
#  1. viewport GraphQL `parcels(filter: {bbox}, first: 1000)` at 16 clients (wrk), rounds alternating A B B A …;
#  2. uncached z14 parcel tiles, one client, on tile sets new to both caches, alternating which side goes first;
#  3. cached tiles at 16 clients, alternating.
# Output: $BENCH_OUT/ab.json and a summary on stdout. Environment: BENCH_JAR_A (required), BENCH_AB_ROUNDS (6),
# BENCH_AB_SECONDS (20), BENCH_API_CLIENTS (16); BENCH_AB_ENV_A / BENCH_AB_ENV_B: extra VAR=value settings of one
# side (space-separated), e.g. to compare two settings of the same jar.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}" "${BENCH_PROFILE:?}" "${BENCH_JAR:?}"
# Part of "all benches" only when there is something to compare with.
[ -n "${BENCH_JAR_A:-}" ] || { echo "ab: skipped: set BENCH_JAR_A to the jar to compare with (the 'before' side)"; exit 0; }
[ -f "$BENCH_JAR_A" ] || { echo "ab: ERROR: BENCH_JAR_A=$BENCH_JAR_A is not a file" >&2; exit 1; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=${BENCH_AB_ROUNDS:-6}
seconds=${BENCH_AB_SECONDS:-20}
clients=${BENCH_API_CLIENTS:-16}
dir=$BENCH_OUT/ab
mkdir -p "$dir/a" "$dir/b"
say() { echo "ab: $*"; }
die() { echo "ab: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }
command -v wrk >/dev/null || die "wrk is missing: apt-get install wrk"
[ -d "$here/../web-map/node_modules/@mapbox/vector-tile" ] || (cd "$here/../web-map" && npm ci --no-audit --no-fund >/dev/null) \
  || die "the tile decoder needs the web map's npm packages: (cd web-map && npm ci)"

# B first: it applies its own migrations; A then ignores migrations newer than itself (Flyway's default).
jar_b=$BENCH_JAR
# shellcheck disable=SC2086 # word splitting of the settings lists is intended
BENCH_JAR=$jar_b start_bench_service "$dir/b" 18710 ${BENCH_AB_ENV_B:-} || die "service B did not start"
pid_b=$SERVICE_PID base_b=$SERVICE_BASE
# shellcheck disable=SC2086
BENCH_JAR=$BENCH_JAR_A start_bench_service "$dir/a" 18700 ${BENCH_AB_ENV_A:-} || { kill $pid_b; die "service A did not start"; }
pid_a=$SERVICE_PID base_a=$SERVICE_BASE
cleanup() {
  local rc=$?
  kill $pid_a $pid_b 2>/dev/null; wait $pid_a $pid_b 2>/dev/null || true
  sql -c "DROP TABLE IF EXISTS bench_anchor" >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT
echo "A $(sha256sum "$BENCH_JAR_A" | cut -c1-12) $BENCH_JAR_A ${BENCH_AB_ENV_A:-}" >"$dir/jars.txt"
echo "B $(sha256sum "$jar_b" | cut -c1-12) $(cat "$BENCH_OUT/jar.txt" 2>/dev/null) ${BENCH_AB_ENV_B:-}" >>"$dir/jars.txt"
base_of() { if [ "$1" = A ]; then echo "$base_a"; else echo "$base_b"; fi; }

# --- the fixed request set ------------------------------------------------------------------------------
read -r county nparcels < <(sql -F ' ' -c "SELECT county_code, count(*) FROM land_parcel GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
prepare_viewport_boxes "$county"
bw=$VIEWPORT_W bh=$VIEWPORT_H
fields='id bsm landClassCode landClassName areaMu circulationStatus geometry'
query="query(\$b: [Float!]) { parcels(filter: { bbox: \$b }, first: 1000) { edges { node { $fields } } } }"
gql_query=$(printf '%s' "$query" | sed 's/"/\\"/g')
# 100 boxes, each placed on an anchor parcel with a seeded offset: the same boxes for A and B in every round.
sql -c "SELECT setseed(0.31)" -c "SELECT format('%s,%s,%s,%s', round(x0::numeric, 7), round(y0::numeric, 7), round((x0 + $bw)::numeric, 7), round((y0 + $bh)::numeric, 7))
    FROM (SELECT id, x - random() * $bw AS x0, y - random() * $bh AS y0 FROM bench_anchor ORDER BY id LIMIT 100) s ORDER BY id" | tail -n +2 >"$dir/boxes.txt"
sed "s/.*/{\"query\":\"$gql_query\",\"variables\":{\"b\":[&]}}/" "$dir/boxes.txt" >"$dir/bodies.txt"
nboxes=$(wc -l <"$dir/boxes.txt")

# --- 0. identical answers ------------------------------------------------------------------------------
same=0 differ=0
: >"$dir/box-parcels.txt"
while read -r body; do
  ra=$(curl -s "$base_a/graphql" -H 'Content-Type: application/json' --data "$body")
  rb=$(curl -s "$base_b/graphql" -H 'Content-Type: application/json' --data "$body")
  if [ "$ra" = "$rb" ]; then same=$((same + 1)); else differ=$((differ + 1)); echo "$body" >>"$dir/differing-bodies.txt"; fi
  echo "$ra" | grep -o '"id"' | wc -l >>"$dir/box-parcels.txt"
done <"$dir/bodies.txt"
per_box=$(median <"$dir/box-parcels.txt")
say "viewport answers: $same of $nboxes identical, $differ differ (median $per_box parcels per box)"

tile_of() { awk -v lon="$1" -v lat="$2" -v z="$3" 'BEGIN {n = 2^z; pi = 3.14159265358979; r = lat * pi / 180;
  x = int((lon + 180) / 360 * n); y = int((1 - log(sin(r)/cos(r) + 1/cos(r)) / pi) / 2 * n); print z "/" x "/" y}'; }
layers=$(curl -s "$base_a/tiles" | jq -r '.layers[].name')
layers_b=$(curl -s "$base_b/tiles" | jq -r '.layers[].name')
[ "$layers" = "$layers_b" ] || say "WARNING: the layer lists differ: A [$(echo $layers)] B [$(echo $layers_b)]"
catalogue_same=$([ "$(curl -s "$base_a/tiles")" = "$(curl -s "$base_b/tiles" | sed "s|$base_b|$base_a|g")" ] && echo true || echo false)
# Ten anchors at zooms 8–16 for every layer, and filtered parcel tiles; tiles z/x/y unique per layer.
sql -F ' ' -c "SELECT x, y FROM bench_anchor ORDER BY id LIMIT 10" | while read -r x y; do
  for z in 8 10 12 13 14 16; do tile_of "$x" "$y" $z; done
done | sort -u >"$dir/check-tiles.txt"
{
  for l in $layers; do sed "s|^|/tiles/$l/|; s|$|.mvt|" "$dir/check-tiles.txt"; done
  for f in "?class_group=farmland,forest" "?pbf=true" "?hsf=false" "?admin_code=$county" "?circulation_status=none"; do
    sed "s|^|/tiles/parcels/|; s|$|.mvt$f|" "$dir/check-tiles.txt"
  done
} >"$dir/check-paths.txt"
# PostgreSQL builds a large tile from parallel workers' partial aggregates, so one jar can give the same features
# in another order from one request to the next: tiles whose bytes differ are compared again feature by feature
# (bench/mvt-canon.mjs, with the web map's npm decoder).
canon() { node "$here/mvt-canon.mjs" "$1" | sha256sum; }
tiles_same=0 tiles_reordered=0 tiles_differ=0 tiles_empty=0
while read -r p; do
  ca=$(curl -s -o "$dir/ta.mvt" -w '%{http_code}' "$base_a$p")
  cb=$(curl -s -o "$dir/tb.mvt" -w '%{http_code}' "$base_b$p")
  if [ "$ca" = "$cb" ] && cmp -s "$dir/ta.mvt" "$dir/tb.mvt"; then
    tiles_same=$((tiles_same + 1)); [ "$ca" = 204 ] && tiles_empty=$((tiles_empty + 1))
  elif [ "$ca" = "$cb" ] && [ "$(canon "$dir/ta.mvt")" = "$(canon "$dir/tb.mvt")" ]; then
    tiles_reordered=$((tiles_reordered + 1)); echo "$p same features, other order" >>"$dir/reordered-tiles.txt"
  else
    tiles_differ=$((tiles_differ + 1)); echo "$p A=$ca B=$cb" >>"$dir/differing-tiles.txt"
  fi
done <"$dir/check-paths.txt"
rm -f "$dir/ta.mvt" "$dir/tb.mvt"
say "tiles: $tiles_same of $(wc -l <"$dir/check-paths.txt") byte-identical ($tiles_empty of them empty), $tiles_reordered with the same features in another order, $tiles_differ differ; catalogue identical: $catalogue_same"

# --- 1. viewport throughput, alternating rounds ----------------------------------------------------------
export BODIES="$dir/bodies.txt"
warm_bodies "$base_a" "$clients" "$dir/warm-a.txt"
warm_bodies "$base_b" "$clients" "$dir/warm-b.txt"
say "warm-up rps A: $(awk '{print $2}' "$dir/warm-a.txt" | paste -sd ' ') | B: $(awk '{print $2}' "$dir/warm-b.txt" | paste -sd ' ')"
: >"$dir/viewport-rounds.txt"
for i in $(seq 1 "$rounds"); do
  # A B B A A B B A …: neither side always runs first or last.
  case $((i % 4)) in 1|0) side=A ;; *) side=B ;; esac
  busy=$(wait_quiet)
  res=$(wrk -t2 -c"$clients" -d"${seconds}s" --timeout 10s -s "$here/wrk/bodies.lua" "$(base_of "$side")" | grep '^RESULT')
  echo "$i $side busy=$busy $res" >>"$dir/viewport-rounds.txt"
done
side_stat() { grep " $1 " "$dir/viewport-rounds.txt" | grep -oE "$2=[0-9.]+" | cut -d= -f2 | median; }
a_rps=$(side_stat A rps) b_rps=$(side_stat B rps)
a_p99=$(side_stat A p99_ms) b_p99=$(side_stat B p99_ms)
a_p50=$(side_stat A p50_ms) b_p50=$(side_stat B p50_ms)
errors=$(grep -oE '(errors|non2xx)=[0-9]+' "$dir/viewport-rounds.txt" | cut -d= -f2 | awk '{s += $1} END {print s + 0}')
spread() { grep " $1 " "$dir/viewport-rounds.txt" | grep -oE "rps=[0-9.]+" | cut -d= -f2 | sort -n | paste -sd ' '; }
say "viewport: A median $a_rps rps (p50 $a_p50, p99 $a_p99 ms) [$(spread A)] | B median $b_rps rps (p50 $b_p50, p99 $b_p99 ms) [$(spread B)] | errors $errors"

# --- 2. uncached z14 parcel tiles ------------------------------------------------------------------------
sql -F ' ' -c "SELECT x, y FROM bench_anchor ORDER BY id OFFSET 10" | while read -r x y; do tile_of "$x" "$y" 14; done | sort -u \
  | grep -vxFf "$dir/check-tiles.txt" >"$dir/tiles-z14.txt" || true
# The JIT of the tile path, on other zooms around the same anchors (new to both caches, never timed).
sql -F ' ' -c "SELECT x, y FROM bench_anchor ORDER BY id" | while read -r x y; do tile_of "$x" "$y" 15; tile_of "$x" "$y" 17; done | sort -u >"$dir/tiles-warm.txt"
tiles_on() {  # base file: one kept-alive connection; prints seconds per tile
  local args=()
  while read -r t; do args+=(-o /dev/null "$1/tiles/parcels/$t.mvt"); done <"$2"
  curl -s -w '%{time_total}\n' "${args[@]}"
}
tiles_on "$base_a" "$dir/tiles-warm.txt" >/dev/null
tiles_on "$base_b" "$dir/tiles-warm.txt" >/dev/null
ntiles=$(wc -l <"$dir/tiles-z14.txt")
split -n l/"$rounds" -d "$dir/tiles-z14.txt" "$dir/tiles-z14-part-"
: >"$dir/tile-times-a.txt"; : >"$dir/tile-times-b.txt"
i=0
for part in "$dir"/tiles-z14-part-*; do
  i=$((i + 1))
  if [ $((i % 2)) = 1 ]; then first=A second=B; else first=B second=A; fi
  for side in $first $second; do
    tiles_on "$(base_of $side)" "$part" | awk '{print $1 * 1000}' >>"$dir/tile-times-$(echo $side | tr AB ab).txt"
  done
done
a_tile=$(median <"$dir/tile-times-a.txt") b_tile=$(median <"$dir/tile-times-b.txt")
say "uncached z14 tiles ($ntiles, sides alternating first): A median $a_tile ms | B median $b_tile ms"

# --- 3. cached tiles -------------------------------------------------------------------------------------
sed 's|^|/tiles/parcels/|; s|$|.mvt|' "$dir/tiles-z14.txt" >"$dir/cached-paths.txt"
: >"$dir/cached-rounds.txt"
for side in A B B A; do
  res=$(PATHS="$dir/cached-paths.txt" wrk -t2 -c"$clients" -d"${seconds}s" -s "$here/wrk/paths.lua" "$(base_of $side)" | grep '^RESULT')
  echo "x $side $res" >>"$dir/cached-rounds.txt"
done
cached() { grep " $1 " "$dir/cached-rounds.txt" | grep -oE "rps=[0-9.]+" | cut -d= -f2 | median; }
a_cached=$(cached A) b_cached=$(cached B)
say "cached tiles: A $a_cached tiles/s | B $b_cached tiles/s"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b + 0 == 0) print "null"; else printf "%.3f", a / b}'; }
say "B/A: viewport throughput $(ratio "$b_rps" "$a_rps"), p99 $(ratio "$b_p99" "$a_p99"), uncached z14 tile $(ratio "$b_tile" "$a_tile"), cached tiles/s $(ratio "$b_cached" "$a_cached")"
cat >"$BENCH_OUT/ab.json" <<EOF
{
  "profile": "$BENCH_PROFILE", "county": "$county", "parcels": $nparcels, "jars": "$(paste -sd ';' "$dir/jars.txt")",
  "answers": {"viewport_boxes": $nboxes, "viewport_identical": $same, "viewport_differ": $differ, "median_parcels_per_box": $per_box,
    "tiles_checked": $((tiles_same + tiles_reordered + tiles_differ)), "tiles_identical": $tiles_same, "tiles_same_features_reordered": $tiles_reordered, "tiles_differ": $tiles_differ, "tiles_empty": $tiles_empty,
    "catalogue_identical": $catalogue_same},
  "viewport": {"clients": $clients, "seconds": $seconds, "rounds": $rounds, "errors": ${errors:-0},
    "a_rps": $a_rps, "b_rps": $b_rps, "a_p50_ms": $a_p50, "b_p50_ms": $b_p50, "a_p99_ms": $a_p99, "b_p99_ms": $b_p99,
    "throughput_ratio": $(ratio "$b_rps" "$a_rps"), "p99_ratio": $(ratio "$b_p99" "$a_p99")},
  "tiles": {"z14_tiles": $ntiles, "a_uncached_ms": $a_tile, "b_uncached_ms": $b_tile, "uncached_ratio": $(ratio "$b_tile" "$a_tile"),
    "a_cached_per_s": $a_cached, "b_cached_per_s": $b_cached, "cached_ratio": $(ratio "$b_cached" "$a_cached")}
}
EOF
say "wrote $BENCH_OUT/ab.json"
