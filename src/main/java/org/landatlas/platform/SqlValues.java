package org.landatlas.platform;

import java.util.List;
import java.util.stream.Collectors;

/** SQL text for the fixed value sets the features define once (statuses and the like), never for user input. */
public final class SqlValues {

    private SqlValues() {
    }

    /** {@code 'value'}; a constant with a quote in it is a programming error and refused. */
    public static String literal(String value) {
        if (value.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("not a plain SQL constant: " + value);
        }
        return "'" + value + "'";
    }

    /** {@code column IN ('a', 'b')}, the values in the given order. */
    public static String in(String column, List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an empty value set for " + column);
        }
        return column + " IN " + values.stream().map(SqlValues::literal).collect(Collectors.joining(", ", "(", ")"));
    }
}
