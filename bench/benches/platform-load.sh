#!/usr/bin/env bash
# Platform figures of issue #2, measured with the real jar against fresh databases:
#  (i)   generation + load of bench-200k into a fresh database (landatlas_bench_200k_fresh, dropped and recreated):
#        the generator's "Generated ... in N ms", dataset_load.duration_ms (generation + COPY + derived data, one
#        transaction) and the wall time of the whole process (JVM start, Flyway, load, ANALYZE, exit).
#        Targets: generation of 200,000 parcels <= 3 min; generation + load <= 3 min.
#  (ii)  load of the default demo profile (4 counties x 5,000) into a fresh database (landatlas_bench_demo_fresh).
#        Target: well under a minute (60 s is the ceiling used for the ratio).
#  (iii) a later start of the service against that already-loaded database: time from launching java -jar until
#        /actuator/health answers UP. Target < 30 s.
#  (iv)  (ii) and (iii) are repeated BENCH_PLATFORM_RUNS times (default 3); medians are reported.
# Also one later start against the loaded bench-200k database (informative).
# Output: $BENCH_OUT/platform-load.json, logs in $BENCH_OUT/platform-load/, human lines on stdout.
#
# Environment (besides what bench/run.sh passes): BENCH_PLATFORM_RUNS (3), BENCH_PLATFORM_RUNS_200K (1),
# BENCH_PLATFORM_LOAD_TIMEOUT (900 s per load), BENCH_PLATFORM_START_TIMEOUT (120 s per start),
# BENCH_PLATFORM_SERVICE_OPTS (JVM options of the started service, default -Xmx2g as scripts/run.sh).
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_JAR:?}" "${BENCH_PROJECT:?}" "${BENCH_DB_URL:?}" "${BENCH_PGURI:?}"

runs=${BENCH_PLATFORM_RUNS:-3}
runs_200k=${BENCH_PLATFORM_RUNS_200K:-1}
load_timeout=${BENCH_PLATFORM_LOAD_TIMEOUT:-900}
start_timeout=${BENCH_PLATFORM_START_TIMEOUT:-120}
service_opts=${BENCH_PLATFORM_SERVICE_OPTS:--Xmx2g}
logs=$BENCH_OUT/platform-load
mkdir -p "$logs"

