#!/usr/bin/env bash
# Builds the static web assets into target/classes/static; called by Maven (generate-resources).
# Installs npm packages only when the lockfile changed, and skips the build when nothing changed since the last one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
out=${LANDATLAS_STATIC_OUT:-../target/classes/static}
stamp=$out/.web-map-build

command -v node >/dev/null || { echo "web-map: Node.js 20 is required (Debian: apt-get install nodejs npm)" >&2; exit 1; }
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "web-map: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
# ../gis-data/land-class-groups.json is imported by the map, so it counts as a source too.
if [ -f "$stamp" ] && [ -z "$(find . ../gis-data/land-class-groups.json -path ./node_modules -prune -o -type f -newer "$stamp" -print | head -1)" ]; then
  echo "web-map: up to date"
  exit 0
fi
npm run --silent build -- --logLevel warn
mkdir -p "$out" && touch "$stamp"
