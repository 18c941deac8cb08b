package org.landatlas.demodata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a generated data set with one COPY per table, all in one transaction: a failure leaves the database as
 * it was. An advisory lock makes two instances starting at once load it only once.
 */
public final class DemoLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    private static final long LOCK_KEY = 0x4C616E6441746C61L; // "LandAtla"

    /** Tables a demo load fills, children first: the order in which a replaced load is deleted. */
    private static final List<String> DELETE_ORDER = List.of("plan_target", "poi", "settlement", "road", "protection_zone", "pv_site",
            "distribution_transformer", "homestead_revitalization", "rural_house", "homestead", "circulation_dispute",
            "circulation_status_history", "circulation_contract_parcel", "circulation_contract_transferor", "circulation_contract",
            "idle_facility", "circulation_listing_parcel", "circulation_listing", "personal.transferee_contact", "transferee",
            "personal.household_identity", "household", "land_parcel", "high_standard_farmland_project", "belt", "belt_scheme", "dem",
            "admin_unit");

    private final DataSource dataSource;
    private final Set<String> measuredMetrics;

    /** {@code measuredMetrics}: the plan metrics the features measure ({@code PlanMetrics.ids()}); targets of others are refused. */
    public DemoLoader(DataSource dataSource, Set<String> measuredMetrics) {
        this.dataSource = dataSource;
        this.measuredMetrics = Set.copyOf(measuredMetrics);
    }

    public enum Outcome { LOADED, ALREADY_LOADED, SKIPPED_REAL_DATA }

    /**
     * Loads the profile unless the same profile, seed and generator version is loaded already. A different
     * earlier demo load is replaced; data that is not synthetic (imports) is never touched.
     */
    public Outcome ensureLoaded(DemoProfile profile) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                    st.execute("SET LOCAL statement_timeout = 0");
                }
                if (isLoaded(c, profile)) {
                    c.rollback();
                    return Outcome.ALREADY_LOADED;
                }
                if (hasRealData(c)) {
                    c.rollback();
                    log.warn("Demo profile '{}' not loaded: the database holds non-synthetic data, which a demo load never replaces.", profile.name());
                    return Outcome.SKIPPED_REAL_DATA;
                }
                long t0 = System.nanoTime();
                DemoGenerator.Result result = DemoGenerator.generate(profile);
                log.info("Generated demo profile '{}' (seed {}): {} parcels in {} ms", profile.name(), profile.seed(), result.parcelCount(), result.millis());
                deleteDemoData(c);
                copy(c, result.tables());
                requireMeasuredTargets(c);
                finish(c, result);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO dataset_load (profile, seed, generator_version, county_codes, "
                        + "parcel_count, duration_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, profile.name());
                    ps.setLong(2, profile.seed());
                    ps.setInt(3, DemoGenerator.VERSION);
                    ps.setArray(4, c.createArrayOf("text", result.parcelsByCounty().keySet().toArray()));
                    ps.setInt(5, result.parcelCount());
                    ps.setLong(6, ms);
                    ps.executeUpdate();
                }
                c.commit();
                try (Statement st = c.createStatement()) {
                    c.setAutoCommit(true);
                    st.execute("ANALYZE");
                }
                log.info("Loaded demo profile '{}' in {} ms: {}", profile.name(), ms, result.rowCounts());
                return Outcome.LOADED;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw new IllegalStateException("Loading demo profile '" + profile.name() + "' failed; nothing was written: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Loading demo profile '" + profile.name() + "' failed: " + e.getMessage(), e);
        }
    }

    private static boolean isLoaded(Connection c, DemoProfile profile) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT profile, seed, generator_version FROM dataset_load ORDER BY id DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getString(1).equals(profile.name()) && rs.getLong(2) == profile.seed()
                    && rs.getInt(3) == DemoGenerator.VERSION && countiesPresent(c);
        }
    }

    private static boolean countiesPresent(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM admin_unit WHERE level = 'county'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static boolean hasRealData(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM land_parcel WHERE NOT synthetic) OR EXISTS (SELECT 1 FROM admin_unit WHERE NOT synthetic)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void deleteDemoData(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("TRUNCATE " + String.join(", ", DELETE_ORDER) + " RESTART IDENTITY");
        }
    }

    private static void copy(Connection c, DemoTables tables) throws SQLException, IOException {
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        for (CopyTable t : tables.inLoadOrder()) {
            if (t.rows() == 0) {
                continue;
            }
            String sql = "COPY " + t.name() + " (" + String.join(", ", t.columns()) + ") FROM STDIN";
            copy.copyIn(sql, new ByteArrayInputStream(t.bytes()));
        }
    }

    /** Plan targets on a metric no feature measures could never show progress: refuse the load (it rolls back). */
    private void requireMeasuredTargets(Connection c) throws SQLException {
        List<String> unmeasured = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT metric FROM plan_target WHERE metric <> ALL (?) ORDER BY metric")) {
            ps.setArray(1, c.createArrayOf("text", measuredMetrics.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    unmeasured.add(rs.getString(1));
                }
            }
        }
        if (!unmeasured.isEmpty()) {
            throw new IllegalStateException("demo plan targets name metrics that no feature measures: " + unmeasured
                    + " (measured: " + new TreeSet<>(measuredMetrics) + ")");
        }
    }

    /** What is derived in the database: belt polygons from the DEM, the ecological red line, the tile overview, sequences. */
    private static void finish(Connection c, DemoGenerator.Result result) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String table : List.of("belt_scheme", "belt", "high_standard_farmland_project", "land_parcel", "household", "transferee",
                    "circulation_listing", "idle_facility", "circulation_contract", "circulation_status_history", "circulation_dispute",
                    "homestead", "rural_house", "homestead_revitalization", "distribution_transformer", "pv_site", "protection_zone", "road",
                    "settlement", "poi", "plan_target")) {
                st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), coalesce((SELECT max(id) FROM " + table + "), 0) + 1, false)");
            }
            // Belts: the part of the county whose DEM elevation falls in each belt's band.
            st.execute("""
                    UPDATE belt b SET geom = sub.geom FROM (
                      SELECT b.id, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Intersection(ST_Union(dp.geom), a.boundary)), 3)) AS geom
                      FROM belt b
                      JOIN belt_scheme s ON s.id = b.scheme_id
                      JOIN dem d ON d.county_code = s.county_code
                      JOIN admin_unit a ON a.code = s.county_code
                      CROSS JOIN LATERAL ST_DumpAsPolygons(ST_Reclass(d.rast, 1,
                          concat_ws(',',
                            CASE WHEN b.min_elevation_m > 0 THEN format('[0-%s):0', b.min_elevation_m) END,
                            format('[%s-%s):1', b.min_elevation_m, b.max_elevation_m),
                            format('[%s-20000]:0', b.max_elevation_m)),
                          '8BUI', 0)) dp
                      WHERE b.geom IS NULL
                      GROUP BY b.id, a.boundary) sub
                    WHERE sub.id = b.id""");
            // Ecological red line: the highest fifth of each county's relief, where natural land is protected.
            st.execute("""
                    INSERT INTO protection_zone (county_code, zone_type, name, designated_year, authority, rules, area_m2, synthetic, geom)
                    SELECT county_code, 'ecological_red_line', name || '生态保护红线', 2022, name || '自然资源局',
                           '生态保护红线内原则上禁止开发性、生产性建设活动', ST_Area(geom::geography), true, geom
                    FROM (
                      SELECT d.county_code, a.name,
                             ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Intersection(ST_Union(dp.geom), a.boundary)), 3)) AS geom
                      FROM dem d
                      JOIN admin_unit a ON a.code = d.county_code
                      CROSS JOIN LATERAL (SELECT d.min_elevation_m + (d.max_elevation_m - d.min_elevation_m) * 0.8 AS threshold) th
                      CROSS JOIN LATERAL ST_DumpAsPolygons(ST_Reclass(d.rast, 1,
                          format('[0-%s):0,[%s-20000]:1', th.threshold, th.threshold), '8BUI', 0)) dp
                      WHERE NOT EXISTS (SELECT 1 FROM protection_zone z WHERE z.county_code = d.county_code AND z.zone_type = 'ecological_red_line')
                      GROUP BY d.county_code, a.name, a.boundary) red
                    WHERE NOT ST_IsEmpty(geom)""");
            // The generalized parcel layer of low-zoom tiles.
            st.execute("SELECT refresh_parcel_overview(NULL)");
        }
    }
}
