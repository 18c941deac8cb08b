package org.landatlas.plans;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A metric measured by one SQL statement returning one number, with the scope bound as {@code :county},
 * {@code :year} and {@code :cumulative} (see {@link PlanScope#parameters()}). Features declare theirs as beans:
 * <pre>{@code
 * @Bean PlanMetric wellsDrilled(NamedParameterJdbcTemplate jdbc) {
 *     return new SqlPlanMetric("wells_drilled", "眼", jdbc, "SELECT count(*) FROM <the feature's table> WHERE county_code = :county …");
 * }}</pre>
 * The SQL must return one non-null number (use {@code coalesce(sum(…), 0)}).
 */
public final class SqlPlanMetric implements PlanMetric {

    private final String id;
    private final String unit;
    private final NamedParameterJdbcTemplate jdbc;
    private final String sql;
    private final String byUnitSql;

    public SqlPlanMetric(String id, String unit, NamedParameterJdbcTemplate jdbc, String sql) {
        this(id, unit, jdbc, sql, null);
    }

    /**
     * A metric also measured per township or village: {@code byUnitSql} returns rows of (unit code, value) for the
     * units of the county whose code has {@code :code_length} digits (e.g. {@code GROUP BY left(village_code, :code_length)}).
     */
    public SqlPlanMetric(String id, String unit, NamedParameterJdbcTemplate jdbc, String sql, String byUnitSql) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a plan metric id is lower case letters, digits and '_', starting with a letter; got '" + id + "'");
        }
        this.id = id;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.sql = Objects.requireNonNull(sql, "sql");
        this.byUnitSql = byUnitSql;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String unit() {
        return unit;
    }

    @Override
    public double achieved(PlanScope scope) {
        Double value = jdbc.queryForObject(sql, scope.parameters(), Double.class);
        if (value == null) {
            throw new IllegalStateException("plan metric " + id + " measured NULL for " + scope + " (its SQL must return a number, e.g. coalesce(sum(…), 0))");
        }
        return value;
    }

    @Override
    public boolean measuredByUnit() {
        return byUnitSql != null;
    }

    @Override
    public Map<String, Double> achievedByUnit(PlanScope scope, int codeLength) {
        if (byUnitSql == null) {
            return PlanMetric.super.achievedByUnit(scope, codeLength);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        jdbc.query(byUnitSql, scope.parameters().addValue("code_length", codeLength), rs -> {
            out.merge(rs.getString(1), rs.getDouble(2), Double::sum);
        });
        return out;
    }

    @Override
    public String toString() {
        return "SqlPlanMetric[" + id + ", " + unit + "]";
    }
}
