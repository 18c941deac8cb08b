#!/usr/bin/env bash
# Issue #11: creating a circulation contract with all its rule checks (parcels and county, remaining term, use on
# permanent basic farmland, overlap with contracts in force under the parcel locks, transferee and households) on
# the bench county, against the raw SQL of the same checks and inserts in one transaction (pgbench, the same parcels).
# Each create takes 2 free cropland parcels; drafts hold no land, so the same parcels serve every round. Everything
# the bench creates is deleted at the end.
# Target: median under 100 ms. Output: $BENCH_OUT/contract-create.json and a summary on stdout.
# Environment: BENCH_CONTRACT_N (creates measured per side, 200), BENCH_CONTRACT_WARM (30).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BENCH_OUT:?run me through bench/run.sh}" "${BENCH_PGURI:?}" "${BENCH_DB_URL:?}" "${BENCH_PROFILE:?}"
n=${BENCH_CONTRACT_N:-200}
warm=${BENCH_CONTRACT_WARM:-30}
dir=$BENCH_OUT/contract-create
mkdir -p "$dir"
say() { echo "contract-create: $*"; }
die() { echo "contract-create: ERROR: $*" >&2; exit 1; }
sql() { psql "$BENCH_PGURI" -v ON_ERROR_STOP=1 -qAt "$@"; }

