package org.landatlas.terrain;

import java.util.List;
import java.util.Map;

import org.landatlas.exchange.Exports;
import org.landatlas.platform.Mu;
import org.landatlas.platform.SqlWhere;
import org.landatlas.security.Access;
import org.landatlas.security.Viewer;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** GraphQL: exportBelts — the belts of the belts query (the same WHERE, from {@link BeltQueries}) as a GIS file. */
@Controller
class TerrainExportController {

    private final BeltQueries belts;
    private final Exports exports;

    TerrainExportController(BeltQueries belts, Exports exports) {
        this.belts = belts;
        this.exports = exports;
    }

    @MutationMapping
    Map<String, Object> exportBelts(@Argument String countyCode, @Argument List<Double> bbox, @Argument String format, @Argument String shapefileEncoding) {
        Viewer viewer = Access.requireStaff("exportBelts");
        SqlWhere w = belts.beltsWhere(countyCode, bbox);
        return exports.exportMutation(viewer, "exportBelts", "belt", "belts", format, shapefileEncoding, """
                SELECT t.id AS "ID", s.county_code AS "COUNTY", t.code AS "CODE", t.name AS "NAME", t.min_elevation_m AS "MIN_ELEV_M",
                       t.max_elevation_m AS "MAX_ELEV_M", array_to_string(t.recommended_industries, '; ') AS "INDUSTRIES", t.colour AS "COLOUR",
                       round((%s)::numeric, 2)::float8 AS "AREA_MU", t.geom
                FROM belt t JOIN belt_scheme s ON s.id = t.scheme_id WHERE\s""".formatted(Mu.fromM2Sql("ST_Area(t.geom::geography)")) + w.sql()
                + " ORDER BY s.county_code, t.min_elevation_m", w.params());
    }
}
