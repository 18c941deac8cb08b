package org.landatlas.circulation;

import java.time.LocalDate;
import java.util.List;

/** The GraphQL inputs of the listing mutations, bound by {@code @RecordArgument}; {@link ListingWorkflow} checks them. */
final class ListingInputs {

    private ListingInputs() {
    }

    /** createListing: land (parcelIds, pooled for 预流转 land a village collective gathered) or idle facilities (facilityIds). */
    record NewListing(String countyCode, String title, List<String> parcelIds, List<String> facilityIds, Boolean pooled,
                      Double priceYuanPerMuYear, Integer minTermYears, Integer maxTermYears, List<String> modes, List<String> allowedUses,
                      String intendedUse, String transfereeConditions, String contactOffice, LocalDate expiresOn) {
    }

    /** updateListing: null leaves a field as it is; negotiable = true clears the price (面议). */
    record ListingChanges(Integer expectedVersion, String title, List<String> parcelIds, List<String> facilityIds, Boolean pooled,
                          Double priceYuanPerMuYear, Boolean negotiable, Integer minTermYears, Integer maxTermYears, List<String> modes,
                          List<String> allowedUses, String intendedUse, String transfereeConditions, String contactOffice,
                          LocalDate expiresOn) {
    }
}
