package org.landatlas.circulation;

import org.landatlas.parcel.CirculationStatusSource;
import org.landatlas.parcel.ParcelCirculationStatuses;
import org.landatlas.platform.SqlValues;
import org.springframework.stereotype.Component;

/**
 * A parcel is circulated while a contract in force holds it ({@link ActiveContracts}), listed while a listing on
 * offer holds it ({@link ListingStatus#ON_OFFER}, pooled 预流转 land included), and none otherwise. Nothing else
 * sets the status: this rule is the one source the parcel's stored status follows.
 */
@Component
public class CirculationStatusRule implements CirculationStatusSource {

    @Override
    public String statusSql(String parcelId) {
        return """
                CASE WHEN EXISTS (SELECT 1 FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id
                                  WHERE cp.parcel_id = %1$s AND %2$s) THEN 'circulated'
                     WHEN EXISTS (SELECT 1 FROM circulation_listing_parcel lp JOIN circulation_listing l ON l.id = lp.listing_id
                                  WHERE lp.parcel_id = %1$s AND %3$s) THEN 'listed'
                     ELSE 'none' END""".formatted(parcelId, ActiveContracts.statusIn("c.status"), SqlValues.in("l.status", ListingStatus.ON_OFFER));
    }

    @Override
    public String heldKindSql(String parcelId) {
        // One contract in force holds a parcel (the overlap rule); min() only makes the expression a scalar.
        return """
                (SELECT min(c.land_kind) FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id
                 WHERE cp.parcel_id = %1$s AND %2$s)""".formatted(parcelId, ActiveContracts.statusIn("c.status"));
    }

    /** Every parcel's status and held kind brought in line, as SQL (the demo load runs it after copying its rows). */
    public static String refreshAllSql() {
        return ParcelCirculationStatuses.refreshAllSql(new CirculationStatusRule());
    }
}
