package org.landatlas.solar;

import java.util.List;

import org.landatlas.platform.BBox;
import org.landatlas.platform.Ids;
import org.landatlas.platform.Range;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;

/** The GraphQL input PvSiteFilter, bound by Spring; {@link #restrict} checks it and adds it to a condition over {@code pv_site t}. */
record PvSiteFilter(String adminCode, List<Double> bbox, List<String> siteKinds, List<String> statuses, List<String> gridModes, Range capacityKw,
                    String transformerId) {

    /** Adds the filter to {@code w}; bad values are refused naming {@code argument}.field. */
    void restrict(SqlWhere w, String argument, AdminUnitQueries units) {
        units.restrict(w, adminCode, argument + ".adminCode", "t.village_code");
        w.bbox(BBox.of(bbox, argument + ".bbox"), "t.geom");
        w.in(siteKinds, "t.site_kind", true);
        w.in(statuses, "t.status", true);
        w.in(gridModes, "t.grid_mode", true);
        w.range(Range.checked(capacityKw, argument + ".capacityKw", 0, Double.MAX_VALUE), "t.capacity_kw");
        if (transformerId != null) {
            w.equal(Ids.parse(argument + ".transformerId", transformerId), "t.transformer_id");
        }
    }
}
