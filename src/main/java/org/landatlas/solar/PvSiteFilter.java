package org.landatlas.solar;

import java.util.List;

import org.landatlas.platform.BBox;
import org.landatlas.platform.Ids;
import org.landatlas.platform.Range;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;

/** The GraphQL input PvSiteFilter, bound by Spring; {@link #restrict} checks it and adds it to a condition over {@code pv_site t}. */
record PvSiteFilter(String adminCode, List<Double> bbox, List<String> siteKinds, List<String> statuses, List<String> gridModes, Range capacityKw,
                    String transformerId, Boolean transformerHasRoom) {

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
        if (Boolean.TRUE.equals(transformerHasRoom)) {
            // The site would fit: its transformer is not red and C2 still holds its capacity.
            w.and("EXISTS (SELECT 1 FROM distribution_transformer_load l WHERE l.transformer_id = t.transformer_id AND l.grade <> 'red'"
                    + " AND l.c2_kw >= t.capacity_kw)");
        }
    }
}
