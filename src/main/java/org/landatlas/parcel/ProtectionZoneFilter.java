package org.landatlas.parcel;

import java.util.List;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.BBox;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;

/** The GraphQL input ProtectionZoneFilter, bound by Spring; {@link #restrict} checks it and adds it to a condition over {@code protection_zone t}. */
record ProtectionZoneFilter(String countyCode, List<Double> bbox, List<String> zoneTypes, List<Double> containsPoint) {

    /** Adds the filter to {@code w}; bad values are refused naming {@code argument}.field. */
    void restrict(SqlWhere w, String argument, AdminUnitQueries units) {
        if (countyCode != null) {
            units.requireExisting(argument + ".countyCode", countyCode);
            w.equal(countyCode, "t.county_code");
        }
        w.bbox(BBox.of(bbox, argument + ".bbox"), "t.geom");
        w.in(zoneTypes, "t.zone_type", true);
        if (containsPoint != null) {
            if (containsPoint.size() != 2 || Math.abs(containsPoint.get(0)) > 180 || Math.abs(containsPoint.get(1)) > 90) {
                throw ApiException.badInput(argument + ".containsPoint", "needs [longitude, latitude]");
            }
            String p = "ST_SetSRID(ST_MakePoint(" + w.param(containsPoint.get(0)) + ", " + w.param(containsPoint.get(1)) + "), 4490)";
            w.and("t.geom && " + p + " AND ST_Intersects(t.geom, " + p + ")");
        }
    }
}