sql -c "DELETE FROM security.account WHERE username = 'bench-admin'" >/dev/null 2>&1 || true
start_bench_service "$dir" 18760 || die "service did not start"
pid=$SERVICE_PID
base=$SERVICE_BASE
tname="bench-contract-transferee"
cleanup() {
  local rc=$?
  kill $pid 2>/dev/null; wait $pid 2>/dev/null || true
  # Drafts of this bench and their parcels' status (drafts hold none, so nothing else changes).
  sql -c "DELETE FROM circulation_contract WHERE transferee_id IN (SELECT id FROM transferee WHERE name = '$tname'); DROP TABLE IF EXISTS bench_contract_parcels" \
    >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT

read -r county nparcels < <(sql -F ' ' -c "SELECT county_code, count(*) FROM land_parcel GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
contracts=$(sql -c "SELECT count(*) FROM circulation_contract WHERE county_code = '$county'")
in_force=$(sql -c "SELECT count(*) FROM circulation_contract WHERE county_code = '$county' AND status IN ('signed', 'filed', 'active', 'disputed')")
all_contracts=$(sql -c "SELECT count(*) FROM circulation_contract")
say "county $county: $nparcels parcels, $contracts contracts ($in_force in force); $all_contracts contracts in the database"
staff_token "$dir" "$base" "$county" "contract bench" || die "could not make the staff account and its token"
token=$STAFF_TOKEN
transferee=$(sql -c "INSERT INTO transferee (county_code, kind, name, synthetic) VALUES ('$county', 'large_grower', '$tname', false)
  ON CONFLICT (county_code, name) DO UPDATE SET kind = excluded.kind RETURNING id")
household=$(sql -c "SELECT id FROM household WHERE village_code LIKE '$county%' ORDER BY id LIMIT 1")
# Pairs of free cropland parcels spread over the county (no contract holds them, no listing offers them).
sql -c "DROP TABLE IF EXISTS bench_contract_parcels; CREATE TABLE bench_contract_parcels AS
  SELECT row_number() OVER (ORDER BY md5(p.id::text)) AS i, p.id AS parcel_id FROM land_parcel p
  JOIN land_class c ON c.class_system = p.class_system AND c.code = p.dlbm
  WHERE p.county_code = '$county' AND c.class_group = 'farmland' AND p.area_mu > 1
    AND NOT EXISTS (SELECT 1 FROM circulation_contract_parcel cp JOIN circulation_contract k ON k.id = cp.contract_id
                    WHERE cp.parcel_id = p.id AND k.status NOT IN ('terminated', 'expired', 'draft'))
  ORDER BY md5(p.id::text) LIMIT 400"
pairs=$(( $(sql -c "SELECT count(*) FROM bench_contract_parcels") / 2 ))
[ "$pairs" -ge 10 ] || die "too few free cropland parcels in $county"
mapfile -t P < <(sql -c "SELECT parcel_id FROM bench_contract_parcels ORDER BY i")

create() {   # $1 = index of the pair; prints the request's time in ms, or fails with the answer
  local a=${P[$(( ($1 % pairs) * 2 ))]} b=${P[$(( ($1 % pairs) * 2 + 1 ))]} body out
  body=$(printf '{"query":"mutation { createContract(input: { countyCode: \\"%s\\", transfereeId: \\"%s\\", mode: LEASE, parcels: [{ parcelId: \\"%s\\" }, { parcelId: \\"%s\\" }], transferors: [{ householdId: \\"%s\\", areaMu: 0.5 }], termStart: \\"2027-01-01\\", termEnd: \\"2031-12-31\\", priceYuanPerMuYear: 600, use: GRAIN, payments: [{ dueOn: \\"2027-01-01\\", amountYuan: 600 }] }) { id status } }"}' \
    "$county" "$transferee" "$a" "$b" "$household")
  out=$(curl -s -w '\n%{time_total}' "$base/graphql" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body")
  # Here-strings, not echo | head: under pipefail a closed pipe would fail a successful request.
  grep -q '"status":"DRAFT"' <<<"${out%%$'\n'*}" || { echo "$out" >&2; return 1; }
  awk '{printf "%.2f\n", $1 * 1000}' <<<"${out##*$'\n'}"
}

for i in $(seq 1 "$warm"); do create "$i" >/dev/null || die "createContract failed"; done
busy=$(wait_quiet)
: >"$dir/api-ms.txt"
for i in $(seq 1 "$n"); do create "$((i + warm))" >>"$dir/api-ms.txt" || die "createContract failed"; done
api_median=$(median <"$dir/api-ms.txt")
say "API createContract: median ${api_median} ms over $n (machine busy before: ${busy}%)"

# --- raw SQL: the statements ContractService sends for the same contract, in one transaction -----------------------
cat >"$dir/raw.sql" <<SQL
\set k random(0, $((pairs - 1)))
BEGIN;
SELECT parcel_id AS a FROM bench_contract_parcels WHERE i = 2 * :k + 1 \gset
SELECT parcel_id AS b FROM bench_contract_parcels WHERE i = 2 * :k + 2 \gset
SELECT t.id, t.county_code, t.village_code, t.area_mu, coalesce(t.is_permanent_basic_farmland, false),
       (SELECT c.class_group FROM land_class c WHERE c.class_system = t.class_system AND c.code = t.dlbm)
  FROM land_parcel t WHERE t.id IN (:a, :b) ORDER BY t.id;
SELECT county_code FROM transferee WHERE id = $transferee;
SELECT id, village_code FROM household WHERE id IN ($household);
SELECT pg_advisory_xact_lock(71101, x::int) FROM (SELECT x FROM unnest(ARRAY[:a, :b]::bigint[]) x ORDER BY x) s;
SELECT cp.parcel_id FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id
  WHERE cp.parcel_id IN (:a, :b) AND c.status IN ('signed', 'filed', 'active', 'disputed') AND c.id <> -1
    AND c.term_start <= '2031-12-31' AND c.term_end >= '2027-01-01' ORDER BY cp.parcel_id LIMIT 1;
SELECT nextval(pg_get_serial_sequence('circulation_contract', 'id')) AS cid \gset
-- The service reads the outline (hex EWKB) and sends it back; pgbench cannot quote a variable, so the raw side unions
-- the parcels inside the INSERT (one round trip fewer than the service).
INSERT INTO circulation_contract (id, contract_no, county_code, village_code, transferee_id, mode, land_kind, area_mu, price_yuan_per_mu_year,
    term_start, term_end, intended_use, status, registered, synthetic, geom, use_kind, supervision)
  SELECT :cid, 'RAW-' || :cid, '$county', village_code, $transferee, 'lease', 'farmland', 2, 600, '2027-01-01', '2031-12-31', '粮食作物', 'draft',
         false, false, (SELECT ST_Multi(ST_CollectionExtract(ST_Union(t.geom), 3)) FROM land_parcel t WHERE t.id IN (:a, :b)), 'grain', false
  FROM land_parcel WHERE id = :a;
INSERT INTO circulation_contract_parcel (contract_id, parcel_id, area_mu) VALUES (:cid, :a, 1), (:cid, :b, 1);
INSERT INTO circulation_contract_transferor (contract_id, household_id, area_mu) VALUES (:cid, $household, 0.5);
INSERT INTO circulation_contract_payment (contract_id, due_on, amount_yuan, paid) VALUES (:cid, '2027-01-01', 600, false);
INSERT INTO circulation_status_history (contract_id, from_status, to_status, changed_at, changed_by) VALUES (:cid, NULL, 'draft', now(), 'bench');
UPDATE land_parcel p SET circulation_status = d.status
  FROM (SELECT q.id, CASE WHEN EXISTS (SELECT 1 FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id
                                      WHERE cp.parcel_id = q.id AND c.status IN ('signed', 'filed', 'active', 'disputed')) THEN 'circulated'
                         WHEN EXISTS (SELECT 1 FROM circulation_listing_parcel lp JOIN circulation_listing l ON l.id = lp.listing_id
                                      WHERE lp.parcel_id = q.id AND l.status IN ('listed', 'negotiating')) THEN 'listed' ELSE 'none' END AS status
        FROM land_parcel q WHERE q.id IN (:a, :b) ORDER BY q.id FOR UPDATE) d
  WHERE p.id = d.id AND p.circulation_status IS DISTINCT FROM d.status;
INSERT INTO security.audit_log (actor, actor_kind, action, target_type, target_id, county_code, outcome, after)
  VALUES ('bench', 'token', 'createContract', 'circulation_contract', :cid, '$county', 'ok', '{"status": "draft"}');
COMMIT;
SQL
pgbench "$BENCH_PGURI" -n -c 1 -t "$warm" -f "$dir/raw.sql" >/dev/null 2>"$dir/raw-warm.err" || die "raw SQL failed: $(tail -3 "$dir/raw-warm.err")"
( cd "$dir" && rm -f pgbench_log.* && pgbench "$BENCH_PGURI" -n -c 1 -t "$n" -l -f raw.sql >"$dir/raw.out" 2>&1 ) || die "raw SQL failed: $(tail -3 "$dir/raw.out")"
# pgbench's log: client, transaction, latency in µs, …
cat "$dir"/pgbench_log.* | awk '{printf "%.3f\n", $3 / 1000}' >"$dir/raw-ms.txt"
raw_median=$(median <"$dir/raw-ms.txt")
ratio=$(awk -v a="$api_median" -v r="$raw_median" 'BEGIN {printf "%.1f", a / r}')
say "raw SQL of the same checks and inserts: median ${raw_median} ms; API / raw = ${ratio}"
sql -c "DELETE FROM circulation_contract WHERE contract_no LIKE 'RAW-%' AND transferee_id = $transferee" >/dev/null
verdict=$(awk -v a="$api_median" 'BEGIN {print (a < 100) ? "met" : "missed"}')
cat >"$BENCH_OUT/contract-create.json" <<JSON
{"county": "$county", "parcels": $nparcels, "contracts_in_county": $contracts, "contracts_in_force": $in_force, "contracts_total": $all_contracts,
 "creates": $n, "api_median_ms": $api_median, "raw_sql_median_ms": $raw_median, "ratio": $ratio, "target_ms": 100, "target": "$verdict"}
JSON
say "target (median < 100 ms): $verdict"
cat "$BENCH_OUT/contract-create.json"
