package org.landatlas.parcel;

import java.util.Map;

import org.landatlas.exchange.Exports;
import org.landatlas.platform.Mu;
import org.landatlas.platform.RecordArgument;
import org.landatlas.platform.SqlWhere;
import org.landatlas.security.Access;
import org.landatlas.security.Viewer;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * GraphQL: exportHighStandardFarmland, exportProtectionZones — the rows of the highStandardFarmlandProjects and
 * protectionZones queries (the same WHERE, from {@link FarmlandProtectionQueries}) as a GIS file; field names fit
 * a Shapefile's .dbf.
 */
@Controller
class FarmlandProtectionExportController {

    private final FarmlandProtectionQueries queries;
    private final Exports exports;

    FarmlandProtectionExportController(FarmlandProtectionQueries queries, Exports exports) {
        this.queries = queries;
        this.exports = exports;
    }

    @MutationMapping
    Map<String, Object> exportHighStandardFarmland(@RecordArgument HighStandardFarmlandFilter filter, @Argument String format, @Argument String shapefileEncoding) {
        Viewer viewer = Access.requireStaff("exportHighStandardFarmland");
        SqlWhere w = queries.projectsWhere(filter);
        return exports.exportMutation(viewer, "exportHighStandardFarmland", "high_standard_farmland_project", "high_standard_farmland", format,
                shapefileEncoding, """
                SELECT t.id AS "ID", t.project_no AS "PROJECT_NO", t.name AS "NAME", t.county_code AS "COUNTY", t.township_code AS "TOWNSHIP",
                       t.project_year AS "YEAR", upper(t.status) AS "STATUS", t.investment_wan_yuan::float8 AS "INVEST_WY",
                       t.planned_area_mu::float8 AS "PLANNED_MU", round((%s)::numeric, 2)::float8 AS "AREA_MU", t.synthetic AS "SYNTHETIC", t.geom
                FROM high_standard_farmland_project t WHERE\s""".formatted(Mu.fromM2Sql("t.area_m2")) + w.sql() + " ORDER BY t.project_year DESC, t.id", w.params());
    }

    @MutationMapping
    Map<String, Object> exportProtectionZones(@RecordArgument ProtectionZoneFilter filter, @Argument String format, @Argument String shapefileEncoding) {
        Viewer viewer = Access.requireStaff("exportProtectionZones");
        SqlWhere w = queries.zonesWhere(filter);
        return exports.exportMutation(viewer, "exportProtectionZones", "protection_zone", "protection_zones", format, shapefileEncoding, """
                SELECT t.id AS "ID", t.county_code AS "COUNTY", upper(t.zone_type) AS "ZONE_TYPE", t.name AS "NAME", t.designated_year AS "YEAR",
                       t.authority AS "AUTHORITY", t.rules AS "RULES", round((%s)::numeric, 2)::float8 AS "AREA_MU", t.synthetic AS "SYNTHETIC", t.geom
                FROM protection_zone t WHERE\s""".formatted(Mu.fromM2Sql("t.area_m2")) + w.sql() + " ORDER BY t.county_code, t.zone_type, t.id", w.params());
    }
}
