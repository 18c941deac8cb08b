package org.landatlas.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * A SQL condition built from typed GraphQL filter input ({@link BBox}, {@link Near}, {@link Range}), with named
 * parameters. The input types check themselves and name the argument at fault; this class only writes SQL.
 * Spatial tests start with a bounding-box test so that GiST indexes are used.
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

    /** Rows whose geometry intersects the box; nothing without one. */
    public SqlWhere bbox(BBox box, String geomColumn) {
        if (box == null) {
            return this;
        }
        String env = "ST_MakeEnvelope(" + param(box.minLon()) + ", " + param(box.minLat()) + ", " + param(box.maxLon()) + ", " + param(box.maxLat()) + ", 4490)";
        return and(geomColumn + " && " + env + " AND ST_Intersects(" + geomColumn + ", " + env + ")");
    }

    /** SQL of a near point, of the distance to it, and the radius (or null) of a {@link Near} filter. */
    public record Distance(String pointSql, String distanceSql, Double radiusM) {
    }

    /**
     * A {@link Near#checked checked} near filter: rows within distanceM metres (ellipsoidal) of the point, when a
     * radius is given. A degree box that surely contains the radius comes first, so the GiST index is used; the
     * geography test is exact. Returns null without a near filter.
     */
    public Distance near(Near near, String geomColumn) {
        if (near == null) {
            return null;
        }
        double lat = near.lat();
        String pointSql = "ST_SetSRID(ST_MakePoint(" + param(near.lon()) + ", " + param(lat) + "), 4490)";
        String distanceSql = "ST_Distance(" + geomColumn + "::geography, " + pointSql + "::geography)";
        Double m = near.distanceM();
        if (m == null) {
            return new Distance(pointSql, distanceSql, null);
        }
        double dLat = m / 110_574.0 * 1.01;
        double dLon = m / (111_320.0 * Math.cos(Math.toRadians(Math.min(89, Math.abs(lat))))) * 1.01;
        and(geomColumn + " && ST_Expand(" + pointSql + ", " + param(dLon) + ", " + param(dLat) + ")"
                + " AND ST_DWithin(" + geomColumn + "::geography, " + pointSql + "::geography, " + param(m) + ")");
        return new Distance(pointSql, distanceSql, m);
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
    public SqlWhere in(Collection<?> values, String column, boolean lowerCase) {
        if (values == null) {
            return this;
        }
        List<String> list = new ArrayList<>(values.size());
        for (Object o : values) {
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

    /** A {@link Range#checked checked} range over a column, each end optional and inclusive; nothing without one. */
    public SqlWhere range(Range range, String column) {
        if (range == null) {
            return this;
        }
        if (range.min() != null) {
            and(column + " >= " + param(range.min()));
        }
        if (range.max() != null) {
            and(column + " <= " + param(range.max()));
        }
        return this;
    }
}
