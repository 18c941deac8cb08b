package org.landatlas.homestead;

import org.landatlas.platform.SqlValues;
import org.landatlas.security.PublicRows;

/**
 * What the public may see of homesteads, once for GraphQL, tiles and exports: those offered for revitalization
 * (offered, or under negotiation). Staff see every homestead of their counties.
 */
final class HomesteadPublicRows {

    /** Of {@code homestead}. */
    public static final PublicRows HOMESTEADS = new PublicRows(SqlValues.in("t.revitalization_status", RevitalizationStatus.OFFERED), "t.county_code");

    private HomesteadPublicRows() {
    }
}
