package org.landatlas.region;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.BBox;
import org.landatlas.platform.Connections;
import org.landatlas.platform.Near;
import org.landatlas.platform.PageRequest;
import org.landatlas.platform.Projection;
import org.landatlas.platform.SqlRows;
import org.landatlas.platform.SqlWhere;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Roads, settlements, points of interest and plan targets with their progress. */
@Component
class InfrastructureQueries {

    static final Projection ROAD = new Projection("Road", "road", "t.id")
            .key("id", "t.id")
            .scalar("countyCode", "t.county_code")
            .scalar("roadClass", "upper(t.road_class)")
            .scalar("name", "t.name")
            .scalar("ref", "t.ref")
            .scalar("widthM", "t.width_m")
            .scalar("surface", "t.surface")
            .scalar("lengthM", "t.length_m")
            .scalar("synthetic", "t.synthetic")
            .geometry("geometry", "t.geom");

    static final Projection SETTLEMENT = new Projection("Settlement", "settlement", "t.id")
            .key("id", "t.id")
            .scalar("name", "t.name")
            .scalar("kind", "t.kind")
            .scalar("population", "t.population")
            .scalar("villageCode", "t.village_code")
            .scalar("synthetic", "t.synthetic")
            .geometry("geometry", "t.geom");

    static final Projection POI = new Projection("PointOfInterest", "poi", "t.id")
            .key("id", "t.id")
            .scalar("name", "t.name")
            .scalar("kind", "t.kind")
            .scalar("villageCode", "t.village_code")
            .scalar("countyCode", "t.county_code")
            .scalar("synthetic", "t.synthetic")
            .geometry("geometry", "t.geom");

    /** How each metric is achieved, from the data; :county and :year are bound. */
    private static final Map<String, String> ACHIEVED = Map.of(
            "farmland_circulated_mu", circulated("farmland"),
            "pasture_circulated_mu", circulated("pasture"),
            "forest_circulated_mu", circulated("forest"),
            "idle_homesteads_revitalized", """
                    SELECT count(*) FROM homestead_revitalization r JOIN homestead h ON h.id = r.homestead_id
                    WHERE h.county_code = :county AND r.status = 'active'
                      AND (:cumulative OR extract(year FROM r.term_start) = :year)""",
            "high_standard_farmland_mu", """
                    SELECT coalesce(sum(area_m2) * 3 / 2000, 0) FROM high_standard_farmland_project
                    WHERE county_code = :county AND status IN ('completed', 'accepted') AND project_year <= :year""",
            "household_pv_kw", "SELECT coalesce(sum(capacity_kw), 0) FROM pv_site WHERE county_code = :county AND status = 'connected'",
            "permanent_basic_farmland_mu", "SELECT coalesce(sum(area_mu), 0) FROM land_parcel WHERE county_code = :county AND is_permanent_basic_farmland");

    private static String circulated(String kind) {
        return "SELECT coalesce(sum(area_mu), 0) FROM circulation_contract WHERE county_code = :county AND land_kind = '" + kind + "'"
                + " AND status IN ('signed', 'filed', 'active', 'disputed')";
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final AdminUnitQueries units;

    InfrastructureQueries(NamedParameterJdbcTemplate jdbc, AdminUnitQueries units) {
        this.jdbc = jdbc;
        this.units = units;
    }

    private SqlWhere county(String countyCode) {
        SqlWhere w = new SqlWhere();
        if (countyCode != null) {
            units.requireExisting("countyCode", countyCode);
            w.equal(countyCode, "t.county_code");
        }
        return w;
    }

    Object roads(String countyCode, List<Double> bbox, List<String> classes, PageRequest page, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = county(countyCode).bbox(BBox.of(bbox, "bbox"), "t.geom").in(classes, "t.road_class", true);
        return Connections.fetch(jdbc, ROAD, "road t", w, "t.id", page, selection);
    }

    List<Map<String, Object>> settlements(String countyCode, String nameContains, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = county(countyCode);
        if (nameContains != null && !nameContains.isBlank()) {
            w.and("t.name LIKE " + w.param("%" + nameContains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"));
        }
        return jdbc.query("SELECT " + SETTLEMENT.selectList(selection, "") + " FROM settlement t WHERE " + w.sql() + " ORDER BY t.id LIMIT 2000",
                w.params(), SqlRows.ROWS);
    }

    Object pois(String countyCode, List<Double> bbox, List<String> kinds, Near near, PageRequest page,
                             DataFetchingFieldSelectionSet selection) {
        SqlWhere w = county(countyCode).bbox(BBox.of(bbox, "bbox"), "t.geom").in(kinds, "t.kind", false);
        String order = "t.id";
        List<Connections.ExtraColumn> extra = List.of();
        SqlWhere.Distance point = w.near(Near.checked(near, "near"), "t.geom");
        if (point != null) {
            extra = List.of(new Connections.ExtraColumn("distanceM", point.distanceSql()));
            order = "t.geom <-> " + point.pointSql() + ", t.id";
        }
        return Connections.fetch(jdbc, POI, "poi t", w, order, extra, Map.of("totalCount", "count(*)"), page, selection);
    }

    List<Map<String, Object>> targets(String countyCode, Integer year) {
        SqlWhere w = county(countyCode);
        if (year != null) {
            w.equal(year, "t.target_year");
        }
        List<Map<String, Object>> rows = jdbc.query("""
                SELECT t.county_code AS "countyCode", t.target_year AS "year", upper(t.metric) AS "metric", t.metric AS m,
                       t.target_value AS "targetValue", t.unit AS "unit", t.cumulative AS "cumulative",
                       t.source_document AS "sourceDocument", t.synthetic AS "synthetic"
                FROM plan_target t WHERE\s""" + w.sql() + " ORDER BY t.county_code, t.target_year, t.metric", w.params(), SqlRows.ROWS);
        for (Map<String, Object> r : rows) {
            MapSqlParameterSource p = new MapSqlParameterSource().addValue("county", r.get("countyCode"))
                    .addValue("year", ((Number) r.get("year")).intValue()).addValue("cumulative", r.get("cumulative"));
            Double achieved = jdbc.queryForObject(ACHIEVED.get((String) r.get("m")), p, Double.class);
            double target = ((Number) r.get("targetValue")).doubleValue();
            r.put("achievedValue", achieved);
            r.put("progress", target == 0 ? 1.0 : achieved / target);
        }
        return rows;
    }
}