say() { echo "platform-load: $*"; }
die() { echo "platform-load: ERROR: $*" >&2; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "null"; else if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

# Connection strings for another database on the same server.
jdbc_for() { echo "${BENCH_DB_URL%/*}/$1"; }
pguri_for() { local base=${BENCH_PGURI%%\?*}; echo "${base%/*}/$1"; }

# Drops and recreates a scratch database. Only names landatlas_bench_*_fresh are ever dropped.
fresh_db() {
  local name=$1
  [[ "$name" =~ ^landatlas_bench_[a-z0-9_]+_fresh$ ]] || die "refusing to drop '$name' (only landatlas_bench_*_fresh)"
  if [ "${BENCH_CLUSTER:-private}" = private ]; then
    "$BENCH_PROJECT/scripts/postgis-cluster.sh" psql postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
    "$BENCH_PROJECT/scripts/postgis-cluster.sh" createdb "$name" >/dev/null 2>&1
  else
    psql "$(pguri_for postgres)" -v ON_ERROR_STOP=1 -qAt -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" >/dev/null
    psql "$(pguri_for "$name")" -v ON_ERROR_STOP=1 -qAt -c "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS postgis_raster" >/dev/null
  fi
}

# load DB PROFILE JAVA_OPTS LOG -> prints "gen_ms load_ms wall_ms parcels cpu_busy_before_%"
load_profile() {
  local db=$1 profile=$2 opts=$3 log=$4 t0 rc busy
  busy=$(wait_quiet)
  t0=$(now_ms)
  set +e
  LANDATLAS_DB_URL=$(jdbc_for "$db") LANDATLAS_DB_USER=$BENCH_DB_USER LANDATLAS_DB_PASSWORD=$BENCH_DB_PASSWORD \
  LANDATLAS_DEMO_PROFILE=$profile LANDATLAS_DEMO_EXIT_AFTER_LOAD=true \
    timeout --kill-after=30 "$load_timeout" java $opts -jar "$BENCH_JAR" --spring.main.web-application-type=none >"$log" 2>&1
  rc=$?
  set -e
  local wall=$(( $(now_ms) - t0 ))
  [ $rc -eq 0 ] || { tail -n 20 "$log" >&2; die "loading $profile into $db failed (exit $rc, 124 = over ${load_timeout}s); see $log"; }
  grep -q "Loaded demo profile" "$log" || die "the jar did not load $profile into $db; see $log"
  local gen
  gen=$(grep -oE "Generated demo profile .* parcels in [0-9]+ ms" "$log" | grep -oE "[0-9]+ ms$" | grep -oE "[0-9]+" | tail -1)
  local row
  row=$(psql "$(pguri_for "$db")" -qAt -F ' ' -c "SELECT duration_ms, parcel_count FROM dataset_load ORDER BY id DESC LIMIT 1")
  echo "$gen ${row% *} $wall ${row#* } $busy"
}

free_port() {
  local p=18080
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

service_pid=
cleanup() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
    kill "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# later_start DB PROFILE LOG -> prints "ms_to_health_up spring_started_s cpu_busy_before_%"
later_start() {
  local db=$1 profile=$2 log=$3 port t0 status= elapsed busy
  port=$(free_port)
  busy=$(wait_quiet)
  t0=$(now_ms)
  LANDATLAS_DB_URL=$(jdbc_for "$db") LANDATLAS_DB_USER=$BENCH_DB_USER LANDATLAS_DB_PASSWORD=$BENCH_DB_PASSWORD \
  LANDATLAS_DEMO_PROFILE=$profile LANDATLAS_PORT=$port \
    java $service_opts -jar "$BENCH_JAR" >"$log" 2>&1 &
  service_pid=$!
  while :; do
    status=$(curl -s --max-time 1 "http://127.0.0.1:$port/actuator/health" 2>/dev/null | jq -r '.status // empty' 2>/dev/null || true)
    [ "$status" = UP ] && break
    kill -0 "$service_pid" 2>/dev/null || { tail -n 20 "$log" >&2; die "the service exited before answering UP; see $log"; }
    [ $(( $(now_ms) - t0 )) -lt $((start_timeout * 1000)) ] || { cleanup; die "no UP from /actuator/health within ${start_timeout}s; see $log"; }
    sleep 0.1
  done
  elapsed=$(( $(now_ms) - t0 ))
  grep -q "is already loaded" "$log" || { cleanup; die "the later start did not find $profile loaded in $db; see $log"; }
  kill "$service_pid" 2>/dev/null || true
  wait "$service_pid" 2>/dev/null || true
  service_pid=
  local started
  started=$(grep -oE "Started [A-Za-z]+ in [0-9.]+ seconds" "$log" | grep -oE "[0-9.]+ seconds" | grep -oE "[0-9.]+" | tail -1)
  echo "$elapsed ${started:-null} $busy"
}

# CPU busy % just before each measurement (other work on the machine; bench/lib.sh wait_quiet waits for < 25 %).
busy200=() busy_demo=() busy_start=()

# (i) bench-200k into a fresh database.
gen200=() load200=() wall200=()
parcels200=null
for i in $(seq 1 "$runs_200k"); do
  say "(i) bench-200k into a fresh database landatlas_bench_200k_fresh, run $i/$runs_200k"
  fresh_db landatlas_bench_200k_fresh
  read -r g l w n b < <(load_profile landatlas_bench_200k_fresh bench-200k -Xmx6g "$logs/load-200k-$i.log")
  gen200+=("$g"); load200+=("$l"); wall200+=("$w"); parcels200=$n; busy200+=("$b")
  say "    $n parcels: generation $g ms, generation+load (dataset_load.duration_ms) $l ms, process wall $w ms (CPUs $b% busy before)"
done

# (ii) + (iii), repeated.
demo_load=() demo_wall=() start_ms=() start_spring=()
parcels_demo=null
for i in $(seq 1 "$runs"); do
  say "(ii) demo into a fresh database landatlas_bench_demo_fresh, run $i/$runs"
  fresh_db landatlas_bench_demo_fresh
  read -r g l w n b < <(load_profile landatlas_bench_demo_fresh demo -Xmx6g "$logs/load-demo-$i.log")
  demo_load+=("$l"); demo_wall+=("$w"); parcels_demo=$n; busy_demo+=("$b")
  say "    $n parcels: generation $g ms, generation+load $l ms, process wall $w ms (CPUs $b% busy before)"
  say "(iii) later start against the loaded demo database, run $i/$runs"
  read -r s sp b < <(later_start landatlas_bench_demo_fresh demo "$logs/start-demo-$i.log")
  start_ms+=("$s"); start_spring+=("$sp"); busy_start+=("$b")
  say "    java -jar to /actuator/health UP: $s ms (Spring: started in ${sp} s; CPUs $b% busy before)"
done

say "later start against the loaded bench-200k database (informative, 1 run)"
read -r s200 sp200 b200 < <(later_start landatlas_bench_200k_fresh bench-200k "$logs/start-200k.log")
say "    java -jar to /actuator/health UP: $s200 ms (CPUs $b200% busy before)"

arr() { printf '%s\n' "$@" | jq -sc 'map(tonumber? // null)'; }
m_gen200=$(printf '%s\n' "${gen200[@]}" | median)
m_load200=$(printf '%s\n' "${load200[@]}" | median)
m_wall200=$(printf '%s\n' "${wall200[@]}" | median)
m_demo=$(printf '%s\n' "${demo_load[@]}" | median)
m_demo_wall=$(printf '%s\n' "${demo_wall[@]}" | median)
m_start=$(printf '%s\n' "${start_ms[@]}" | median)

jq -n \
  --arg at "$(date -u +%FT%TZ)" --arg machine "$(nproc) CPUs, $(free -g | awk '/^Mem:/{print $2}') GiB RAM" \
  --argjson parcels200 "$parcels200" --argjson parcelsDemo "$parcels_demo" \
  --argjson gen200 "$(arr "${gen200[@]}")" --argjson load200 "$(arr "${load200[@]}")" --argjson wall200 "$(arr "${wall200[@]}")" \
  --argjson demoLoad "$(arr "${demo_load[@]}")" --argjson demoWall "$(arr "${demo_wall[@]}")" \
  --argjson start "$(arr "${start_ms[@]}")" --argjson startSpring "$(arr "${start_spring[@]}")" \
  --argjson start200 "$s200" --argjson busy200 "$(arr "${busy200[@]}")" --argjson busyDemo "$(arr "${busy_demo[@]}")" \
  --argjson busyStart "$(arr "${busy_start[@]}")" --argjson busyStart200 "${b200:-null}" \
  --argjson mGen200 "$m_gen200" --argjson mLoad200 "$m_load200" --argjson mWall200 "$m_wall200" \
  --argjson mDemo "$m_demo" --argjson mDemoWall "$m_demo_wall" --argjson mStart "$m_start" '
  def metric($target; $median; $runs): {target_ms: $target, median_ms: $median, runs_ms: $runs, ratio_to_target: (if $median == null then null else (($median / $target * 1000 | round) / 1000) end)};
  {
    bench: "platform-load", measured_at: $at, machine: $machine,
    generation_200k: (metric(180000; $mGen200; $gen200) + {parcels: $parcels200}),
    generation_and_load_200k: (metric(180000; $mLoad200; $load200) + {parcels: $parcels200, source: "dataset_load.duration_ms"}),
    load_200k_process_wall: {median_ms: $mWall200, runs_ms: $wall200, note: "JVM start + Flyway on an empty database + generation + load + ANALYZE + exit"},
    demo_load: (metric(60000; $mDemo; $demoLoad) + {parcels: $parcelsDemo, source: "dataset_load.duration_ms"}),
    demo_load_process_wall: {median_ms: $mDemoWall, runs_ms: $demoWall},
    later_start: (metric(30000; $mStart; $start) + {spring_started_s: $startSpring, note: "java -jar until /actuator/health is UP, demo database already loaded"}),
    later_start_200k_ms: $start200,
    cpu_busy_pct_before: {load_200k: $busy200, demo_load: $busyDemo, later_start: $busyStart, later_start_200k: $busyStart200,
      note: "share of all CPUs busy in the 2 s before each measurement, i.e. other work on the machine"}
  }' >"$BENCH_OUT/platform-load.json"

say "summary (medians):"
say "  generation of 200k         ${m_gen200} ms   (target <= 180000 ms, runs: ${gen200[*]})"
say "  generation+load of 200k    ${m_load200} ms   (target <= 180000 ms, runs: ${load200[*]}; process wall ${m_wall200} ms)"
say "  demo load (4 x 5,000)      ${m_demo} ms   (target < 60000 ms, runs: ${demo_load[*]}; process wall ${m_demo_wall} ms)"
say "  later start to health UP   ${m_start} ms   (target < 30000 ms, runs: ${start_ms[*]}; 200k db: ${s200} ms)"
say "wrote $BENCH_OUT/platform-load.json"
