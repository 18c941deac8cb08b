package org.landatlas.plans;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.ApiException;
import org.landatlas.security.Access;
import org.landatlas.security.AuditLog;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

/** GraphQL: plan targets with their progress, and the administrators' change of a target's value. */
@Controller
class PlanTargetController {

    private final PlanTargets targets;
    private final PlanMetrics metrics;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    PlanTargetController(PlanTargets targets, PlanMetrics metrics, JdbcTemplate jdbc, AuditLog audit) {
        this.targets = targets;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @QueryMapping
    List<Map<String, Object>> planTargets(@Argument String countyCode, @Argument Integer year, DataFetchingFieldSelectionSet selection) {
        // One level of byUnit selected (the usual case): the metrics measure each target once, at that level.
        List<Object> levels = selection.getFields("byUnit").stream().map(f -> f.getArguments().getOrDefault("level", "TOWNSHIP")).distinct().toList();
        return targets.targets(countyCode, year, levels.size() == 1 ? String.valueOf(levels.get(0)) : null);
    }

    @SchemaMapping(typeName = "PlanTarget", field = "byUnit")
    List<Map<String, Object>> byUnit(Map<String, Object> target, @Argument String level) {
        return targets.byUnit(target, level);
    }

    @MutationMapping
    @Transactional
    Map<String, Object> setPlanTarget(@Argument String countyCode, @Argument Integer year, @Argument String metric, @Argument Double targetValue) {
        Access.requireAdmin("setPlanTarget");
        if (targetValue < 0 || targetValue.isNaN() || targetValue.isInfinite()) {
            throw ApiException.badInput("targetValue", "must be a number of 0 or more, got " + targetValue);
        }
        String id = metrics.require("metric", metric).id();
        List<Double> before = jdbc.queryForList("SELECT target_value::float8 FROM plan_target WHERE county_code = ? AND target_year = ? AND metric = ? FOR UPDATE",
                Double.class, countyCode, year, id);
        if (before.isEmpty()) {
            throw ApiException.notFound("metric", "county " + countyCode + " has no " + metric + " target for " + year);
        }
        jdbc.update("UPDATE plan_target SET target_value = ? WHERE county_code = ? AND target_year = ? AND metric = ?", targetValue, countyCode, year, id);
        audit.record("setPlanTarget", "plan_target", countyCode + "/" + year + "/" + metric, countyCode, Map.of("targetValue", before.get(0)),
                Map.of("targetValue", targetValue));
        return targets.targets(countyCode, year).stream().filter(t -> metric.equals(t.get("metric"))).findFirst().orElseThrow();
    }
}
