package org.landatlas.circulation;

import java.time.LocalDate;
import java.util.List;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.BBox;
import org.landatlas.platform.Ids;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;

/** The GraphQL input ContractFilter, bound by Spring; {@link #restrict} checks it and adds it to a condition over {@code circulation_contract t}. */
record ContractFilter(String adminCode, List<Double> bbox, List<String> statuses, List<String> modes, List<String> landKinds, String transfereeId,
                      List<LocalDate> endsBetween) {

    /**
     * Adds the filter to {@code w}; bad values are refused naming {@code argument}.field. Statuses are those the
     * contract shows ({@link CirculationQueries#shownStatusSql}): EXPIRING is an active contract whose term ends within
     * {@code expiringDays}, and ACTIVE then means active and not expiring, so a contract matches the status it displays.
     */
    void restrict(SqlWhere w, String argument, AdminUnitQueries units, int expiringDays) {
        units.restrict(w, adminCode, argument + ".adminCode", "t.village_code");
        w.bbox(BBox.of(bbox, argument + ".bbox"), "t.geom");
        w.in(statuses, CirculationQueries.shownStatusSql("t", expiringDays), true);
        w.in(modes, "t.mode", true);
        w.in(landKinds, "t.land_kind", true);
        if (transfereeId != null) {
            w.equal(Ids.parse(argument + ".transfereeId", transfereeId), "t.transferee_id");
        }
        if (endsBetween != null) {
            if (endsBetween.size() != 2) {
                throw ApiException.badInput(argument + ".endsBetween", "needs [from, to]");
            }
            LocalDate from = endsBetween.get(0);
            LocalDate to = endsBetween.get(1);
            if (from.isAfter(to)) {
                throw ApiException.badInput(argument + ".endsBetween", from + " is after " + to);
            }
            w.and("t.term_end BETWEEN " + w.param(from) + " AND " + w.param(to));
        }
    }
}
