#!/usr/bin/env bash
# Runs LandAtlas on http://localhost:8080 with the demo counties loaded; `scripts/run.sh import|export|imports|commit|cancel …`
# are command-line doors to a running service (scripts/run.sh help).
# On a fresh machine it provisions everything first: PostgreSQL 15 + PostGIS packages, a private database
# cluster under .data/ (unless LANDATLAS_DB_URL points at an existing PostGIS) and the build of the jar.
# Ctrl-C stops the service and the private cluster it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

port=${LANDATLAS_PORT:-8080}
say() { echo "landatlas: $*" >&2; }

# Subcommands for scripted loads and exports talk to a running service (scripts/cli.mjs; `scripts/run.sh help`).
case "${1:-}" in
  import|export|imports|commit|cancel|help)
    command -v node >/dev/null || { say "Node.js 20 is required (Debian: apt-get install nodejs)"; exit 1; }
    [ "$1" = help ] && set -- --help
    LANDATLAS_URL=${LANDATLAS_URL:-http://localhost:$port} exec node scripts/cli.mjs "$@" ;;
esac

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A second start while one runs: reuse the running service instead of fighting over the port and the data.
if port_in_use "$port"; then
  if curl -fsS --max-time 3 "http://127.0.0.1:$port/actuator/info" 2>/dev/null | grep -q '"landatlas"'; then
    say "LandAtlas is already running at http://localhost:$port — reusing it."
    exit 0
  fi
  if [ -n "${LANDATLAS_PORT:-}" ]; then
    say "port $port (LANDATLAS_PORT) is taken by another program; choose another port."
    exit 1
  fi
  old=$port
  while port_in_use "$port"; do port=$((port + 1)); done
  say "port $old is taken by another program; using port $port instead."
fi

command -v java >/dev/null || { say "Java 17 is required (Debian: apt-get install openjdk-17-jdk-headless)"; exit 1; }
command -v mvn >/dev/null || { say "Maven is required (Debian: apt-get install maven)"; exit 1; }

# Imports run GDAL's tools (ogr2ogr, ogrinfo).
scripts/gdal.sh >/dev/null || exit 1

started_cluster=0
if [ -z "${LANDATLAS_DB_URL:-}" ]; then
  scripts/postgis-cluster.sh status >/dev/null 2>&1 || started_cluster=1
  scripts/postgis-cluster.sh createdb landatlas
  eval "$(scripts/postgis-cluster.sh env landatlas)"
fi

jar=target/landatlas.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src graphql-schema gis-data web-map -newer "$jar" -type f 2>/dev/null | grep -v node_modules | head -1)" ]; then
  say "building $jar"
  mvn -q -B -ntp -DskipTests package
fi

cleanup() {
  if [ "$started_cluster" = 1 ]; then scripts/postgis-cluster.sh stop || true; fi
}
trap cleanup EXIT

say "starting on http://localhost:$port (first start loads the demo counties)"
LANDATLAS_PORT=$port java ${LANDATLAS_JAVA_OPTS:--Xmx2g} -jar "$jar" "$@" &
service=$!
# Ctrl-C, or a signal to this script alone (kill, a service manager), shuts the service down gracefully;
# the EXIT trap then stops the cluster this script started.
trap 'kill -TERM "$service" 2>/dev/null' INT TERM
status=0
while kill -0 "$service" 2>/dev/null; do
  wait "$service" && status=0 || status=$?
done
exit "$status"
