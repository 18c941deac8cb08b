package org.landatlas.circulation;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.RecordArgument;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL of use supervision and contract statistics (circulation-supervision.graphqls): staff of the county only. */
@Controller
class SupervisionController {

    private final CirculationSupervision supervision;
    private final ContractStatistics statistics;

    SupervisionController(CirculationSupervision supervision, ContractStatistics statistics) {
        this.supervision = supervision;
        this.statistics = statistics;
    }

    @QueryMapping
    Map<String, Object> circulationSupervision(@Argument String countyCode, @Argument List<String> kinds, @Argument Integer first, @Argument String after,
                                               DataFetchingFieldSelectionSet selection) {
        return supervision.findings(countyCode, kinds, first, after, selection);
    }

    @QueryMapping
    List<Map<String, Object>> circulationContractStatistics(@Argument String countyCode, @Argument String groupBy, @RecordArgument ContractFilter filter) {
        return statistics.statistics(countyCode, groupBy, filter);
    }
}
