package org.landatlas.terrain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Batches;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL: altitude belts, belt schemes and DEM samples. */
@Controller
class TerrainController {

    private final BeltQueries belts;

    TerrainController(BeltQueries belts) {
        this.belts = belts;
    }

    @QueryMapping
    List<Map<String, Object>> beltSchemes(@Argument String countyCode) {
        return belts.schemes(countyCode);
    }

    @QueryMapping(name = "belts")
    List<Map<String, Object>> beltList(@Argument String countyCode, @Argument List<Double> bbox, DataFetchingFieldSelectionSet selection) {
        return belts.belts(countyCode, bbox, selection, "");
    }

    @BatchMapping(typeName = "BeltScheme", field = "belts")
    List<List<Map<String, Object>>> schemeBelts(List<Map<String, Object>> schemes) {
        List<Long> ids = schemes.stream().map(s -> ((Number) s.get("id")).longValue()).toList();
        Map<Long, List<Map<String, Object>>> bySchemes = new HashMap<>();
        for (Map<String, Object> b : belts.beltsOfSchemes(ids, null)) {
            bySchemes.computeIfAbsent(((Number) b.get("schemeId")).longValue(), k -> new ArrayList<>()).add(b);
        }
        return ids.stream().map(id -> bySchemes.getOrDefault(id, List.of())).toList();
    }

    @QueryMapping
    Map<String, Object> terrainAt(@Argument List<Double> point) {
        if (point.size() != 2 || Math.abs(point.get(0)) > 180 || Math.abs(point.get(1)) > 90) {
            throw ApiException.badInput("point", "needs [longitude, latitude] in degrees");
        }
        return new HashMap<>(belts.sample(point.get(0), point.get(1)));
    }

    @BatchMapping(typeName = "TerrainSample", field = "belt")
    Map<Map<String, Object>, Map<String, Object>> sampleBelt(List<Map<String, Object>> samples) {
        return Batches.bySource(samples, belts.byIds(samples.stream().map(s -> s.get("beltId") == null ? null : ((Number) s.get("beltId")).longValue()).toList()));
    }
}
