package org.landatlas.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.platform.ApiException;
import org.landatlas.security.Viewer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;

/** Plan targets: every metric's achieved value from the owning feature equals an independent reading of the demo data. */
class PlanTargetsTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlanMetrics metrics;
    @Autowired
    PlanTargetController controller;

    /**
     * What each metric should measure, written independently of the features' SQL (in-force contracts as "not
     * draft, expired or terminated"; the year a homestead was revitalized in Java).
     */
    private Map<String, Function<PlanScope, Double>> independent() {
        Map<String, Function<PlanScope, Double>> m = new TreeMap<>();
        for (String kind : List.of("farmland", "pasture", "forest")) {
            // The parcels (each once) that a contract of the kind holds, whichever way the status is written.
            m.put(kind + "_circulated_mu", s -> jdbc.queryForObject("SELECT coalesce(sum(p.area_mu)::float8, 0) FROM land_parcel p WHERE p.id IN ("
                    + "SELECT cp.parcel_id FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id "
                    + "WHERE c.county_code = ? AND c.land_kind = ? AND c.status NOT IN ('draft', 'expired', 'terminated'))", Double.class, s.countyCode(), kind));
        }
        // Homesteads the workflow took to revitalized: in the year (flow) or by its end (stock), the year in Java.
        m.put("idle_homesteads_revitalized", s -> (double) jdbc.queryForList("""
                SELECT h.revitalized_on FROM homestead h WHERE h.revitalization_status = 'revitalized' AND h.county_code = ?""",
                java.sql.Date.class, s.countyCode()).stream()
                .filter(d -> d != null && (s.cumulative() ? d.toLocalDate().getYear() <= s.year() : d.toLocalDate().getYear() == s.year())).count());
        // Villages with at least one such homestead: the distinct village codes of the same rows, counted in Java.
        m.put("villages_with_revitalized_homesteads", s -> (double) jdbc.queryForList("""
                SELECT h.village_code, h.revitalized_on FROM homestead h WHERE h.revitalization_status = 'revitalized' AND h.county_code = ?""", s.countyCode())
                .stream().filter(r -> {
                    java.sql.Date d = (java.sql.Date) r.get("revitalized_on");
                    return d != null && (s.cumulative() ? d.toLocalDate().getYear() <= s.year() : d.toLocalDate().getYear() == s.year());
                }).map(r -> r.get("village_code")).distinct().count());
        m.put("high_standard_farmland_mu", s -> jdbc.queryForObject("""
                SELECT coalesce(sum(area_m2)::float8, 0) / 666.6666666666666 FROM high_standard_farmland_project
                WHERE county_code = ? AND status NOT IN ('planned', 'building') AND project_year <= ?""",
                Double.class, s.countyCode(), s.year()));
        m.put("household_pv_kw", s -> jdbc.queryForObject("SELECT coalesce(sum(capacity_kw)::float8, 0) FROM pv_site WHERE county_code = ? AND status = 'connected'",
                Double.class, s.countyCode()));
        m.put("permanent_basic_farmland_mu", s -> jdbc.queryForObject("SELECT coalesce(sum(area_mu)::float8, 0) FROM land_parcel WHERE county_code = ? "
                + "AND is_permanent_basic_farmland IS TRUE", Double.class, s.countyCode()));
        return m;
    }

    private List<String> counties() {
        return jdbc.queryForList("SELECT code FROM admin_unit WHERE level = 'county' ORDER BY code", String.class);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void everyMetricMeasuresWhatIndependentSqlReads() {
        Map<String, Function<PlanScope, Double>> expected = independent();
        assertThat(expected.keySet()).as("every registered metric has an independent check here").isEqualTo(metrics.ids());
        for (String id : metrics.ids()) {
            PlanMetric metric = metrics.require("metric", id);
            assertThat(metric.id()).isEqualTo(id);
            double largest = 0;
            for (String county : counties()) {
                for (int year : List.of(2020, 2024, 2025)) {
                    for (boolean cumulative : List.of(true, false)) {
                        PlanScope scope = new PlanScope(county, year, cumulative);
                        double want = expected.get(id).apply(scope);
                        assertThat(metric.achieved(scope)).as(id + " " + scope).isCloseTo(want, within(1e-6));
                        largest = Math.max(largest, want);
                    }
                }
            }
            assertThat(largest).as(id + " measures something in the demo data").isPositive();
        }
    }

    @Test
    void planTargetsAnswerWithTheFeaturesMeasurements() {
        Map<String, Function<PlanScope, Double>> expected = independent();
        JsonNode targets = graphql("{ planTargets { countyCode year metric targetValue unit cumulative achievedValue progress } }").path("data").path("planTargets");
        assertThat(targets.size()).isEqualTo(jdbc.queryForObject("SELECT count(*) FROM plan_target", Integer.class)).isGreaterThan(20);
        Set<String> seen = new java.util.TreeSet<>();
        for (JsonNode t : targets) {
            String id = t.path("metric").asString().toLowerCase();
            seen.add(id);
            PlanScope scope = new PlanScope(t.path("countyCode").asString(), t.path("year").asInt(), t.path("cumulative").asBoolean());
            double want = expected.get(id).apply(scope);
            assertThat(t.path("achievedValue").asDouble()).as(t.toString()).isCloseTo(want, within(1e-6));
            double target = t.path("targetValue").asDouble();
            assertThat(t.path("progress").asDouble()).as(t.toString()).isEqualTo(target == 0 ? 1.0 : t.path("achievedValue").asDouble() / target);
            assertThat(t.path("unit").asString()).as("unit of " + t).isEqualTo(metrics.require("metric", id).unit());
        }
        // The demo plans set targets on every metric but permanent basic farmland (a stock no county plan quotes).
        assertThat(seen).containsExactlyInAnyOrder("farmland_circulated_mu", "pasture_circulated_mu", "forest_circulated_mu",
                "idle_homesteads_revitalized", "villages_with_revitalized_homesteads", "high_standard_farmland_mu", "household_pv_kw");
    }

    @Test
    void setPlanTargetRefusesAMetricNoFeatureMeasures() {
        // Through GraphQL the enum already refuses it, as BAD_USER_INPUT naming the argument.
        JsonNode r = graphqlAs(adminToken(), "mutation { setPlanTarget(countyCode: \"150627\", year: 2024, metric: WELLS_DRILLED, targetValue: 1) { targetValue } }");
        assertThat(r.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(r.path("errors").get(0).path("message").asString()).contains("'metric'").contains("WELLS_DRILLED");

        // The write path itself checks the registered metrics too (the enum is only one caller's guard).
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(
                new Viewer(Viewer.Role.ADMIN, -1L, "plan-test-admin", Set.of(), false, "test"), null));
        long audited = jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = 'setPlanTarget'", Long.class);
        assertThatThrownBy(() -> controller.setPlanTarget("150627", 2024, "WELLS_DRILLED", 1.0))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ApiException.Code.BAD_USER_INPUT);
                    assertThat(e.argument()).isEqualTo("metric");
                    assertThat(e.getMessage()).isEqualTo("metric: no feature measures the metric WELLS_DRILLED; measured metrics: "
                            + "FARMLAND_CIRCULATED_MU, FOREST_CIRCULATED_MU, HIGH_STANDARD_FARMLAND_MU, HOUSEHOLD_PV_KW, "
                            + "IDLE_HOMESTEADS_REVITALIZED, PASTURE_CIRCULATED_MU, PERMANENT_BASIC_FARMLAND_MU, VILLAGES_WITH_REVITALIZED_HOMESTEADS");
                });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = 'setPlanTarget'", Long.class)).isEqualTo(audited);
        assertThatThrownBy(() -> metrics.require("metric", "wells_drilled")).isInstanceOf(ApiException.class)
                .hasMessageContaining("measured metrics: farmland_circulated_mu, ");
    }

    @Test
    void setPlanTargetChangesTheValueAndAuditsIt() {
        JsonNode before = graphql("{ planTargets(countyCode: \"150627\", year: 2024) { metric targetValue achievedValue } }").path("data").path("planTargets");
        JsonNode pasture = null;
        for (JsonNode t : before) {
            if (t.path("metric").asString().equals("PASTURE_CIRCULATED_MU")) {
                pasture = t;
            }
        }
        assertThat(pasture).isNotNull();
        double old = pasture.path("targetValue").asDouble();
        try {
            JsonNode r = graphqlAs(adminToken(), "mutation { setPlanTarget(countyCode: \"150627\", year: 2024, metric: PASTURE_CIRCULATED_MU, targetValue: 1234.5) "
                    + "{ metric targetValue achievedValue progress } }").path("data").path("setPlanTarget");
            assertThat(r.path("metric").asString()).isEqualTo("PASTURE_CIRCULATED_MU");
            assertThat(r.path("targetValue").asDouble()).isEqualTo(1234.5);
            assertThat(r.path("achievedValue").asDouble()).isEqualTo(pasture.path("achievedValue").asDouble());
            assertThat(r.path("progress").asDouble()).isEqualTo(pasture.path("achievedValue").asDouble() / 1234.5);
            assertThat(jdbc.queryForObject("SELECT after::text FROM security.audit_log WHERE action = 'setPlanTarget' ORDER BY id DESC LIMIT 1", String.class))
                    .contains("1234.5");
            assertThat(jdbc.queryForObject("SELECT target_id FROM security.audit_log WHERE action = 'setPlanTarget' ORDER BY id DESC LIMIT 1", String.class))
                    .isEqualTo("150627/2024/PASTURE_CIRCULATED_MU");
        } finally {
            jdbc.update("UPDATE plan_target SET target_value = ? WHERE county_code = '150627' AND target_year = 2024 AND metric = 'pasture_circulated_mu'", old);
        }
    }

    @Test
    void targetsOfMetricsNoFeatureMeasuresAreLeftOutAndIdsKeepTheirShape() {
        List<String> listed = new ArrayList<>();
        graphql("{ planTargets(countyCode: \"150627\") { metric } }").path("data").path("planTargets").forEach(t -> listed.add(t.path("metric").asString()));
        // No list of metrics in the database any more, but a row no feature measures (an import, say) cannot break the list.
        jdbc.update("INSERT INTO plan_target (county_code, target_year, metric, target_value, unit, cumulative, source_document) "
                + "VALUES ('150627', 2024, 'wells_drilled', 10, '眼', true, 'test')");
        try {
            JsonNode r = graphql("{ planTargets(countyCode: \"150627\") { metric } }");
            assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
            List<String> after = new ArrayList<>();
            r.path("data").path("planTargets").forEach(t -> after.add(t.path("metric").asString()));
            assertThat(after).isEqualTo(listed);
        } finally {
            jdbc.update("DELETE FROM plan_target WHERE metric = 'wells_drilled'");
        }
        // The id's shape is still checked by the database: its upper case must be a GraphQL enum value.
        assertThatThrownBy(() -> jdbc.update("INSERT INTO plan_target (county_code, target_year, metric, target_value, unit, cumulative, source_document) "
                + "VALUES ('150627', 2024, 'Wells-Drilled', 10, '眼', true, 'test')")).isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("plan_target_metric_id_check");
    }
}
