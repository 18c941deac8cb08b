package org.landatlas.solar;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.RecordArgument;
import org.landatlas.platform.Batches;
import org.landatlas.platform.PageRequest;
import org.landatlas.region.AdminUnitQueries;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL: PV sites and distribution transformers. */
@Controller
class SolarController {

    private final SolarQueries queries;
    private final AdminUnitQueries units;

    SolarController(SolarQueries queries, AdminUnitQueries units) {
        this.queries = queries;
        this.units = units;
    }

    @QueryMapping
    Object pvSites(@RecordArgument PvSiteFilter filter, @Argument Integer first, @Argument String after, @Argument Integer last,
                                @Argument String before, DataFetchingFieldSelectionSet selection) {
        return queries.sites(filter, PageRequest.of(first, after, last, before), selection);
    }

    @QueryMapping
    Object distributionTransformers(@Argument String adminCode, @Argument List<Double> bbox, @Argument Double withOpenCapacityKw,
                                                 @Argument Integer first, @Argument String after, @Argument Integer last, @Argument String before,
                                                 DataFetchingFieldSelectionSet selection) {
        return queries.transformers(adminCode, bbox, withOpenCapacityKw, PageRequest.of(first, after, last, before), selection);
    }

    @BatchMapping(typeName = "PvSite")
    Map<Map<String, Object>, Map<String, Object>> transformer(List<Map<String, Object>> sites) {
        return Batches.bySource(sites, queries.transformersByIds(sites.stream()
                .map(s -> s.get("transformerId") == null ? null : ((Number) s.get("transformerId")).longValue()).toList()));
    }

    @BatchMapping(typeName = "PvSite", field = "village")
    Map<Map<String, Object>, Map<String, Object>> siteVillage(List<Map<String, Object>> sites) {
        return Batches.bySource(sites, units.byCodes(sites.stream().map(s -> (String) s.get("villageCode")).toList()));
    }

    @BatchMapping(typeName = "DistributionTransformer", field = "village")
    Map<Map<String, Object>, Map<String, Object>> transformerVillage(List<Map<String, Object>> transformers) {
        return Batches.bySource(transformers, units.byCodes(transformers.stream().map(s -> (String) s.get("villageCode")).toList()));
    }
}
