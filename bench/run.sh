#!/usr/bin/env bash
# LandAtlas bench runner.
#
#   bench/run.sh [PROFILE] [BENCH...]
#
# PROFILE   a demo-data profile of gis-data/profiles/ (default bench-200k): bench-200k, bench-1m, demo, mini.
# BENCH     names of bench/benches/<name>.sh to run (default: all of them, in name order); 'none' only prepares.
#
# Steps: (a) ensure the private PostGIS cluster (scripts/postgis-cluster.sh) and a dedicated database for the
# profile (landatlas_bench_200k, landatlas_bench_1m, landatlas_bench_demo, ...) unless LANDATLAS_BENCH_DB_URL
# points at an existing PostGIS; (b) build target/landatlas.jar when missing (benches run a copy of it);
# (c) load the profile into that database with the jar (it skips a profile that is loaded already);
# (d) run the benches, each with BENCH_DB_URL, BENCH_DB_USER, BENCH_DB_PASSWORD, BENCH_PGURI, BENCH_PROFILE,
# BENCH_OUT (bench/out/<timestamp>-<profile>/), BENCH_JAR, BENCH_PROJECT, BENCH_CLUSTER (private|external).
#
# Environment:
#   LANDATLAS_BENCH_DB_URL       jdbc:postgresql://host:port/db of an existing PostGIS (skips the private cluster)
#   LANDATLAS_BENCH_DB_USER      its user (default landatlas); LANDATLAS_BENCH_DB_PASSWORD its password
#   LANDATLAS_BENCH_JAVA_OPTS    JVM options for loads (default -Xmx6g; -Xmx8g for bench-1m)
#   LANDATLAS_BENCH_LOAD_TIMEOUT seconds allowed for the profile load (default 1800)
#   LANDATLAS_BENCH_TIMEOUT      seconds allowed per bench script (default 1800)
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$bench_dir/lib.sh"
project=$(cd "$bench_dir/.." && pwd)
cd "$project"

say() { echo "bench: $*" >&2; }
die() { echo "bench: ERROR: $*" >&2; exit 1; }

