package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.PostgisTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The schema can be distributed with Citus as docs/citus/distribute.sql says (issue #13): every table is placed
 * once (distributed by county_code, reference, or coordinator-local); a distributed table has county_code NOT
 * NULL and in its primary key and every unique key; a foreign key between distributed tables pairs county_code
 * with county_code (co-located, shard-local); no reference or local table points at a distributed one. Read from
 * the migrated test database's catalogue. The rules are shown to fail on a scratch schema built to break them.
 */
class DistributionKeysTest extends IntegrationTest {

    private static final Path PLACEMENT = PostgisTestDatabase.projectRoot().resolve("docs/citus/distribute.sql");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    enum Kind { DISTRIBUTED, REFERENCE, LOCAL }

    /** The placement docs/citus/distribute.sql declares: table (schema-qualified unless public) → kind. */
    static Map<String, Kind> placement(String sql) {
        Map<String, Kind> out = new LinkedHashMap<>();
        List<String> twice = new ArrayList<>();
        Matcher m = Pattern.compile("create_distributed_table\\('([^']+)', 'county_code'|create_reference_table\\('([^']+)'\\)|^-- local: (\\S+)$",
                Pattern.MULTILINE).matcher(sql);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            Kind kind = m.group(1) != null ? Kind.DISTRIBUTED : m.group(2) != null ? Kind.REFERENCE : Kind.LOCAL;
            if (out.put(name, kind) != null) {
                twice.add(name);
            }
        }
        assertThat(twice).as("tables placed twice in docs/citus/distribute.sql").isEmpty();
        return out;
    }

    /** Every broken rule, one line each, for the tables of the given schemas. */
    static List<String> violations(JdbcTemplate jdbc, List<String> schemas, Map<String, Kind> placement) {
        List<String> out = new ArrayList<>();
        String in = String.join(",", schemas.stream().map(s -> "'" + s + "'").toList());
        String name = "CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END";
        List<String> tables = jdbc.queryForList("SELECT " + name + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname IN (" + in + ") AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1", String.class);
        for (String t : tables) {
            if (!placement.containsKey(t)) {
                out.add(t + ": not placed in docs/citus/distribute.sql (distributed by county_code, reference or local)");
            }
        }
        for (String t : placement.keySet()) {
            if (!tables.contains(t) && schemas.contains(t.contains(".") ? t.substring(0, t.indexOf('.')) : "public")) {
                out.add(t + ": placed in docs/citus/distribute.sql but no such table");
            }
        }
        for (String t : tables) {
            if (placement.get(t) != Kind.DISTRIBUTED) {
                continue;
            }
            Boolean notNull = jdbc.query("SELECT attnotnull FROM pg_attribute WHERE attrelid = ?::regclass AND attname = 'county_code' AND NOT attisdropped",
                    rs -> rs.next() ? rs.getBoolean(1) : null, t);
            if (notNull == null) {
                out.add(t + ": distributed but has no county_code");
            } else if (!notNull) {
                out.add(t + ": county_code may be NULL");
            }
            // Primary key, unique constraints and unique indexes: each must contain the distribution column.
            jdbc.query("""
                    SELECT i.indexrelid::regclass::text, i.indisprimary,
                           EXISTS (SELECT 1 FROM unnest(i.indkey) k JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k WHERE a.attname = 'county_code')
                    FROM pg_index i WHERE i.indrelid = ?::regclass AND i.indisunique""", rs -> {
                if (!rs.getBoolean(3)) {
                    out.add(t + ": " + (rs.getBoolean(2) ? "primary key " : "unique key ") + rs.getString(1) + " lacks county_code");
                }
            }, t);
            Boolean hasPk = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = ?::regclass AND indisprimary)", Boolean.class, t);
            if (!hasPk) {
                out.add(t + ": no primary key");
            }
        }
        // Foreign keys: between distributed tables, county_code must reference county_code; Citus refuses any from a
        // reference or local table to a distributed one.
        jdbc.query("""
                SELECT k.conname,
                       CASE WHEN sn.nspname = 'public' THEN s.relname ELSE sn.nspname || '.' || s.relname END,
                       CASE WHEN tn.nspname = 'public' THEN r.relname ELSE tn.nspname || '.' || r.relname END,
                       EXISTS (SELECT 1 FROM unnest(k.conkey, k.confkey) AS p(c, f)
                               JOIN pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = p.c
                               JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = p.f
                               WHERE ca.attname = 'county_code' AND fa.attname = 'county_code')
                FROM pg_constraint k
                JOIN pg_class s ON s.oid = k.conrelid JOIN pg_namespace sn ON sn.oid = s.relnamespace
                JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace tn ON tn.oid = r.relnamespace
                WHERE k.contype = 'f' AND sn.nspname IN (""" + in + ")", rs -> {
            String fk = rs.getString(1);
            Kind from = placement.get(rs.getString(2));
            Kind to = placement.get(rs.getString(3));
            if (from == null || to == null) {
                return;
            }
            if (from == Kind.DISTRIBUTED && to == Kind.DISTRIBUTED && !rs.getBoolean(4)) {
                out.add(rs.getString(2) + ": foreign key " + fk + " to " + rs.getString(3) + " does not pair county_code with county_code");
            }
            if (from != Kind.DISTRIBUTED && to == Kind.DISTRIBUTED) {
                out.add(rs.getString(2) + ": foreign key " + fk + " from a " + from.name().toLowerCase() + " table to the distributed " + rs.getString(3));
            }
            if (from == Kind.REFERENCE && to == Kind.LOCAL) {
                out.add(rs.getString(2) + ": foreign key " + fk + " from a reference table to the local " + rs.getString(3));
            }
        });
        return out;
    }

    @Test
    void theSchemaDistributesAsDeclared() throws IOException {
        Map<String, Kind> placement = placement(Files.readString(PLACEMENT));
        assertThat(placement).containsEntry("land_parcel", Kind.DISTRIBUTED).containsEntry("admin_unit", Kind.REFERENCE)
                .containsEntry("security.account", Kind.LOCAL);
        List<String> broken = violations(jdbc, List.of("public", "personal", "security"), placement);
        assertThat(broken).as(String.join("\n", broken)).isEmpty();
    }

    @Test
    void everyRuleFailsOnATableThatBreaksIt() {
        Map<String, Kind> placement = new LinkedHashMap<>();
        placement.put("distribution_rules.county", Kind.REFERENCE);
        placement.put("distribution_rules.parcel", Kind.DISTRIBUTED);
        placement.put("distribution_rules.plot", Kind.DISTRIBUTED);
        placement.put("distribution_rules.note", Kind.REFERENCE);
        placement.put("distribution_rules.gone", Kind.LOCAL);
        List<String> broken = tx.execute(status -> {
            jdbc.execute("""
                    CREATE SCHEMA distribution_rules;
                    CREATE TABLE distribution_rules.county (code text PRIMARY KEY);
                    CREATE TABLE distribution_rules.parcel (id bigint, county_code text NOT NULL REFERENCES distribution_rules.county, bsm text UNIQUE,
                        PRIMARY KEY (county_code, id));
                    CREATE INDEX parcel_id ON distribution_rules.parcel (id);
                    CREATE UNIQUE INDEX parcel_id_unique ON distribution_rules.parcel (id);
                    CREATE TABLE distribution_rules.plot (id bigint PRIMARY KEY, county_code text, parcel_id bigint REFERENCES distribution_rules.parcel (id));
                    CREATE TABLE distribution_rules.note (id bigint PRIMARY KEY, parcel_county text, parcel_id bigint,
                        FOREIGN KEY (parcel_county, parcel_id) REFERENCES distribution_rules.parcel (county_code, id));
                    CREATE TABLE distribution_rules.stray (id bigint PRIMARY KEY);
                    """);
            List<String> v = violations(jdbc, List.of("distribution_rules"), placement);
            status.setRollbackOnly();
            return v;
        });
        assertThat(broken).as(String.join("\n", broken)).containsExactlyInAnyOrder(
                "distribution_rules.stray: not placed in docs/citus/distribute.sql (distributed by county_code, reference or local)",
                "distribution_rules.gone: placed in docs/citus/distribute.sql but no such table",
                "distribution_rules.parcel: unique key distribution_rules.parcel_bsm_key lacks county_code",
                "distribution_rules.parcel: unique key distribution_rules.parcel_id_unique lacks county_code",
                "distribution_rules.plot: county_code may be NULL",
                "distribution_rules.plot: primary key distribution_rules.plot_pkey lacks county_code",
                "distribution_rules.plot: foreign key plot_parcel_id_fkey to distribution_rules.parcel does not pair county_code with county_code",
                "distribution_rules.note: foreign key note_parcel_county_parcel_id_fkey from a reference table to the distributed distribution_rules.parcel");
    }
}
