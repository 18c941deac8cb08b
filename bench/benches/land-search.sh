#!/usr/bin/env bash
# Investor land search (issue #11): landSearch over the whole county and over one township, median of sequential
# requests (curl, one client), against the raw SQL limit in the same run: the two statements the service sends
# (the qualifying parcels of circulation_search_parcel, then the edges among them), run by pgbench with the same
# values. Targets: whole county < 1 s median, one township < 300 ms.
#
# Realistic supply first. The bench-200k demo has ~2,600 listings on offer over ~9,700 parcels (~5 % of the county's
# land), fewer than a county with ~30,000 contracts offers. The bench adds listings (listing_no 'BENCH-…', replaced
# on every run, seeded) until about 15 % of the agricultural land (farmland, grassland, forest, garden) is on offer:
# a seeded 12 % of the ~300 m grid cells, each cell's free parcels of one village and class group as one listing.
# Then the search index is rebuilt township by township (timed) and one listing is refreshed (timed).
# Output: $BENCH_OUT/land-search.json. Environment: BENCH_LS_REQUESTS (30 per query), BENCH_LS_SHARE (0.12).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}"
requests=${BENCH_LS_REQUESTS:-30}
share=${BENCH_LS_SHARE:-0.12}
county=150627
dir=$BENCH_OUT/land-search
mkdir -p "$dir"
say() { echo "land-search: $*"; }
die() { echo "land-search: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }
ms() { awk '{printf "%.1f\n", $1 * 1000}'; }

# The service migrates the database (the search tables) on its first start.
start_bench_service "$dir" 19200 || die "service did not start"
pid=$SERVICE_PID base=$SERVICE_BASE
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT

# 1. Supply: bench listings on top of the demo's.
sql -c "DELETE FROM circulation_listing WHERE listing_no LIKE 'BENCH-%'" >/dev/null
sql >/dev/null <<SQL
SELECT setseed(0.11);
CREATE TEMP TABLE cand AS
  SELECT p.id, p.village_code, c.class_group, p.area_mu, p.geom,
         floor(ST_X(ST_PointOnSurface(p.geom)) / 0.0035)::int AS cx, floor(ST_Y(ST_PointOnSurface(p.geom)) / 0.0027)::int AS cy
  FROM land_parcel p JOIN land_class c ON c.class_system = p.class_system AND c.code = p.dlbm
  WHERE p.county_code = '$county' AND c.class_group IN ('farmland', 'grassland', 'forest', 'garden')
    AND NOT EXISTS (SELECT 1 FROM circulation_listing_parcel lp WHERE lp.parcel_id = p.id)
    AND NOT EXISTS (SELECT 1 FROM circulation_contract_parcel cp WHERE cp.parcel_id = p.id);
CREATE TEMP TABLE cell AS
  SELECT cx, cy FROM (SELECT DISTINCT cx, cy FROM cand ORDER BY cx, cy) s WHERE random() < $share;
CREATE TEMP TABLE grp AS
  SELECT row_number() OVER (ORDER BY a.cx, a.cy, a.village_code, a.class_group) AS n, a.cx, a.cy, a.village_code, a.class_group,
         sum(a.area_mu) AS mu, ST_Multi(ST_Union(a.geom)) AS geom, random() AS r1, random() AS r2, random() AS r3
  FROM cand a JOIN cell USING (cx, cy) GROUP BY a.cx, a.cy, a.village_code, a.class_group;
INSERT INTO circulation_listing (listing_no, county_code, village_code, title, land_kind, pooled, area_mu, price_yuan_per_mu_year, term_years,
                                 mode, intended_use, listed_on, status, contact_office, synthetic, geom)
SELECT 'BENCH-' || n, '$county', village_code, '基准挂牌 ' || n,
       CASE class_group WHEN 'farmland' THEN 'farmland' WHEN 'grassland' THEN 'pasture' WHEN 'forest' THEN 'forest' ELSE 'garden' END,
       r1 < 0.3, round(mu::numeric, 2),
       CASE WHEN r2 < 0.1 THEN NULL ELSE round((CASE class_group WHEN 'farmland' THEN 300 WHEN 'grassland' THEN 40 ELSE 80 END) * (0.6 + r2))::numeric END,
       5 + (r3 * 25)::int, CASE WHEN r3 < 0.75 THEN 'lease' WHEN r3 < 0.9 THEN 'equity' ELSE 'other' END, NULL, DATE '2025-05-01',
       CASE WHEN r1 < 0.85 THEN 'listed' ELSE 'negotiating' END, '基准测试农经站', true, geom
FROM grp;
INSERT INTO circulation_listing_parcel (listing_id, parcel_id)
SELECT l.id, a.id FROM grp g JOIN circulation_listing l ON l.listing_no = 'BENCH-' || g.n
JOIN cand a ON a.cx = g.cx AND a.cy = g.cy AND a.village_code = g.village_code AND a.class_group = g.class_group;
ANALYZE circulation_listing; ANALYZE circulation_listing_parcel;
SQL
read -r listings lparcels lmu agri_mu <<<"$(sql -F ' ' -c "SELECT count(DISTINCT l.id), count(*), round(sum(p.area_mu)), (SELECT round(sum(p2.area_mu)) FROM land_parcel p2
  JOIN land_class c ON c.class_system = p2.class_system AND c.code = p2.dlbm WHERE p2.county_code = '$county' AND c.class_group IN ('farmland', 'grassland', 'forest', 'garden'))
  FROM circulation_listing l JOIN circulation_listing_parcel lp ON lp.listing_id = l.id JOIN land_parcel p ON p.id = lp.parcel_id
  WHERE l.county_code = '$county' AND l.status IN ('listed', 'negotiating')")"
bench_listings=$(sql -c "SELECT count(*) FROM circulation_listing WHERE listing_no LIKE 'BENCH-%'")
say "on offer: $listings listings ($bench_listings added by the bench), $lparcels parcels, $lmu mu of $agri_mu mu agricultural land"

# 2. The index: a full rebuild (township partitions) and one listing's incremental refresh, as the service calls them.
params="ARRAY['listed','negotiating'], ARRAY['signed','filed','active','disputed'], 10, 10"
t0=$(date +%s.%N)
rows=$(sql -c "SELECT circulation_search_rebuild('$county', $params)")
t1=$(date +%s.%N)
rebuild_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
sql -c "ANALYZE circulation_search_parcel; ANALYZE circulation_parcel_adjacency" >/dev/null
edges=$(sql -c "SELECT count(*) FROM circulation_parcel_adjacency")
one=$(sql -c "SELECT id FROM circulation_listing WHERE listing_no LIKE 'BENCH-%' ORDER BY area_mu DESC LIMIT 1")
refresh_ms=$(sql -c "\\timing on" -c "SELECT circulation_search_refresh((SELECT array_agg(parcel_id) FROM circulation_listing_parcel WHERE listing_id = $one), $params)" \
  | awk '/^Time:/ {print $2}')
say "index: $rows search rows, $edges edges; rebuild ${rebuild_s} s; refresh of one listing ${refresh_ms} ms"
township=$(sql -c "SELECT township_code FROM circulation_search_parcel WHERE county_code = '$county' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")

# 3. The queries: GraphQL and the two statements of each, with the same values.
fields='totalCount qualifyingParcelCount edges { node { id rank score reasons areaMu usableAreaMu parcelCount listingCount priceMinYuanPerMuYear priceMaxYuanPerMuYear termMinYears roadDistanceM townDistanceM villages { name } belts { name areaMu } outline } }'
declare -A gql where
gql[county]="{ landSearch(county: \\\"$county\\\", first: 20) { $fields } }"
where[county]="t.county_code = '$county'"
gql[filtered]="{ landSearch(county: \\\"$county\\\", criteria: { classGroups: [GRASSLAND, FARMLAND], minContiguousAreaMu: 200, maxPriceYuanPerMuYear: 400, minTermYears: 5, maxRoadDistanceM: 3000, intendedUse: GRAZING }, first: 20) { $fields } }"
where[filtered]="t.county_code = '$county' AND t.class_group IN ('grassland', 'farmland') AND (t.price_yuan_per_mu_year <= 400 OR t.price_yuan_per_mu_year IS NULL) AND t.term_years >= 5 AND t.road_m <= 3000 AND NOT t.in_ecological_red_line AND NOT t.in_grazing_ban"
# The same county search without outlines and villages: what the page's outline statement and look-ups add.
gql[county_plain]="{ landSearch(county: \\\"$county\\\", first: 20) { totalCount qualifyingParcelCount edges { node { id rank score reasons areaMu parcelCount priceMinYuanPerMuYear roadDistanceM } } } }"
where[county_plain]="${where[county]}"
gql[township]="{ landSearch(county: \\\"$county\\\", criteria: { adminCode: \\\"$township\\\" }, first: 20) { $fields } }"
where[township]="t.county_code = '$county' AND t.township_code = '$township'"

json="{\"listings_on_offer\": $listings, \"bench_listings\": $bench_listings, \"parcels_on_offer\": $lparcels, \"mu_on_offer\": $lmu, \"agricultural_mu\": $agri_mu,"
json+=" \"search_rows\": $rows, \"edges\": $edges, \"rebuild_s\": $rebuild_s, \"refresh_one_listing_ms\": $refresh_ms, \"township\": \"$township\", \"queries\": {"
sep=""
busy=$(wait_quiet)
for q in county county_plain filtered township; do
  echo "{\"query\": \"${gql[$q]}\"}" >"$dir/$q.json"
  curl -sf "$base/graphql" -H 'Content-Type: application/json' -d @"$dir/$q.json" -o "$dir/$q-answer.json" || die "$q: request failed"
  jq -e '.errors | not' "$dir/$q-answer.json" >/dev/null || die "$q: $(jq -c .errors "$dir/$q-answer.json")"
  clusters=$(jq '.data.landSearch.totalCount' "$dir/$q-answer.json")
  qualifying=$(jq '.data.landSearch.qualifyingParcelCount' "$dir/$q-answer.json")
  cat >"$dir/raw-$q.sql" <<SQL
SELECT t.parcel_id, t.listing_id, t.village_code, t.area_mu, t.net_area_mu, t.price_yuan_per_mu_year, t.term_years, t.mode, t.pooled,
       t.belt_code, t.belt_name, t.elevation_mean_m, t.is_permanent_basic_farmland, t.is_high_standard_farmland,
       t.in_ecological_red_line, t.road_m, t.town_m
FROM circulation_search_parcel t WHERE TRUE AND ${where[$q]} ORDER BY t.parcel_id;
WITH q AS MATERIALIZED (SELECT t.parcel_id FROM circulation_search_parcel t WHERE TRUE AND ${where[$q]})
SELECT e.parcel_a, e.parcel_b FROM circulation_parcel_adjacency e JOIN q a ON a.parcel_id = e.parcel_a JOIN q b ON b.parcel_id = e.parcel_b WHERE e.tolerance_m <= 5;
SQL
  raw_rows=$(sql -c "SELECT count(*) FROM circulation_search_parcel t WHERE ${where[$q]}")
  [ "$raw_rows" = "$qualifying" ] || die "$q: the raw SQL selects $raw_rows parcels, the service $qualifying"
  for _ in $(seq 1 10); do curl -sf -o /dev/null "$base/graphql" -H 'Content-Type: application/json' -d @"$dir/$q.json"; done   # warm-up
  : >"$dir/api-$q.txt"
  for _ in $(seq 1 "$requests"); do
    curl -sf -o /dev/null -w '%{time_total}\n' "$base/graphql" -H 'Content-Type: application/json' -d @"$dir/$q.json" | ms >>"$dir/api-$q.txt"
  done
  rm -f "$dir"/pgbench_log.*
  (cd "$dir" && pgbench -n -c 1 -t "$requests" -f "raw-$q.sql" -l "$BENCH_PGURI" >/dev/null 2>&1) || die "pgbench failed for $q"
  cat "$dir"/pgbench_log.* | awk '{printf "%.1f\n", $3 / 1000}' >"$dir/raw-$q.txt"
  api=$(median <"$dir/api-$q.txt")
  raw=$(median <"$dir/raw-$q.txt")
  ratio=$(awk -v a="$api" -v r="$raw" 'BEGIN {printf "%.2f", a / r}')
  say "$q: $qualifying qualifying parcels, $clusters clusters; service median $api ms, raw SQL median $raw ms, ratio ${ratio}x"
  json+="$sep\"$q\": {\"qualifying_parcels\": $qualifying, \"clusters\": $clusters, \"api_median_ms\": $api, \"raw_sql_median_ms\": $raw, \"ratio\": $ratio}"
  sep=", "
done
json+="}, \"cpu_busy_before_pct\": $busy, \"requests_per_query\": $requests}"
echo "$json" | jq . >"$BENCH_OUT/land-search.json"
say "written $BENCH_OUT/land-search.json"
