package org.landatlas.security;

import java.util.Collection;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.SqlWhere;

/**
 * The access rules every feature applies in its queries and mutations (data layer, not only the UI). What the
 * public may see of rows that are partly public is each feature's {@link PublicRows}.
 */
public final class Access {

    private Access() {
    }

    /** Staff-only data: the public gets FORBIDDEN naming what it asked for. */
    public static Viewer requireStaff(String what) {
        Viewer v = Viewer.current();
        if (v.isPublic()) {
            throw new ApiException(ApiException.Code.FORBIDDEN, what, "needs a signed-in staff account (this data is not public)");
        }
        return v;
    }

    public static Viewer requireAdmin(String what) {
        Viewer v = Viewer.current();
        if (!v.isAdmin()) {
            throw new ApiException(ApiException.Code.FORBIDDEN, what, v.isPublic() ? "needs a signed-in administrator" : "needs the administrator role");
        }
        return v;
    }

    /** Writes and staff reads in one county: the viewer must have staff rights there. */
    public static Viewer requireStaffIn(String countyCode, String what) {
        Viewer v = requireStaff(what);
        if (!v.isStaffIn(countyCode)) {
            throw new ApiException(ApiException.Code.FORBIDDEN, what, "county " + countyCode + " is outside the counties of account " + v.username());
        }
        return v;
    }

    /**
     * Of rows carrying "id" and "countyCode", those in which the viewer has staff rights: id → county. Batch
     * loaders of staff-only details (personal data) read only these.
     */
    public static java.util.Map<Long, String> staffRows(Viewer v, java.util.List<java.util.Map<String, Object>> rows) {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        for (java.util.Map<String, Object> r : rows) {
            String county = (String) r.get("countyCode");
            if (v.isStaffIn(county)) {
                out.put(((Number) r.get("id")).longValue(), county);
            }
        }
        return out;
    }

    /** Restricts staff-only rows to the viewer's counties (administrators: all). */
    public static void staffCountiesOnly(SqlWhere w, Viewer v, String countyColumn) {
        Collection<String> counties = v.staffCounties();
        if (counties != null) {
            w.and(counties.isEmpty() ? "FALSE" : countyColumn + " IN (" + w.param(counties) + ")");
        }
    }
}
