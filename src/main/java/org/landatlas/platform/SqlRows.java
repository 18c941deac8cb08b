package org.landatlas.platform;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * Maps rows to field-keyed maps: GeoJSON columns (label "field@alias") become {@link GeoJson.Text}, dates
 * LocalDate, arrays lists. Column labels and typed getters are worked out once per result set, not per value:
 * on a page of 1,000 parcels the generic getObject path is the most expensive thing the service does.
 */
public final class SqlRows implements ResultSetExtractor<List<Map<String, Object>>> {

    /** Use as {@code jdbc.query(sql, params, SqlRows.ROWS)}. */
    public static final SqlRows ROWS = new SqlRows();

    private SqlRows() {
    }

    @Override
    public List<Map<String, Object>> extractData(ResultSet rs) throws SQLException {
        Columns columns = new Columns(rs.getMetaData());
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(columns.read(rs));
        }
        return rows;
    }

    private static final class Columns {
        final String[] labels;
        final int[] kinds;

        Columns(ResultSetMetaData md) throws SQLException {
            int n = md.getColumnCount();
            labels = new String[n];
            kinds = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = md.getColumnLabel(i + 1);
                int type = md.getColumnType(i + 1);
                kinds[i] = labels[i].indexOf('@') > 0 ? 1 : switch (type) {
                    case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR -> 2;
                    case Types.BIGINT -> 3;
                    case Types.INTEGER, Types.SMALLINT -> 4;
                    case Types.DOUBLE, Types.FLOAT, Types.REAL -> 5;
                    case Types.BIT, Types.BOOLEAN -> 6;
                    default -> 0;
                };
            }
        }

        Map<String, Object> read(ResultSet rs) throws SQLException {
            Map<String, Object> row = new HashMap<>(labels.length * 2);
            for (int i = 0; i < labels.length; i++) {
                int c = i + 1;
                Object v = switch (kinds[i]) {
                    case 1 -> {
                        String s = rs.getString(c);
                        yield s == null ? null : new GeoJson.Text(s);
                    }
                    case 2 -> rs.getString(c);
                    case 3 -> {
                        long l = rs.getLong(c);
                        yield rs.wasNull() ? null : l;
                    }
                    case 4 -> {
                        int x = rs.getInt(c);
                        yield rs.wasNull() ? null : x;
                    }
                    case 5 -> {
                        double d = rs.getDouble(c);
                        yield rs.wasNull() ? null : d;
                    }
                    case 6 -> {
                        boolean b = rs.getBoolean(c);
                        yield rs.wasNull() ? null : b;
                    }
                    default -> generic(rs.getObject(c));
                };
                row.put(labels[i], v);
            }
            return row;
        }

        private static Object generic(Object v) throws SQLException {
            if (v instanceof Array a) {
                return Arrays.asList((Object[]) a.getArray());
            }
            if (v instanceof java.sql.Date d) {
                return d.toLocalDate();
            }
            if (v instanceof java.sql.Timestamp ts) {
                // The Java type of the DateTime scalar: an instant with its offset (UTC).
                return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
            }
            return v;
        }
    }
}
