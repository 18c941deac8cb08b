# Helpers shared by bench/run.sh and bench/benches/*.sh (sourced).

# Percentage of all CPUs busy over the next N seconds (default 2), from /proc/stat; "null" when unavailable.
cpu_busy_pct() {
  local secs=${1:-2} a b
  [ -r /proc/stat ] || { echo null; return; }
  a=$(awk '/^cpu /{print $2+$3+$4+$6+$7+$8+$9, $5+$6}' /proc/stat)
  sleep "$secs"
  b=$(awk '/^cpu /{print $2+$3+$4+$6+$7+$8+$9, $5+$6}' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN {split(a, x, " "); split(b, y, " "); busy = y[1]-x[1]; idle = y[2]-x[2];
    if (busy + idle <= 0) print "null"; else printf "%d\n", 100*busy/(busy+idle)}'
}

# Waits (up to BENCH_QUIET_WAIT seconds, default 60) until other work leaves the CPUs mostly idle (< 25 % busy),
# so that a measurement does not start in the middle of someone's build. Prints the last busy percentage.
# A machine that stays busy is measured anyway; the caller records the figure next to the measurement.
wait_quiet() {
  local limit=${BENCH_QUIET_WAIT:-60} waited=0 busy
  while :; do
    busy=$(cpu_busy_pct 2)
    [ "$busy" = null ] && break
    [ "$busy" -lt 25 ] && break
    [ "$waited" -ge "$limit" ] && { echo "bench: WARNING: CPUs still ${busy}% busy with other work after ${limit}s; measuring anyway" >&2; break; }
    waited=$((waited + 2))
  done
  echo "$busy"
}

# Starts a copy of the service jar in DIR against the bench database on the first free port from PORT, with the
# anonymous rate limits and cost budgets off (the load generators are one address), waits until it is healthy and sets
# SERVICE_PID and SERVICE_BASE. Extra environment assignments may follow (e.g. LANDATLAS_ADMIN_PASSWORD=…).
start_bench_service() {
  local dir=$1 port=$2; shift 2
  local jar=${BENCH_JAR:-$BENCH_PROJECT/target/landatlas.jar}
  [ -f "$jar" ] || { echo "bench: ERROR: no jar at $jar (mvn -DskipTests package)" >&2; return 1; }
  cp "$jar" "$dir/app.jar"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  env LANDATLAS_DB_URL="$BENCH_DB_URL" LANDATLAS_DB_USER="${LANDATLAS_DB_USER:-landatlas}" LANDATLAS_DB_PASSWORD="${LANDATLAS_DB_PASSWORD:-}" \
    LANDATLAS_DEMO_PROFILE="$BENCH_PROFILE" LANDATLAS_PORT="$port" \
    LANDATLAS_ANON_GRAPHQL_RATE=0 LANDATLAS_ANON_TILES_RATE=0 LANDATLAS_ANON_OTHER_RATE=0 LANDATLAS_ANON_COST_RATE=0 LANDATLAS_SIGNED_IN_COST_RATE=0 "$@" \
    java -Xmx"${BENCH_SERVICE_HEAP:-768m}" -XX:+UseParallelGC ${BENCH_SERVICE_JAVA_OPTS:-} -jar "$dir/app.jar" >"$dir/service.log" 2>&1 &
  SERVICE_PID=$!
  SERVICE_BASE=http://127.0.0.1:$port
  local _
  for _ in $(seq 1 300); do curl -sf "$SERVICE_BASE/actuator/health" >/dev/null && return 0; kill -0 $SERVICE_PID 2>/dev/null || break; sleep 1; done
  echo "bench: ERROR: service did not start; see $dir/service.log" >&2
  return 1
}

# The viewport boxes of the API benches: 200 anchors on random parcels of COUNTY (table bench_anchor, seeded) and
# a box of 2 km x 2 km at the county's latitude, scaled so that the median box holds ~500 parcels. Sets
# VIEWPORT_ANCHORS ("lon lat lon lat …"), VIEWPORT_W and VIEWPORT_H (degrees).
prepare_viewport_boxes() {
  local county=$1 lat w2 h2 m scale
  local q="psql $BENCH_PGURI -v ON_ERROR_STOP=1 -qAt"
  $q -c "DROP TABLE IF EXISTS bench_anchor" -c "SELECT setseed(0.42)" \
     -c "CREATE UNLOGGED TABLE bench_anchor AS SELECT row_number() OVER () AS id, ST_X(p) AS x, ST_Y(p) AS y
         FROM (SELECT ST_PointOnSurface(geom) AS p FROM land_parcel WHERE county_code = '$county' ORDER BY random() LIMIT 200) s" \
     -c "ALTER TABLE bench_anchor ADD PRIMARY KEY (id)" >/dev/null
  VIEWPORT_ANCHORS=$($q -F ' ' -c "SELECT x, y FROM bench_anchor ORDER BY id" | paste -sd ' ')
  lat=$($q -c "SELECT avg(y) FROM bench_anchor")
  w2=$(awk -v l="$lat" 'BEGIN {printf "%.7f", 2000 / (111320 * cos(l * 3.14159265 / 180))}')
  h2=$(awk 'BEGIN {printf "%.7f", 2000 / 110574}')
  m=$($q -c "SELECT setseed(0.7)" -c "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY n) FROM (
      SELECT (SELECT count(*) FROM land_parcel t WHERE t.geom && ST_MakeEnvelope(x0, y0, x0 + $w2, y0 + $h2, 4490)) AS n
      FROM (SELECT x - random() * $w2 AS x0, y - random() * $h2 AS y0 FROM bench_anchor WHERE id <= 60) a) s" | tail -1)
  scale=$(awk -v m="$m" 'BEGIN {printf "%.4f", sqrt(500 / (m > 0 ? m : 1))}')
  VIEWPORT_W=$(awk -v a="$w2" -v s="$scale" 'BEGIN {printf "%.7f", a * s}')
  VIEWPORT_H=$(awk -v a="$h2" -v s="$scale" 'BEGIN {printf "%.7f", a * s}')
  VIEWPORT_SCALE=$scale
}

# Median of the numbers on stdin ("null" when none).
median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) {print "null"} else if (NR % 2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }

