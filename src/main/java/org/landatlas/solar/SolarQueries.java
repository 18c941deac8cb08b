package org.landatlas.solar;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.BBox;
import org.landatlas.platform.Connections;
import org.landatlas.platform.PageRequest;
import org.landatlas.platform.Projection;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** PV sites and distribution transformers; loads are derived from the sites (view distribution_transformer_load). */
@Component
class SolarQueries {

    static final Projection SITE = new Projection("PvSite", "pv_site", "t.id")
            .key("id", "t.id")
            .key("villageCode", "t.village_code")
            .key("transformerId", "t.transformer_id")
            .scalar("countyCode", "t.county_code")
            .scalar("siteKind", "upper(t.site_kind)")
            .scalar("roofType", "t.roof_type")
            .scalar("roofAreaM2", "t.roof_area_m2")
            .scalar("usableAreaM2", "t.usable_area_m2")
            .scalar("capacityKw", "t.capacity_kw")
            .scalar("annualHours", "t.annual_hours")
            .scalar("annualKwh", "t.capacity_kw * t.annual_hours")
            .scalar("gridMode", "upper(t.grid_mode)")
            .scalar("ownerType", "t.owner_type")
            .scalar("status", "upper(t.status)")
            .scalar("filingNo", "t.filing_no")
            .scalar("queuePosition", "t.queue_position")
            .scalar("connectedOn", "t.connected_on")
            .scalar("synthetic", "t.synthetic")
            .geometry("geometry", "t.geom");

    static final Projection TRANSFORMER = new Projection("DistributionTransformer", "distribution_transformer", "t.id")
            .key("id", "t.id")
            .key("villageCode", "t.village_code")
            .scalar("name", "t.name")
            .scalar("assetNo", "t.asset_no")
            .scalar("ratedKva", "t.rated_kva")
            .scalar("voltageKv", "t.voltage_kv")
            .scalar("pvHostingKw", "(SELECT l.pv_hosting_kw FROM distribution_transformer_load l WHERE l.transformer_id = t.id)")
            .scalar("connectedPvKw", "(SELECT l.connected_pv_kw FROM distribution_transformer_load l WHERE l.transformer_id = t.id)")
            .scalar("pendingPvKw", "(SELECT l.pending_pv_kw FROM distribution_transformer_load l WHERE l.transformer_id = t.id)")
            .scalar("openCapacityKw", "(SELECT l.open_capacity_kw FROM distribution_transformer_load l WHERE l.transformer_id = t.id)")
            .scalar("synthetic", "t.synthetic")
            .geometry("geometry", "t.geom");

    private final NamedParameterJdbcTemplate jdbc;
    private final AdminUnitQueries units;

    SolarQueries(NamedParameterJdbcTemplate jdbc, AdminUnitQueries units) {
        this.jdbc = jdbc;
        this.units = units;
    }

    /** The rows of the pvSites query (and its export). */
    SqlWhere sitesWhere(PvSiteFilter f) {
        SqlWhere w = new SqlWhere();
        if (f != null) {
            f.restrict(w, "filter", units);
        }
        return w;
    }

    /** The rows of the distributionTransformers query (and its export). */
    SqlWhere transformersWhere(String adminCode, List<Double> bbox, Double withOpenCapacityKw) {
        SqlWhere w = new SqlWhere();
        units.restrict(w, adminCode, "adminCode", "t.village_code");
        w.bbox(BBox.of(bbox, "bbox"), "t.geom");
        if (withOpenCapacityKw != null) {
            w.and("t.id IN (SELECT transformer_id FROM distribution_transformer_load WHERE open_capacity_kw >= " + w.param(withOpenCapacityKw) + ")");
        }
        return w;
    }

    Object sites(PvSiteFilter f, PageRequest page, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = sitesWhere(f);
        return Connections.fetch(jdbc, SITE, "pv_site t", w, "t.id", List.of(),
                Map.of("totalCount", "count(*)", "totalCapacityKw", "sum(t.capacity_kw)"), page, selection);
    }

    Object transformers(String adminCode, List<Double> bbox, Double withOpenCapacityKw, PageRequest page,
                                     DataFetchingFieldSelectionSet selection) {
        SqlWhere w = transformersWhere(adminCode, bbox, withOpenCapacityKw);
        return Connections.fetch(jdbc, TRANSFORMER, "distribution_transformer t", w, "t.id", page, selection);
    }

    List<Map<String, Object>> transformersByIds(List<Long> ids) {
        return Connections.byIds(jdbc, TRANSFORMER, "distribution_transformer", ids);
    }
}
