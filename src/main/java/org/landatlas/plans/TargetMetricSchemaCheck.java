package org.landatlas.plans;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLSchema;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * Start-up check that the GraphQL enum {@code TargetMetric} (extended by each feature's schema file) has exactly
 * one value per {@link PlanMetric} bean: a metric without its enum value could not be asked for, an enum value
 * without a metric could not be measured.
 */
@Component
class TargetMetricSchemaCheck {

    static final String ENUM = "TargetMetric";

    TargetMetricSchemaCheck(GraphQlSource graphQlSource, PlanMetrics metrics) {
        requireSameMetrics(enumValues(graphQlSource.schema()), metrics.ids());
    }

    static Set<String> enumValues(GraphQLSchema schema) {
        if (!(schema.getType(ENUM) instanceof GraphQLEnumType e)) {
            throw new IllegalStateException("the GraphQL schema has no enum " + ENUM + " (graphql-schema/plans.graphqls declares it)");
        }
        return e.getValues().stream().map(GraphQLEnumValueDefinition::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Fails naming what is missing on either side and where to add it. */
    static void requireSameMetrics(Set<String> enumValues, Set<String> metricIds) {
        Set<String> measured = metricIds.stream().map(id -> id.toUpperCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> withoutMetric = new TreeSet<>(enumValues);
        withoutMetric.removeAll(measured);
        Set<String> withoutValue = new TreeSet<>(measured);
        withoutValue.removeAll(enumValues);
        if (!withoutMetric.isEmpty() || !withoutValue.isEmpty()) {
            StringBuilder m = new StringBuilder("GraphQL enum " + ENUM + " and the PlanMetric beans disagree.");
            if (!withoutMetric.isEmpty()) {
                m.append(" Enum values no PlanMetric bean measures: ").append(withoutMetric)
                        .append(" (declare the bean in the feature that owns the data, or remove the value).");
            }
            if (!withoutValue.isEmpty()) {
                m.append(" PlanMetric beans without an enum value: ").append(withoutValue)
                        .append(" (add them to `extend enum ").append(ENUM).append("` in the owning feature's schema file).");
            }
            throw new IllegalStateException(m.toString());
        }
    }
}
