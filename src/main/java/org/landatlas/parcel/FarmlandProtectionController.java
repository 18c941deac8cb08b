package org.landatlas.parcel;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.RecordArgument;
import org.landatlas.platform.PageRequest;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.platform.Batches;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL: high-standard farmland projects and protection zones. */
@Controller
class FarmlandProtectionController {

    private final FarmlandProtectionQueries queries;
    private final AdminUnitQueries units;

    FarmlandProtectionController(FarmlandProtectionQueries queries, AdminUnitQueries units) {
        this.queries = queries;
        this.units = units;
    }

    @QueryMapping
    Object highStandardFarmlandProjects(@RecordArgument HighStandardFarmlandFilter filter, @Argument Integer first, @Argument String after,
                                                     @Argument Integer last, @Argument String before, DataFetchingFieldSelectionSet selection) {
        return queries.projects(filter, PageRequest.of(first, after, last, before), selection);
    }

    @QueryMapping
    Object protectionZones(@RecordArgument ProtectionZoneFilter filter, @Argument Integer first, @Argument String after,
                                        @Argument Integer last, @Argument String before, DataFetchingFieldSelectionSet selection) {
        return queries.zones(filter, PageRequest.of(first, after, last, before), selection);
    }

    @BatchMapping(typeName = "HighStandardFarmlandProject")
    Map<Map<String, Object>, Map<String, Object>> township(List<Map<String, Object>> projects) {
        return Batches.bySource(projects, units.byCodes(projects.stream().map(p -> (String) p.get("townshipCode")).toList()));
    }
}
