#!/usr/bin/env bash
# GDAL's command-line tools (ogr2ogr, ogrinfo: Debian's gdal-bin) for LandAtlas's imports and exports: installs
# them when missing (as root, or with password-less sudo), otherwise says what to run. Prints the GDAL version.
set -euo pipefail
note() { echo "gdal: $*" >&2; }
die() { echo "gdal: ERROR: $*" >&2; exit 1; }

if ! command -v ogr2ogr >/dev/null 2>&1 || ! command -v ogrinfo >/dev/null 2>&1; then
  cmd="apt-get install -y --no-install-recommends gdal-bin"
  note "installing GDAL's tools (gdal-bin: ogr2ogr, ogrinfo) for imports and exports"
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    # A fresh machine has no package lists yet; refresh them once when the candidate is unknown.
    apt-cache policy gdal-bin 2>/dev/null | grep -q 'Candidate: [0-9]' || apt-get update -qq || die "apt-get update failed; run: apt-get update && $cmd"
    apt-get install -y -qq --no-install-recommends gdal-bin >/dev/null || die "package install failed; run as root: $cmd"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    sudo -n apt-get update -qq || true
    sudo -n apt-get install -y -qq --no-install-recommends gdal-bin >/dev/null || die "package install failed; run: sudo $cmd"
  else
    die "GDAL's tools are not installed and this user cannot install them. Run as root: apt-get update && $cmd"
  fi
  command -v ogr2ogr >/dev/null 2>&1 || die "ogr2ogr is still missing after installing gdal-bin"
fi
ogrinfo --version
