package org.landatlas.parcel;

import java.util.List;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.BBox;
import org.landatlas.platform.Range;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;

/**
 * The GraphQL input HighStandardFarmlandFilter, bound by Spring; {@link #restrict} checks it and adds it to a
 * condition over {@code high_standard_farmland_project t}.
 */
record HighStandardFarmlandFilter(String adminCode, List<Double> bbox, List<String> statuses, Range year) {

    /** Adds the filter to {@code w}; bad values are refused naming {@code argument}.field. */
    void restrict(SqlWhere w, String argument, AdminUnitQueries units) {
        if (adminCode != null) {
            units.requireExisting(argument + ".adminCode", adminCode);
            if (adminCode.length() == 6) {
                w.equal(adminCode, "t.county_code");
            } else if (adminCode.length() == 9) {
                w.equal(adminCode, "t.township_code");
            } else {
                throw ApiException.badInput(argument + ".adminCode", "projects are filed by county (6 digits) or township (9 digits)");
            }
        }
        w.bbox(BBox.of(bbox, argument + ".bbox"), "t.geom");
        w.in(statuses, "t.status", true);
        w.range(Range.checked(year, argument + ".year", 1949, 2100), "t.project_year");
    }
}
