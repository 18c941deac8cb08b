#!/usr/bin/env bash
# Backs up a LandAtlas database with pg_dump in custom format (compressed, restorable table by table and in
# parallel by scripts/restore.sh), into a file only its owner can read: the database holds personal data.
#
#   scripts/backup.sh [DB]      DB of the private cluster (default landatlas), started if it is not running
#
# An external PostgreSQL: set LANDATLAS_DB_URL (jdbc:postgresql://host:port/db), LANDATLAS_DB_USER and
# LANDATLAS_DB_PASSWORD as for the service; DB is then ignored.
#
#   LANDATLAS_BACKUP_DIR    where dumps go (default .data/backups); created with mode 0700
#   LANDATLAS_BACKUP_KEEP   how many dumps of this database to keep, the oldest are deleted (default 14)
#
# Each dump is written as NAME.partial and renamed when complete, with a NAME.sha256 beside it that restore.sh
# checks: a killed backup leaves no file that looks complete. Prints the dump's path on stdout.
# Why pg_dump and not pgBackRest: see README, "Backups".
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(cd "$here/.." && pwd)
say() { echo "backup: $*" >&2; }
die() { echo "backup: ERROR: $*" >&2; exit 1; }

pg_bin=/usr/lib/postgresql/15/bin
[ -x "$pg_bin/pg_dump" ] || pg_bin=$(dirname "$(command -v pg_dump 2>/dev/null || echo /nonexistent/pg_dump)")
[ -x "$pg_bin/pg_dump" ] || die "pg_dump is not installed (Debian: apt-get install postgresql-client-15)"

started_cluster=0
if [ -z "${LANDATLAS_DB_URL:-}" ]; then
  db=${1:-landatlas}
  "$here/postgis-cluster.sh" status >/dev/null 2>&1 || { started_cluster=1; "$here/postgis-cluster.sh" start >/dev/null; }
  eval "$("$here/postgis-cluster.sh" env "$db")"
fi
cleanup() {
  rm -f "${partial:-}"
  if [ "$started_cluster" = 1 ]; then "$here/postgis-cluster.sh" stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# jdbc:postgresql://host:port/db?params → libpq's environment (the password never on a command line).
hostportdb=${LANDATLAS_DB_URL#jdbc:postgresql://}
hostportdb=${hostportdb%%\?*}
[ "$hostportdb" != "$LANDATLAS_DB_URL" ] || die "LANDATLAS_DB_URL must look like jdbc:postgresql://host:port/db, not $LANDATLAS_DB_URL"
export PGHOST=${hostportdb%%[:/]*}
port_db=${hostportdb#"$PGHOST"}
if [[ "$port_db" == :* ]]; then port_db=${port_db#:}; export PGPORT=${port_db%%/*}; fi
export PGDATABASE=${hostportdb#*/}
export PGUSER=${LANDATLAS_DB_USER:-landatlas}
export PGPASSWORD=${LANDATLAS_DB_PASSWORD:-}

dir=${LANDATLAS_BACKUP_DIR:-$project/.data/backups}
keep=${LANDATLAS_BACKUP_KEEP:-14}
[[ "$keep" =~ ^[1-9][0-9]*$ ]] || die "LANDATLAS_BACKUP_KEEP must be a whole number ≥ 1, not '$keep'"
umask 077
mkdir -p "$dir" && chmod 700 "$dir"

name=landatlas-$PGDATABASE-$(date -u +%Y%m%dT%H%M%SZ).dump
partial=$dir/$name.partial
say "dumping $PGDATABASE on $PGHOST:${PGPORT:-5432} to $dir/$name"
start=$(date +%s)
# --no-owner/--no-privileges: the dump restores into any server under the restoring role (an external server's
# roles differ from the private cluster's). Compression 6: the geometry columns compress about 3:1.
"$pg_bin/pg_dump" --format=custom --compress=6 --no-owner --no-privileges --file="$partial" \
  || die "pg_dump failed; nothing was kept"
"$pg_bin/pg_restore" --list "$partial" >/dev/null || die "the dump cannot be read back; nothing was kept"
(cd "$dir" && sha256sum "$name.partial" | sed "s/\.partial\$//" > "$name.sha256.partial" && mv "$name.sha256.partial" "$name.sha256")
mv "$partial" "$dir/$name"
partial=
say "done in $(( $(date +%s) - start )) s, $(du -h "$dir/$name" | cut -f1)"

# Retention: the newest $keep dumps of this database stay.
ls -1 "$dir"/landatlas-"$PGDATABASE"-*.dump 2>/dev/null | sort -r | tail -n +"$((keep + 1))" | while read -r old; do
  say "removing old dump $(basename "$old")"
  rm -f "$old" "$old.sha256"
done
echo "$dir/$name"
