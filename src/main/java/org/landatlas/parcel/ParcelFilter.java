package org.landatlas.parcel;

import java.util.List;
import java.util.Locale;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.BBox;
import org.landatlas.platform.GeoJson;
import org.landatlas.platform.Near;
import org.landatlas.platform.Range;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.WKBWriter;

/**
 * The GraphQL input ParcelFilter, bound by Spring from the argument. {@link #where} checks it and turns it into a
 * SQL condition over {@code land_parcel t}: every bad value is refused with the argument's path (e.g.
 * "filter.bbox") and the reason. Spatial conditions always start with a bounding-box test so the GiST index is
 * used, metric ones included.
 */
record ParcelFilter(List<Double> bbox, Geometry intersects, Geometry within, Near near, String adminCode, List<String> landClassCodes,
                    List<String> classGroups, String classSystem, Range areaMu, Range elevationM, Range slopeDeg, Boolean permanentBasicFarmland,
                    Boolean highStandardFarmland, List<String> plantingAttributes, List<String> circulationStatuses, List<String> belts) {

    /** The condition of a checked filter, and the distance to filter.near's point (null without one) for ordering. */
    record Where(SqlWhere condition, SqlWhere.Distance near) {
    }

    /** The condition of {@code filter} (all parcels when null), checked in the order the fields are listed. */
    static Where where(ParcelFilter filter, String argument, AdminUnitQueries units) {
        SqlWhere w = new SqlWhere();
        return filter == null ? new Where(w, null) : filter.where(w, argument, units);
    }

    private Where where(SqlWhere w, String argument, AdminUnitQueries units) {
        w.bbox(BBox.of(bbox, argument + ".bbox"), "t.geom");
        geometry(w, intersects, argument + ".intersects", false);
        geometry(w, within, argument + ".within", true);
        SqlWhere.Distance distance = w.near(Near.checked(near, argument + ".near"), "t.geom");
        if (adminCode != null) {
            units.requireExisting(argument + ".adminCode", adminCode);
            if (adminCode.length() == 6) {
                w.equal(adminCode, "t.county_code");
            } else {
                w.adminCode(adminCode, "t.village_code");
            }
        }
        if (landClassCodes != null) {
            for (String cc : landClassCodes) {
                if (!cc.matches("[0-9]{2,6}[A-Z]?[0-9A-Z]?")) {
                    throw ApiException.badInput(argument + ".landClassCodes", "'" + cc + "' is not a land-class code");
                }
            }
            w.in(landClassCodes, "t.dlbm", false);
        }
        if (classGroups != null) {
            w.and("(t.class_system, t.dlbm) IN (SELECT class_system, code FROM land_class WHERE class_group IN ("
                    + w.param(classGroups.stream().map(g -> g.toLowerCase(Locale.ROOT)).toList()) + "))");
        }
        if (classSystem != null) {
            w.equal(ParcelQueries.classSystemName(classSystem), "t.class_system");
        }
        w.range(Range.checked(areaMu, argument + ".areaMu", 0, Double.MAX_VALUE), "t.area_mu");
        w.range(Range.checked(elevationM, argument + ".elevationM", -500, 9000), "t.elevation_mean_m");
        w.range(Range.checked(slopeDeg, argument + ".slopeDeg", 0, 90), "t.slope_mean_deg");
        w.equal(permanentBasicFarmland, "t.is_permanent_basic_farmland");
        w.equal(highStandardFarmland, "t.is_high_standard_farmland");
        w.in(plantingAttributes, "t.zzsxdm", false);
        w.in(circulationStatuses, "t.circulation_status", true);
        if (belts != null) {
            w.and("t.belt_id IN (SELECT id FROM belt WHERE code IN (" + w.param(belts.isEmpty() ? List.of("") : belts) + "))");
        }
        return new Where(w, distance);
    }

    private static void geometry(SqlWhere w, Geometry value, String argument, boolean within) {
        if (value == null) {
            return;
        }
        Geometry g = GeoJson.requireValid(value, argument);
        if (within && !(g instanceof Polygonal)) {
            throw ApiException.badInput(argument, "must be a Polygon or MultiPolygon, got " + g.getGeometryType());
        }
        String geom = "ST_GeomFromEWKB(" + w.param(new WKBWriter(2, true).write(g)) + ")";
        w.and("t.geom && " + geom + (within ? " AND ST_Within(t.geom, " : " AND ST_Intersects(t.geom, ") + geom + ")");
    }
}