profile=${1:-bench-200k}
[ $# -gt 0 ] && shift
[ -f "gis-data/profiles/$profile.json" ] \
  || die "unknown profile '$profile'; choose one of: $(cd gis-data/profiles && ls *.json | sed 's/\.json$//' | tr '\n' ' ')"

# Benches to run.
benches=()
if [ $# -eq 0 ]; then
  for f in "$bench_dir"/benches/*.sh; do benches+=("$(basename "$f" .sh)"); done
elif [ "$*" != none ]; then
  for b in "$@"; do
    b=${b%.sh}
    [ -f "$bench_dir/benches/$b.sh" ] \
      || die "unknown bench '$b'; available: $(cd "$bench_dir/benches" && ls *.sh | sed 's/\.sh$//' | tr '\n' ' ')"
    benches+=("$b")
  done
fi

# Tools.
command -v java >/dev/null || die "Java 17 is required (Debian: apt-get install openjdk-17-jdk-headless)"
for t in psql pgbench curl jq timeout; do
  command -v "$t" >/dev/null || die "'$t' is required (Debian: apt-get install postgresql-client curl jq coreutils)"
done
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    say "installing wrk (HTTP load generator for the API benches)"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-cache policy wrk 2>/dev/null | grep -q 'Candidate: [0-9]'; then apt-get update -qq || true; fi
    apt-get install -y -qq --no-install-recommends wrk >/dev/null || say "WARNING: could not install wrk; run as root: apt-get install -y wrk"
  else
    say "WARNING: wrk is missing (HTTP benches need it); run as root: apt-get install -y wrk"
  fi
fi

# (a) Database.
case "$profile" in
  bench-200k) db=landatlas_bench_200k ;;
  bench-1m)   db=landatlas_bench_1m ;;
  demo)       db=landatlas_bench_demo ;;
  *)          db=landatlas_bench_${profile//-/_} ;;
esac

if [ -n "${LANDATLAS_BENCH_DB_URL:-}" ]; then
  cluster=external
  db_url=$LANDATLAS_BENCH_DB_URL
  db_user=${LANDATLAS_BENCH_DB_USER:-landatlas}
  db_password=${LANDATLAS_BENCH_DB_PASSWORD:-}
  say "using the database at $db_url (LANDATLAS_BENCH_DB_URL)"
else
  cluster=private
  say "ensuring the private PostGIS cluster and database $db"
  scripts/postgis-cluster.sh createdb "$db" 2>&1 | { grep -v "^NOTICE:" || true; } >&2
  eval "$(scripts/postgis-cluster.sh env "$db")"
  db_url=$LANDATLAS_DB_URL
  db_user=$LANDATLAS_DB_USER
  db_password=$LANDATLAS_DB_PASSWORD
fi

# jdbc:postgresql://host:port/db?params -> postgresql://user:password@host:port/db (libpq URI for psql/pgbench).
hostportdb=${db_url#jdbc:postgresql://}
hostportdb=${hostportdb%%\?*}
[ "$hostportdb" != "$db_url" ] || die "LANDATLAS_BENCH_DB_URL must look like jdbc:postgresql://host:port/db"
urlenc() { jq -rn --arg s "$1" '$s|@uri'; }
userinfo=$(urlenc "$db_user")
[ -n "$db_password" ] && userinfo="$userinfo:$(urlenc "$db_password")"
pguri="postgresql://$userinfo@$hostportdb"
psql "$pguri" -qAt -c "SELECT postgis_full_version()" >/dev/null 2>&1 \
  || die "cannot reach PostGIS at postgresql://$db_user@$hostportdb (is PostGIS installed in that database?)"

# (b) Jar. Built only when missing; a jar older than the sources is used as it is (with a warning), since the
# sources may be mid-edit. Rebuild it yourself first when the bench should measure the current code.
jar=target/landatlas.jar
if [ ! -f "$jar" ]; then
  say "building $jar (mvn -q -B -ntp -DskipTests package)"
  command -v mvn >/dev/null || die "Maven is required to build the jar (Debian: apt-get install maven)"
  mvn -q -B -ntp -DskipTests package || die "build failed; run: mvn -B -ntp -DskipTests package"
elif [ -n "$(find pom.xml src/main -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
  say "WARNING: $jar is older than the sources; benching it as it is (rebuild: mvn -q -B -ntp -DskipTests package)"
fi

# Output folder.
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=$bench_dir/out/$stamp-$profile
mkdir -p "$out"
# Bench a private copy of the jar: a rebuild of target/ during the run must not pull it from under the JVMs,
# and a name without "landatlas.jar" keeps a `pkill -f landatlas.jar` aimed at a dev instance off the benches.
cp "$jar" "$out/bench-app.jar"
trap 'rm -f "$out/bench-app.jar"' EXIT
jar_sha=$(sha256sum "$jar" | cut -c1-12)
echo "jar $jar sha256 $jar_sha built $(date -u -r "$jar" +%FT%TZ); git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$([ -z "$(git status --porcelain -- src pom.xml 2>/dev/null)" ] || echo ' (+ uncommitted changes in src/pom.xml)')" >"$out/jar.txt"
say "$(cat "$out/jar.txt")"
jar=$out/bench-app.jar

# (c) Load the profile (the jar skips it when the same profile, seed and generator version is loaded).
if [ "$profile" = bench-1m ]; then java_opts=${LANDATLAS_BENCH_JAVA_OPTS:--Xmx8g}; else java_opts=${LANDATLAS_BENCH_JAVA_OPTS:--Xmx6g}; fi
load_timeout=${LANDATLAS_BENCH_LOAD_TIMEOUT:-1800}
say "loading profile $profile into $db_url (skipped when loaded; limit ${load_timeout}s; log $out/load.log)"
load_busy=$(wait_quiet)
t0=$(date +%s%N)
set +e
LANDATLAS_DB_URL=$db_url LANDATLAS_DB_USER=$db_user LANDATLAS_DB_PASSWORD=$db_password \
LANDATLAS_DEMO_PROFILE=$profile LANDATLAS_DEMO_EXIT_AFTER_LOAD=true \
  timeout --kill-after=30 "$load_timeout" java $java_opts -jar "$jar" --spring.main.web-application-type=none >"$out/load.log" 2>&1
rc=$?
set -e
wall_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
if [ $rc -ne 0 ]; then
  tail -n 30 "$out/load.log" >&2
  [ $rc -eq 124 ] && die "loading $profile took longer than ${load_timeout}s (LANDATLAS_BENCH_LOAD_TIMEOUT)"
  [ $rc -eq 143 ] || [ $rc -eq 137 ] && die "the loader was killed by a signal (exit $rc) from outside the bench; see $out/load.log"
  die "loading $profile failed (exit $rc); see $out/load.log"
fi
if grep -q "Loaded demo profile" "$out/load.log"; then
  grep -oE "Generated demo profile .* in [0-9]+ ms" "$out/load.log" | sed 's/^/bench:   /' >&2 || true
  grep -oE "Loaded demo profile '[^']*' in [0-9]+ ms" "$out/load.log" | sed 's/^/bench:   /' >&2 || true
  say "  process wall time ${wall_ms} ms (CPUs ${load_busy}% busy before)"
elif grep -q "is already loaded" "$out/load.log"; then
  say "  already loaded; nothing to do (${wall_ms} ms)"
else
  tail -n 20 "$out/load.log" >&2
  die "the jar exited without loading $profile; see $out/load.log"
fi
psql "$pguri" -qAt -F ' ' -c "SELECT 'bench:   dataset_load:', profile, parcel_count, 'parcels,', duration_ms, 'ms, at', loaded_at FROM dataset_load ORDER BY id DESC LIMIT 1" >&2

[ ${#benches[@]} -gt 0 ] || { say "prepared $profile in $db_url; no benches requested"; exit 0; }

# (d) Benches.
busy=$(cpu_busy_pct 2)
[ "$busy" != null ] && [ "$busy" -ge 25 ] && say "WARNING: the CPUs are ${busy}% busy (other work, or autovacuum after a load); figures may be noisy (each measurement waits up to ${BENCH_QUIET_WAIT:-60}s for quiet)"
export BENCH_DB_URL=$db_url BENCH_DB_USER=$db_user BENCH_DB_PASSWORD=$db_password BENCH_PGURI=$pguri
export BENCH_PROFILE=$profile BENCH_OUT=$out BENCH_JAR=$jar BENCH_PROJECT=$project BENCH_CLUSTER=$cluster
bench_timeout=${LANDATLAS_BENCH_TIMEOUT:-1800}
failed=()
for b in "${benches[@]}"; do
  say "=== $b (limit ${bench_timeout}s) ==="
  set +e
  timeout --kill-after=30 "$bench_timeout" bash "$bench_dir/benches/$b.sh" 2>&1 | tee "$out/$b.out"
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" -ne 0 ]; then
    [ "$rc" -eq 124 ] && say "$b exceeded ${bench_timeout}s (LANDATLAS_BENCH_TIMEOUT)" || say "$b failed (exit $rc)"
    failed+=("$b")
  fi
done
say "results in ${out#$project/}"
[ ${#failed[@]} -eq 0 ] || die "failed benches: ${failed[*]}"
