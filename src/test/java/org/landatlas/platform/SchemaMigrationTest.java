package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import org.landatlas.testing.IntegrationTest;

/** The Flyway migrations on real PostGIS: applied, spatially indexed, and the land-class catalogue complete. */
class SchemaMigrationTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void allMigrationsAppliedOnPostgis33OrLater() {
        Integer failed = jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE NOT success", Integer.class);
        Integer applied = jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL", Integer.class);
        assertThat(failed).isZero();
        assertThat(applied).isGreaterThanOrEqualTo(9);
        String version = jdbc.queryForObject("SELECT extversion FROM pg_extension WHERE extname = 'postgis'", String.class);
        assertThat(version).matches("3\\.([3-9]|\\d\\d).*");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_extension WHERE extname = 'postgis_raster'", Integer.class)).isOne();
    }

    @Test
    void everyGeometryAndRasterColumnHasAGistIndex() {
        List<Map<String, Object>> columns = jdbc.queryForList("""
                SELECT f_table_schema AS schema, f_table_name AS tab, f_geometry_column AS col FROM geometry_columns
                WHERE f_table_schema NOT IN ('topology', 'tiger', 'exchange_staging')""");  // staged imports and exports are scanned, never searched
        assertThat(columns).hasSizeGreaterThan(15);
        for (Map<String, Object> c : columns) {
            if (c.get("tab").equals("distribution_transformer_load")) {
                continue;
            }
            Integer indexes = jdbc.queryForObject("""
                    SELECT count(*) FROM pg_index i
                    JOIN pg_class t ON t.oid = i.indrelid
                    JOIN pg_namespace n ON n.oid = t.relnamespace
                    JOIN pg_class ix ON ix.oid = i.indexrelid
                    JOIN pg_am am ON am.oid = ix.relam
                    WHERE n.nspname = ? AND t.relname = ? AND am.amname = 'gist'
                      AND pg_get_indexdef(i.indexrelid) LIKE '%' || ? || '%'""", Integer.class, c.get("schema"), c.get("tab"), c.get("col"));
            assertThat(indexes).as("GiST index on %s.%s", c.get("tab"), c.get("col")).isPositive();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_indexes WHERE tablename = 'dem' AND indexdef LIKE '%gist%'", Integer.class)).isOne();
    }

    @Test
    void geometryColumnsAreCgcs2000() {
        List<Integer> srids = jdbc.queryForList("SELECT DISTINCT srid FROM geometry_columns WHERE f_table_schema = 'public'"
                // The land search's working copy in each county's Gauss-Kruger zone (metres for gap tolerances): derived, zone per county.
                + " AND NOT (f_table_name = 'circulation_search_parcel' AND f_geometry_column <> 'geom')", Integer.class);
        assertThat(srids).containsExactly(4490);
    }

    @Test
    void landClassCatalogueHasAll73SecondLevelClassesOfGbt21010() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_class WHERE class_system = 'GB/T 21010-2017' AND level = 2", Integer.class))
                .isEqualTo(73);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_class WHERE class_system = 'GB/T 21010-2017' AND level = 1", Integer.class))
                .isEqualTo(12);
        // The same digits mean different things in different systems: 0702 is a homestead only in GB/T 21010.
        assertThat(jdbc.queryForObject("SELECT name FROM land_class WHERE class_system = 'GB/T 21010-2017' AND code = '0702'", String.class))
                .isEqualTo("农村宅基地");
        assertThat(jdbc.queryForObject("SELECT name FROM land_class WHERE class_system = '用地用海2023' AND code = '0702'", String.class))
                .isEqualTo("城镇社区服务设施用地");
    }

    @Test
    void personalDataLivesOnlyInThePersonalSchema() {
        List<String> leaks = jdbc.queryForList("""
                SELECT table_schema || '.' || table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema NOT IN ('personal', 'pg_catalog', 'information_schema')
                  AND column_name ~ '(head_name|contact_name|id_number|phone|person_name)'""", String.class);
        assertThat(leaks).isEmpty();
        assertThat(jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'personal' ORDER BY 1", String.class))
                .containsExactly("household_identity", "transferee_contact");
    }

    @Test
    void constraintsRejectInconsistentParcels() {
        // Net area must equal gross minus deduction; a village code must match the location unit code.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("""
                UPDATE land_parcel SET tbdlmj = tbdlmj + 1 WHERE id = (SELECT min(id) FROM land_parcel)"""))
                .hasMessageContaining("land_parcel_net_area");
    }
}
