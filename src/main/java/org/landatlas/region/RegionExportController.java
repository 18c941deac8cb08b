package org.landatlas.region;

import java.util.List;
import java.util.Map;

import org.landatlas.exchange.Exports;
import org.landatlas.platform.Near;
import org.landatlas.platform.RecordArgument;
import org.landatlas.platform.SqlWhere;
import org.landatlas.security.Access;
import org.landatlas.security.Viewer;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * GraphQL: exportAdminUnits, exportRoads, exportSettlements, exportPointsOfInterest — the rows of the adminUnits,
 * roads, settlements and pointsOfInterest queries (the same WHERE, from {@link AdminUnitQueries} and
 * {@link InfrastructureQueries}; without their page or list caps) as a GIS file; field names fit a Shapefile's .dbf.
 */
@Controller
class RegionExportController {

    private final AdminUnitQueries units;
    private final InfrastructureQueries infrastructure;
    private final Exports exports;

    RegionExportController(AdminUnitQueries units, InfrastructureQueries infrastructure, Exports exports) {
        this.units = units;
        this.infrastructure = infrastructure;
        this.exports = exports;
    }

    @MutationMapping
    Map<String, Object> exportAdminUnits(@Argument String parentCode, @Argument String level, @Argument String nameContains, @Argument List<Double> bbox,
                                         @Argument String format, @Argument String shapefileEncoding) {
        Viewer viewer = Access.requireStaff("exportAdminUnits");
        SqlWhere w = units.listWhere(parentCode, level, nameContains, bbox);
        // The boundary is the layer's geometry (the seat point is in SEAT_LON/SEAT_LAT).
        return exports.exportMutation(viewer, "exportAdminUnits", "admin_unit", "admin_units", format, shapefileEncoding, """
                SELECT t.code AS "CODE", t.parent_code AS "PARENT", t.name AS "NAME", upper(t.level) AS "LEVEL", t.kind AS "KIND",
                       t.province_name AS "PROVINCE", t.city_name AS "CITY", t.population AS "POPULATION", t.households AS "HOUSEHOLDS",
                       t.area_m2 AS "AREA_M2", ST_X(t.seat) AS "SEAT_LON", ST_Y(t.seat) AS "SEAT_LAT", t.synthetic AS "SYNTHETIC", t.boundary AS geom
                FROM admin_unit t WHERE\s""" + w.sql() + " ORDER BY t.code", w.params());
    }

    @MutationMapping
    Map<String, Object> exportRoads(@Argument String countyCode, @Argument List<Double> bbox, @Argument List<String> classes, @Argument String format,
                                    @Argument String shapefileEncoding) {
        Viewer viewer = Access.requireStaff("exportRoads");
        SqlWhere w = infrastructure.roadsWhere(countyCode, bbox, classes);
        return exports.exportMutation(viewer, "exportRoads", "road", "roads", format, shapefileEncoding, """
                SELECT t.id AS "ID", t.county_code AS "COUNTY", upper(t.road_class) AS "CLASS", t.name AS "NAME", t.ref AS "REF", t.width_m AS "WIDTH_M",
                       t.surface AS "SURFACE", t.length_m AS "LENGTH_M", t.synthetic AS "SYNTHETIC", t.geom
                FROM road t WHERE\s""" + w.sql() + " ORDER BY t.id", w.params());
    }

    @MutationMapping
    Map<String, Object> exportSettlements(@Argument String countyCode, @Argument String nameContains, @Argument String format,
                                          @Argument String shapefileEncoding) {
        Viewer viewer = Access.requireStaff("exportSettlements");
        SqlWhere w = infrastructure.settlementsWhere(countyCode, nameContains);
        return exports.exportMutation(viewer, "exportSettlements", "settlement", "settlements", format, shapefileEncoding, """
                SELECT t.id AS "ID", t.name AS "NAME", t.kind AS "KIND", t.population AS "POPULATION", t.county_code AS "COUNTY",
                       t.village_code AS "VILLAGE", t.synthetic AS "SYNTHETIC", t.geom
                FROM settlement t WHERE\s""" + w.sql() + " ORDER BY t.id", w.params());
    }

    @MutationMapping
    Map<String, Object> exportPointsOfInterest(@Argument String countyCode, @Argument List<Double> bbox, @Argument List<String> kinds,
                                               @RecordArgument Near near, @Argument String format, @Argument String shapefileEncoding) {
        Viewer viewer = Access.requireStaff("exportPointsOfInterest");
        InfrastructureQueries.PoiWhere pw = infrastructure.poisWhere(countyCode, bbox, kinds, near);
        SqlWhere w = pw.where();
        // With near, like the query: the distance in metres, nearest first.
        String distance = pw.near() == null ? "" : " round((" + pw.near().distanceSql() + ")::numeric, 1)::float8 AS \"DISTANCE_M\",";
        String order = pw.near() == null ? "t.id" : "t.geom <-> " + pw.near().pointSql() + ", t.id";
        return exports.exportMutation(viewer, "exportPointsOfInterest", "poi", "points_of_interest", format, shapefileEncoding,
                "SELECT t.id AS \"ID\", t.name AS \"NAME\", t.kind AS \"KIND\", t.county_code AS \"COUNTY\", t.village_code AS \"VILLAGE\"," + distance
                        + " t.synthetic AS \"SYNTHETIC\", t.geom FROM poi t WHERE " + w.sql() + " ORDER BY " + order, w.params());
    }
}
