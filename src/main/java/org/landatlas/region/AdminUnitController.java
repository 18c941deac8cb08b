package org.landatlas.region;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.Batches;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL: counties, townships and villages. */
@Controller
class AdminUnitController {

    private final AdminUnitQueries queries;

    AdminUnitController(AdminUnitQueries queries) {
        this.queries = queries;
    }

    @QueryMapping
    List<Map<String, Object>> counties(DataFetchingFieldSelectionSet selection) {
        return queries.list(selection, null, "COUNTY", null, null);
    }

    @QueryMapping
    Map<String, Object> adminUnit(@Argument String code, DataFetchingFieldSelectionSet selection) {
        return queries.one(selection, code);
    }

    @QueryMapping
    List<Map<String, Object>> adminUnits(@Argument String parentCode, @Argument String level, @Argument String nameContains, @Argument List<Double> bbox,
                                         DataFetchingFieldSelectionSet selection) {
        return queries.list(selection, parentCode, level, nameContains, bbox);
    }

    @BatchMapping(typeName = "AdminUnit")
    Map<Map<String, Object>, Map<String, Object>> parent(List<Map<String, Object>> units) {
        return Batches.bySource(units, queries.byCodes(units.stream().map(u -> (String) u.get("parentCode")).toList()));
    }

    @BatchMapping(typeName = "AdminUnit")
    Map<Map<String, Object>, List<Map<String, Object>>> children(List<Map<String, Object>> units) {
        return Batches.bySource(units, queries.childrenOf(units.stream().map(u -> (String) u.get("code")).toList()));
    }

    @BatchMapping(typeName = "AdminUnit")
    Map<Map<String, Object>, Map<String, Object>> summary(List<Map<String, Object>> units) {
        return Batches.bySource(units, queries.summaries(units.stream().map(u -> (String) u.get("code")).toList()));
    }
}
