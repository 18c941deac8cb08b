package org.landatlas.circulation;

import org.landatlas.platform.SqlValues;
import org.landatlas.security.PublicRows;

/**
 * What the public may see of circulation data, once for GraphQL, tiles and exports: listings that are on offer
 * (listed, or under negotiation), and idle facilities that belong to a listing. Contracts, supervision findings and
 * transferees are staff-only: no public rows ({@link #STAFF_ONLY} where a shared reader needs the rule stated).
 */
final class CirculationPublicRows {

    /** Of {@code circulation_listing}. */
    public static final PublicRows LISTINGS = new PublicRows(SqlValues.in("t.status", ListingStatus.ON_OFFER), "t.county_code");

    /** Of {@code idle_facility}. */
    public static final PublicRows FACILITIES = new PublicRows("t.listing_id IS NOT NULL", "t.county_code");

    /** Of contracts and supervision findings (rows with {@code t.county_code}): none for the public, staff their counties. */
    public static final PublicRows STAFF_ONLY = new PublicRows("FALSE", "t.county_code");

    private CirculationPublicRows() {
    }
}
