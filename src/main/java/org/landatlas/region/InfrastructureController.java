package org.landatlas.region;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.RecordArgument;
import org.landatlas.platform.Near;
import org.landatlas.platform.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL: roads, settlements and points of interest. */
@Controller
class InfrastructureController {

    private final InfrastructureQueries queries;

    InfrastructureController(InfrastructureQueries queries) {
        this.queries = queries;
    }

    @QueryMapping
    Object roads(@Argument String countyCode, @Argument List<Double> bbox, @Argument List<String> classes, @Argument Integer first,
                              @Argument String after, @Argument Integer last, @Argument String before, DataFetchingFieldSelectionSet selection) {
        return queries.roads(countyCode, bbox, classes, PageRequest.of(first, after, last, before), selection);
    }

    @QueryMapping
    List<Map<String, Object>> settlements(@Argument String countyCode, @Argument String nameContains, DataFetchingFieldSelectionSet selection) {
        return queries.settlements(countyCode, nameContains, selection);
    }

    @QueryMapping
    Object pointsOfInterest(@Argument String countyCode, @Argument List<Double> bbox, @Argument List<String> kinds,
                                         @RecordArgument Near near, @Argument Integer first, @Argument String after,
                                         @Argument Integer last, @Argument String before, DataFetchingFieldSelectionSet selection) {
        return queries.pois(countyCode, bbox, kinds, near, PageRequest.of(first, after, last, before), selection);
    }
}
