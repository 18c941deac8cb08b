package org.landatlas.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

/** The start-up check of TargetMetric against the PlanMetric beans, on deliberate mismatches. */
class TargetMetricSchemaCheckTest {

    private static GraphQLSchema schema(String sdl) {
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), RuntimeWiring.newRuntimeWiring().build());
    }

    @Test
    void readsTheValuesThatFeaturesAddWithExtendEnum() {
        GraphQLSchema s = schema("""
                type Query { m: TargetMetric }
                enum TargetMetric
                extend enum TargetMetric { FARMLAND_CIRCULATED_MU }
                extend enum TargetMetric { HOUSEHOLD_PV_KW }""");
        assertThat(TargetMetricSchemaCheck.enumValues(s)).containsExactly("FARMLAND_CIRCULATED_MU", "HOUSEHOLD_PV_KW");
        assertThatThrownBy(() -> TargetMetricSchemaCheck.enumValues(schema("type Query { x: Int }")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no enum TargetMetric");
    }

    @Test
    void passesWhenEveryValueHasItsMetric() {
        assertThatCode(() -> TargetMetricSchemaCheck.requireSameMetrics(Set.of("FARMLAND_CIRCULATED_MU", "HOUSEHOLD_PV_KW"),
                Set.of("household_pv_kw", "farmland_circulated_mu"))).doesNotThrowAnyException();
    }

    @Test
    void failsNamingAnEnumValueThatNoBeanMeasures() {
        assertThatThrownBy(() -> TargetMetricSchemaCheck.requireSameMetrics(Set.of("FARMLAND_CIRCULATED_MU", "WELLS_DRILLED"),
                Set.of("farmland_circulated_mu")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("GraphQL enum TargetMetric and the PlanMetric beans disagree. Enum values no PlanMetric bean measures: [WELLS_DRILLED]"
                        + " (declare the bean in the feature that owns the data, or remove the value).");
    }

    @Test
    void failsNamingABeanWithoutEnumValue() {
        assertThatThrownBy(() -> TargetMetricSchemaCheck.requireSameMetrics(Set.of("FARMLAND_CIRCULATED_MU"),
                Set.of("farmland_circulated_mu", "wells_drilled", "household_pv_kw")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("GraphQL enum TargetMetric and the PlanMetric beans disagree. PlanMetric beans without an enum value: "
                        + "[HOUSEHOLD_PV_KW, WELLS_DRILLED] (add them to `extend enum TargetMetric` in the owning feature's schema file).");
    }

    @Test
    void theRegistryRefusesTwoBeansForOneMetricAndIdsThatAreNoEnumValue() {
        PlanMetric a = fixed("household_pv_kw");
        assertThatThrownBy(() -> new PlanMetrics(java.util.List.of(a, fixed("household_pv_kw"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("two beans measure plan metric household_pv_kw");
        assertThatThrownBy(() -> new PlanMetrics(java.util.List.of(fixed("Household-PV"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'Household-PV'");
        assertThatThrownBy(() -> new SqlPlanMetric("Household-PV", "kW", new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(
                new org.springframework.jdbc.datasource.SimpleDriverDataSource()), "SELECT 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Household-PV'");
        assertThat(new PlanMetrics(java.util.List.of(a)).require("metric", "HOUSEHOLD_PV_KW")).isSameAs(a);
    }

    private static PlanMetric fixed(String id) {
        return new PlanMetric() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String unit() {
                return "kW";
            }

            @Override
            public double achieved(PlanScope scope) {
                return 1;
            }
        };
    }
}
