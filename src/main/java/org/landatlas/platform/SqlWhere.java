package org.landatlas.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * A SQL condition built from GraphQL filter input, with named parameters. Each method checks its input and
 * refuses bad values with the argument's path and the reason; spatial tests start with a bounding-box test so
 * that GiST indexes are used.
 */
public final class SqlWhere {

    private final StringBuilder sql = new StringBuilder("TRUE");
    private final MapSqlParameterSource params = new MapSqlParameterSource();
    private int n;

    public String sql() {
        return sql.toString();
    }

    public MapSqlParameterSource params() {
        return params;
    }

    /** Appends a raw condition (already safe: no user text in it). */
    public SqlWhere and(String condition) {
        sql.append(" AND ").append(condition);
        return this;
    }

    /** A fresh parameter name bound to the value. */
    public String param(Object value) {
        String name = "p" + (n++);
        params.addValue(name, value);
        return ":" + name;
    }

    /** [minLon, minLat, maxLon, maxLat]: rows whose geometry intersects the box. */
    public SqlWhere bbox(Object value, String argument, String geomColumn) {
        if (value == null) {
            return this;
        }
        List<?> b = (List<?>) value;
        if (b.size() != 4) {
            throw ApiException.badInput(argument, "needs 4 numbers [minLon, minLat, maxLon, maxLat], got " + b.size());
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            v[i] = ((Number) b.get(i)).doubleValue();
            if (!Double.isFinite(v[i])) {
                throw ApiException.badInput(argument, "coordinates must be finite numbers");
            }
        }
        if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90) {
            throw ApiException.badInput(argument, "longitudes must lie in [-180, 180] and latitudes in [-90, 90]");
        }
        if (v[0] > v[2]) {
            throw ApiException.badInput(argument, "minLon " + v[0] + " is greater than maxLon " + v[2] + " (inverted box)");
        }
        if (v[1] > v[3]) {
            throw ApiException.badInput(argument, "minLat " + v[1] + " is greater than maxLat " + v[3] + " (inverted box)");
        }
        String env = "ST_MakeEnvelope(" + param(v[0]) + ", " + param(v[1]) + ", " + param(v[2]) + ", " + param(v[3]) + ", 4490)";
        return and(geomColumn + " && " + env + " AND ST_Intersects(" + geomColumn + ", " + env + ")");
    }

    /** Largest radius accepted for a distance filter, metres. */
    public static final double MAX_DISTANCE_M = 200_000;

    /** A point of a {near: {point, distanceM}} filter: SQL of the point, of the distance to it, and the radius (or null). */
    public record Near(String pointSql, String distanceSql, Double radiusM) {
    }

    /**
     * {near: {point: [lon, lat], distanceM}}: rows within distanceM metres (ellipsoidal) of the point, when a radius
     * is given. A degree box that surely contains the radius comes first, so the GiST index is used; the geography
     * test is exact. Returns null without a near filter.
     */
    public Near near(Object value, String argument, String geomColumn) {
        if (value == null) {
            return null;
        }
        Map<?, ?> near = (Map<?, ?>) value;
        List<?> point = (List<?>) near.get("point");
        if (point == null || point.size() != 2) {
            throw ApiException.badInput(argument + ".point", "needs [longitude, latitude]");
        }
        double lon = ((Number) point.get(0)).doubleValue();
        double lat = ((Number) point.get(1)).doubleValue();
        if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
            throw ApiException.badInput(argument + ".point", "(" + lon + ", " + lat + ") is not a longitude/latitude");
        }
        String pointSql = "ST_SetSRID(ST_MakePoint(" + param(lon) + ", " + param(lat) + "), 4490)";
        String distanceSql = "ST_Distance(" + geomColumn + "::geography, " + pointSql + "::geography)";
        Object d = near.get("distanceM");
        if (d == null) {
            return new Near(pointSql, distanceSql, null);
        }
        double m = ((Number) d).doubleValue();
        if (m < 0 || Double.isNaN(m)) {
            throw ApiException.badInput(argument + ".distanceM", "must not be negative, got " + m);
        }
        if (m > MAX_DISTANCE_M) {
            throw ApiException.badInput(argument + ".distanceM", "at most " + (int) MAX_DISTANCE_M + " m, got " + m);
        }
        double dLat = m / 110_574.0 * 1.01;
        double dLon = m / (111_320.0 * Math.cos(Math.toRadians(Math.min(89, Math.abs(lat))))) * 1.01;
        and(geomColumn + " && ST_Expand(" + pointSql + ", " + param(dLon) + ", " + param(dLat) + ")"
                + " AND ST_DWithin(" + geomColumn + "::geography, " + pointSql + "::geography, " + param(m) + ")");
        return new Near(pointSql, distanceSql, m);
    }

    /** An administrative code (6, 9 or 12 digits) matched against a 12-digit village-code column. */
    public SqlWhere adminCode(String code, String villageColumn) {
        if (code == null) {
            return this;
        }
        if (code.length() == 12) {
            return and(villageColumn + " = " + param(code));
        }
        // Digit strings sort the same in every collation, so a code prefix is an index range.
        String lo = param(code + "0".repeat(12 - code.length()));
        String hi = param(code + "9".repeat(12 - code.length()));
        return and(villageColumn + " BETWEEN " + lo + " AND " + hi);
    }

    /** column IN (values) for enum-like values, lower-cased to the stored form when asked. */
    public SqlWhere in(Object values, String column, boolean lowerCase) {
        if (values == null) {
            return this;
        }
        List<String> list = new ArrayList<>();
        for (Object o : (List<?>) values) {
            list.add(lowerCase ? o.toString().toLowerCase(Locale.ROOT) : o.toString());
        }
        if (list.isEmpty()) {
            return and("FALSE");
        }
        return and(column + " IN (" + param(list) + ")");
    }

    public SqlWhere equal(Object value, String column) {
        return value == null ? this : and(column + " = " + param(value));
    }

    /** A {min, max} range, each end optional, checked against [lowest, highest]. */
    public SqlWhere range(Object value, String argument, String column, double lowest, double highest) {
        if (value == null) {
            return this;
        }
        Map<?, ?> r = (Map<?, ?>) value;
        Double min = r.get("min") == null ? null : ((Number) r.get("min")).doubleValue();
        Double max = r.get("max") == null ? null : ((Number) r.get("max")).doubleValue();
        if (min != null && max != null && min > max) {
            throw ApiException.badInput(argument, "min " + min + " is greater than max " + max);
        }
        for (Double x : new Double[] {min, max}) {
            if (x != null && (x.isNaN() || x < lowest || x > highest)) {
                throw ApiException.badInput(argument, x + " is outside [" + lowest + ", " + (highest == Double.MAX_VALUE ? "∞" : highest) + "]");
            }
        }
        if (min != null) {
            and(column + " >= " + param(min));
        }
        if (max != null) {
            and(column + " <= " + param(max));
        }
        return this;
    }
}
