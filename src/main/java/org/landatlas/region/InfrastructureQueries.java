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
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Roads, settlements and points of interest. */
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

    /** The rows of the roads query (and its export). */
    SqlWhere roadsWhere(String countyCode, List<Double> bbox, List<String> classes) {
        return county(countyCode).bbox(BBox.of(bbox, "bbox"), "t.geom").in(classes, "t.road_class", true);
    }

    /** The rows of the settlements query (and its export). */
    SqlWhere settlementsWhere(String countyCode, String nameContains) {
        SqlWhere w = county(countyCode);
        if (nameContains != null && !nameContains.isBlank()) {
            w.and("t.name LIKE " + w.param("%" + nameContains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"));
        }
        return w;
    }

    /** The rows of the pointsOfInterest query (and its export); {@code near} (if any) is the distance it adds. */
    record PoiWhere(SqlWhere where, SqlWhere.Distance near) {
    }

    PoiWhere poisWhere(String countyCode, List<Double> bbox, List<String> kinds, Near near) {
        SqlWhere w = county(countyCode).bbox(BBox.of(bbox, "bbox"), "t.geom").in(kinds, "t.kind", false);
        return new PoiWhere(w, w.near(Near.checked(near, "near"), "t.geom"));
    }

    Object roads(String countyCode, List<Double> bbox, List<String> classes, PageRequest page, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = roadsWhere(countyCode, bbox, classes);
        return Connections.fetch(jdbc, ROAD, "road t", w, "t.id", page, selection);
    }

    List<Map<String, Object>> settlements(String countyCode, String nameContains, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = settlementsWhere(countyCode, nameContains);
        return jdbc.query("SELECT " + SETTLEMENT.selectList(selection, "") + " FROM settlement t WHERE " + w.sql() + " ORDER BY t.id LIMIT 2000",
                w.params(), SqlRows.ROWS);
    }

    Object pois(String countyCode, List<Double> bbox, List<String> kinds, Near near, PageRequest page,
                             DataFetchingFieldSelectionSet selection) {
        PoiWhere pw = poisWhere(countyCode, bbox, kinds, near);
        SqlWhere w = pw.where();
        String order = "t.id";
        List<Connections.ExtraColumn> extra = List.of();
        SqlWhere.Distance point = pw.near();
        if (point != null) {
            extra = List.of(new Connections.ExtraColumn("distanceM", point.distanceSql()));
            order = "t.geom <-> " + point.pointSql() + ", t.id";
        }
        return Connections.fetch(jdbc, POI, "poi t", w, order, extra, Map.of("totalCount", "count(*)"), page, selection);
    }
}
