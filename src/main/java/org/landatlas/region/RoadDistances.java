package org.landatlas.region;

import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far land lies from the road network of its county, on the ellipsoid. Public: the circulation feature writes
 * it on a listing when staff create or change one, as the investor search does for every parcel.
 */
@Component
public class RoadDistances {

    private final NamedParameterJdbcTemplate jdbc;

    RoadDistances(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Metres from the geometry (EWKB, EPSG:4490) to the nearest road of the county, or null when the county has no
     * road. The three nearest by the index (degrees, which ranks wrongly only between nearly equal candidates),
     * then exact geodesic distance among them.
     */
    public Double nearestRoadM(String countyCode, byte[] ewkb) {
        if (ewkb == null) {
            return null;
        }
        return jdbc.queryForObject("""
                WITH g AS (SELECT ST_GeomFromEWKB(:g) AS geom)
                SELECT min(ST_Distance(r.geom::geography, g.geom::geography)) FROM g,
                       LATERAL (SELECT r.geom FROM road r WHERE r.county_code = :county ORDER BY r.geom <-> g.geom LIMIT 3) r""",
                Map.of("g", ewkb, "county", countyCode), Double.class);
    }
}
