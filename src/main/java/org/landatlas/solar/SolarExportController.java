package org.landatlas.solar;

import java.util.List;
import java.util.Map;

import org.landatlas.exchange.Exports;
import org.landatlas.platform.RecordArgument;
import org.landatlas.platform.SqlWhere;
import org.landatlas.security.Access;
import org.landatlas.security.Viewer;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * GraphQL: exportPvSites, exportDistributionTransformers — the rows of the pvSites and distributionTransformers
 * queries (the same WHERE, from {@link SolarQueries}) as a GIS file; field names fit a Shapefile's .dbf.
 */
@Controller
class SolarExportController {

    private final SolarQueries queries;
    private final Exports exports;

    SolarExportController(SolarQueries queries, Exports exports) {
        this.queries = queries;
        this.exports = exports;
    }

    @MutationMapping
    Map<String, Object> exportPvSites(@RecordArgument PvSiteFilter filter, @Argument String format, @Argument String shapefileEncoding) {
        Viewer viewer = Access.requireStaff("exportPvSites");
        SqlWhere w = queries.sitesWhere(filter);
        return exports.exportMutation(viewer, "exportPvSites", "pv_site", "pv_sites", format, shapefileEncoding, """
                SELECT t.id AS "ID", t.county_code AS "COUNTY", t.village_code AS "VILLAGE", upper(t.site_kind) AS "SITE_KIND", t.roof_type AS "ROOF_TYPE",
                       t.roof_area_m2 AS "ROOF_M2", t.usable_area_m2 AS "USABLE_M2", t.capacity_kw AS "CAP_KW", t.annual_hours AS "HOURS",
                       t.capacity_kw * t.annual_hours AS "ANNUAL_KWH", upper(t.grid_mode) AS "GRID_MODE", t.owner_type AS "OWNER_TYPE",
                       upper(t.status) AS "STATUS", t.filing_no AS "FILING_NO", t.transformer_id AS "TRANSF_ID", (SELECT q.queue_position FROM pv_site_queue q WHERE q.transformer_id = t.transformer_id AND q.site_id = t.id) AS "QUEUE_POS",
                       t.connected_on AS "CONNECTED", t.synthetic AS "SYNTHETIC", t.geom
                FROM pv_site t WHERE\s""" + w.sql() + " ORDER BY t.id", w.params());
    }

    @MutationMapping
    Map<String, Object> exportDistributionTransformers(@Argument String adminCode, @Argument List<Double> bbox, @Argument Double withOpenCapacityKw,
                                                       @Argument String format, @Argument String shapefileEncoding) {
        Viewer viewer = Access.requireStaff("exportDistributionTransformers");
        SqlWhere w = queries.transformersWhere(adminCode, bbox, withOpenCapacityKw);
        return exports.exportMutation(viewer, "exportDistributionTransformers", "distribution_transformer", "distribution_transformers", format,
                shapefileEncoding, """
                SELECT t.id AS "ID", t.name AS "NAME", t.asset_no AS "ASSET_NO", t.county_code AS "COUNTY", t.village_code AS "VILLAGE",
                       t.rated_kva AS "RATED_KVA", t.voltage_kv::float8 AS "VOLTAGE_KV", l.pv_hosting_kw::float8 AS "HOSTING_KW",
                       l.connected_pv_kw::float8 AS "PV_KW", l.pending_pv_kw::float8 AS "PENDING_KW", l.open_capacity_kw::float8 AS "OPEN_KW", l.grade AS "GRADE",
                       t.synthetic AS "SYNTHETIC", t.geom
                FROM distribution_transformer t LEFT JOIN distribution_transformer_load l ON l.transformer_id = t.id
                WHERE\s""" + w.sql() + " ORDER BY t.id", w.params());
    }
}
