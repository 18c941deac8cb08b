package org.landatlas.circulation;

import java.util.List;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.BBox;
import org.landatlas.platform.Range;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;

/** The GraphQL input ListingFilter, bound by Spring; {@link #restrict} checks it and adds it to a condition over {@code circulation_listing t}. */
record ListingFilter(String adminCode, List<Double> bbox, List<String> landKinds, List<String> statuses, List<String> modes, Range areaMu,
                     Range price, Range termYears, Boolean pooled, List<String> belts, Double maxRoadDistanceM) {

    /** Adds the filter to {@code w}; bad values are refused naming {@code argument}.field. */
    void restrict(SqlWhere w, String argument, AdminUnitQueries units) {
        units.restrict(w, adminCode, argument + ".adminCode", "t.village_code");
        w.bbox(BBox.of(bbox, argument + ".bbox"), "t.geom");
        w.in(landKinds, "t.land_kind", true);
        w.in(statuses, "t.status", true);
        w.in(modes, "t.mode", true);
        w.range(Range.checked(areaMu, argument + ".areaMu", 0, Double.MAX_VALUE), "t.area_mu");
        w.range(Range.checked(price, argument + ".price", 0, Double.MAX_VALUE), "t.price_yuan_per_mu_year");
        w.range(Range.checked(termYears, argument + ".termYears", 0, 100), "t.term_years");
        w.equal(pooled, "t.pooled");
        if (belts != null) {
            w.and("EXISTS (SELECT 1 FROM circulation_listing_parcel lp JOIN land_parcel p ON p.id = lp.parcel_id"
                    + " JOIN belt b ON b.id = p.belt_id WHERE lp.listing_id = t.id AND b.code IN (" + w.param(belts.isEmpty() ? List.of("") : belts) + "))");
        }
        if (maxRoadDistanceM != null) {
            if (maxRoadDistanceM < 0) {
                throw ApiException.badInput(argument + ".maxRoadDistanceM", "must not be negative, got " + maxRoadDistanceM);
            }
            w.and("t.road_access_m <= " + w.param(maxRoadDistanceM));
        }
    }
}
