package org.landatlas.demodata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.landatlas.testing.PostgisTestDatabase;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A demo load is all or nothing: a failure in a late table leaves no parcel, no county, no load record. And it
 * never replaces real data.
 */
class DemoLoaderAtomicityTest {

    private PGSimpleDataSource scratch;

    /** The metrics the demo targets name; that the features measure them is checked by DemoTargetMetricsTest. */
    private static final java.util.Set<String> MEASURED = java.util.Set.of("farmland_circulated_mu", "pasture_circulated_mu",
            "forest_circulated_mu", "idle_homesteads_revitalized", "villages_with_revitalized_homesteads", "high_standard_farmland_mu", "household_pv_kw");

    /**
     * Each test gets its own freshly migrated database, so the tests do not depend on each other's order. It is
     * named after the test database (landatlas_test_atomic …), so that test runs against different test databases of
     * one server do not drop each other's.
     */
    private void freshDatabase(String suffix) throws Exception {
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        String name = db.url().replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1") + "_" + suffix;
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        }
        scratch = new PGSimpleDataSource();
        scratch.setUrl(db.url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
        scratch.setUser(db.user());
        scratch.setPassword(db.password());
        Flyway.configure().dataSource(scratch).locations("classpath:db/migration").load().migrate();
    }

    private void refuseInsertsIntoPoi(boolean refuse) throws Exception {
        try (Connection c = scratch.getConnection(); Statement st = c.createStatement()) {
            st.execute(refuse ? """
                    CREATE OR REPLACE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'simulated failure while loading %', TG_TABLE_NAME; END $$;
                    CREATE TRIGGER refuse_poi BEFORE INSERT ON poi FOR EACH ROW EXECUTE FUNCTION refuse();"""
                    : "DROP TRIGGER refuse_poi ON poi");
        }
    }

    private String parcelFingerprint() throws Exception {
        try (Connection c = scratch.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT md5(string_agg(bsm || dlbm || ST_AsText(geom), ',' ORDER BY id)) FROM land_parcel")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = scratch.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aFailedLoadWritesNothingAndARetrySucceeds() throws Exception {
        freshDatabase("atomic");
        refuseInsertsIntoPoi(true);
        DemoLoader loader = new DemoLoader(scratch, TestDemoGenerator.get(), MEASURED);
        DemoProfile mini = DemoProfile.load("mini");

        assertThatThrownBy(() -> loader.ensureLoaded(mini)).hasMessageContaining("nothing was written").hasMessageContaining("simulated failure");
        assertThat(count("SELECT count(*) FROM land_parcel")).isZero();
        assertThat(count("SELECT count(*) FROM admin_unit")).isZero();
        assertThat(count("SELECT count(*) FROM personal.household_identity")).isZero();
        assertThat(count("SELECT count(*) FROM dataset_load")).isZero();

        refuseInsertsIntoPoi(false);
        assertThat(loader.ensureLoaded(mini)).isEqualTo(DemoLoader.Outcome.LOADED);
        assertThat(count("SELECT count(*) FROM land_parcel")).isEqualTo(800);
        assertThat(loader.ensureLoaded(mini)).isEqualTo(DemoLoader.Outcome.ALREADY_LOADED);

        // Another seed replaces the demo load instead of piling a second one on top.
        assertThat(loader.ensureLoaded(mini.withSeed(99))).isEqualTo(DemoLoader.Outcome.LOADED);
        assertThat(count("SELECT count(*) FROM land_parcel")).isEqualTo(800);
        assertThat(count("SELECT count(*) FROM admin_unit WHERE level = 'county'")).isEqualTo(2);

        // A failed replacement keeps the previous data exactly as it was.
        String before = parcelFingerprint();
        refuseInsertsIntoPoi(true);
        assertThatThrownBy(() -> loader.ensureLoaded(mini.withSeed(100))).hasMessageContaining("nothing was written");
        assertThat(parcelFingerprint()).isEqualTo(before);
        assertThat(count("SELECT seed FROM dataset_load ORDER BY id DESC LIMIT 1")).isEqualTo(99);
    }

    @Test
    void concurrentStartsLoadOnlyOnce() throws Exception {
        freshDatabase("concurrent");
        DemoProfile mini = DemoProfile.load("mini").withSeed(4242);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> new DemoLoader(scratch, TestDemoGenerator.get(), MEASURED).ensureLoaded(mini));
            var b = pool.submit(() -> new DemoLoader(scratch, TestDemoGenerator.get(), MEASURED).ensureLoaded(mini));
            assertThat(java.util.List.of(a.get(), b.get()))
                    .containsExactlyInAnyOrder(DemoLoader.Outcome.LOADED, DemoLoader.Outcome.ALREADY_LOADED);
        } finally {
            pool.shutdown();
        }
        assertThat(count("SELECT count(*) FROM land_parcel")).isEqualTo(800);
    }

    private void execute(String sql) throws Exception {
        try (Connection c = scratch.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void realDataInAGuardingTableIsNeverReplaced() throws Exception {
        freshDatabase("real_data");
        DemoLoader loader = new DemoLoader(scratch, TestDemoGenerator.get(), MEASURED);
        DemoProfile mini = DemoProfile.load("mini");
        assertThat(loader.ensureLoaded(mini)).isEqualTo(DemoLoader.Outcome.LOADED);
        String before = parcelFingerprint();

        // Parcels and administrative units are the tables whose real rows stop a demo load.
        for (String realRow : java.util.List.of("UPDATE land_parcel SET synthetic = false WHERE id = 1",
                "UPDATE admin_unit SET synthetic = false WHERE level = 'county' AND code = '331126'")) {
            execute(realRow);
            assertThat(loader.ensureLoaded(mini.withSeed(5))).as(realRow).isEqualTo(DemoLoader.Outcome.SKIPPED_REAL_DATA);
            assertThat(parcelFingerprint()).isEqualTo(before);
            assertThat(count("SELECT seed FROM dataset_load ORDER BY id DESC LIMIT 1")).isEqualTo(mini.seed());
            execute("UPDATE land_parcel SET synthetic = true; UPDATE admin_unit SET synthetic = true");
        }
        assertThat(loader.ensureLoaded(mini.withSeed(5))).isEqualTo(DemoLoader.Outcome.LOADED);
    }
}
