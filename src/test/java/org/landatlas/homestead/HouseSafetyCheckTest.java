package org.landatlas.homestead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.landatlas.plans.PlanMetric;
import org.landatlas.plans.PlanMetrics;
import org.landatlas.plans.PlanScope;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * House safety checks (农房安全排查) on real PostGIS: the happy path with its history, current condition, audit and
 * what staff and the public see; all or nothing over many houses (a bad row, an unknown id, another county, a
 * stale version: nothing written, checked by SQL); occupancy with evidence; the tourism search dropping a house just
 * found dangerous; the DANGEROUS_IN_USE flag; the village metric of 庆元's target against independent SQL.
 */
class HouseSafetyCheckTest extends IntegrationTest {

    /** A county of its own (the workflow test takes A's idle homesteads), and another county. */
    static final String A = "150724";
    static final String B = HomesteadWorkflowTest.B;
    static final String CHECK = """
            mutation($c: [HouseSafetyCheckInput!]!) { recordHouseSafetyChecks(checks: $c) {
              id version occupancy idleEvidence revitalizationStatus condition
              latestSafetyCheck { id houseId checkedOn condition safetyGrade structure findings documentRef checkedBy occupancy }
              safetyChecks { id checkedOn condition } } }""";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlanMetrics metrics;

    // ------------------------------------------------------------------------------------------------ helpers

    /** Homesteads of the county with exactly one house, in a revitalization status, untouched by the API so far. */
    List<Long> oneHouse(String county, String status, int n) {
        return jdbc.queryForList("""
                SELECT h.id FROM homestead h WHERE h.county_code = ? AND h.revitalization_status = ? AND h.updated_by IS NULL
                  AND (SELECT count(*) FROM rural_house r WHERE r.homestead_id = h.id) = 1
                  AND NOT EXISTS (SELECT 1 FROM rural_house r WHERE r.homestead_id = h.id AND r.condition = 'dangerous')
                ORDER BY h.id DESC LIMIT ?""", Long.class, county, status, n);
    }

    int version(long id) {
        return jdbc.queryForObject("SELECT version FROM homestead WHERE id = ?", Integer.class, id);
    }

    long house(long homestead) {
        return jdbc.queryForObject("SELECT id FROM rural_house WHERE homestead_id = ? ORDER BY id LIMIT 1", Long.class, homestead);
    }

    int checks(List<Long> homesteads) {
        return jdbc.queryForObject("SELECT count(*) FROM homestead_safety_check WHERE homestead_id = ANY(?)", Integer.class,
                (Object) homesteads.toArray(Long[]::new));
    }

    /** The current state of the homesteads and their houses, to compare before and after a refused call. */
    List<Map<String, Object>> state(List<Long> homesteads) {
        return jdbc.queryForList("""
                SELECT h.id, h.version, h.occupancy, h.revitalization_status, r.id AS house, r.condition, r.safety_grade, r.safety_checked_on, r.structure
                FROM homestead h JOIN rural_house r ON r.homestead_id = h.id WHERE h.id = ANY(?) ORDER BY h.id, r.id""", (Object) homesteads.toArray(Long[]::new));
    }

    Map<String, Object> check(long homestead, String condition, String grade) {
        Map<String, Object> c = new HashMap<>();
        c.put("homesteadId", String.valueOf(homestead));
        c.put("expectedVersion", version(homestead));
        c.put("checkedOn", LocalDate.now().minusDays(2).toString());
        c.put("condition", condition);
        if (grade != null) {
            c.put("safetyGrade", grade);
        }
        c.put("findings", "墙体开裂，屋面渗漏");
        c.put("documentRef", "农房安全排查表 QY-2026-017");
        return c;
    }

    JsonNode record(String token, List<Map<String, Object>> checks) {
        return graphqlAs(token, CHECK, Map.of("c", checks));
    }

    static JsonNode ok(JsonNode r) {
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        return r.path("data").path("recordHouseSafetyChecks");
    }

