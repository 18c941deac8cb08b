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
final class DemoLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    private static final long LOCK_KEY = 0x4C616E6441746C61L; // "LandAtla"

    private final DataSource dataSource;
    private final DemoGenerator generator;
    private final Set<String> measuredMetrics;

    /** {@code measuredMetrics}: the plan metrics the features measure ({@code PlanMetrics.ids()}); targets of others are refused. */
    public DemoLoader(DataSource dataSource, DemoGenerator generator, Set<String> measuredMetrics) {
        this.dataSource = dataSource;
        this.generator = generator;
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
                if (isLoaded(c, profile, generator.tables())) {
                    c.rollback();
                    return Outcome.ALREADY_LOADED;
                }
                if (hasRealData(c, generator.tables())) {
                    c.rollback();
                    log.warn("Demo profile '{}' not loaded: the database holds non-synthetic data, which a demo load never replaces.", profile.name());
                    return Outcome.SKIPPED_REAL_DATA;
                }
                long t0 = System.nanoTime();
                DemoGenerator.Result result = generator.generate(profile);
                log.info("Generated demo profile '{}' (seed {}): {} parcels in {} ms", profile.name(), profile.seed(), result.parcelCount(), result.millis());
                deleteDemoData(c, generator.tables());
                copy(c, result.tables());
                requireMeasuredTargets(c);
                finish(c, generator);
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

    private static boolean isLoaded(Connection c, DemoProfile profile, List<DemoTable> tables) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT profile, seed, generator_version FROM dataset_load ORDER BY id DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getString(1).equals(profile.name()) && rs.getLong(2) == profile.seed()
                    && rs.getInt(3) == DemoGenerator.VERSION && stillPresent(c, tables);
        }
    }

    /** The recorded load is still there: the guarding tables (counties, parcels) were not emptied since. */
    private static boolean stillPresent(Connection c, List<DemoTable> tables) throws SQLException {
        return probe(c, guards(tables).stream().map(t -> "EXISTS (SELECT 1 FROM " + t.name() + ")").toList(), " AND ");
    }

    private static boolean hasRealData(Connection c, List<DemoTable> tables) throws SQLException {
        return probe(c, guards(tables).stream().map(t -> "EXISTS (SELECT 1 FROM " + t.name() + " WHERE NOT synthetic)").toList(), " OR ");
    }

    private static List<DemoTable> guards(List<DemoTable> tables) {
        return tables.stream().filter(DemoTable::guardsRealData).toList();
    }

    private static boolean probe(Connection c, List<String> conditions, String joiner) throws SQLException {
        if (conditions.isEmpty()) {
            throw new IllegalStateException("no demo-data part declares a table that guards real data");
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + String.join(joiner, conditions))) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Every table a demo load fills, in one statement, so foreign keys between them do not matter. */
    private static void deleteDemoData(Connection c, List<DemoTable> tables) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("TRUNCATE " + String.join(", ", tables.stream().map(DemoTable::name).toList()) + " RESTART IDENTITY");
        }
    }

    private static void copy(Connection c, DemoDataSet tables) throws SQLException, IOException {
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

    /** Sequences moved past the loaded ids, then what the parts derive in the database (belt polygons, red line, tile overview). */
    private static void finish(Connection c, DemoGenerator generator) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (DemoTable t : generator.tables()) {
                if (t.serialId()) {
                    st.execute("SELECT setval(pg_get_serial_sequence('" + t.name() + "', 'id'), coalesce((SELECT max(id) FROM " + t.name()
                            + "), 0) + 1, false)");
                }
            }
            for (String sql : generator.afterLoad()) {
                st.execute(sql);
            }
        }
    }
}
