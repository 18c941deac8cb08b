package org.landatlas.homestead;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.RecordArgument;
import org.landatlas.platform.Batches;
import org.landatlas.platform.Ids;
import org.landatlas.platform.PageRequest;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.security.Masking;
import org.landatlas.security.Viewer;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL: homesteads, their houses, households and revitalizations; the revitalization workflow (HomesteadWorkflow), flags and the tourism search. */
@Controller
class HomesteadController {

    private final HomesteadQueries queries;
    private final AdminUnitQueries units;
    private final HomesteadWorkflow workflow;
    private final HomesteadSafetyChecks safetyChecks;

    HomesteadController(HomesteadQueries queries, AdminUnitQueries units, HomesteadWorkflow workflow, HomesteadSafetyChecks safetyChecks) {
        this.queries = queries;
        this.units = units;
        this.workflow = workflow;
        this.safetyChecks = safetyChecks;
    }

    @QueryMapping
    Object homesteads(@RecordArgument HomesteadFilter filter, @Argument Integer first, @Argument String after, @Argument Integer last,
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
        // Revitalization agreements carry rents of individual households and counterparties who may be natural
        // persons: staff of the county only, names masked without the personal-data permission.
        Viewer v = Viewer.current();
        List<List<Map<String, Object>>> all = queries.revitalizations(ids(homesteads));
        List<List<Map<String, Object>>> out = new java.util.ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            String county = (String) homesteads.get(i).get("countyCode");
            if (!v.isStaffIn(county)) {
                out.add(List.of());
                continue;
            }
            for (Map<String, Object> r : all.get(i)) {
                if (PERSONS.contains(r.get("counterpartyKind")) && r.get("counterpartyName") != null) {
                    r.put("counterpartyName", Masking.name(v, county, (String) r.get("counterpartyName")));
                }
            }
            out.add(all.get(i));
        }
        return out;
    }

    private static final java.util.Set<String> PERSONS = java.util.Set.of("returnee", "urban_resident", "household");

    @BatchMapping(typeName = "Homestead")
    Map<Map<String, Object>, Map<String, Object>> household(List<Map<String, Object>> homesteads) {
        return Batches.bySource(homesteads, queries.households(homesteads));
    }

    @BatchMapping(typeName = "Homestead")
    List<List<Map<String, Object>>> statusHistory(List<Map<String, Object>> homesteads) {
        return queries.statusHistory(homesteads);
    }

    @BatchMapping(typeName = "Homestead")
    List<List<Map<String, Object>>> safetyChecks(List<Map<String, Object>> homesteads) {
        return queries.safetyChecks(homesteads);
    }

    @BatchMapping(typeName = "Homestead")
    Map<Map<String, Object>, Map<String, Object>> latestSafetyCheck(List<Map<String, Object>> homesteads) {
        List<Map<String, Object>> latest = queries.safetyChecks(homesteads).stream().map(l -> l.isEmpty() ? null : l.get(0)).toList();
        return Batches.bySource(homesteads, latest);
    }

    @MutationMapping
    List<Map<String, Object>> recordHouseSafetyChecks(@Argument List<HomesteadInputs.SafetyCheck> checks) {
        return safetyChecks.record(checks).stream().map(queries::homestead).toList();
    }

    @QueryMapping
    List<Map<String, Object>> homesteadFlags(@Argument String adminCode, @Argument List<String> kinds) {
        return queries.flags(adminCode, kinds);
    }

    @QueryMapping
    List<Map<String, Object>> homesteadsForTourism(@Argument String adminCode, @Argument Double withinKm, @Argument List<String> anchors,
                                                   @Argument List<String> conditions) {
        return queries.forTourism(adminCode, withinKm, anchors, conditions);
    }

    @MutationMapping
    List<Map<String, Object>> setHomesteadRevitalizationStatus(@Argument List<String> ids, @Argument String status, @Argument String reason) {
        return workflow.correct(ids, status, reason).stream().map(queries::homestead).toList();
    }

    @MutationMapping
    Map<String, Object> surveyHomestead(@Argument String id, @RecordArgument HomesteadInputs.Survey input) {
        workflow.survey(id, input);
        return queries.homestead(Ids.parse("id", id));
    }

    @MutationMapping
    Map<String, Object> listHomestead(@Argument String id, @RecordArgument HomesteadInputs.Listing input) {
        workflow.list(id, input);
        return queries.homestead(Ids.parse("id", id));
    }

    @MutationMapping
    Map<String, Object> startHomesteadNegotiation(@Argument String id, @Argument Integer expectedVersion, @RecordArgument HomesteadInputs.Agreement agreement,
                                                  @Argument String reason) {
        workflow.startNegotiation(id, expectedVersion, agreement, reason);
        return queries.homestead(Ids.parse("id", id));
    }

    @MutationMapping
    Map<String, Object> revitalizeHomestead(@Argument String id, @Argument Integer expectedVersion, @RecordArgument HomesteadInputs.Agreement agreement,
                                            @Argument String reason) {
        workflow.revitalize(id, expectedVersion, agreement, reason);
        return queries.homestead(Ids.parse("id", id));
    }

    @MutationMapping
    Map<String, Object> withdrawHomestead(@Argument String id, @Argument Integer expectedVersion, @Argument String reason) {
        workflow.withdraw(id, expectedVersion, reason);
        return queries.homestead(Ids.parse("id", id));
    }

    private static List<Long> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
    }
}
