package org.landatlas.platform;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;

/** Maps rows to field-keyed maps: GeoJSON columns (label "field@alias") become {@link GeoJson.Text}, arrays lists. */
public final class SqlRows implements RowMapper<Map<String, Object>> {

    public static final SqlRows MAPPER = new SqlRows();

    private SqlRows() {
    }

    @Override
    public Map<String, Object> mapRow(ResultSet rs, int rowNum) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        Map<String, Object> row = new HashMap<>(n * 2);
        for (int i = 1; i <= n; i++) {
            String label = md.getColumnLabel(i);
            Object v = rs.getObject(i);
            if (v instanceof Array a) {
                v = Arrays.asList((Object[]) a.getArray());
            } else if (v instanceof String s && label.indexOf('@') > 0) {
                v = new GeoJson.Text(s);
            } else if (v instanceof java.sql.Date d) {
                v = d.toLocalDate();
            } else if (v instanceof java.sql.Timestamp ts) {
                v = ts.toInstant();
            }
            row.put(label, v);
        }
        return row;
    }
}
