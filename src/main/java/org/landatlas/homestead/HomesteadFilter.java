package org.landatlas.homestead;

import java.util.List;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.BBox;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;

/** The GraphQL input HomesteadFilter, bound by Spring; {@link #restrict} checks it and adds it to a condition over {@code homestead t}. */
record HomesteadFilter(String adminCode, List<Double> bbox, List<String> occupancies, List<String> revitalizationStatuses, List<String> conditions, Double minIdleYears) {

    /** Adds the filter to {@code w}; bad values are refused naming {@code argument}.field. */
    void restrict(SqlWhere w, String argument, AdminUnitQueries units) {
        units.restrict(w, adminCode, argument + ".adminCode", "t.village_code");
        w.bbox(BBox.of(bbox, argument + ".bbox"), "t.geom");
        w.in(occupancies, "t.occupancy", true);
        w.in(revitalizationStatuses, "t.revitalization_status", true);
        w.in(conditions, HomesteadQueries.WORST_CONDITION, true);
        if (minIdleYears != null) {
            if (minIdleYears < 0) {
                throw ApiException.badInput(argument + ".minIdleYears", "must not be negative, got " + minIdleYears);
            }
            w.and("t.idle_since <= current_date - make_interval(days => " + w.param((int) Math.round(minIdleYears * 365.25)) + ")");
        }
    }
}
