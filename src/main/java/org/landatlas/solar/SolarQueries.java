package org.landatlas.solar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.BBox;
import org.landatlas.platform.Ids;
import org.landatlas.platform.SqlRows;
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
            .key("countyCode", "t.county_code")
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
            .scalar("queuePosition", "(SELECT q.queue_position FROM pv_site_queue q WHERE q.transformer_id = t.transformer_id AND q.site_id = t.id)")
            .scalar("filingRank", "(SELECT q.filing_rank FROM pv_site_queue q WHERE q.transformer_id = t.transformer_id AND q.site_id = t.id)")
            .scalar("withinCapacity", "(SELECT q.within_capacity FROM pv_site_queue q WHERE q.transformer_id = t.transformer_id AND q.site_id = t.id)")
            .scalar("filedAt", "t.filed_at")
            .scalar("tiltDeg", "t.tilt_deg")
            .scalar("azimuthDeg", "t.azimuth_deg")
            .scalar("altitudeM", "t.altitude_m")
            .scalar("collectiveInvested", "t.collective_invested")
            .scalar("version", "t.version")
            .scalar("connectedOn", "t.connected_on")
            .scalar("synthetic", "t.synthetic")
            .geometry("geometry", "t.geom");

    static final Projection TRANSFORMER = new Projection("DistributionTransformer", "distribution_transformer", "t.id")
            .key("id", "t.id")
            .key("villageCode", "t.village_code")
            .scalar("name", "t.name")
            .scalar("assetNo", "t.asset_no")
            .scalar("countyCode", "t.county_code")
            .scalar("ratedKva", "t.rated_kva")
            .scalar("voltageKv", "t.voltage_kv")
            .scalar("pvHostingRatio", "t.pv_hosting_ratio::float8")
            .key("upstreamId", "t.upstream_id")
            .scalar("pvHostingKw", load("pv_hosting_kw"))
            .scalar("hostingRule", load("upper(l.hosting_rule)"))
            .scalar("connectedPvKw", load("connected_pv_kw"))
            .scalar("pendingPvKw", load("pending_pv_kw"))
            .scalar("c1Kw", load("c1_kw"))
            .scalar("c2Kw", load("c2_kw"))
            .scalar("openCapacityKw", load("open_capacity_kw"))
            .scalar("grade", load("upper(l.grade)"))
            .scalar("upstreamRed", load("upstream_red"))
            .scalar("minNoonLoadKw", "t.min_noon_load_kw")
            .scalar("otherGenerationKw", "t.other_generation_kw")
            .scalar("storageChargeKw", "t.storage_charge_kw")
            .scalar("parallelCount", "t.parallel_count")
            .scalar("version", "t.version")
            .scalar("synthetic", "t.synthetic")
            .geometry("geometry", "t.geom");

    static final Projection UPSTREAM = new Projection("GridUpstream", "grid_upstream", "t.id")
            .key("id", "t.id")
            .key("parentId", "t.parent_id")
            .scalar("countyCode", "t.county_code")
            .scalar("kind", "upper(t.kind)")
            .scalar("name", "t.name")
            .scalar("openCapacityKw", "t.open_capacity_kw")
            .scalar("publishedOn", "t.published_on");

    static final Projection ASSUMPTIONS = new Projection("PvAssumptions", "pv_county_assumption", "t.county_code")
            .key("countyCode", "t.county_code")
            .scalar("gridRegion", "t.grid_region")
            .scalar("wattsPerM2", "t.watts_per_m2")
            .scalar("annualHours", "t.annual_hours")
            .scalar("referenceAltitudeM", "t.reference_altitude_m")
            .scalar("hoursGainPer1000m", "t.hours_gain_per_1000m")
            .scalar("benchmarkPrice", "t.benchmark_price::float8")
            .scalar("benchmarkVerified", "t.benchmark_verified")
            .scalar("retailPrice", "t.retail_price::float8")
            .scalar("selfUseShare", "t.self_use_share")
            .scalar("investmentYuanPerKw", "t.investment_yuan_per_kw")
            .scalar("collectiveShare", "t.collective_share")
            .scalar("hostingRule", "upper(t.hosting_rule)")
            .scalar("hostingShare", "t.hosting_share")
            .scalar("dltBetaSingle", "t.dlt_beta_single")
            .scalar("dltLoadingLimit", "t.dlt_loading_limit")
            .scalar("dltCosPhi", "t.dlt_cos_phi")
            .scalar("dltTau", "t.dlt_tau")
            .scalar("assignmentRule", "upper(t.assignment_rule)")
            .scalar("source", "t.source")
            .scalar("version", "t.version");

    /** The estimate columns of pv_site_estimate (alias e), by GraphQL field. */
    static final Map<String, String> ESTIMATE = Map.of("estimatedKwp", "estimated_kwp", "annualHours", "annual_hours", "annualKwh", "annual_kwh",
            "yuanPerKwh", "yuan_per_kwh", "annualIncomeYuan", "annual_income_yuan", "investmentYuan", "investment_yuan", "paybackYears", "payback_years",
            "collectiveIncomeYuan", "collective_income_yuan", "householdIncomeYuan", "household_income_yuan");

    private static String load(String column) {
        String expr = column.contains("(") ? column : "l." + column;
        return "(SELECT " + expr + " FROM distribution_transformer_load l WHERE l.transformer_id = t.id)";
    }

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

    List<Map<String, Object>> upstreamByIds(List<Long> ids) {
        return Connections.byIds(jdbc, UPSTREAM, "grid_upstream", ids);
    }

    Map<String, Object> site(Object id, DataFetchingFieldSelectionSet selection) {
        List<Map<String, Object>> rows = jdbc.query("SELECT " + SITE.selectList(selection, "") + " FROM pv_site t WHERE t.id = :id",
                Map.of("id", Ids.parse("id", id)), SqlRows.ROWS);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The sites of transformers in their queues (filed or built, not connected, in filing order), per transformer. */
    Map<Long, List<Map<String, Object>>> queues(List<Long> transformerIds) {
        Map<Long, List<Map<String, Object>>> out = new HashMap<>();
        for (Map<String, Object> r : jdbc.query("SELECT " + SITE.selectList(null, "") + """
                 FROM pv_site t JOIN pv_site_queue q ON q.site_id = t.id WHERE q.transformer_id IN (:ids) ORDER BY q.transformer_id, q.filing_rank""",
                Map.of("ids", transformerIds), SqlRows.ROWS)) {
            out.computeIfAbsent(((Number) r.get("transformerId")).longValue(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** Estimates of sites by id. */
    Map<Long, Map<String, Object>> estimates(List<Long> siteIds) {
        StringBuilder cols = new StringBuilder("e.site_id");
        ESTIMATE.forEach((field, col) -> cols.append(", e.").append(col).append(" AS \"").append(field).append('"'));
        Map<Long, Map<String, Object>> out = new HashMap<>();
        for (Map<String, Object> r : jdbc.query("SELECT " + cols + " FROM pv_site_estimate e WHERE e.site_id IN (:ids)", Map.of("ids", siteIds), SqlRows.ROWS)) {
            out.put(((Number) r.get("site_id")).longValue(), r);
        }
        return out;
    }

    /** A county's assumptions; the defaults of the views where none are stored. */
    Map<String, Object> assumptions(String county) {
        List<Map<String, Object>> rows = jdbc.query("SELECT " + ASSUMPTIONS.selectList(null, "") + " FROM pv_county_assumption t WHERE t.county_code = :c",
                Map.of("c", county), SqlRows.ROWS);
        if (!rows.isEmpty()) {
            return rows.get(0);
        }
        Map<String, Object> d = new HashMap<>();
        d.put("countyCode", county);
        d.put("gridRegion", "未配置 (defaults)");
        d.put("wattsPerM2", 150.0);
        d.put("annualHours", 1100.0);
        d.put("hoursGainPer1000m", 0.0);
        d.put("benchmarkPrice", 0.0);
        d.put("benchmarkVerified", false);
        d.put("retailPrice", 0.0);
        d.put("selfUseShare", 0.3);
        d.put("investmentYuanPerKw", 3500.0);
        d.put("collectiveShare", 0.0);
        d.put("hostingRule", "SHARE");
        d.put("hostingShare", 0.25);
        d.put("dltBetaSingle", 0.8);
        d.put("dltLoadingLimit", 1.0);
        d.put("dltCosPhi", 0.95);
        d.put("dltTau", 1.0);
        d.put("assignmentRule", "NEAREST");
        d.put("source", "no assumptions stored: defaults (setPvAssumptions)");
        d.put("version", -1);
        return d;
    }

    /** Potential, filed and connected capacity and income per township or village of {@code adminCode}. */
    List<Map<String, Object>> potential(String adminCode, String by) {
        SqlWhere w = new SqlWhere();
        if (adminCode == null) {
            throw ApiException.badInput("adminCode", "give a county, township or village code");
        }
        units.restrict(w, adminCode, "adminCode", "t.village_code");
        String unit = "TOWNSHIP".equals(by) ? "left(t.village_code, 9)" : "t.village_code";
        return jdbc.query("SELECT " + unit + """
                 AS code, count(*)::int AS sites,
                       coalesce(sum(t.capacity_kw) FILTER (WHERE t.status IN ('candidate', 'surveyed')), 0) AS "potentialKw",
                       coalesce(sum(t.capacity_kw) FILTER (WHERE t.status IN ('filed', 'built')), 0) AS "filedKw",
                       coalesce(sum(t.capacity_kw) FILTER (WHERE t.status = 'connected'), 0) AS "connectedKw",
                       coalesce(sum(e.annual_income_yuan) FILTER (WHERE t.status = 'connected'), 0) AS "connectedIncomeYuan",
                       coalesce(sum(e.collective_income_yuan) FILTER (WHERE t.status = 'connected'), 0) AS "collectiveIncomeYuan",
                       coalesce(sum(e.annual_income_yuan) FILTER (WHERE t.status IN ('candidate', 'surveyed')), 0) AS "potentialIncomeYuan"
                FROM pv_site t JOIN pv_site_estimate e ON e.site_id = t.id WHERE\s""" + w.sql() + " GROUP BY 1 ORDER BY 1", w.params(), SqlRows.ROWS);
    }

    /** Per village of the county: transformers and their kVA. */
    Map<String, Map<String, Object>> transformerKvaByVillage(String county) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (Map<String, Object> r : jdbc.queryForList("""
                SELECT village_code, count(*)::int AS transformers, sum(rated_kva)::float8 AS kva FROM distribution_transformer
                WHERE county_code = :c GROUP BY village_code""", Map.of("c", county))) {
            out.put((String) r.get("village_code"), r);
        }
        return out;
    }
}
