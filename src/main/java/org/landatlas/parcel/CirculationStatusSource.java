package org.landatlas.parcel;

/**
 * Where a parcel's circulation status (none / listed / circulated) comes from. The parcel keeps the status in
 * {@code land_parcel.circulation_status} because its filters, statistics and tiles read it on every request, but it
 * never decides it: the feature that runs listings and contracts declares the rule (one bean), and
 * {@link ParcelCirculationStatuses} writes what the rule says after every change of those records.
 */
public interface CirculationStatusSource {

    /**
     * An SQL expression giving {@code 'none'}, {@code 'listed'} or {@code 'circulated'} for the parcel whose id is
     * the SQL expression {@code parcelId}; it may read only the declaring feature's own tables.
     */
    String statusSql(String parcelId);

    /**
     * An SQL expression giving the land kind of what holds the parcel while it is circulated (the contract's
     * farmland, pasture, forest …), NULL otherwise: stored beside the status, so that circulated area by kind is
     * an index sum.
     */
    String heldKindSql(String parcelId);
}
