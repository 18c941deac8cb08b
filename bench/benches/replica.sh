#!/usr/bin/env bash
# Read replica and observability (issue #13): viewport GraphQL throughput with the service on the primary only and
# with a streaming replica serving its reads (scripts/postgis-cluster.sh replica: a hot standby of the private
# cluster on the same machine, so both nodes share the same CPUs), and the latency of /actuator/health and
# /actuator/prometheus (signed in as an administrator) while that load runs.
# Output: $BENCH_OUT/replica.json and a summary on stdout. Environment: BENCH_REPLICA_SECONDS (30),
# BENCH_API_CLIENTS (16), LANDATLAS_BENCH_ADMIN / LANDATLAS_BENCH_ADMIN_PASSWORD (an administrator of the bench
# database; by default the service makes "admin" with a bench password when the database has none),
# BENCH_BASELINE_JAR (optional: an earlier build, measured on the primary first, for the cost of the metrics),
# BENCH_REPLICA_MODES ("primary replica"; "primary" alone for the health and metrics latency).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}" "${BENCH_PROFILE:?}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=$(cd "$here/.." && pwd)
seconds=${BENCH_REPLICA_SECONDS:-30}
clients=${BENCH_API_CLIENTS:-16}
admin=${LANDATLAS_BENCH_ADMIN:-admin}
admin_pw=${LANDATLAS_BENCH_ADMIN_PASSWORD:-Bench-metrics-pw-2026!}
dir=$BENCH_OUT/replica
mkdir -p "$dir"
say() { echo "replica: $*"; }
die() { echo "replica: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }
[ "${BENCH_CLUSTER:-private}" = private ] || die "needs the private cluster (the bench starts a replica of it)"

"$root/scripts/postgis-cluster.sh" replica start >/dev/null
db=${BENCH_DB_URL##*/}
eval "$("$root/scripts/postgis-cluster.sh" replica env "$db")"
replica_url=$LANDATLAS_DB_REPLICA_URL
unset LANDATLAS_DB_REPLICA_URL LANDATLAS_DB_REPLICA_USER LANDATLAS_DB_REPLICA_PASSWORD
# The standby must have replayed the bench database before it is measured.
target=$(sql -c "SELECT pg_current_wal_lsn()")
for _ in $(seq 1 600); do
  [ "$("$root/scripts/postgis-cluster.sh" replica psql "$db" -c "SELECT pg_last_wal_replay_lsn() >= '$target'::pg_lsn")" = t ] && break
  sleep 1
done

read -r county _ < <(sql -F ' ' -c "SELECT county_code, count(*) FROM land_parcel GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
prepare_viewport_boxes "$county"
# The anchors table must reach the standby too.
sleep 2
fields='id bsm landClassCode landClassName areaMu circulationStatus geometry'
query="query(\$b: [Float!]) { parcels(filter: { bbox: \$b }, first: 1000) { edges { node { $fields } } } }"
export ANCHORS="$VIEWPORT_ANCHORS" BOX_W=$VIEWPORT_W BOX_H=$VIEWPORT_H QUERY="$(printf '%s' "$query" | sed 's/"/\\"/g')"

pid=
cleanup() {
  local rc=$?
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }
  sql -c "DROP TABLE IF EXISTS bench_anchor" >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT

# Latencies (ms) of sequential curl calls, one new connection each as a load balancer's probe or a scrape makes:
# N rounds over "name url [curl arguments…]" lines on stdin, interleaved so that every endpoint sees the same
# moments of the load. Writes $dir/lat-NAME.txt and prints "NAME median p95" per endpoint.
latencies() {
  local n=$1 names=() line name url rest
  local -A args=()
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    read -r name url rest <<<"$line"
    names+=("$name"); args[$name]="$url${rest:+ $rest}"
    : >"$dir/lat-$name.txt"
  done
  for _ in $(seq 1 "$n"); do
    for name in "${names[@]}"; do
      # shellcheck disable=SC2086 # the arguments were split on purpose
      curl -s -o /dev/null -w '%{time_total}\n' ${args[$name]} | awk '{printf "%.2f\n", $1 * 1000}' >>"$dir/lat-$name.txt"
      sleep 0.05
    done
  done
  for name in "${names[@]}"; do
    sort -n "$dir/lat-$name.txt" -o "$dir/lat-$name.txt"
    echo "$name $(median <"$dir/lat-$name.txt") $(awk '{a[NR]=$1} END {i = int(NR * 0.95); if (i < 1) i = 1; print a[i]}' "$dir/lat-$name.txt")"
  done
}

measure() {
  local mode=$1; shift
  local d=$dir/$mode
  mkdir -p "$d"
  start_bench_service "$d" 18700 LANDATLAS_ADMIN_PASSWORD="$admin_pw" "$@" || die "service ($mode) did not start"
  pid=$SERVICE_PID
  local base=$SERVICE_BASE cookies=$d/cookies.txt t
  # Shorter than warm_viewport (which can take minutes per service): the same for both modes.
  wrk -t1 -c2 -d30s -s "$here/wrk/viewport.lua" "$base" >/dev/null
  wrk -t2 -c"$clients" -d30s -s "$here/wrk/viewport.lua" "$base" >/dev/null
  t=$(curl -s -c "$cookies" -b "$cookies" "$base/auth/session" | sed -n 's/.*"csrfToken":"\([^"]*\)".*/\1/p')
  curl -s -c "$cookies" -b "$cookies" -H "X-XSRF-TOKEN: $t" -H 'Content-Type: application/json' "$base/auth/login" \
    -d "{\"username\":\"$admin\",\"password\":\"$admin_pw\"}" | grep -q '"signedIn":true' || say "WARNING: administrator sign-in failed; metrics latency not measured"
  # Prometheus scrapes with an administrator's API token (README, Observability), not a browser session,
  local account secret
  t=$(awk '$6 == "XSRF-TOKEN" {print $7}' "$cookies" | tail -1)
  account=$(curl -s -b "$cookies" -H "X-XSRF-TOKEN: $t" -H 'Content-Type: application/json' "$base/graphql" \
    -d '{"query":"{ accounts { id username } }"}' | jq -r --arg u "$admin" '.data.accounts[] | select(.username == $u) | .id')
  secret=$(jq -n --arg a "$account" --arg n "bench scrape $mode" '{query: "mutation($a: ID!, $n: String!) { createApiToken(accountId: $a, name: $n, expiresInDays: 1) { secret } }", variables: {a: $a, n: $n}}' \
    | curl -s -b "$cookies" -H "X-XSRF-TOKEN: $t" -H 'Content-Type: application/json' "$base/graphql" -d @- | jq -r '.data.createApiToken.secret // empty')
  [ -n "$secret" ] || say "WARNING: no API token for the scrape; metrics latency not measured"
  # and asks, as the Prometheus server does, for OpenMetrics first (its default scrape_protocols).
  printf 'header = "Authorization: Bearer %s"\nheader = "Accept: %s"\n' "$secret" \
    'application/openmetrics-text;version=1.0.0;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2' >"$d/scrape.curlrc"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -K "$d/scrape.curlrc" "$base/actuator/prometheus")" = 200 ] || say "WARNING: the scrape with the API token was refused"
  local busy rounds=() r
  busy=$(wait_quiet)
  for i in 1 2 3; do
    wrk -t2 -c"$clients" -d"${seconds}s" --timeout 10s -s "$here/wrk/viewport.lua" "$base" >"$d/wrk-$i.out"
    r=$(grep '^RESULT' "$d/wrk-$i.out" | grep -oE 'rps=[0-9.]+' | cut -d= -f2)
    rounds+=("$r")
  done
  local rps p50
  rps=$(printf '%s\n' "${rounds[@]}" | median)
  p50=$(grep '^RESULT' "$d/wrk-2.out" | grep -oE 'p50_ms=[0-9.]+' | cut -d= -f2)
  # Health and metrics while the viewport load runs.
  wrk -t2 -c"$clients" -d45s --timeout 10s -s "$here/wrk/viewport.lua" "$base" >"$d/wrk-under.out" &
  local w=$!
  sleep 3
  local health metrics info
  # info is the floor of the same stack in the same load: an endpoint that does no work at all.
  latencies 100 >"$d/latencies.txt" <<EOF
health $base/actuator/health
info $base/actuator/info
prometheus $base/actuator/prometheus -K $d/scrape.curlrc
EOF
  health=$(awk '$1 == "health" {print $2, $3}' "$d/latencies.txt")
  info=$(awk '$1 == "info" {print $2, $3}' "$d/latencies.txt")
  metrics=$(awk '$1 == "prometheus" {print $2, $3}' "$d/latencies.txt")
  wait $w || true
  local code_public
  code_public=$(curl -s -o /dev/null -w '%{http_code}' "$base/actuator/prometheus")
  curl -s -K "$d/scrape.curlrc" "$base/actuator/prometheus" >"$d/prometheus.txt"
  local replica_reads
  replica_reads=$(awk '/^landatlas_db_routed_connections_total\{.*node="replica"/{print $2}' "$d/prometheus.txt")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  say "$mode: viewport $rps req/s (rounds ${rounds[*]}, p50 $p50 ms, CPUs ${busy}% busy before); health median/p95 ${health// / / } ms; info (floor) ${info// / / } ms; prometheus ${metrics// / / } ms; public /actuator/prometheus -> $code_public; replica connections ${replica_reads:-0}"
  jq -n --arg mode "$mode" --argjson rps "$rps" --arg rounds "${rounds[*]}" --arg p50 "$p50" --arg health "$health" --arg metrics "$metrics" --arg info "$info" \
    --arg public "$code_public" --arg busy "$busy" --arg replica "${replica_reads:-0}" \
    '{mode: $mode, viewport_rps: $rps, rounds: $rounds, p50_ms: $p50, health_ms_median_p95: $health, prometheus_ms_median_p95: $metrics, info_floor_ms_median_p95: $info,
      public_prometheus_status: $public, cpu_busy_before_pct: $busy, replica_connections: $replica}' >"$d/result.json"
}

# BENCH_BASELINE_JAR: a jar of an earlier commit, measured the same way on the primary (the cost of the metrics filter).
if [ -n "${BENCH_BASELINE_JAR:-}" ]; then
  BENCH_JAR=$BENCH_BASELINE_JAR measure baseline
fi
modes=${BENCH_REPLICA_MODES:-primary replica}
case " $modes " in *" primary "*) measure primary ;; esac
case " $modes " in *" replica "*) measure replica LANDATLAS_DB_REPLICA_URL="$replica_url" ;; esac
jq -s --arg county "$county" --arg cpus "$(nproc)" '{county: $county, cpus: $cpus, note: "primary, replica and service share the same CPUs", runs: .}' \
  "$dir"/*/result.json >"$BENCH_OUT/replica.json"
cat "$BENCH_OUT/replica.json"
