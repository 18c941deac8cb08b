package org.landatlas.homestead;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.RecordArgument;
import org.landatlas.platform.Batches;
import org.landatlas.platform.PageRequest;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.security.AuditLog;
import org.landatlas.security.Masking;
import org.landatlas.security.Viewer;
import org.landatlas.security.ScopedRows;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Controller;

/** GraphQL: homesteads, their houses, households and revitalizations; the revitalization-status mutation. */
@Controller
class HomesteadController {

    private final HomesteadQueries queries;
    private final AdminUnitQueries units;
    private final NamedParameterJdbcTemplate jdbc;
    private final AuditLog audit;

    HomesteadController(HomesteadQueries queries, AdminUnitQueries units, NamedParameterJdbcTemplate jdbc, AuditLog audit) {
        this.queries = queries;
        this.units = units;
        this.jdbc = jdbc;
        this.audit = audit;
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

    @MutationMapping
    @Transactional
    List<Map<String, Object>> setHomesteadRevitalizationStatus(@Argument List<String> ids, @Argument String status, @Argument String reason) {
        String why = ScopedRows.reason(reason);
        List<ScopedRows.Row> rows = ScopedRows.lock(jdbc, "homestead", "revitalization_status", ids, "ids", "setHomesteadRevitalizationStatus");
        List<Long> locked = rows.stream().map(ScopedRows.Row::id).toList();
        jdbc.update("UPDATE homestead SET revitalization_status = :s, updated_at = now() WHERE id IN (:ids)",
                Map.of("s", status.toLowerCase(), "ids", locked));
        for (ScopedRows.Row r : rows) {
            audit.record("setHomesteadRevitalizationStatus", "homestead", r.id(), r.county(), Map.of("revitalizationStatus", r.value().toUpperCase()),
                    Map.of("revitalizationStatus", status, "reason", why));
        }
        return locked.stream().map(queries::homestead).toList();
    }

    private static List<Long> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
    }
}