    static String refusal(JsonNode r) {
        assertThat(r.path("errors").isMissingNode()).as("refused: " + r).isFalse();
        JsonNode e = r.path("errors").get(0);
        return e.path("extensions").path("code").asString() + " " + e.path("extensions").path("argument").asString() + " " + e.path("message").asString();
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    void aCheckIsKeptSetsTheHouseAndIsAudited() {
        List<Long> ids = oneHouse(A, "idle", 2);
        long first = ids.get(0);
        long second = ids.get(1);
        int v1 = version(first);
        int v2 = version(second);
        Map<String, Object> fair = check(first, "FAIR", "B");
        fair.put("structure", "BRICK_WOOD");
        Map<String, Object> dangerous = check(second, "DANGEROUS", "D");
        dangerous.put("houseId", String.valueOf(house(second)));
        JsonNode r = ok(record(staffToken(A), List.of(fair, dangerous)));
        assertThat(r.size()).isEqualTo(2);
        assertThat(r.get(0).path("id").asString()).isEqualTo(String.valueOf(first));
        assertThat(r.get(0).path("version").asInt()).isEqualTo(v1 + 1);
        assertThat(r.get(0).path("condition").asString()).isEqualTo("FAIR");
        JsonNode latest = r.get(0).path("latestSafetyCheck");
        assertThat(latest.path("condition").asString()).isEqualTo("FAIR");
        assertThat(latest.path("safetyGrade").asString()).isEqualTo("B");
        assertThat(latest.path("structure").asString()).isEqualTo("brick_wood");
        assertThat(latest.path("houseId").asString()).isEqualTo(String.valueOf(house(first)));
        assertThat(latest.path("checkedOn").asString()).isEqualTo(LocalDate.now().minusDays(2).toString());
        assertThat(latest.path("findings").asString()).isEqualTo("墙体开裂，屋面渗漏");
        assertThat(latest.path("checkedBy").asString()).startsWith("staff-" + A);
        assertThat(r.get(1).path("condition").asString()).isEqualTo("DANGEROUS");
        assertThat(r.get(1).path("version").asInt()).isEqualTo(v2 + 1);

        // By SQL: the history, the house's current state, the audit log.
        assertThat(jdbc.queryForMap("SELECT condition, safety_grade, structure, checked_by FROM homestead_safety_check WHERE homestead_id = ?", first))
                .containsEntry("condition", "fair").containsEntry("safety_grade", "B").containsEntry("structure", "brick_wood");
        assertThat(jdbc.queryForMap("SELECT condition, safety_grade, safety_checked_on::text AS on, structure FROM rural_house WHERE homestead_id = ?", first))
                .containsEntry("condition", "fair").containsEntry("safety_grade", "B").containsEntry("on", LocalDate.now().minusDays(2).toString())
                .containsEntry("structure", "brick_wood");
        assertThat(jdbc.queryForMap("SELECT condition, safety_grade FROM rural_house WHERE homestead_id = ?", second))
                .containsEntry("condition", "dangerous").containsEntry("safety_grade", "D");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = 'recordHouseSafetyChecks' AND target_id IN (?, ?)", Integer.class,
                String.valueOf(first), String.valueOf(second))).isEqualTo(2);

        // An older check goes to the history only: the house keeps the newer one.
        Map<String, Object> older = check(first, "POOR", null);
        older.put("checkedOn", LocalDate.now().minusYears(1).toString());
        JsonNode again = ok(record(staffToken(A), List.of(older)));
        assertThat(again.get(0).path("safetyChecks").size()).isEqualTo(2);
        assertThat(again.get(0).path("safetyChecks").get(1).path("condition").asString()).isEqualTo("POOR");
        assertThat(again.get(0).path("latestSafetyCheck").path("condition").asString()).isEqualTo("FAIR");
        assertThat(jdbc.queryForObject("SELECT condition FROM rural_house WHERE homestead_id = ?", String.class, first)).isEqualTo("fair");

