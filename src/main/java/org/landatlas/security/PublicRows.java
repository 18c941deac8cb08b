package org.landatlas.security;

import java.util.Collection;
import java.util.Objects;

import org.landatlas.platform.SqlWhere;

/**
 * What the public may see of a feature's rows, stated once by the feature and used by everything that reads
 * them (GraphQL queries, vector tiles, exports). Staff see every row of their counties, administrators all rows.
 *
 * @param condition    SQL over the row alias {@code t} that holds for the rows the public may see
 * @param countyColumn the column (alias {@code t}) naming the county a row belongs to
 */
public record PublicRows(String condition, String countyColumn) {

    public PublicRows {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(countyColumn, "countyColumn");
    }

    /** Restricts {@code w} to the rows {@code viewer} may see: the public rows, plus every row of the viewer's counties. */
    public void restrict(SqlWhere w, Viewer viewer) {
        Collection<String> counties = viewer.staffCounties();
        if (counties == null) {
            return;
        }
        w.and(counties.isEmpty() ? "(" + condition + ")" : "(" + condition + " OR " + countyColumn + " IN (" + w.param(counties) + "))");
    }
}
