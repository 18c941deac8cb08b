package org.landatlas.circulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Target progress, by county and by township, counts the parcels the summary counts as circulated: one set of figures. */
class CirculationProgressTest extends IntegrationTest {

    static final String COUNTY = "150627";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void progressByTownshipSumsToTheCountyAndMatchesIndependentSql() {
        JsonNode targets = graphql("{ planTargets(countyCode: \"" + COUNTY + "\") { metric achievedValue targetValue "
                + "byUnit(level: TOWNSHIP) { unit { code name level } achievedValue shareOfAchieved shareOfTarget } } }")
                .path("data").path("planTargets");
        int townships = jdbc.queryForObject("SELECT count(*) FROM admin_unit WHERE level = 'township' AND county_code = ?", Integer.class, COUNTY);
        int checked = 0;
        for (JsonNode t : targets) {
            String metric = t.path("metric").asString();
            if (!metric.endsWith("_CIRCULATED_MU")) {
                continue;
            }
            String kind = metric.substring(0, metric.indexOf('_')).toLowerCase();
            JsonNode rows = t.path("byUnit");
            assertThat(rows.size()).as(metric).isEqualTo(townships);
            double sum = 0;
            for (JsonNode r : rows) {
                String township = r.path("unit").path("code").asString();
                assertThat(r.path("unit").path("level").asString()).isEqualTo("TOWNSHIP");
                // Independent SQL: each parcel once, whatever the number of contracts over it.
                double expected = jdbc.queryForObject("""
                        SELECT coalesce(sum(p.area_mu), 0)::float8 FROM land_parcel p WHERE left(p.village_code, 9) = ? AND p.id IN (
                          SELECT cp.parcel_id FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id
                          WHERE c.land_kind = ? AND c.status IN ('signed', 'filed', 'active', 'disputed'))""", Double.class, township, kind);
                assertThat(r.path("achievedValue").asDouble()).as(metric + " " + township).isCloseTo(expected, within(0.01));
                assertThat(r.path("shareOfTarget").asDouble()).isCloseTo(expected / t.path("targetValue").asDouble(), within(1e-9));
                sum += r.path("achievedValue").asDouble();
            }
            assertThat(sum).as(metric).isCloseTo(t.path("achievedValue").asDouble(), within(0.01));
            checked++;
        }
        assertThat(checked).isEqualTo(3);
    }

    @Test
    void theSummaryAndTheTargetsAgree() {
        // Every parcel counted circulated by the summary is held by a contract in force of one land kind or another,
        // and the three metrics plus the other kinds add up to the summary's figure.
        double summary = graphql("{ adminUnit(code: \"" + COUNTY + "\") { summary { circulatedMu } } }")
                .path("data").path("adminUnit").path("summary").path("circulatedMu").asDouble();
        JsonNode targets = graphql("{ planTargets(countyCode: \"" + COUNTY + "\") { metric achievedValue } }").path("data").path("planTargets");
        double metrics = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode t : targets) {
            if (t.path("metric").asString().endsWith("_CIRCULATED_MU") && seen.add(t.path("metric").asString())) {
                metrics += t.path("achievedValue").asDouble();
            }
        }
        assertThat(seen).hasSize(3);
        double otherKinds = jdbc.queryForObject("""
                SELECT coalesce(sum(p.area_mu), 0)::float8 FROM land_parcel p WHERE p.county_code = ? AND p.circulation_status = 'circulated'
                  AND NOT EXISTS (SELECT 1 FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id
                                  WHERE cp.parcel_id = p.id AND c.land_kind IN ('farmland', 'pasture', 'forest')
                                    AND c.status IN ('signed', 'filed', 'active', 'disputed'))""", Double.class, COUNTY);
        // A parcel under contracts of two kinds would count twice in the metrics; the demo has none.
        assertThat(metrics + otherKinds).isCloseTo(summary, within(0.05));
        assertThat(summary).isPositive();
    }

    @Test
    void villagesAndTheCountyLevelToo() {
        JsonNode t = graphql("{ planTargets(countyCode: \"" + COUNTY + "\") { metric achievedValue v: byUnit(level: VILLAGE) { unit { code } achievedValue } "
                + "c: byUnit(level: COUNTY) { unit { code } achievedValue shareOfAchieved } } }").path("data").path("planTargets").get(0);
        int villages = jdbc.queryForObject("SELECT count(*) FROM admin_unit WHERE level = 'village' AND county_code = ?", Integer.class, COUNTY);
        assertThat(t.path("v").size()).isEqualTo(villages);
        assertThat(t.path("c").get(0).path("unit").path("code").asString()).isEqualTo(COUNTY);
        assertThat(t.path("c").get(0).path("achievedValue").asDouble()).isCloseTo(t.path("achievedValue").asDouble(), within(0.01));
    }
}
