package org.landatlas.region;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Near;
import org.landatlas.platform.PageRequest;
import org.landatlas.security.Access;
import org.landatlas.security.AuditLog;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Controller;

/** GraphQL: roads, settlements, points of interest and plan targets. */
@Controller
class InfrastructureController {

    private final InfrastructureQueries queries;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    InfrastructureController(InfrastructureQueries queries, JdbcTemplate jdbc, AuditLog audit) {
        this.queries = queries;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @MutationMapping
    @Transactional
    Map<String, Object> setPlanTarget(@Argument String countyCode, @Argument Integer year, @Argument String metric, @Argument Double targetValue) {
        Access.requireAdmin("setPlanTarget");
        if (targetValue < 0 || targetValue.isNaN() || targetValue.isInfinite()) {
            throw ApiException.badInput("targetValue", "must be a number of 0 or more, got " + targetValue);
        }
        List<Double> before = jdbc.queryForList("SELECT target_value::float8 FROM plan_target WHERE county_code = ? AND target_year = ? AND metric = ? FOR UPDATE",
                Double.class, countyCode, year, metric.toLowerCase());
        if (before.isEmpty()) {
            throw ApiException.notFound("metric", "county " + countyCode + " has no " + metric + " target for " + year);
        }
        jdbc.update("UPDATE plan_target SET target_value = ? WHERE county_code = ? AND target_year = ? AND metric = ?", targetValue, countyCode, year, metric.toLowerCase());
        audit.record("setPlanTarget", "plan_target", countyCode + "/" + year + "/" + metric, countyCode, Map.of("targetValue", before.get(0)),
                Map.of("targetValue", targetValue));
        return queries.targets(countyCode, year).stream().filter(t -> metric.equals(t.get("metric"))).findFirst().orElseThrow();
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
                                         @Argument Near near, @Argument Integer first, @Argument String after,
                                         @Argument Integer last, @Argument String before, DataFetchingFieldSelectionSet selection) {
        return queries.pois(countyCode, bbox, kinds, near, PageRequest.of(first, after, last, before), selection);
    }

    @QueryMapping
    List<Map<String, Object>> planTargets(@Argument String countyCode, @Argument Integer year) {
        return queries.targets(countyCode, year);
    }
}
