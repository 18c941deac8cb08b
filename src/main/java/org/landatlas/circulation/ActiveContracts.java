package org.landatlas.circulation;

import java.util.List;

import org.landatlas.platform.SqlValues;

/**
 * Contracts in force: the statuses under which a contract holds land (signed, filed with the 发包方, active, or
 * disputed but not ended). Drafts and terminated contracts hold none. The one statement of that set, for the
 * GraphQL figures, the plan metrics and every later export.
 */
public final class ActiveContracts {

    /** In the order the contract goes through them. */
    public static final List<String> STATUSES = List.of("signed", "filed", "active", "disputed");

    private ActiveContracts() {
    }

    /** SQL condition that {@code column} holds an in-force status: {@code column IN ('signed', 'filed', 'active', 'disputed')}. */
    public static String statusIn(String column) {
        return SqlValues.in(column, STATUSES);
    }
}