        // The public (which sees listed homesteads) and other counties' staff see a check without who, findings and document.
        long listed = oneHouse(A, "listed", 1).get(0);
        ok(record(staffToken(A), List.of(check(listed, "GOOD", "A"))));
        String q = "{ homesteads(filter: { adminCode: \"" + A + "\", revitalizationStatuses: [LISTED] }, first: 1000) "
                + "{ edges { node { id latestSafetyCheck { condition safetyGrade checkedBy findings documentRef } } } } }";
        for (JsonNode answer : List.of(graphql(q), graphqlAs(staffToken(B), q), graphqlAs(staffToken(A), q))) {
            JsonNode c = null;
            for (JsonNode e : answer.path("data").path("homesteads").path("edges")) {
                if (e.path("node").path("id").asString().equals(String.valueOf(listed))) {
                    c = e.path("node").path("latestSafetyCheck");
                }
            }
            assertThat(c).as("the listed homestead is seen: " + answer).isNotNull();
            assertThat(c.path("condition").asString()).isEqualTo("GOOD");
            assertThat(c.path("safetyGrade").asString()).isEqualTo("A");
        }
        JsonNode[] views = {graphql(q), graphqlAs(staffToken(B), q), graphqlAs(staffToken(A), q)};
        for (int i = 0; i < views.length; i++) {
            for (JsonNode e : views[i].path("data").path("homesteads").path("edges")) {
                if (e.path("node").path("id").asString().equals(String.valueOf(listed))) {
                    JsonNode c = e.path("node").path("latestSafetyCheck");
                    if (i < 2) {
                        assertThat(c.path("checkedBy").isNull()).isTrue();
                        assertThat(c.path("findings").isNull()).isTrue();
                        assertThat(c.path("documentRef").isNull()).isTrue();
                    } else {
                        assertThat(c.path("checkedBy").asString()).startsWith("staff-" + A);
                        assertThat(c.path("documentRef").asString()).isEqualTo("农房安全排查表 QY-2026-017");
                    }
                }
            }
        }
    }

    @Test
    void oneBadCheckAndNothingIsWritten() {
        List<Long> ids = oneHouse(A, "idle", 3);
        List<Map<String, Object>> before = state(ids);
        int audited = jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = 'recordHouseSafetyChecks'", Integer.class);
        String staff = staffToken(A);

        // A dangerous house without its grade, in the third place.
        assertThat(refusal(record(staff, List.of(check(ids.get(0), "GOOD", "A"), check(ids.get(1), "FAIR", null), check(ids.get(2), "DANGEROUS", null)))))
                .startsWith("BAD_USER_INPUT checks[2].safetyGrade").contains("C").contains("D");
        // Grade C is a dangerous house: GOOD with it refused, naming the condition.
        assertThat(refusal(record(staff, List.of(check(ids.get(0), "GOOD", "C"))))).startsWith("BAD_USER_INPUT checks[0].condition");
        // A check in the future.
        Map<String, Object> future = check(ids.get(1), "GOOD", null);
        future.put("checkedOn", LocalDate.now().plusDays(1).toString());
        assertThat(refusal(record(staff, List.of(check(ids.get(0), "GOOD", null), future)))).startsWith("BAD_USER_INPUT checks[1].checkedOn").contains("future");
        // An unknown homestead.
        Map<String, Object> unknown = check(ids.get(0), "GOOD", null);
        unknown.put("homesteadId", "987654321");
        assertThat(refusal(record(staff, List.of(check(ids.get(0), "GOOD", null), unknown)))).startsWith("NOT_FOUND checks[1].homesteadId");
        // A house of another homestead.
        Map<String, Object> wrongHouse = check(ids.get(0), "GOOD", null);
        wrongHouse.put("houseId", String.valueOf(house(ids.get(1))));
        assertThat(refusal(record(staff, List.of(wrongHouse)))).startsWith("BAD_USER_INPUT checks[0].houseId");
        // Another county's homestead among ours.
        long theirs = oneHouse(B, "idle", 1).get(0);
        assertThat(refusal(record(staff, List.of(check(ids.get(0), "GOOD", null), check(theirs, "GOOD", null))))).startsWith("FORBIDDEN checks[1].homesteadId");
        // A stale version.
        Map<String, Object> stale = check(ids.get(2), "GOOD", null);
        stale.put("expectedVersion", version(ids.get(2)) - 1);
        assertThat(refusal(record(staff, List.of(check(ids.get(0), "GOOD", null), stale)))).startsWith("BAD_USER_INPUT checks[1].expectedVersion")
                .contains("changed meanwhile");
        // The public and other counties' staff.
        assertThat(refusal(graphql(CHECK, Map.of("c", List.of(check(ids.get(0), "GOOD", null)))))).startsWith("FORBIDDEN");
        assertThat(refusal(record(staffToken(B), List.of(check(ids.get(0), "GOOD", null))))).startsWith("FORBIDDEN checks[0].homesteadId");
        // Occupied again while in the workflow is refused (withdraw first); idle without evidence refused.
        long listed = oneHouse(A, "listed", 1).get(0);
        Map<String, Object> occupied = check(listed, "GOOD", null);
        occupied.put("occupancy", "OCCUPIED");
        assertThat(refusal(record(staff, List.of(occupied)))).startsWith("BAD_USER_INPUT checks[0].occupancy").contains("withdraw");
        Map<String, Object> noEvidence = check(ids.get(0), "GOOD", null);
        noEvidence.put("occupancy", "ABANDONED");
        assertThat(refusal(record(staff, List.of(noEvidence)))).startsWith("BAD_USER_INPUT checks[0].idleEvidence");

        // Nothing written, by SQL.
        assertThat(checks(ids)).isZero();
        assertThat(checks(List.of(theirs, listed))).isZero();
        assertThat(state(ids)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = 'recordHouseSafetyChecks'", Integer.class)).isEqualTo(audited);
    }

    @Test
    void occupancyIsRecordedWithItsEvidence() {
        long occupied = oneHouse(A, "none", 1).get(0);
        Map<String, Object> c = check(occupied, "POOR", null);
        c.put("occupancy", "IDLE");
        c.put("idleSince", LocalDate.now().minusYears(3).toString());
        c.put("idleEvidence", "VILLAGE_COMMITTEE");
        c.put("idleEvidenceNote", "村委会证明 2026-05");
        JsonNode r = ok(record(staffToken(A), List.of(c))).get(0);
        assertThat(r.path("occupancy").asString()).isEqualTo("IDLE");
        assertThat(r.path("idleEvidence").asString()).isEqualTo("VILLAGE_COMMITTEE");
        assertThat(r.path("revitalizationStatus").asString()).isEqualTo("IDLE");
        assertThat(r.path("latestSafetyCheck").path("occupancy").asString()).isEqualTo("IDLE");
        assertThat(jdbc.queryForMap("SELECT occupancy, idle_since::text AS since, idle_evidence, idle_evidence_note FROM homestead WHERE id = ?", occupied))
                .containsEntry("occupancy", "idle").containsEntry("since", LocalDate.now().minusYears(3).toString())
                .containsEntry("idle_evidence", "village_committee").containsEntry("idle_evidence_note", "村委会证明 2026-05");
        assertThat(jdbc.queryForMap("SELECT from_status, to_status FROM homestead_status_history WHERE homestead_id = ? ORDER BY id DESC LIMIT 1", occupied))
                .containsEntry("from_status", "none").containsEntry("to_status", "idle");
        // Back to occupied: the idleness goes, the homestead leaves the workflow's idle status.
        Map<String, Object> back = check(occupied, "FAIR", null);
        back.put("checkedOn", LocalDate.now().toString());
        back.put("occupancy", "OCCUPIED");
        JsonNode b = ok(record(staffToken(A), List.of(back))).get(0);
        assertThat(b.path("occupancy").asString()).isEqualTo("OCCUPIED");
        assertThat(b.path("revitalizationStatus").asString()).isEqualTo("NONE");
        assertThat(jdbc.queryForMap("SELECT idle_since, idle_evidence FROM homestead WHERE id = ?", occupied)).containsEntry("idle_since", null).containsEntry("idle_evidence", null);
    }

    @Test
    void aHouseFoundDangerousLeavesTheTourismSearch() {
        String q = "{ homesteadsForTourism(adminCode: \"" + A + "\", withinKm: 3) { village { code } homesteads { condition homestead { id version houses { id } } } } }";
        JsonNode before = graphqlAs(staffToken(A), q).path("data").path("homesteadsForTourism");
        JsonNode pick = null;
        for (JsonNode v : before) {
            for (JsonNode h : v.path("homesteads")) {
                long id = h.path("homestead").path("id").asLong();
                if (pick == null && jdbc.queryForObject("SELECT updated_by IS NULL FROM homestead WHERE id = ?", Boolean.class, id)) {
                    pick = h.path("homestead");
                }
            }
        }
        assertThat(pick).as("a tourism candidate in " + A).isNotNull();
        long id = pick.path("id").asLong();
        Map<String, Object> c = check(id, "DANGEROUS", "C");
        c.put("houseId", pick.path("houses").get(0).path("id").asString());
        ok(record(staffToken(A), List.of(c)));
        JsonNode after = graphqlAs(staffToken(A), q).path("data").path("homesteadsForTourism");
        List<String> ids = new ArrayList<>();
        after.forEach(v -> v.path("homesteads").forEach(h -> ids.add(h.path("homestead").path("id").asString())));
        assertThat(ids).isNotEmpty().doesNotContain(String.valueOf(id));
        // Asking for dangerous houses is refused: a 危房 is never offered.
        assertThat(refusal(graphqlAs(staffToken(A), "{ homesteadsForTourism(adminCode: \"" + A + "\", withinKm: 3, conditions: [GOOD, DANGEROUS]) { count } }")))
                .startsWith("BAD_USER_INPUT conditions");
    }

    @Test
    void aDangerousHouseNegotiatedForVisitorsIsFlagged() {
        List<Long> ids = oneHouse(A, "listed", 2);
        long homestay = ids.get(0);
        long storage = ids.get(1);
        negotiate(homestay, "HOMESTAY");
        negotiate(storage, "STORAGE_COLD_CHAIN");
        String village = jdbc.queryForObject("SELECT village_code FROM homestead WHERE id = ?", String.class, homestay);
        assertThat(flagged(A)).doesNotContain(homestay, storage);
        ok(record(staffToken(A), List.of(check(homestay, "DANGEROUS", "D"), check(storage, "DANGEROUS", "C"))));
        List<Long> flagged = flagged(A);
        assertThat(flagged).contains(homestay).doesNotContain(storage);
        assertThat(flagged(village)).contains(homestay);
        // Every flag by independent SQL: a dangerous house, an open agreement for a visitor use (or listed without one).
        int expected = jdbc.queryForObject("""
                SELECT count(*) FROM homestead t WHERE t.county_code = ? AND t.revitalization_status IN ('listed', 'negotiating', 'revitalized')
                  AND EXISTS (SELECT 1 FROM rural_house r WHERE r.homestead_id = t.id AND r.condition = 'dangerous')
                  AND (EXISTS (SELECT 1 FROM homestead_revitalization v WHERE v.homestead_id = t.id AND v.status IN ('proposed', 'approved', 'active')
                               AND v.new_use IN ('homestay', 'catering', 'culture', 'elderly_care')
                               AND v.id = (SELECT max(x.id) FROM homestead_revitalization x WHERE x.homestead_id = t.id AND x.status IN ('proposed', 'approved', 'active')))
                       OR (t.revitalization_status = 'listed'
                           AND NOT EXISTS (SELECT 1 FROM homestead_revitalization v WHERE v.homestead_id = t.id AND v.status IN ('proposed', 'approved', 'active'))))""",
                Integer.class, A);
        assertThat(flagged).hasSize(expected);
        assertThat(refusal(graphql("{ homesteadFlags(adminCode: \"" + A + "\", kinds: [DANGEROUS_IN_USE]) { kind } }"))).startsWith("FORBIDDEN");
    }

    private void negotiate(long id, String use) {
        Map<String, Object> a = HomesteadWorkflowTest.agreement("LEASE", "BUSINESS", use, LocalDate.now(), LocalDate.now().plusYears(5));
        JsonNode r = graphqlAs(staffToken(A), HomesteadWorkflowTest.NEGOTIATE, Map.of("id", String.valueOf(id), "v", version(id), "a", a));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
    }

    private List<Long> flagged(String adminCode) {
        JsonNode r = graphqlAs(staffToken(A), "{ homesteadFlags(adminCode: \"" + adminCode + "\", kinds: [DANGEROUS_IN_USE]) { kind detail homestead { id } } }");
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        List<Long> out = new ArrayList<>();
        for (JsonNode f : r.path("data").path("homesteadFlags")) {
            assertThat(f.path("kind").asString()).isEqualTo("DANGEROUS_IN_USE");
            assertThat(f.path("detail").asString()).startsWith("危房在用");
            out.add(f.path("homestead").path("id").asLong());
        }
        return out;
    }

    @Test
    void theVillageMetricCountsANewVillageAfterRevitalizeHomestead() {
        int year = LocalDate.now().getYear();
        // A listed homestead in a village with nothing revitalized this year.
        long id = jdbc.queryForObject("""
                SELECT h.id FROM homestead h WHERE h.county_code = ? AND h.revitalization_status = 'listed' AND h.updated_by IS NULL
                  AND NOT EXISTS (SELECT 1 FROM homestead x WHERE x.village_code = h.village_code AND x.revitalization_status = 'revitalized'
                                  AND extract(year FROM x.revitalized_on) = ?)
                ORDER BY h.id LIMIT 1""", Long.class, A, year);
        String village = jdbc.queryForObject("SELECT village_code FROM homestead WHERE id = ?", String.class, id);
        PlanMetric m = metrics.require("metric", "villages_with_revitalized_homesteads");
        assertThat(m.unit()).isEqualTo("村");
        assertThat(m.measuredByUnit()).isTrue();
        double before = m.achieved(new PlanScope(A, year, false));
        negotiate(id, "CULTURE");
        JsonNode r = graphqlAs(staffToken(A), HomesteadWorkflowTest.REVITALIZE, Map.of("id", String.valueOf(id), "v", version(id)));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        for (boolean cumulative : List.of(false, true)) {
            PlanScope scope = new PlanScope(A, year, cumulative);
            String when = cumulative ? "h.revitalized_on < make_date(?, 12, 31) + 1" : "date_part('year', h.revitalized_on) = ?";
            assertThat(m.achieved(scope)).as("cumulative " + cumulative).isEqualTo(jdbc.queryForObject(
                    "SELECT count(DISTINCT h.village_code)::float8 FROM homestead h WHERE h.county_code = ? AND h.revitalization_status = 'revitalized' AND " + when,
                    Double.class, A, year));
            Map<String, Double> byTownship = new HashMap<>();
            jdbc.query("SELECT left(h.village_code, 9), count(DISTINCT h.village_code)::float8 FROM homestead h WHERE h.county_code = ? "
                    + "AND h.revitalization_status = 'revitalized' AND " + when + " GROUP BY 1", rs -> {
                byTownship.put(rs.getString(1), rs.getDouble(2));
            }, A, year);
            assertThat(m.achievedByUnit(scope, 9)).isEqualTo(byTownship);
            assertThat(m.achievedByUnit(scope, 12).get(village)).isEqualTo(1.0);
        }
        assertThat(m.achieved(new PlanScope(A, year, false))).isEqualTo(before + 1);
    }
}
