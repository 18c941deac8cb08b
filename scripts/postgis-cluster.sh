#!/usr/bin/env bash
# Private PostgreSQL 15 + PostGIS cluster for LandAtlas: installs the Debian packages when missing, initdb's a
# cluster under .data/postgres (ignored by git), starts it on a free loopback port and creates databases with
# the postgis and postgis_raster extensions. Data persists between runs; a running cluster is reused.
#
# Access: listening on 127.0.0.1 only, and every connection (TCP and Unix socket) authenticates with SCRAM-SHA-256
# as role landatlas, whose password is a generated secret kept in the data folder (landatlas.secret, mode 0600,
# readable by the cluster's owner and root only); `env` prints it for the service and the tests. A cluster made by
# an earlier version of this script (trust on loopback) is upgraded in place on its next start: data stays.
#
#   scripts/postgis-cluster.sh start            ensure installed + initialised + running; prints the port
#   scripts/postgis-cluster.sh createdb NAME    ensure running, then ensure database NAME with extensions
#   scripts/postgis-cluster.sh stop             fast, clean shutdown
#   scripts/postgis-cluster.sh status           running or not, port, data folder
#   scripts/postgis-cluster.sh env [NAME]       prints LANDATLAS_DB_* export lines for database NAME
#   scripts/postgis-cluster.sh psql [NAME] ...  psql against the cluster
#   scripts/postgis-cluster.sh replica start|stop|status|env [NAME]|psql [NAME] ...
#                                               a streaming replica (hot standby) of the cluster under .data/replica,
#                                               made with pg_basebackup -R on first start, on its own loopback port
#
# LANDATLAS_DATA_DIR moves the data folder; LANDATLAS_PG_PORT asks for a specific port.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(cd "$here/.." && pwd)
data_root=${LANDATLAS_DATA_DIR:-$project/.data}
pgdata=$data_root/postgres
sockdir=$pgdata/socket
portfile=$pgdata/landatlas.port
secretfile=$pgdata/landatlas.secret
logfile=$data_root/postgres.log
pg_user=landatlas
pg_version=15
pg_bin=/usr/lib/postgresql/$pg_version/bin

die() { echo "postgis-cluster: $*" >&2; exit 1; }
note() { echo "postgis-cluster: $*" >&2; }

# Run a command as the cluster's OS user: postgres refuses to run as root, so root uses the postgres account.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    # runuser keeps no tty requirements and needs no password, unlike su/sudo.
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

packages_missing() {
  local missing=()
  [ -x "$pg_bin/initdb" ] || missing+=("postgresql-$pg_version")
  [ -f "/usr/share/postgresql/$pg_version/extension/postgis.control" ] || missing+=("postgresql-$pg_version-postgis-3")
  [ -f "/usr/share/postgresql/$pg_version/extension/postgis_raster.control" ] || missing+=("postgresql-$pg_version-postgis-3")
  command -v shp2pgsql >/dev/null 2>&1 || missing+=("postgis")
  printf '%s\n' "${missing[@]}" | sort -u | grep -v '^$' || true
}

install_packages() {
  local missing
  missing=$(packages_missing | tr '\n' ' ')
  [ -z "${missing// /}" ] && return 0
  local cmd="apt-get install -y --no-install-recommends $missing"
  note "installing missing packages: $missing"
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    # A fresh machine has no package lists yet; refresh them once when the candidate is unknown.
    if ! apt-cache policy postgresql-$pg_version-postgis-3 2>/dev/null | grep -q 'Candidate: [0-9]'; then
      apt-get update -qq || die "apt-get update failed; run: apt-get update && $cmd"
    fi
    apt-get install -y -qq --no-install-recommends $missing >/dev/null || die "package install failed; run as root: $cmd"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    sudo -n apt-get update -qq || true
    sudo -n apt-get install -y -qq --no-install-recommends $missing >/dev/null || die "package install failed; run: sudo $cmd"
  else
    die "PostgreSQL $pg_version + PostGIS 3 are not installed and this user cannot install them.
Run as root:   apt-get update && $cmd
or point LandAtlas at an existing PostGIS with LANDATLAS_DB_URL (see README)."
  fi
  [ -z "$(packages_missing)" ] || die "packages still missing after install: $(packages_missing | tr '\n' ' ')"
}

