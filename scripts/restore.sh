#!/usr/bin/env bash
# Restores a dump of scripts/backup.sh, all or nothing: the dump is checked against its .sha256, restored into a
# new database beside the target, and only when every object and row is in does it take the target's name (both
# renames in one transaction). A failed or killed restore leaves the target as it was.
#
#   scripts/restore.sh DUMP [DB] [--replace]
#
# DB is a database of the private cluster (default landatlas), started if it is not running; with LANDATLAS_DB_URL
# (and _USER, _PASSWORD) the database of that URL on an external server. The role needs CREATEDB (and the right
# to create the postgis extensions). A DB that exists is replaced only with --replace; stop the service first —
# sessions still connected to it are ended. The replaced database is dropped once the new one has its name.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
say() { echo "restore: $*" >&2; }
die() { echo "restore: ERROR: $*" >&2; exit 1; }

replace=0
args=()
for a in "$@"; do
  case "$a" in
    --replace) replace=1 ;;
    -*) die "unknown option $a (usage: $0 DUMP [DB] [--replace])" ;;
    *) args+=("$a") ;;
  esac
done
[ ${#args[@]} -ge 1 ] && [ ${#args[@]} -le 2 ] || die "usage: $0 DUMP [DB] [--replace]"
dump=${args[0]}
[ -f "$dump" ] || die "no dump at $dump"

pg_bin=/usr/lib/postgresql/15/bin
[ -x "$pg_bin/pg_restore" ] || pg_bin=$(dirname "$(command -v pg_restore 2>/dev/null || echo /nonexistent/pg_restore)")
[ -x "$pg_bin/pg_restore" ] || die "pg_restore is not installed (Debian: apt-get install postgresql-client-15)"

# The dump is what backup.sh wrote: its checksum matches and pg_restore can read its table of contents.
if [ -f "$dump.sha256" ]; then
  expected=$(cut -d' ' -f1 "$dump.sha256")
  actual=$(sha256sum "$dump" | cut -d' ' -f1)
  [ "$expected" = "$actual" ] || die "$dump does not match its checksum $dump.sha256 (damaged or incomplete); nothing was changed"
else
  say "warning: no $dump.sha256 beside the dump; only its table of contents is checked"
fi
"$pg_bin/pg_restore" --list "$dump" >/dev/null 2>&1 || die "$dump is not a pg_dump custom-format archive; nothing was changed"

started_cluster=0
if [ -z "${LANDATLAS_DB_URL:-}" ]; then
  db=${args[1]:-landatlas}
  "$here/postgis-cluster.sh" status >/dev/null 2>&1 || { started_cluster=1; "$here/postgis-cluster.sh" start >/dev/null; }
  eval "$("$here/postgis-cluster.sh" env "$db")"
fi
hostportdb=${LANDATLAS_DB_URL#jdbc:postgresql://}
hostportdb=${hostportdb%%\?*}
[ "$hostportdb" != "$LANDATLAS_DB_URL" ] || die "LANDATLAS_DB_URL must look like jdbc:postgresql://host:port/db, not $LANDATLAS_DB_URL"
export PGHOST=${hostportdb%%[:/]*}
port_db=${hostportdb#"$PGHOST"}
if [[ "$port_db" == :* ]]; then port_db=${port_db#:}; export PGPORT=${port_db%%/*}; fi
target=${hostportdb#*/}
export PGUSER=${LANDATLAS_DB_USER:-landatlas}
export PGPASSWORD=${LANDATLAS_DB_PASSWORD:-}
export PGOPTIONS="-c client_min_messages=warning"
[[ "$target" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name '$target' must be lower-case letters, digits and _"

staging=${target}_restoring
admin() { "$pg_bin/psql" -X -q -At -v ON_ERROR_STOP=1 -d postgres "$@"; }
exists() { [ "$(admin -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }

cleanup() {
  status=$?
  if [ "$status" != 0 ] && exists "$staging" 2>/dev/null; then
    admin -c "DROP DATABASE IF EXISTS $staging WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  if [ "$started_cluster" = 1 ]; then "$here/postgis-cluster.sh" stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

if exists "$target" && [ "$replace" != 1 ]; then
  die "database $target exists; add --replace to replace it (stop the service first)"
fi
# A staging database left by a killed restore is not anybody's data.
admin -c "DROP DATABASE IF EXISTS $staging WITH (FORCE)" >/dev/null
admin -c "CREATE DATABASE $staging TEMPLATE template0 ENCODING 'UTF8'" >/dev/null
say "restoring $(basename "$dump") into $staging"
start=$(date +%s)
"$pg_bin/pg_restore" --exit-on-error --no-owner --no-privileges --jobs=2 -d "$staging" "$dump" \
  || die "pg_restore failed; $target was not changed"

if exists "$target"; then
  old=${target}_replaced
  admin -c "DROP DATABASE IF EXISTS $old WITH (FORCE)" >/dev/null
  # End the sessions on the target, then swap the names in one transaction.
  admin -c "ALTER DATABASE $target WITH ALLOW_CONNECTIONS false" >/dev/null
  admin -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$target' AND pid <> pg_backend_pid()" >/dev/null
  if ! admin -1 -c "ALTER DATABASE $target RENAME TO $old" -c "ALTER DATABASE $staging RENAME TO $target" >/dev/null; then
    admin -c "ALTER DATABASE $target WITH ALLOW_CONNECTIONS true" >/dev/null || true
    die "could not swap $staging in for $target; $target was not changed"
  fi
  admin -c "DROP DATABASE $old WITH (FORCE)" >/dev/null
else
  admin -c "ALTER DATABASE $staging RENAME TO $target" >/dev/null
fi
say "restored $target in $(( $(date +%s) - start )) s"
