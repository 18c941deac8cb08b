package org.landatlas.homestead;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.Batches;
import org.landatlas.platform.PageRequest;
import org.landatlas.region.AdminUnitQueries;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL: homesteads, their houses and revitalizations. */
@Controller
class HomesteadController {

    private final HomesteadQueries queries;
    private final AdminUnitQueries units;

    HomesteadController(HomesteadQueries queries, AdminUnitQueries units) {
        this.queries = queries;
        this.units = units;
    }

    @QueryMapping
    Object homesteads(@Argument Map<String, Object> filter, @Argument Integer first, @Argument String after, @Argument Integer last,
                                   @Argument String before, DataFetchingFieldSelectionSet selection) {
        return queries.homesteads(filter, PageRequest.of(first, after, last, before), selection);
    }

    @BatchMapping(typeName = "Homestead")
    Map<Map<String, Object>, Map<String, Object>> village(List<Map<String, Object>> homesteads) {
        return Batches.bySource(homesteads, units.byCodes(homesteads.stream().map(s -> (String) s.get("villageCode")).toList()));
    }

    @BatchMapping(typeName = "Homestead")
    List<List<Map<String, Object>>> houses(List<Map<String, Object>> homesteads) {
        return queries.houses(ids(homesteads));
    }

    @BatchMapping(typeName = "Homestead")
    List<List<Map<String, Object>>> revitalizations(List<Map<String, Object>> homesteads) {
        return queries.revitalizations(ids(homesteads));
    }

    private static List<Long> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
    }
}