port_in_use() {
  # bash's /dev/tcp connects only when something listens.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

choose_port() {
  local p=${LANDATLAS_PG_PORT:-55432}
  local tries=0
  while port_in_use "$p"; do
    [ -n "${LANDATLAS_PG_PORT:-}" ] && die "port $p (LANDATLAS_PG_PORT) is taken by another program; choose another"
    p=$((p + 1)); tries=$((tries + 1))
    [ $tries -lt 200 ] || die "no free loopback port between 55432 and $p"
  done
  echo "$p"
}

is_running() {
  [ -f "$pgdata/postmaster.pid" ] || return 1
  as_owner "$pg_bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1
}

# A new secret: 40 characters of [A-Za-z0-9] (no quoting anywhere it travels: env lines, libpq URIs, SQL).
new_secret() {
  local s=
  while [ ${#s} -lt 40 ]; do
    s+=$(head -c 96 /dev/urandom | tr -dc 'A-Za-z0-9' || true)
  done
  echo "${s:0:40}"
}

read_secret() {
  [ -f "$secretfile" ] || die "no secret in $secretfile; run: $0 start"
  as_owner cat "$secretfile"
}

# Writes the secret readable by the cluster's owner only, never visible half-written.
write_secret() {
  as_owner sh -c 'umask 077 && printf "%s\n" "$1" > "$2.tmp" && chmod 600 "$2.tmp" && mv "$2.tmp" "$2"' sh "$1" "$secretfile"
}

init_cluster() {
  [ -f "$pgdata/PG_VERSION" ] && return 0
  note "initialising a private cluster in $pgdata"
  mkdir -p "$pgdata"
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres:postgres "$data_root"
    # postgres must be able to traverse every parent of the data folder.
    local d=$data_root
    while [ "$d" != / ]; do
      d=$(dirname "$d")
      [ -x "$d" ] && runuser -u postgres -- test -x "$d" || chmod o+x "$d"
    done
  fi
  chmod 700 "$pgdata"
  # initdb wants an empty folder: the password goes through a 0600 file beside it, then into the data folder.
  local secret pwfile
  secret=$(new_secret)
  pwfile=$(as_owner mktemp "$data_root/.pwfile.XXXXXX")
  as_owner sh -c 'chmod 600 "$2" && printf "%s\n" "$1" > "$2"' sh "$secret" "$pwfile"
  if ! as_owner "$pg_bin/initdb" -D "$pgdata" -U "$pg_user" --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >/dev/null; then
    rm -f "$pwfile"
    die "initdb failed in $pgdata"
  fi
  rm -f "$pwfile"
  write_secret "$secret"
  as_owner mkdir -p "$sockdir"
  # Loopback only, a password on every line of pg_hba.conf (initdb's --auth): a private development and test store.
  as_owner tee -a "$pgdata/postgresql.conf" >/dev/null <<EOF

# LandAtlas private cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sockdir'
password_encryption = 'scram-sha-256'
max_connections = 120
shared_buffers = 1GB
effective_cache_size = 4GB
work_mem = 32MB
maintenance_work_mem = 512MB
max_wal_size = 4GB
synchronous_commit = off
jit = off
random_page_cost = 1.1
logging_collector = off
EOF
}

# Lines of pg_hba.conf that let a client in without SCRAM: trust, clear-text password or md5.
trusting_lines() {
  as_owner grep -En '^[[:space:]]*[^#[:space:]].*[[:space:]](trust|password|md5)[[:space:]]*$' "$pgdata/pg_hba.conf" || true
}

# An earlier version of this script made clusters that trust every local user. With the cluster running (and still
# trusting), the role gets the secret as its password, then pg_hba.conf asks for it everywhere and is reloaded. Each
# step can be repeated: an upgrade cut short finishes on the next start.
secure_existing() {
  [ -f "$secretfile" ] && [ -z "$(trusting_lines)" ] && return 0
  note "securing the private cluster: SCRAM-SHA-256 password authentication, secret in $secretfile (mode 0600)"
  [ -f "$secretfile" ] || write_secret "$(new_secret)"
  local secret
  secret=$(read_secret)
  PGPASSWORD=$secret as_owner "$pg_bin/psql" -h 127.0.0.1 -p "$(current_port)" -U "$pg_user" -d postgres -v ON_ERROR_STOP=1 -qAt \
    -c "SET password_encryption = 'scram-sha-256'" -c "ALTER ROLE $pg_user PASSWORD '$secret'" >/dev/null \
    || die "could not set the password of role $pg_user; see $logfile"
  as_owner sed -i -E 's/^([[:space:]]*[^#[:space:]].*[[:space:]])(trust|password|md5)[[:space:]]*$/\1scram-sha-256/' "$pgdata/pg_hba.conf"
  if ! as_owner grep -q "^password_encryption = 'scram-sha-256'" "$pgdata/postgresql.conf"; then
    echo "password_encryption = 'scram-sha-256'" | as_owner tee -a "$pgdata/postgresql.conf" >/dev/null
  fi
  as_owner "$pg_bin/pg_ctl" -D "$pgdata" reload >/dev/null || die "could not reload the cluster's configuration"
  [ -z "$(trusting_lines)" ] || die "pg_hba.conf still lets clients in without a password: $(trusting_lines)"
}

start_cluster() {
  install_packages
  init_cluster
  # The log can quote rows of failed statements (personal data): owner only, also for logs of earlier versions.
  if [ -f "$logfile" ]; then chmod 600 "$logfile"; fi
  if is_running; then
    secure_existing
    return 0
  fi
  local port
  port=$(choose_port)
  echo "$port" | as_owner tee "$portfile" >/dev/null
  touch "$logfile" && chmod 600 "$logfile" && { [ "$(id -u)" != 0 ] || chown postgres:postgres "$logfile"; }
  as_owner "$pg_bin/pg_ctl" -D "$pgdata" -l "$logfile" -o "-p $port" -w -t 60 start >/dev/null \
    || die "the cluster did not start; see $logfile"
  secure_existing
  note "PostgreSQL + PostGIS running on 127.0.0.1:$port (data: $pgdata)"
}

current_port() {
  [ -f "$portfile" ] || die "no port recorded; run: $0 start"
  cat "$portfile"
}

psql_cluster() {
  local db=$1; shift
  PGPASSWORD=$(read_secret) as_owner "$pg_bin/psql" -h 127.0.0.1 -p "$(current_port)" -U "$pg_user" -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"
}

ensure_database() {
  local db=$1
  [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name '$db' must be lower-case letters, digits and _"
  if [ "$(psql_cluster postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
    psql_cluster postgres -c "CREATE DATABASE $db" >/dev/null
  fi
  psql_cluster "$db" -c "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS postgis_raster;" >/dev/null
}

# The streaming replica: a hot standby of the private cluster in its own folder, same role, secret and pg_hba.conf
# (SCRAM everywhere, loopback only); it streams over the "host replication" line initdb wrote (scram-sha-256).
replica_data=$data_root/replica
replica_portfile=$replica_data/landatlas.port
replica_log=$data_root/replica.log

replica_running() {
  [ -f "$replica_data/postmaster.pid" ] || return 1
  as_owner "$pg_bin/pg_ctl" -D "$replica_data" status >/dev/null 2>&1
}

replica_start() {
  start_cluster
  replica_running && return 0
  local port primary_port secret attempt
  primary_port=$(current_port)
  secret=$(read_secret)
  for attempt in 1 2; do
    replica_make_and_start "$primary_port" "$secret"
    # Without a replication slot (one would keep WAL on the primary for as long as the replica stays stopped),
    # a replica stopped while the primary kept writing can find the WAL it needs recycled: it would wait
    # forever. Such a replica is made again from a fresh base backup.
    if replica_streams; then
      note "streaming replica running on 127.0.0.1:$(cat "$replica_portfile") (data: $replica_data)"
      return 0
    fi
    [ "$attempt" = 1 ] || die "the replica does not stream from the primary; see $replica_log"
    note "the replica is too far behind the primary (its WAL was recycled): making it again"
    as_owner "$pg_bin/pg_ctl" -D "$replica_data" -m immediate -w stop >/dev/null 2>&1 || true
    as_owner rm -rf "$replica_data"
  done
}

# Waits up to 30 s for the replica's WAL receiver to stream; fails early when the primary has removed its WAL.
replica_streams() {
  local since i
  since=$(wc -l <"$replica_log")
  for i in $(seq 1 60); do
    [ "$(PGPASSWORD=$(read_secret) as_owner "$pg_bin/psql" -h 127.0.0.1 -p "$(cat "$replica_portfile")" -U "$pg_user" -d postgres -qAt \
      -c "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'" 2>/dev/null)" = 1 ] && return 0
    tail -n +"$((since + 1))" "$replica_log" | grep -q "has already been removed" && return 1
    sleep 0.5
  done
  return 1
}

replica_make_and_start() {
  local primary_port=$1 secret=$2 port
  if [ ! -f "$replica_data/PG_VERSION" ]; then
    note "making a streaming replica in $replica_data (pg_basebackup -R from 127.0.0.1:$primary_port)"
    as_owner mkdir -p "$replica_data"
    as_owner chmod 700 "$replica_data"
    # -R writes standby.signal and primary_conninfo (with the secret: the folder is the owner's only, like the primary's).
    PGPASSWORD=$secret as_owner "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U "$pg_user" -D "$replica_data" -R -X stream -c fast \
      || { as_owner rm -rf "$replica_data"; die "pg_basebackup failed; see $logfile"; }
    as_owner tee -a "$replica_data/postgresql.conf" >/dev/null <<EOF

# LandAtlas streaming replica of the private cluster
unix_socket_directories = '$replica_data/socket'
hot_standby = on
# Long tile and statistics reads are not cancelled by the primary's vacuum.
hot_standby_feedback = on
max_standby_streaming_delay = 30s
shared_buffers = 512MB
EOF
    as_owner mkdir -p "$replica_data/socket"
  fi
  port=${LANDATLAS_PG_REPLICA_PORT:-$((primary_port + 1))}
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port" | as_owner tee "$replica_portfile" >/dev/null
  touch "$replica_log" && chmod 600 "$replica_log" && { [ "$(id -u)" != 0 ] || chown postgres:postgres "$replica_log"; }
  as_owner "$pg_bin/pg_ctl" -D "$replica_data" -l "$replica_log" -o "-p $port" -w -t 60 start >/dev/null \
    || die "the replica did not start; see $replica_log"
}

replica_cmd() {
  local sub=${1:-status}
  case "$sub" in
    start) replica_start; cat "$replica_portfile" ;;
    stop)
      if replica_running; then
        as_owner "$pg_bin/pg_ctl" -D "$replica_data" -m fast -w stop >/dev/null && note "replica stopped"
      else
        note "replica not running"
      fi
      ;;
    status)
      if replica_running; then echo "replica running on 127.0.0.1:$(cat "$replica_portfile"), data $replica_data"; else echo "replica stopped, data $replica_data"; exit 3; fi
      ;;
    env)
      local db=${2:-landatlas}
      [ -f "$replica_portfile" ] || die "no replica port recorded; run: $0 replica start"
      echo "export LANDATLAS_DB_REPLICA_URL=jdbc:postgresql://127.0.0.1:$(cat "$replica_portfile")/$db"
      echo "export LANDATLAS_DB_REPLICA_USER=$pg_user"
      echo "export LANDATLAS_DB_REPLICA_PASSWORD=$(read_secret)"
      ;;
    psql)
      local db=${2:-landatlas}; shift 2 || shift $#
      PGPASSWORD=$(read_secret) as_owner "$pg_bin/psql" -h 127.0.0.1 -p "$(cat "$replica_portfile")" -U "$pg_user" -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"
      ;;
    *) die "unknown replica command '$sub' (start, stop, status, env [NAME], psql [NAME])" ;;
  esac
}