# Warms the service for the viewport query (wrk script bench/wrk/viewport.lua, environment ANCHORS, BOX_W, BOX_H,
# QUERY and optionally TOKEN) until its JIT has settled. On two cores shared with the load the one C2 compiler
# thread gets a small share of the CPU, and the request path needs minutes of load before it is compiled (a 5 s
# warm-up measured a half-compiled service at 0.35x of its steady throughput). So: 30 s at 2 clients, which
# leaves the compiler room, then 15 s rounds at CLIENTS until at least four rounds have run and the last two
# agree within 3 % (at most 16). The rounds go to FILE ("round rps" per line).
warm_viewport() { warm_wrk viewport.lua "$1" "$2" "$3" 16; }

# The same for the fixed request set of bench/wrk/bodies.lua (environment BODIES), at most 12 rounds.
warm_bodies() { warm_wrk bodies.lua "$1" "$2" "$3" 12; }

# warm_wrk SCRIPT BASE CLIENTS FILE MAX_ROUNDS: the warm-up both of the above describe, with bench/wrk/SCRIPT.
warm_wrk() {
  local script=$BENCH_PROJECT/bench/wrk/$1 base=$2 clients=$3 file=$4 max=$5 round r previous=0
  wrk -t1 -c2 -d30s -s "$script" "$base" >/dev/null
  : >"$file"
  for round in $(seq 1 "$max"); do
    r=$(wrk -t2 -c"$clients" -d15s -s "$script" "$base" | grep '^RESULT' | grep -oE 'rps=[0-9.]+' | cut -d= -f2)
    echo "$round $r" >>"$file"
    if [ "$round" -ge 4 ] && awk -v a="$r" -v b="$previous" 'BEGIN {d = a - b; if (d < 0) d = -d; exit !(d < 0.03 * a)}'; then break; fi
    previous=$r
  done
}

# A staff account of COUNTY with an API token, made the way an administrator would: through the set-up token the
# service prints when its database has no administrator yet (a bench-admin of an earlier run is removed first), or
# LANDATLAS_BENCH_ADMIN / LANDATLAS_BENCH_ADMIN_PASSWORD. staff_token DIR BASE COUNTY NAME (DIR holds service.log)
# sets STAFF_TOKEN and STAFF_NAME.
staff_token() {
  local dir=$1 base=$2 county=$3 name=$4 cookies="$1/cookies.txt" setup t account_id
  local admin_user=${LANDATLAS_BENCH_ADMIN:-bench-admin} admin_password=${LANDATLAS_BENCH_ADMIN_PASSWORD:-}
  csrf() { curl -s -c "$cookies" -b "$cookies" "$base/auth/session" | sed -n 's/.*"csrfToken":"\([^"]*\)".*/\1/p'; }
  if [ "$(curl -s "$base/auth/session" | grep -o '"setupRequired":true')" != "" ]; then
    setup=$(grep -o '"token": "[^"]*"' "$dir/service.log" | tail -1 | sed 's/"token": "\(.*\)"/\1/')
    [ -n "$setup" ] || { echo "bench: ERROR: no set-up token in $dir/service.log" >&2; return 1; }
    admin_user=bench-admin admin_password="Load-test-pw-$(date +%s)"
    t=$(csrf)
    curl -sf -c "$cookies" -b "$cookies" -H "X-XSRF-TOKEN: $t" -H 'Content-Type: application/json' "$base/auth/setup" \
      -d "{\"token\":\"$setup\",\"username\":\"$admin_user\",\"password\":\"$admin_password\"}" >"$dir/setup.json" \
      || { echo "bench: ERROR: set-up failed: $(cat "$dir/setup.json")" >&2; return 1; }
  elif [ -z "$admin_password" ]; then
    echo "bench: ERROR: the bench database has an administrator; set LANDATLAS_BENCH_ADMIN and LANDATLAS_BENCH_ADMIN_PASSWORD" >&2
    return 1
  fi
  t=$(csrf)
  curl -s -c "$cookies" -b "$cookies" -H "X-XSRF-TOKEN: $t" -H 'Content-Type: application/json' "$base/auth/login" \
    -d "{\"username\":\"$admin_user\",\"password\":\"$admin_password\"}" | grep -q '"signedIn":true' \
    || { echo "bench: ERROR: administrator sign-in failed" >&2; return 1; }
  t=$(csrf)
  STAFF_NAME="bench-staff-$(date +%s)"
  account_id=$(curl -s -c "$cookies" -b "$cookies" -H "X-XSRF-TOKEN: $t" -H 'Content-Type: application/json' "$base/graphql" \
    -d "{\"query\":\"mutation { createAccount(input: { username: \\\"$STAFF_NAME\\\", role: STAFF, counties: [\\\"$county\\\"] }) { id } }\"}" \
    | sed -n 's/.*"id":"\([0-9]*\)".*/\1/p')
  [ -n "$account_id" ] || return 1
  STAFF_TOKEN=$(curl -s -c "$cookies" -b "$cookies" -H "X-XSRF-TOKEN: $t" -H 'Content-Type: application/json' "$base/graphql" \
    -d "{\"query\":\"mutation { createApiToken(accountId: \\\"$account_id\\\", name: \\\"$name\\\") { secret } }\"}" \
    | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p')
  [ -n "$STAFF_TOKEN" ]
}
