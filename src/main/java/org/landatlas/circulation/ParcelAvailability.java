package org.landatlas.circulation;

import java.util.Collection;

import org.landatlas.parcel.ParcelCirculationStatuses;
import org.springframework.stereotype.Component;

/**
 * What every change to a listing's or contract's parcels or status must be followed by, in its own transaction:
 * the parcels' derived circulation status ({@link ParcelCirculationStatuses}) and the land search's available land
 * ({@link InvestorSearch}). One call, so that no workflow updates one and forgets the other.
 */
@Component
class ParcelAvailability {

    private final ParcelCirculationStatuses statuses;
    private final InvestorSearch search;

    ParcelAvailability(ParcelCirculationStatuses statuses, InvestorSearch search) {
        this.statuses = statuses;
        this.search = search;
    }

    /** The parcels whose listings or contracts changed. */
    void changed(Collection<Long> parcelIds) {
        if (parcelIds.isEmpty()) {
            return;
        }
        statuses.refresh(parcelIds);
        search.refresh(parcelIds);
    }
}