cmd=${1:-start}
case "$cmd" in
  replica)
    shift
    replica_cmd "$@"
    ;;
  start)
    start_cluster
    current_port
    ;;
  createdb)
    [ $# -ge 2 ] || die "usage: $0 createdb NAME"
    start_cluster
    ensure_database "$2"
    ;;
  stop)
    # A standby without its primary only retries; it stops with it.
    if replica_running; then replica_cmd stop; fi
    if is_running; then
      as_owner "$pg_bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null && note "stopped"
    else
      note "not running"
    fi
    ;;
  status)
    if is_running; then echo "running on 127.0.0.1:$(current_port), data $pgdata"; else echo "stopped, data $pgdata"; exit 3; fi
    ;;
  env)
    db=${2:-landatlas}
    echo "export LANDATLAS_DB_URL=jdbc:postgresql://127.0.0.1:$(current_port)/$db"
    echo "export LANDATLAS_DB_USER=$pg_user"
    echo "export LANDATLAS_DB_PASSWORD=$(read_secret)"
    ;;
  psql)
    db=${2:-landatlas}; shift 2 || shift $#
    psql_cluster "$db" "$@"
    ;;
  *)
    die "unknown command '$cmd' (start, createdb NAME, stop, status, env [NAME], psql [NAME], replica ...)"
    ;;
esac
