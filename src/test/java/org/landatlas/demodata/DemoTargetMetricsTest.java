package org.landatlas.demodata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.landatlas.testing.PostgisTestDatabase;
import org.postgresql.ds.PGSimpleDataSource;

/** Demo plan targets go through the registered metrics: one no feature measures stops the load, and nothing is written. */
class DemoTargetMetricsTest {

    @Test
    void aDemoTargetOnAMetricNoFeatureMeasuresIsNotLoaded() throws Exception {
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        String name = "landatlas_test_target_metrics";
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        }
        PGSimpleDataSource scratch = new PGSimpleDataSource();
        scratch.setUrl(db.url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
        scratch.setUser(db.user());
        scratch.setPassword(db.password());
        Flyway.configure().dataSource(scratch).locations("classpath:db/migration").load().migrate();

        // As if the solar feature (which measures household_pv_kw) were not there; every mini county has a PV target.
        Set<String> withoutSolar = Set.of("farmland_circulated_mu", "pasture_circulated_mu", "forest_circulated_mu",
                "idle_homesteads_revitalized", "villages_with_revitalized_homesteads", "high_standard_farmland_mu", "permanent_basic_farmland_mu");
        assertThatThrownBy(() -> new DemoLoader(scratch, TestDemoGenerator.get(), withoutSolar).ensureLoaded(DemoProfile.load("mini")))
                .hasMessageContaining("nothing was written")
                .hasMessageContaining("demo plan targets name metrics that no feature measures: [household_pv_kw]");
        try (Connection c = scratch.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM plan_target) + (SELECT count(*) FROM land_parcel) + (SELECT count(*) FROM dataset_load)")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE " + name + " WITH (FORCE)");
        }
    }
}
