package org.landatlas.solar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.RecordArgument;
import org.landatlas.platform.ApiException;
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
    private final PvSiteWork work;

    SolarController(SolarQueries queries, AdminUnitQueries units, PvSiteWork work) {
        this.queries = queries;
        this.units = units;
        this.work = work;
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

    @QueryMapping
    Map<String, Object> pvSite(@Argument String id, DataFetchingFieldSelectionSet selection) {
        return queries.site(id, selection);
    }

    @QueryMapping
    List<Map<String, Object>> pvPotential(@Argument String adminCode, @Argument String by) {
        List<Map<String, Object>> rows = queries.potential(adminCode, by);
        List<Map<String, Object>> unitRows = units.byCodes(rows.stream().map(r -> (String) r.get("code")).toList());
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (unitRows.get(i) != null) {
                Map<String, Object> r = new HashMap<>(rows.get(i));
                r.put("unit", unitRows.get(i));
                out.add(r);
            }
        }
        return out;
    }

    @QueryMapping
    List<Map<String, Object>> gridIndicators(@Argument String countyCode, @Argument Double minKvaPerHousehold) {
        units.requireExisting("countyCode", countyCode);
        double target = minKvaPerHousehold == null ? 2.0 : minKvaPerHousehold;
        if (target <= 0 || Double.isNaN(target) || target > 100) {
            throw ApiException.badInput("minKvaPerHousehold", "kVA per household above 0 and at most 100, got " + target);
        }
        Map<String, Map<String, Object>> kva = queries.transformerKvaByVillage(countyCode);
        List<String> villages = units.villageCodes(countyCode);
        List<Map<String, Object>> unitRows = units.byCodes(villages);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < villages.size(); i++) {
            Map<String, Object> u = unitRows.get(i);
            Map<String, Object> k = kva.get(villages.get(i));
            Integer households = u.get("households") == null ? null : ((Number) u.get("households")).intValue();
            double total = k == null ? 0 : ((Number) k.get("kva")).doubleValue();
            Double per = households == null || households == 0 ? null : total / households;
            Map<String, Object> r = new HashMap<>();
            r.put("village", u);
            r.put("households", households);
            r.put("transformers", k == null ? 0 : k.get("transformers"));
            r.put("transformerKva", total);
            r.put("kvaPerHousehold", per);
            r.put("meetsTarget", per != null && per >= target - 1e-9);
            out.add(r);
        }
        return out;
    }

    @QueryMapping
    Map<String, Object> pvAssumptions(@Argument String countyCode) {
        units.requireExisting("countyCode", countyCode);
        return queries.assumptions(countyCode);
    }

    @BatchMapping(typeName = "PvSite")
    Map<Map<String, Object>, Map<String, Object>> estimate(List<Map<String, Object>> sites) {
        Map<Long, Map<String, Object>> e = queries.estimates(sites.stream().map(s -> ((Number) s.get("id")).longValue()).toList());
        Map<Map<String, Object>, Map<String, Object>> out = new HashMap<>();
        for (Map<String, Object> s : sites) {
            out.put(s, e.get(((Number) s.get("id")).longValue()));
        }
        return out;
    }

    @BatchMapping(typeName = "PvSite")
    Map<Map<String, Object>, Map<String, Object>> assumptions(List<Map<String, Object>> sites) {
        Map<String, Map<String, Object>> byCounty = new HashMap<>();
        Map<Map<String, Object>, Map<String, Object>> out = new HashMap<>();
        for (Map<String, Object> s : sites) {
            String c = (String) s.get("countyCode");
            out.put(s, byCounty.computeIfAbsent(c, queries::assumptions));
        }
        return out;
    }

    @BatchMapping(typeName = "PvSite")
    Map<Map<String, Object>, Map<String, Object>> work(List<Map<String, Object>> sites) {
        return work.forSites(sites);
    }

    @BatchMapping(typeName = "DistributionTransformer")
    Map<Map<String, Object>, List<Map<String, Object>>> queue(List<Map<String, Object>> transformers) {
        Map<Long, List<Map<String, Object>>> q = queries.queues(transformers.stream().map(t -> ((Number) t.get("id")).longValue()).toList());
        Map<Map<String, Object>, List<Map<String, Object>>> out = new HashMap<>();
        for (Map<String, Object> t : transformers) {
            out.put(t, q.getOrDefault(((Number) t.get("id")).longValue(), List.of()));
        }
        return out;
    }

    @BatchMapping(typeName = "DistributionTransformer")
    Map<Map<String, Object>, Map<String, Object>> upstream(List<Map<String, Object>> transformers) {
        return Batches.bySource(transformers, queries.upstreamByIds(transformers.stream()
                .map(s -> s.get("upstreamId") == null ? null : ((Number) s.get("upstreamId")).longValue()).toList()));
    }

    @BatchMapping(typeName = "GridUpstream")
    Map<Map<String, Object>, Map<String, Object>> parent(List<Map<String, Object>> lines) {
        return Batches.bySource(lines, queries.upstreamByIds(lines.stream()
                .map(s -> s.get("parentId") == null ? null : ((Number) s.get("parentId")).longValue()).toList()));
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
