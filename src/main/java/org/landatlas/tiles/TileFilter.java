package org.landatlas.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.landatlas.platform.AdminCodes;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.SqlWhere;

/**
 * A query parameter a layer accepts: enum values (comma-separated), a boolean, or an administrative code
 * (6, 9 or 12 digits, matched as a prefix of a 12-digit village code).
 *
 * @param column the SQL the value is compared with (alias {@code t} of the source)
 * @param values the accepted values of a {@link Kind#VALUES} filter
 */
public record TileFilter(Kind kind, String column, Set<String> values) {

    public enum Kind { VALUES, BOOLEAN, ADMIN_CODE }

    public static TileFilter values(String column, String... allowed) {
        return new TileFilter(Kind.VALUES, column, Set.of(allowed));
    }

    public static TileFilter bool(String column) {
        return new TileFilter(Kind.BOOLEAN, column, Set.of());
    }

    /** {@code villageColumn}: a 12-digit code column, e.g. {@code rpad(t.county_code, 12, '0')} for county rows. */
    public static TileFilter adminCode(String villageColumn) {
        return new TileFilter(Kind.ADMIN_CODE, villageColumn, Set.of());
    }

    /** What the catalogue says the filter accepts. */
    Object accepted() {
        return switch (kind) {
            case VALUES -> new TreeSet<>(values);
            case BOOLEAN -> List.of("true", "false");
            case ADMIN_CODE -> "a 6-, 9- or 12-digit administrative code";
        };
    }

    /** The request's text as a value (a list of values, a Boolean, or a code); bad input is refused naming {@code param}. */
    Object parse(String param, String text) {
        return switch (kind) {
            case VALUES -> {
                List<String> out = new ArrayList<>();
                for (String v : text.split(",")) {
                    String value = v.trim();
                    if (!values.contains(value)) {
                        throw ApiException.badInput(param, "'" + value + "' is not one of " + String.join(", ", new TreeSet<>(values)));
                    }
                    out.add(value);
                }
                yield out;
            }
            case BOOLEAN -> switch (text) {
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> throw ApiException.badInput(param, "'" + text + "' is not true or false");
            };
            case ADMIN_CODE -> {
                AdminCodes.requireShape(param, text);
                yield text;
            }
        };
    }

    /** Adds the condition for a parsed value on {@code on} (this filter's column, or another table's). */
    void apply(SqlWhere w, Object value, String on) {
        switch (kind) {
            case ADMIN_CODE -> w.adminCode((String) value, on);
            case BOOLEAN -> w.equal(value, on);
            case VALUES -> w.in((java.util.Collection<?>) value, on, false);
        }
    }
}
