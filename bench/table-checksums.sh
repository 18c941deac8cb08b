#!/usr/bin/env bash
# Checksums of a LandAtlas database's content, to show that two builds load the same data (e.g. the demo generator
# before and after a refactoring: load the same profile with each jar into its own fresh database, then compare).
#
#   bench/table-checksums.sh DB            one line per table: "schema.table rows md5", then "sequence:… last_value is_called"
#   bench/table-checksums.sh DB_A DB_B     compares two databases; exit status 1 and the differing lines if they differ
#
# Every base table of the schemas public, personal and security, rows ordered by primary key, all columns except
# what records the load run itself: load timestamps and durations, updated_at (now() during the COPY), Flyway's
# install times, and security.setup_token (written by FirstAdministrator, which Spring Boot may run before or after
# the demo loader's exit-after-load: unordered ApplicationRunners have no fixed order).
# Connects with psql's usual environment (PGHOST, PGPORT, PGUSER, PGPASSWORD).
set -euo pipefail
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 DB [OTHER_DB]" >&2; exit 2; }
if [ $# -eq 2 ]; then
  a=$("$0" "$1") b=$("$0" "$2")
  if [ "$a" = "$b" ]; then
    echo "identical: $(grep -vc '^sequence:' <<<"$a") tables and $(grep -c '^sequence:' <<<"$a") sequences"
    exit 0
  fi
  diff <(echo "$a") <(echo "$b") | grep '^[<>]' | sed "s/^</$1:/; s/^>/$2:/" || true
  exit 1
fi
db=$1
# Columns that differ from run to run by nature, not by loaded content.
exclude="'flyway_schema_history.installed_on','flyway_schema_history.execution_time','flyway_schema_history.installed_by',
 'dataset_load.loaded_at','dataset_load.duration_ms'"
psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 <<SQL | psql -X -q -At -F ' ' -d "$db" -v ON_ERROR_STOP=1
WITH t AS (
  SELECT c.oid, n.nspname, c.relname, format('%I.%I', n.nspname, c.relname) AS qname
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND n.nspname IN ('public', 'personal', 'security') AND c.relname NOT IN ('spatial_ref_sys', 'setup_token')
), cols AS (
  SELECT t.oid, string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum) AS list
  FROM t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE (t.relname || '.' || a.attname) NOT IN ($exclude) AND a.attname <> 'updated_at'
  GROUP BY t.oid
), pk AS (
  SELECT t.oid, string_agg(format('%I', a.attname), ', ' ORDER BY k.ord) AS list
  FROM t JOIN pg_index i ON i.indrelid = t.oid AND i.indisprimary
  CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
  GROUP BY t.oid
)
SELECT format('SELECT %L, count(*), coalesce(md5(string_agg(r::text, E''\n'' ORDER BY %s)), ''-'') FROM (SELECT %s FROM %s) r;',
              t.nspname || '.' || t.relname, coalesce(pk.list, 'r::text'), cols.list, t.qname)
FROM t JOIN cols USING (oid) LEFT JOIN pk USING (oid)
ORDER BY 1;
SQL
# Sequences too: where the next id of each table starts after a load.
psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 -c "SELECT format('SELECT %L, last_value, is_called FROM %I.%I;', 'sequence:' || schemaname || '.' || sequencename, schemaname, sequencename) FROM pg_sequences WHERE schemaname IN ('public', 'personal', 'security') ORDER BY 1" \
  | psql -X -q -At -F ' ' -d "$db" -v ON_ERROR_STOP=1
