package org.landatlas.region;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What draws visitors near a place: the nearest scenic spot (poi of kind scenic_spot) and the nearest main road
 * (national, provincial or county road) of the county, on the ellipsoid. Public: the homestead feature's search
 * for tourism use asks it for the idle houses it considers.
 */
@Component
public class TourismAnchors {

    /** Road classes that count as main roads. */
    public static final List<String> MAIN_ROAD_CLASSES = List.of("national", "provincial", "county");

    private final NamedParameterJdbcTemplate jdbc;

    TourismAnchors(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The nearest scenic spot (name, metres) and main road (metres) of a place; null where none lies within the radius. */
    public record Nearest(long key, String scenicSpotName, Double scenicSpotM, Double mainRoadM) {
    }

    /**
     * For each place of {@code placesSql} (a SELECT over the caller's own tables with columns {@code key} bigint and
     * {@code geom} EPSG:4490, and its named parameters), the nearest scenic spot and main road of county
     * {@code countyCode} within {@code radiusM} metres; places with neither are absent. Candidates by the
     * index (the three nearest in degrees), then exact geodesic distance.
     */
    public Map<Long, Nearest> within(String countyCode, String placesSql, Map<String, ?> params, double radiusM) {
        Map<String, Object> p = new java.util.HashMap<>(params);
        p.put("anchorCounty", countyCode);
        p.put("radius", radiusM);
        p.put("mainRoads", MAIN_ROAD_CLASSES);
        Map<Long, Nearest> out = new LinkedHashMap<>();
        jdbc.query("""
                WITH g AS (%s)
                SELECT g.key, s.name, s.d AS scenic_m, r.d AS road_m FROM g
                LEFT JOIN LATERAL (SELECT x.name, ST_Distance(x.geom::geography, g.geom::geography) AS d FROM (
                        SELECT q.name, q.geom FROM poi q WHERE q.county_code = :anchorCounty AND q.kind = 'scenic_spot'
                        ORDER BY q.geom <-> g.geom LIMIT 3) x ORDER BY 2 LIMIT 1) s ON s.d <= :radius
                LEFT JOIN LATERAL (SELECT min(ST_Distance(x.geom::geography, g.geom::geography)) AS d FROM (
                        SELECT q.geom FROM road q WHERE q.county_code = :anchorCounty AND q.road_class IN (:mainRoads)
                        ORDER BY q.geom <-> g.geom LIMIT 3) x) r ON r.d <= :radius
                WHERE s.d IS NOT NULL OR r.d IS NOT NULL""".formatted(placesSql), p, rs -> {
            long key = rs.getLong(1);
            out.put(key, new Nearest(key, rs.getString(2), (Double) rs.getObject(3), (Double) rs.getObject(4)));
        });
        return out;
    }
}
