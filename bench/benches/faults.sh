#!/usr/bin/env bash
# Issue #13, faults measured: PostgreSQL restarted (fast, then immediate shutdown) in the middle of mixed load, and
# the service killed with SIGKILL during a bulk mutation and during an import. Checks that the service recovers by
# itself, what clients were told during the outage, and that the database holds exactly the writes the clients saw
# acknowledged: 0 lost acknowledged writes, 0 phantom writes.
#
# Load (for BENCH_FAULTS_SECONDS, default 600): viewport GraphQL queries and vector tiles (wrk, 2 connections
# each), status corrections by a staff token (setHomesteadRevitalizationStatus, one homestead or a bulk of 20, each
# with a unique reason, kept in a client-side ledger: acknowledged / failed with a code / unknown when the answer
# never came), and DLTB imports of the smallest county (upload, then commit) in a loop. At 30 % of the duration the
# cluster goes down with `pg_ctl stop -m fast`, at 65 % with `-m immediate` (a crash: recovery replays the WAL and
# empties unlogged tables), each for BENCH_FAULTS_OUTAGE seconds (default 5; 0: `pg_ctl restart -m …` at once)
# and then starts again. Health is polled every 0.5 s; an observer asks for a viewport, a tile and OGC API items
# every 0.5 s as the public and records the status and code it got.
# Afterwards: the service is killed with SIGKILL in the middle of a bulk correction of many homesteads and in the
# middle of an import's commit, started again, and the rows checked (all or nothing; the job still committable).
#
# Needs the private cluster (run.sh's default): the harness restarts it. Output: $BENCH_OUT/faults.json and the
# logs in $BENCH_OUT/faults/.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}"
duration=${BENCH_FAULTS_SECONDS:-600}
outage=${BENCH_FAULTS_OUTAGE:-5}
bulk_kill=${BENCH_FAULTS_BULK_IDS:-3000}
dir=$BENCH_OUT/faults
mkdir -p "$dir"
run=$(date +%s)
say() { echo "faults: $*"; }
die() { echo "faults: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }
now() { date +%s.%N; }
[ "${BENCH_CLUSTER:-private}" = private ] || die "the harness restarts PostgreSQL: run it on the private cluster (no LANDATLAS_BENCH_DB_URL)"
command -v ogr2ogr >/dev/null || die "GDAL's tools are missing: scripts/gdal.sh"
command -v zip >/dev/null || die "zip is missing (apt-get install zip)"

# The private cluster, as scripts/postgis-cluster.sh runs it (root acts as the postgres OS user).
pgdata=${LANDATLAS_DATA_DIR:-$BENCH_PROJECT/.data}/postgres
pglog=${LANDATLAS_DATA_DIR:-$BENCH_PROJECT/.data}/postgres.log
pgctl=$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_port=$(sed -n 's/.*"-p" "\([0-9]*\)".*/\1/p' "$pgdata/postmaster.opts")
[ -n "$pg_port" ] || die "cannot read the cluster's port from $pgdata/postmaster.opts"
fault() {  # fault MODE: the cluster down with shutdown MODE for $outage s, then up; prints "t_down t_up"
  local mode=$1 t0 t1
  t0=$(now)
  if [ "$outage" = 0 ]; then
    as_owner "$pgctl" -D "$pgdata" -m "$mode" -w -t 120 -l "$pglog" -o "-p $pg_port" restart >/dev/null
  else
    as_owner "$pgctl" -D "$pgdata" -m "$mode" -w -t 120 stop >/dev/null
    sleep "$outage"
    as_owner "$pgctl" -D "$pgdata" -l "$pglog" -o "-p $pg_port" -w -t 120 start >/dev/null
  fi
  t1=$(now)
  echo "$t0 $t1"
}

# Data: the county with the fewest parcels among those with homesteads enough, for the writes and the imports.
county=$(sql -c "SELECT p.county_code FROM land_parcel p GROUP BY 1
  HAVING (SELECT count(*) FROM homestead h WHERE h.county_code = p.county_code) >= 200 ORDER BY count(*) LIMIT 1")
[ -n "$county" ] || die "no county with 200 homesteads"
mapfile -t homesteads < <(sql -c "SELECT id FROM homestead WHERE county_code = '$county' ORDER BY id LIMIT 200")
icounty=$county
nparcels=$(sql -c "SELECT count(*) FROM land_parcel WHERE county_code = '$icounty'")
zone=$(sql -c "SELECT round(ST_X(ST_Centroid(boundary)) / 3) FROM admin_unit WHERE code = '$icounty'")
epsg=$((4513 + zone - 25))
pg="PG:$(sql -c "SELECT format('host=%s port=%s dbname=%s user=%s', coalesce(host(inet_server_addr()), 'localhost'), inet_server_port(), current_database(), current_user)")"
export PGPASSWORD=${BENCH_DB_PASSWORD:-}
columns='bsm AS "BSM", tbbh AS "TBBH", dlbm AS "DLBM", dlmc AS "DLMC", qsxz AS "QSXZ", qsdwdm AS "QSDWDM", qsdwmc AS "QSDWMC",
  zldwdm AS "ZLDWDM", zldwmc AS "ZLDWMC", tbmj::float8 AS "TBMJ", kcdlbm AS "KCDLBM", kcxs::float8 AS "KCXS", kcmj::float8 AS "KCMJ",
  tbdlmj::float8 AS "TBDLMJ", gdlx AS "GDLX", gdpdjb AS "GDPDJB", zzsxdm AS "ZZSXDM", zzsxmc AS "ZZSXMC", gddb AS "GDDB",
  czcsxm AS "CZCSXM", bz AS "BZ", geom'
for v in a b; do
  if [ ! -f "$dir/$v.zip" ]; then
    rm -rf "${dir:?}/$v" && mkdir -p "$dir/$v"
    year=$([ $v = a ] && echo 2023 || echo 2024)
    ogr2ogr -f 'ESRI Shapefile' "$dir/$v/DLTB.shp" "$pg" -nln DLTB -nlt MULTIPOLYGON -t_srs "EPSG:$epsg" -lco ENCODING=CP936 \
      -sql "SELECT $columns, $year AS \"SJNF\" FROM land_parcel WHERE county_code = '$icounty' ORDER BY id" >/dev/null
    rm -f "$dir/$v/DLTB.cpg"
    (cd "$dir/$v" && zip -q -1 "../$v.zip" DLTB.*)
  fi
done
say "writes on county $county (${#homesteads[@]} homesteads), imports of county $icounty ($nparcels parcels), ${duration}s of load, outages of ${outage}s"

sql -c "DELETE FROM security.account WHERE username = 'bench-admin'" >/dev/null 2>&1 || true
start_service() { start_bench_service "$dir" 18990 LANDATLAS_DB_POOL_SIZE=10 || die "service did not start"; pid=$SERVICE_PID base=$SERVICE_BASE; }
start_service
cleanup() { touch "$dir/stop"; kill "$pid" 2>/dev/null || true; jobs -p | xargs -r kill 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
staff_token "$dir" "$base" "$county" "faults bench" || die "could not make the staff account"
writer_token=$STAFF_TOKEN import_token=$STAFF_TOKEN

# Load: viewports and tiles with wrk.
prepare_viewport_boxes "$county"
vq='query($b: [Float!]) { parcels(filter: { bbox: $b }, first: 200) { edges { node { id areaMu landClassCode } } } }'
sql -c "SELECT format('/tiles/parcels/14/%s/%s.mvt', floor((x + 180) / 360 * 16384)::int,
          floor((1 - ln(tan(radians(y)) + 1 / cos(radians(y))) / pi()) / 2 * 16384)::int) FROM bench_anchor" >"$dir/tiles.txt"
rm -f "$dir/stop"
t_start=$(now)
ANCHORS="$VIEWPORT_ANCHORS" BOX_W=$VIEWPORT_W BOX_H=$VIEWPORT_H QUERY="$vq" \
  wrk -t1 -c2 -d"${duration}s" --timeout 20s -s "$BENCH_PROJECT/bench/wrk/viewport.lua" "$base" >"$dir/wrk-viewport.txt" 2>&1 &
wrk_viewport=$!
PATHS="$dir/tiles.txt" wrk -t1 -c2 -d"${duration}s" --timeout 20s -s "$BENCH_PROJECT/bench/wrk/paths.lua" "$base" >"$dir/wrk-tiles.txt" 2>&1 &
wrk_tiles=$!

# Health, every 0.5 s: "t http status".
( while [ ! -f "$dir/stop" ]; do
    c=$(curl -s -o "$dir/h.json" -w '%{http_code}' --max-time 3 "$base/actuator/health" || true)
    echo "$(now) $c $(jq -r '.status // "-"' "$dir/h.json" 2>/dev/null || echo -)"
    sleep 0.5
  done ) >"$dir/health.log" &

# The public's view, every 0.5 s: "t kind http code retry-after".
( b=$(echo "$VIEWPORT_ANCHORS" | awk -v w="$VIEWPORT_W" -v h="$VIEWPORT_H" '{printf "[%s,%s,%.7f,%.7f]", $1, $2, $1 + w, $2 + h}')
  tile=$(head -1 "$dir/tiles.txt")
  body=$(jq -nc --arg q "$vq" --argjson b "$b" '{query: $q, variables: {b: $b}}')
  while [ ! -f "$dir/stop" ]; do
    c=$(curl -s -o "$dir/o.json" -D "$dir/o.h" -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' "$base/graphql" -d "$body" || true)
    echo "$(now) graphql $c $(jq -r '.errors[0].extensions.code // .code // "ok"' "$dir/o.json" 2>/dev/null || echo -) $(sed -n 's/^Retry-After: *\([0-9]*\).*/\1/Ip' "$dir/o.h")"
    for p in "$tile" "/ogc/collections/parcels/items?limit=5"; do
      c=$(curl -s -o "$dir/o.json" -D "$dir/o.h" -w '%{http_code}' --max-time 10 "$base$p" || true)
      code=ok; [ "$c" = 200 ] || code=$(jq -r '.code // "-"' "$dir/o.json" 2>/dev/null || echo -)
      echo "$(now) ${p%%/[0-9]*} $c $code $(sed -n 's/^Retry-After: *\([0-9]*\).*/\1/Ip' "$dir/o.h")"
    done
    sleep 0.5
  done ) >"$dir/observer.log" &

# The writer and its ledger: "n t kind ids outcome http code reason" (outcome ack | fail | unknown).
mutation='mutation($ids: [ID!]!, $s: RevitalizationStatus!, $r: String!) { setHomesteadRevitalizationStatus(ids: $ids, status: $s, reason: $r) { id } }'
write() {  # write N REASON STATUS ID...: one correction, one ledger line
  local n=$1 reason=$2 status=$3; shift 3
  local ids k=$# body c out code
  ids=$(printf '%s\n' "$@" | jq -R . | jq -sc .)
  body=$(jq -nc --arg q "$mutation" --argjson ids "$ids" --arg s "$status" --arg r "$reason" '{query: $q, variables: {ids: $ids, s: $s, r: $r}}')
  c=$(curl -s -o "$dir/w.json" -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $writer_token" -H 'Content-Type: application/json' "$base/graphql" -d "$body" || true)
  code=$(jq -r '.errors[0].extensions.code // "-"' "$dir/w.json" 2>/dev/null || echo -)
  if [ "$c" = 200 ] && [ "$(jq -r '.data.setHomesteadRevitalizationStatus | length' "$dir/w.json" 2>/dev/null)" = "$k" ] && [ "$code" = - ]; then out=ack
  elif [ "$c" = 000 ] || [ -z "$c" ]; then out=unknown
  else out=fail; fi
  echo "$n $(now) $([ "$k" = 1 ] && echo single || echo bulk) $k $out ${c:-000} $code $reason"
}
( n=0
  while [ ! -f "$dir/stop" ]; do
    n=$((n + 1))
    status=$([ $(( (n / 10) % 2 )) = 0 ] && echo IDLE || echo SURVEYED)
    if [ $((n % 10)) = 0 ]; then
      start=$(( (n * 7) % (${#homesteads[@]} - 20) ))
      write "$n" "faults-$run-w$n" "$status" "${homesteads[@]:$start:20}"
    else
      write "$n" "faults-$run-w$n" "$status" "${homesteads[$(( (n * 13) % ${#homesteads[@]} ))]}"
    fi
    sleep 0.1
  done ) >"$dir/ledger.txt" &

# Imports in a loop: "t file job stage-outcome commit-outcome http".
( v=a
  while [ ! -f "$dir/stop" ]; do
    c=$(curl -s -o "$dir/i.json" -w '%{http_code}' --max-time 300 -H "Authorization: Bearer $import_token" -H 'Content-Type: application/octet-stream' \
          --data-binary "@$dir/$v.zip" "$base/exchange/imports?profile=dltb&county=$icounty&fileName=DLTB-$v.zip" || true)
    job=$(jq -r '.id // "-"' "$dir/i.json" 2>/dev/null || echo -)
    if [ "$c" != 201 ] && [ "$c" != 200 ] || [ "$(jq -r .status "$dir/i.json" 2>/dev/null)" != checked ]; then
      echo "$(now) $v $job stage-fail - ${c:-000} $(jq -r '.code // "-"' "$dir/i.json" 2>/dev/null || echo -)"; sleep 1; continue
    fi
    c=$(curl -s -o "$dir/ic.json" -w '%{http_code}' --max-time 300 -X POST -H "Authorization: Bearer $import_token" "$base/exchange/imports/$job/commit" || true)
    if [ "$c" = 200 ] && [ "$(jq -r .status "$dir/ic.json" 2>/dev/null)" = committed ]; then out=ack
    elif [ "$c" = 000 ] || [ -z "$c" ]; then out=unknown
    else out=fail; fi
    echo "$(now) $v $job staged $out ${c:-000} $(jq -r '.code // "-"' "$dir/ic.json" 2>/dev/null || echo -)"
    [ $out = ack ] && v=$([ $v = a ] && echo b || echo a)
  done ) >"$dir/imports.txt" &

# The faults.
sleep "$(awk -v d="$duration" 'BEGIN {printf "%d", d * 0.3}')"
read -r fast_down fast_up < <(fault fast)
say "fast shutdown: cluster down $(awk -v a="$fast_down" -v b="$fast_up" 'BEGIN {printf "%.1f", b - a}') s"
sleep "$(awk -v d="$duration" -v t0="$t_start" -v t="$(now)" 'BEGIN {s = t0 + d * 0.65 - t; printf "%d", (s > 0 ? s : 1)}')"
read -r imm_down imm_up < <(fault immediate)
say "immediate shutdown: cluster down $(awk -v a="$imm_down" -v b="$imm_up" 'BEGIN {printf "%.1f", b - a}') s"
wait "$wrk_viewport" "$wrk_tiles" || true
touch "$dir/stop"
sleep 3
# The last write and import may still be under way: their ledger lines come when they end.
# (The service itself is a job of this shell too: it is not waited for.)
for _ in $(seq 1 120); do [ "$(jobs -rp | grep -vx "$pid" | wc -l)" -le 0 ] && break; sleep 1; done
say "load ended after $(awk -v a="$t_start" -v b="$(now)" 'BEGIN {printf "%d", b - a}') s"

# Health: DOWN windows after each fault, and the seconds from the cluster being up again to health UP.
recovery() {  # recovery T_DOWN T_UP: "first_down_after_fault seconds_down_to_up seconds_up_after_cluster"
  awk -v d="$1" -v u="$2" '$1 >= d && $3 != "UP" && !fd {fd = $1} fd && $1 >= u && $3 == "UP" && !up {up = $1}
    END {printf "%s %.1f %.1f\n", (fd ? "yes" : "no"), (up && fd ? up - fd : -1), (up ? up - u : -1)}' "$dir/health.log"
}
read -r fast_seen_down fast_down_s fast_recover_s < <(recovery "$fast_down" "$fast_up")
read -r imm_seen_down imm_down_s imm_recover_s < <(recovery "$imm_down" "$imm_up")
health_codes=$(awk '$3 != "UP" {print $2 "/" $3}' "$dir/health.log" | sort | uniq -c | awk '{printf "%s%s×%s", (NR > 1 ? ", " : ""), $2, $1}')

# What the public was told while the database was away.
outage_errors=$(awk '$4 != "ok" {print $2 " " $3 " " $4 " Retry-After:" ($5 == "" ? "none" : $5)}' "$dir/observer.log" | sort | uniq -c \
  | awk '{c = $1; $1 = ""; printf "%s%s ×%s", (NR > 1 ? "; " : ""), substr($0, 2), c}')
writer_errors=$(awk '$5 != "ack" {print $6 "/" $7}' "$dir/ledger.txt" | sort | uniq -c | awk '{printf "%s%s×%s", (NR > 1 ? ", " : ""), $2, $1}')

# The ledger against the database: every acknowledged write present with all its rows, every failed one absent.
awk '{print $8 "," $4 "," $5}' "$dir/ledger.txt" >"$dir/ledger.csv"
sql -c "DROP TABLE IF EXISTS bench_faults_ledger" -c "CREATE UNLOGGED TABLE bench_faults_ledger (reason text, ids int, outcome text)" >/dev/null
sql -c "\copy bench_faults_ledger FROM '$dir/ledger.csv' CSV" >/dev/null
read -r writes acked failed unknown lost phantom partial unknown_applied < <(sql -F ' ' -c "
  WITH found AS (SELECT substring(reason FROM 'faults-[0-9]+-w[0-9]+') AS r, count(*) AS n FROM homestead_status_history
                 WHERE reason LIKE '%faults-$run-w%' GROUP BY 1)
  SELECT count(*), count(*) FILTER (WHERE outcome = 'ack'), count(*) FILTER (WHERE outcome = 'fail'), count(*) FILTER (WHERE outcome = 'unknown'),
         count(*) FILTER (WHERE outcome = 'ack' AND coalesce(f.n, 0) <> l.ids),
         count(*) FILTER (WHERE outcome = 'fail' AND coalesce(f.n, 0) > 0),
         count(*) FILTER (WHERE coalesce(f.n, 0) NOT IN (0, l.ids)),
         count(*) FILTER (WHERE outcome = 'unknown' AND coalesce(f.n, 0) = l.ids)
  FROM bench_faults_ledger l LEFT JOIN found f ON f.r = l.reason")
audit_missing=$(sql -c "WITH a AS (SELECT after->>'reason' AS r, count(*) AS n FROM security.audit_log
    WHERE action = 'setHomesteadRevitalizationStatus' AND outcome = 'ok' AND after->>'reason' LIKE 'faults-$run-w%' GROUP BY 1)
  SELECT count(*) FROM bench_faults_ledger l LEFT JOIN a ON a.r = l.reason WHERE l.outcome = 'ack' AND coalesce(a.n, 0) <> l.ids" 2>/dev/null || echo null)
# Imports: every acknowledged commit is committed with its changes recorded, no failed one is.
imports_acked=$(awk '$5 == "ack"' "$dir/imports.txt" | wc -l)
imports_failed=$(awk '$4 == "stage-fail" || $5 == "fail" || $5 == "unknown"' "$dir/imports.txt" | wc -l)
acked_jobs=$(awk '$5 == "ack" {print $3}' "$dir/imports.txt" | paste -sd, -)
failed_jobs=$(awk '$4 == "staged" && $5 == "fail" {print $3}' "$dir/imports.txt" | paste -sd, -)
imports_lost=$([ -n "$acked_jobs" ] && sql -c "SELECT count(*) FROM unnest('{$acked_jobs}'::bigint[]) j
  WHERE NOT EXISTS (SELECT 1 FROM import_job i WHERE i.id = j AND i.status = 'committed'
                    AND (SELECT count(*) FROM import_change c WHERE c.job_id = j) = (i.result->>'added')::int + (i.result->>'changed')::int + (i.result->>'removed')::int)" || echo 0)
imports_phantom=$([ -n "$failed_jobs" ] && sql -c "SELECT count(*) FROM import_job WHERE id = ANY('{$failed_jobs}'::bigint[]) AND status = 'committed'" || echo 0)
sjnf=$(sql -c "SELECT string_agg(sjnf || ':' || n, ' ') FROM (SELECT sjnf, count(*) AS n FROM land_parcel WHERE county_code = '$icounty' GROUP BY 1) s")
say "writes: $writes ($acked acknowledged, $failed failed, $unknown unknown), lost $lost, phantom $phantom, partial $partial; audit rows missing for acknowledged: $audit_missing"
say "imports: $imports_acked committed, $imports_failed failed; lost $imports_lost, phantom $imports_phantom; county $icounty parcels by SJNF $sjnf"
say "health: fast DOWN seen $fast_seen_down (DOWN for ${fast_down_s}s, UP ${fast_recover_s}s after the cluster), immediate DOWN seen $imm_seen_down (${imm_down_s}s, UP ${imm_recover_s}s after)"
say "public during outages: $outage_errors"
say "writer errors: $writer_errors"

# SIGKILL during a bulk correction of many homesteads: all or nothing.
mapfile -t many < <(sql -c "SELECT id FROM homestead WHERE county_code = '$county' ORDER BY id LIMIT $bulk_kill")
t0=$(now); write 0 "faults-$run-timing" IDLE "${many[@]}" >"$dir/bulk-timing.txt"; t1=$(now)
bulk_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')
# Killed while its transaction is open: once the history rows are being written.
in_tx() {  # in_tx PATTERN: waits up to 20 s for a backend of the service inside a transaction running PATTERN
  local _
  for _ in $(seq 1 400); do
    [ "$(sql -c "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                   AND xact_start IS NOT NULL AND state <> 'idle' AND query ILIKE '%$1%'")" -gt 0 ] && { echo yes; return; }
    sleep 0.05
  done
  echo no
}
write 0 "faults-$run-killed" SURVEYED "${many[@]}" >"$dir/bulk-killed.txt" &
wp=$!
bulk_caught=$(in_tx homestead_status_history)
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
wait "$wp" 2>/dev/null || true
bulk_rows=$(sql -c "SELECT count(*) FROM homestead_status_history WHERE reason LIKE '%faults-$run-killed'")
bulk_versions=$(sql -c "SELECT count(DISTINCT status) FROM (SELECT revitalization_status AS status FROM homestead WHERE id = ANY('{$(IFS=,; echo "${many[*]}")}'::bigint[])) s")
say "bulk correction of ${#many[@]} homesteads (${bulk_s}s when whole) killed inside its transaction ($bulk_caught): $bulk_rows history rows (0 or ${#many[@]}), $bulk_versions distinct status(es)"
start_service

# SIGKILL during an import's commit: the county unchanged, the job still checked (committable), then committed.
v=$(awk '$5 == "ack" {v = $2} END {print v == "a" ? "b" : "a"}' "$dir/imports.txt")
before=$(sql -c "SELECT md5(string_agg(bsm || ':' || sjnf, ',' ORDER BY bsm)) FROM land_parcel WHERE county_code = '$icounty'")
job=$(curl -sf -H "Authorization: Bearer $import_token" -H 'Content-Type: application/octet-stream' --data-binary "@$dir/$v.zip" \
  "$base/exchange/imports?profile=dltb&county=$icounty&fileName=DLTB-$v.zip" | jq -r .id)
curl -s -o /dev/null -X POST -H "Authorization: Bearer $import_token" "$base/exchange/imports/$job/commit" &
cp=$!
# Killed while the commit's transaction is open (its merge is running).
import_caught=$(in_tx land_parcel)
kill -9 "$pid"; wait "$pid" 2>/dev/null || true; wait "$cp" 2>/dev/null || true
after=$(sql -c "SELECT md5(string_agg(bsm || ':' || sjnf, ',' ORDER BY bsm)) FROM land_parcel WHERE county_code = '$icounty'")
status_after_kill=$(sql -c "SELECT status FROM import_job WHERE id = $job")
changes_after_kill=$(sql -c "SELECT count(*) FROM import_change WHERE job_id = $job")
start_service
status_after_start=$(sql -c "SELECT status FROM import_job WHERE id = $job")
recommit=$(curl -s -X POST -H "Authorization: Bearer $import_token" "$base/exchange/imports/$job/commit" | jq -r '.status // .code')
say "import $job killed during its commit (inside its transaction: $import_caught): county parcels $([ "$before" = "$after" ] && echo unchanged || echo CHANGED), $changes_after_kill change rows, job $status_after_kill; after restart $status_after_start; committed again: $recommit"

ok=true
[ "$lost" = 0 ] && [ "$phantom" = 0 ] && [ "$partial" = 0 ] && [ "$imports_lost" = 0 ] && [ "$imports_phantom" = 0 ] || ok=false
[ "$bulk_rows" = 0 ] || [ "$bulk_rows" = "${#many[@]}" ] || ok=false
[ "$before" = "$after" ] && [ "$changes_after_kill" = 0 ] && [ "$status_after_start" = checked ] && [ "$recommit" = committed ] || ok=false
[ "$fast_seen_down" = yes ] && [ "$imm_seen_down" = yes ] && [ "$fast_recover_s" != -1.0 ] && [ "$imm_recover_s" != -1.0 ] || ok=false
vp_req=$(grep -oE '[0-9]+ requests in' "$dir/wrk-viewport.txt" | cut -d' ' -f1); tl_req=$(grep -oE '[0-9]+ requests in' "$dir/wrk-tiles.txt" | cut -d' ' -f1)
vp_bad=$(grep -oE 'Non-2xx or 3xx responses: [0-9]+' "$dir/wrk-viewport.txt" | grep -oE '[0-9]+$' || echo 0)
tl_bad=$(grep -oE 'Non-2xx or 3xx responses: [0-9]+' "$dir/wrk-tiles.txt" | grep -oE '[0-9]+$' || echo 0)
say "load held: viewport $vp_req requests ($vp_bad non-2xx), tiles $tl_req ($tl_bad non-2xx) in ${duration}s"
jq -n --arg profile "$BENCH_PROFILE" --argjson seconds "$duration" --argjson outage "$outage" \
  --arg viewport "$vp_req/$vp_bad" --arg tiles "$tl_req/$tl_bad" \
  --argjson writes "$writes" --argjson acked "$acked" --argjson failed "$failed" --argjson unknown "$unknown" \
  --argjson lost "$lost" --argjson phantom "$phantom" --argjson partial "$partial" --argjson unknownApplied "$unknown_applied" \
  --argjson importsAcked "$imports_acked" --argjson importsFailed "$imports_failed" --argjson importsLost "$imports_lost" --argjson importsPhantom "$imports_phantom" \
  --arg fast "DOWN seen $fast_seen_down, DOWN ${fast_down_s}s, UP ${fast_recover_s}s after the cluster" \
  --arg immediate "DOWN seen $imm_seen_down, DOWN ${imm_down_s}s, UP ${imm_recover_s}s after the cluster" \
  --arg health "$health_codes" --arg public "$outage_errors" --arg writerErrors "$writer_errors" \
  --arg bulkKill "$bulk_rows of ${#many[@]} rows after SIGKILL (inside the transaction: $bulk_caught; whole correction ${bulk_s}s)" \
  --arg importKill "inside the transaction: $import_caught; county $([ "$before" = "$after" ] && echo unchanged || echo CHANGED), job $status_after_kill → $status_after_start → $recommit" \
  --argjson ok "$ok" \
  '{profile: $profile, seconds: $seconds, outageSeconds: $outage, viewport: $viewport, tiles: $tiles, writes: $writes, acknowledged: $acked,
    failed: $failed, unknown: $unknown, lost: $lost, phantom: $phantom, partial: $partial, unknownApplied: $unknownApplied,
    imports: {acknowledged: $importsAcked, failed: $importsFailed, lost: $importsLost, phantom: $importsPhantom},
    fast: $fast, immediate: $immediate, healthWhileDown: $health, publicDuringOutage: $public, writerErrors: $writerErrors,
    sigkillBulk: $bulkKill, sigkillImport: $importKill, ok: $ok}' >"$BENCH_OUT/faults.json"
cat "$BENCH_OUT/faults.json"
sql -c "DROP TABLE IF EXISTS bench_faults_ledger" >/dev/null
$ok || die "a check failed (see above)"
