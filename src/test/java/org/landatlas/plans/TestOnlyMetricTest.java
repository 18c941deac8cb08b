package org.landatlas.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A metric added the way a feature adds one, a bean and its enum value, here both only in this test: it is
 * listed, measured and settable without any change to the plans module (or to a database constraint).
 */
class TestOnlyMetricTest extends IntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class VillagesMetric {

        @Bean
        PlanMetric villagesCounted(NamedParameterJdbcTemplate jdbc) {
            return new SqlPlanMetric("villages_counted", "个", jdbc,
                    "SELECT count(*) FROM admin_unit WHERE level = 'village' AND county_code = :county");
        }

        /** What the feature's schema file would say. */
        @Bean
        GraphQlSourceBuilderCustomizer villagesCountedEnumValue() {
            return builder -> builder.schemaResources(new ByteArrayResource("""
                    extend enum TargetMetric {
                      "行政村数 Villages counted (test only)."
                      VILLAGES_COUNTED
                    }""".getBytes(StandardCharsets.UTF_8), "test-only TargetMetric value"));
        }
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlanMetrics metrics;

    @Test
    void aMetricBeanOfAnotherPackageIsListedMeasuredAndSettable() {
        assertThat(metrics.ids()).contains("villages_counted", "farmland_circulated_mu");
        JsonNode value = graphql("{ __type(name: \"TargetMetric\") { enumValues { name description } } }").path("data").path("__type").path("enumValues");
        assertThat(value.toString()).contains("\"VILLAGES_COUNTED\"").contains("行政村数 Villages counted (test only).");

        int villages = jdbc.queryForObject("SELECT count(*) FROM admin_unit WHERE level = 'village' AND code LIKE '150627%'", Integer.class);
        assertThat(villages).isPositive();
        jdbc.update("INSERT INTO plan_target (county_code, target_year, metric, target_value, unit, cumulative, source_document) "
                + "VALUES ('150627', 2024, 'villages_counted', 400, '个', true, 'test')");
        try {
            JsonNode t = target(graphql("{ planTargets(countyCode: \"150627\", year: 2024) { metric targetValue unit achievedValue progress } }")
                    .path("data").path("planTargets"));
            assertThat(t.path("unit").asString()).isEqualTo("个");
            assertThat(t.path("achievedValue").asDouble()).isEqualTo(villages);
            assertThat(t.path("progress").asDouble()).isEqualTo(villages / 400.0);

            JsonNode set = graphqlAs(adminToken(), "mutation { setPlanTarget(countyCode: \"150627\", year: 2024, metric: VILLAGES_COUNTED, targetValue: 200) "
                    + "{ metric targetValue achievedValue progress } }");
            assertThat(set.path("errors").isMissingNode()).as(set.toString()).isTrue();
            assertThat(set.path("data").path("setPlanTarget").path("progress").asDouble()).isEqualTo(villages / 200.0);
            assertThat(jdbc.queryForObject("SELECT target_value::float8 FROM plan_target WHERE metric = 'villages_counted'", Double.class)).isEqualTo(200.0);
        } finally {
            jdbc.update("DELETE FROM plan_target WHERE metric = 'villages_counted'");
        }
    }

    private static JsonNode target(JsonNode targets) {
        for (JsonNode t : targets) {
            if (t.path("metric").asString().equals("VILLAGES_COUNTED")) {
                return t;
            }
        }
        throw new AssertionError("no VILLAGES_COUNTED target in " + targets);
    }
}
