package org.landatlas.terrain;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.Connections;
import org.landatlas.platform.Mu;
import org.landatlas.platform.Projection;
import org.landatlas.platform.SqlRows;
import org.landatlas.platform.SqlWhere;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Belts, belt schemes and DEM samples. Public: parcels resolve their belt here. */
@Component
public class BeltQueries {

    static final Projection BELT = new Projection("Belt", "belt", "t.id")
            .key("id", "t.id")
            .key("schemeId", "t.scheme_id")
            .scalar("code", "t.code")
            .scalar("name", "t.name")
            .scalar("minElevationM", "t.min_elevation_m")
            .scalar("maxElevationM", "t.max_elevation_m")
            .scalar("recommendedIndustries", "t.recommended_industries")
            .scalar("colour", "t.colour")
            .scalar("areaMu", Mu.fromM2Sql("ST_Area(t.geom::geography)"))
            .scalar("countyCode", "(SELECT s.county_code FROM belt_scheme s WHERE s.id = t.scheme_id)")
            .geometry("geometry", "t.geom");

    private final NamedParameterJdbcTemplate jdbc;

    BeltQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> byIds(List<Long> ids) {
        return Connections.byIds(jdbc, BELT, "belt", ids);
    }

    /** The rows of the belts query (and its export), over {@code belt t JOIN belt_scheme s}: the default schemes' belts. */
    SqlWhere beltsWhere(String countyCode, List<Double> bbox) {
        SqlWhere w = new SqlWhere().and("s.is_default");
        return w.equal(countyCode, "s.county_code").bbox(org.landatlas.platform.BBox.of(bbox, "bbox"), "t.geom");
    }

    List<Map<String, Object>> belts(String countyCode, List<Double> bbox, DataFetchingFieldSelectionSet selection, String path) {
        SqlWhere w = beltsWhere(countyCode, bbox);
        return jdbc.query("SELECT " + BELT.selectList(selection, path) + " FROM belt t JOIN belt_scheme s ON s.id = t.scheme_id WHERE " + w.sql()
                + " ORDER BY s.county_code, t.min_elevation_m", w.params(), SqlRows.ROWS);
    }

    List<Map<String, Object>> schemes(String countyCode) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = countyCode == null ? "TRUE" : "county_code = :county";
        p.addValue("county", countyCode);
        return jdbc.query("SELECT id AS \"id\", county_code AS \"countyCode\", name AS \"name\", description AS \"description\", "
                + "is_default AS \"isDefault\" FROM belt_scheme WHERE " + where + " ORDER BY county_code, id", p, SqlRows.ROWS);
    }

    List<Map<String, Object>> beltsOfSchemes(List<Long> schemeIds, DataFetchingFieldSelectionSet selection) {
        return jdbc.query("SELECT " + BELT.selectList(null, "") + " FROM belt t WHERE t.scheme_id IN (:ids) ORDER BY t.min_elevation_m",
                Map.of("ids", schemeIds), SqlRows.ROWS);
    }

    /** Elevation at a point from the DEM raster of the county containing it, and that elevation's belt. */
    Map<String, Object> sample(double lon, double lat) {
        List<Map<String, Object>> rows = jdbc.query("""
                SELECT d.county_code AS "countyCode", ST_Value(d.rast, 1, p.pt) AS "elevationM",
                       (SELECT b.id FROM belt b JOIN belt_scheme s ON s.id = b.scheme_id
                        WHERE s.county_code = d.county_code AND s.is_default
                          AND ST_Value(d.rast, 1, p.pt) >= b.min_elevation_m AND ST_Value(d.rast, 1, p.pt) < b.max_elevation_m) AS "beltId"
                FROM (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4490) AS pt) p
                JOIN dem d ON ST_Intersects(d.rast, p.pt)
                JOIN admin_unit a ON a.code = d.county_code AND ST_Intersects(a.boundary, p.pt)
                LIMIT 1""", Map.of("lon", lon, "lat", lat), SqlRows.ROWS);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }
}
