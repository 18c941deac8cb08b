package org.landatlas.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.Ids;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The first step of every multi-row change: lock the rows (FOR UPDATE, in id order so concurrent changes queue
 * instead of deadlocking), and check that all exist and lie in the viewer's counties. Any failure throws before
 * anything is written, so the change is all or nothing.
 */
public final class ScopedRows {

    public static final int MAX_ROWS = 1000;

    /** A locked row: id, county and the current value of the column to change. */
    public record Row(long id, String county, String value) {
    }

    private ScopedRows() {
    }

    public static List<Row> lock(NamedParameterJdbcTemplate jdbc, String table, String column, List<?> rawIds, String argument, String action) {
        Viewer v = Access.requireStaff(action);
        if (rawIds == null || rawIds.isEmpty()) {
            throw ApiException.badInput(argument, "give at least one id");
        }
        if (rawIds.size() > MAX_ROWS) {
            throw ApiException.badInput(argument, rawIds.size() + " ids; at most " + MAX_ROWS + " per change");
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (Object id : rawIds) {
            ids.add(Ids.parse(argument, id));
        }
        List<Row> rows = new ArrayList<>();
        jdbc.query("SELECT id, county_code, " + column + " FROM " + table + " WHERE id IN (:ids) ORDER BY id FOR UPDATE", Map.of("ids", ids),
                rs -> {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3)));
                });
        if (rows.size() < ids.size()) {
            Set<Long> missing = new TreeSet<>(ids);
            rows.forEach(r -> missing.remove(r.id()));
            throw ApiException.notFound(argument, "no " + table.replace('_', ' ') + " with id " + missing + "; nothing was changed");
        }
        for (Row r : rows) {
            if (!v.isStaffIn(r.county())) {
                throw new ApiException(ApiException.Code.FORBIDDEN, argument, table.replace('_', ' ') + " " + r.id() + " is in county " + r.county()
                        + ", outside the counties of account " + v.username() + "; nothing was changed");
            }
        }
        return rows;
    }

    /** A required free-text reason, kept in the audit log. */
    public static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badInput("reason", "say why (it is kept in the audit log)");
        }
        if (reason.length() > 500) {
            throw ApiException.badInput("reason", "at most 500 characters");
        }
        return reason.strip();
    }
}
