package org.landatlas.parcel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.GeoJson;
import org.landatlas.region.AdminUnitQueries;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.WKBWriter;
import org.landatlas.platform.SqlWhere;

/**
 * A parcel filter from GraphQL input turned into a SQL condition over {@code land_parcel t}. Every bad value is
 * refused with the argument's path (e.g. "filter.bbox") and the reason. Spatial conditions always start with a
 * bounding-box test so the GiST index is used, metric ones included.
 */
final class ParcelFilter {

    final SqlWhere where = new SqlWhere();
    /** SQL of the distance from filter.near.point, or null. */
    String distanceSql;
    String nearPointSql;
    String adminCode;
    /** Radius of filter.near, or null. */
    Double radiusM;

    static ParcelFilter parse(Map<String, Object> input, String argument, AdminUnitQueries units) {
        ParcelFilter f = new ParcelFilter();
        if (input == null) {
            return f;
        }
        f.where.bbox(input.get("bbox"), argument + ".bbox", "t.geom");
        f.geometry(input.get("intersects"), argument + ".intersects", false);
        f.geometry(input.get("within"), argument + ".within", true);
        SqlWhere.Near near = f.where.near(input.get("near"), argument + ".near", "t.geom");
        if (near != null) {
            f.nearPointSql = near.pointSql();
            f.distanceSql = near.distanceSql();
            f.radiusM = near.radiusM();
        }
        Object code = input.get("adminCode");
        if (code != null) {
            String c = code.toString();
            units.requireExisting(argument + ".adminCode", c);
            f.adminCode = c;
            if (c.length() == 6) {
                f.where.equal(c, "t.county_code");
            } else {
                f.where.adminCode(c, "t.village_code");
            }
        }
        List<String> classCodes = strings(input.get("landClassCodes"));
        if (classCodes != null) {
            for (String cc : classCodes) {
                if (!cc.matches("[0-9]{2,6}[A-Z]?[0-9A-Z]?")) {
                    throw ApiException.badInput(argument + ".landClassCodes", "'" + cc + "' is not a land-class code");
                }
            }
            f.where.in(classCodes, "t.dlbm", false);
        }
        List<String> groups = strings(input.get("classGroups"));
        if (groups != null) {
            f.where.and("(t.class_system, t.dlbm) IN (SELECT class_system, code FROM land_class WHERE class_group IN ("
                    + f.where.param(groups.stream().map(g -> g.toLowerCase(Locale.ROOT)).toList()) + "))");
        }
        Object system = input.get("classSystem");
        if (system != null) {
            f.where.equal(ParcelQueries.classSystemName(system.toString()), "t.class_system");
        }
        f.where.range(input.get("areaMu"), argument + ".areaMu", "t.area_mu", 0, Double.MAX_VALUE);
        f.where.range(input.get("elevationM"), argument + ".elevationM", "t.elevation_mean_m", -500, 9000);
        f.where.range(input.get("slopeDeg"), argument + ".slopeDeg", "t.slope_mean_deg", 0, 90);
        f.where.equal(input.get("permanentBasicFarmland"), "t.is_permanent_basic_farmland");
        f.where.equal(input.get("highStandardFarmland"), "t.is_high_standard_farmland");
        f.where.in(input.get("plantingAttributes"), "t.zzsxdm", false);
        f.where.in(input.get("circulationStatuses"), "t.circulation_status", true);
        List<String> belts = strings(input.get("belts"));
        if (belts != null) {
            f.where.and("t.belt_id IN (SELECT id FROM belt WHERE code IN (" + f.where.param(belts.isEmpty() ? List.of("") : belts) + "))");
        }
        return f;
    }

    private void geometry(Object value, String argument, boolean within) {
        if (value == null) {
            return;
        }
        Geometry g = GeoJson.requireValid((Geometry) value, argument);
        if (within && !(g instanceof Polygonal)) {
            throw ApiException.badInput(argument, "must be a Polygon or MultiPolygon, got " + g.getGeometryType());
        }
        String geom = "ST_GeomFromEWKB(" + where.param(new WKBWriter(2, true).write(g)) + ")";
        where.and("t.geom && " + geom + (within ? " AND ST_Within(t.geom, " : " AND ST_Intersects(t.geom, ") + geom + ")");
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
            out.add(o.toString());
        }
        return out;
    }
}
