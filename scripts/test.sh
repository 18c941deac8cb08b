#!/usr/bin/env bash
# Runs every test of LandAtlas against real PostgreSQL + PostGIS: Testcontainers when a Docker engine answers,
# otherwise the private cluster under .data/ (provisioned here, packages included), or LANDATLAS_TEST_DB_URL.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
say() { echo "landatlas-test: $*" >&2; }

command -v java >/dev/null || { say "Java 17 is required (Debian: apt-get install openjdk-17-jdk-headless)"; exit 1; }
command -v mvn >/dev/null || { say "Maven is required (Debian: apt-get install maven)"; exit 1; }

# The web map is tested in real headless Chromium (Debian's package; npm browser downloads are not possible here).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    say "installing chromium for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]' || apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium >/dev/null || { say "could not install chromium; run: apt-get install chromium"; exit 1; }
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n apt-get install -y -qq --no-install-recommends chromium >/dev/null || { say "could not install chromium; run: sudo apt-get install chromium"; exit 1; }
  else
    say "Chromium is needed for the browser tests and this user cannot install it. Run as root: apt-get install chromium"
    exit 1
  fi
fi
command -v node >/dev/null || { say "Node.js 20 is required (Debian: apt-get install nodejs npm)"; exit 1; }

# Imports run GDAL's tools (ogr2ogr, ogrinfo).
scripts/gdal.sh >/dev/null || exit 1

started_cluster=0
if [ -z "${LANDATLAS_TEST_DB_URL:-}" ] && ! docker info >/dev/null 2>&1; then
  scripts/postgis-cluster.sh status >/dev/null 2>&1 || started_cluster=1
  scripts/postgis-cluster.sh createdb landatlas_test
  eval "$(scripts/postgis-cluster.sh env landatlas_test | sed 's/LANDATLAS_DB_/LANDATLAS_TEST_DB_/')"
fi
cleanup() {
  if [ "$started_cluster" = 1 ]; then scripts/postgis-cluster.sh stop || true; fi
}
trap cleanup EXIT

mvn -B -ntp verify "$@"
