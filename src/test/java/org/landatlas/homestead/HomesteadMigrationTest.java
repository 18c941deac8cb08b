package org.landatlas.homestead;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.landatlas.testing.PostgisTestDatabase;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** V27 migrates homesteads written before it: statuses, the day revitalized, consent, evidence, safety grades, history, incomes. */
class HomesteadMigrationTest {

    @Test
    void existingRowsAreMigratedConsistently() throws Exception {
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        String name = "landatlas_test_homestead_migration";
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        }
        PGSimpleDataSource scratch = new PGSimpleDataSource();
        scratch.setUrl(db.url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
        scratch.setUser(db.user());
        scratch.setPassword(db.password());
        try {
            Flyway.configure().dataSource(scratch).locations("classpath:db/migration").target("25").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(scratch);
            String box = "ST_GeomFromText('MULTIPOLYGON(((119 27.6,119.01 27.6,119.01 27.61,119 27.61,119 27.6)))', 4490)";
            String seat = "ST_GeomFromText('POINT(119.005 27.605)', 4490)";
            jdbc.update("INSERT INTO admin_unit (code, level, name, kind, county_code, boundary, seat) VALUES ('331126', 'county', '庆元县', '县', '331126', "
                    + box + ", " + seat + ")");
            jdbc.update("INSERT INTO admin_unit (code, level, name, kind, parent_code, county_code, boundary, seat) VALUES ('331126100', 'township', '松源街道', '街道', "
                    + "'331126', '331126', " + box + ", " + seat + ")");
            jdbc.update("INSERT INTO admin_unit (code, level, name, kind, parent_code, county_code, boundary, seat) VALUES ('331126100001', 'village', '测试村', '村', "
                    + "'331126100', '331126', " + box + ", " + seat + ")");
            String[][] rows = {{"idle", "none"}, {"occupied", "none"}, {"idle", "offered"}, {"idle", "revitalized"}, {"idle", "negotiating"}};
            for (String[] r : rows) {
                jdbc.update("INSERT INTO homestead (county_code, village_code, site_area_m2, occupancy, idle_since, surveyed_on, revitalization_status, geom) "
                        + "VALUES ('331126', '331126100001', 200, ?, CASE WHEN ? = 'idle' THEN DATE '2018-01-01' END, DATE '2024-06-01', ?, " + box + ")",
                        r[0], r[0], r[1]);
            }
            List<Long> ids = jdbc.queryForList("SELECT id FROM homestead ORDER BY id", Long.class);
            jdbc.update("INSERT INTO rural_house (homestead_id, floor_area_m2, floors, structure, condition, footprint) VALUES (?, 90, 1, 'wood', 'dangerous', "
                    + "ST_GeomFromText('POLYGON((119.001 27.601,119.002 27.601,119.002 27.602,119.001 27.601))', 4490))", ids.get(0));
            jdbc.update("INSERT INTO homestead_revitalization (homestead_id, mode, counterparty_kind, new_use, term_start, term_end, annual_rent_yuan, status) "
                    + "VALUES (?, 'lease', 'business', 'homestay', DATE '2023-05-01', DATE '2033-05-01', 8000, 'active')", ids.get(3));

            Flyway.configure().dataSource(scratch).locations("classpath:db/migration").load().migrate();

            List<Map<String, Object>> after = jdbc.queryForList("""
                    SELECT revitalization_status AS s, revitalized_on::text AS r, consent_on IS NOT NULL AS c, idle_evidence AS e, version AS v
                    FROM homestead ORDER BY id""");
            assertThat(after).extracting(m -> m.get("s")).containsExactly("idle", "none", "listed", "revitalized", "negotiating");
            assertThat(after).extracting(m -> m.get("r")).containsExactly(null, null, null, "2023-05-01", null);
            assertThat(after).extracting(m -> m.get("c")).containsExactly(false, false, true, true, true);
            assertThat(after).extracting(m -> m.get("e")).containsExactly("field_survey", null, "field_survey", "field_survey", "field_survey");
            assertThat(after).extracting(m -> ((Number) m.get("v")).intValue()).containsOnly(0);
            assertThat(jdbc.queryForObject("SELECT safety_grade FROM rural_house", String.class)).isEqualTo("D");
            assertThat(jdbc.queryForObject("SELECT income_household_yuan::float8 FROM homestead_revitalization", Double.class)).isEqualTo(8000.0);
            // One history row for every homestead in the workflow, none for the occupied one.
            assertThat(jdbc.queryForList("SELECT to_status FROM homestead_status_history ORDER BY homestead_id", String.class))
                    .containsExactly("idle", "listed", "revitalized", "negotiating");
            // The migrated target counts the revitalized homestead in the year its agreement started.
            assertThat(jdbc.queryForObject("SELECT count(*) FROM homestead WHERE revitalization_status = 'revitalized' AND extract(year FROM revitalized_on) = 2023",
                    Integer.class)).isEqualTo(1);
        } finally {
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE " + name + " WITH (FORCE)");
            }
        }
    }
}
