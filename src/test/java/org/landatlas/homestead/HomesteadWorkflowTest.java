package org.landatlas.homestead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.landatlas.plans.PlanMetric;
import org.landatlas.plans.PlanMetrics;
import org.landatlas.plans.PlanScope;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The homestead revitalization workflow on real PostGIS: every transition legal and illegal, every rule with a
 * violating case (lease at 20 years and one day over), stale versions, the plan target after each step against
 * independent SQL, flags, the tourism search and what the public and other staff see.
 */
class HomesteadWorkflowTest extends IntegrationTest {

    static final String A = "150627";
    static final String B = "533401";
    static final String FIELDS = "{ id version revitalizationStatus revitalizedOn consentOn occupancy idleEvidence }";
    static final String SURVEY = "mutation($id: ID!, $in: HomesteadSurveyInput!) { surveyHomestead(id: $id, input: $in) " + FIELDS + " }";
    static final String LIST = "mutation($id: ID!, $in: HomesteadListingInput!) { listHomestead(id: $id, input: $in) " + FIELDS + " }";
    static final String NEGOTIATE = "mutation($id: ID!, $v: Int!, $a: RevitalizationAgreementInput!) { startHomesteadNegotiation(id: $id, expectedVersion: $v, agreement: $a) "
            + FIELDS + " }";
    static final String REVITALIZE = "mutation($id: ID!, $v: Int!) { revitalizeHomestead(id: $id, expectedVersion: $v) " + FIELDS + " }";
    static final String REVITALIZE_WITH = "mutation($id: ID!, $v: Int!, $a: RevitalizationAgreementInput) { revitalizeHomestead(id: $id, expectedVersion: $v, agreement: $a) "
            + FIELDS + " }";
    static final String WITHDRAW = "mutation($id: ID!, $v: Int!) { withdrawHomestead(id: $id, expectedVersion: $v, reason: \"农户撤回\") " + FIELDS + " }";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlanMetrics metrics;

    // ------------------------------------------------------------------------------------------------ helpers

    /** An idle homestead of the county not touched by the workflow yet (each run takes fresh ones). */
    long idle(String county) {
        return jdbc.queryForObject("""
                SELECT id FROM homestead WHERE county_code = ? AND revitalization_status = 'idle' AND updated_by IS NULL
                ORDER BY id LIMIT 1""", Long.class, county);
    }

    int version(long id) {
        return jdbc.queryForObject("SELECT version FROM homestead WHERE id = ?", Integer.class, id);
    }

    String status(long id) {
        return jdbc.queryForObject("SELECT revitalization_status FROM homestead WHERE id = ?", String.class, id);
    }

    JsonNode call(String mutation, Map<String, Object> vars) {
        return graphqlAs(staffToken(A), mutation, vars);
    }

    static JsonNode ok(JsonNode r, String field) {
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        return r.path("data").path(field);
    }

    static String refusal(JsonNode r) {
        assertThat(r.path("errors").isMissingNode()).as("refused: " + r).isFalse();
        return r.path("errors").get(0).path("extensions").path("code").asString() + " " + r.path("errors").get(0).path("message").asString();
    }

    Map<String, Object> surveyInput(long id) {
        Map<String, Object> in = new HashMap<>();
        in.put("expectedVersion", version(id));
        in.put("occupancy", "IDLE");
        in.put("idleEvidence", "UTILITY_METERS");
        in.put("idleEvidenceNote", "水电表两年无读数");
        return in;
    }

    Map<String, Object> listingInput(long id) {
        return new HashMap<>(Map.of("expectedVersion", version(id), "consentOn", LocalDate.now().minusDays(3).toString(), "consentDocument", "农户自愿盘活申请书 第12号"));
    }

    static Map<String, Object> agreement(String mode, String kind, String use, LocalDate start, LocalDate end) {
        Map<String, Object> a = new HashMap<>();
        a.put("mode", mode);
        a.put("counterpartyKind", kind);
        a.put("counterpartyName", "URBAN_RESIDENT".equals(kind) ? "张三丰" : "伊金霍洛旗文旅有限公司");
        a.put("newUse", use);
        a.put("termStart", start.toString());
        if (end != null) {
            a.put("termEnd", end.toString());
        }
        a.put("incomeHouseholdYuan", 6000.0);
        a.put("incomeCollectiveYuan", 800.0);
        return a;
    }

    /** An idle homestead taken through survey and listing. */
    long listed() {
        long id = idle(A);
        ok(call(SURVEY, Map.of("id", String.valueOf(id), "in", surveyInput(id))), "surveyHomestead");
        ok(call(LIST, Map.of("id", String.valueOf(id), "in", listingInput(id))), "listHomestead");
        return id;
    }

    JsonNode negotiate(long id, Map<String, Object> agreement) {
        return call(NEGOTIATE, Map.of("id", String.valueOf(id), "v", version(id), "a", agreement));
    }

    /** What the target counts, read independently: homesteads whose last status change went to revitalized in the year. */
    double independentRevitalized(String county, int year, String villagePrefix) {
        return jdbc.queryForObject("""
                SELECT count(*)::float8 FROM homestead h
                WHERE h.county_code = ? AND h.village_code LIKE ? AND h.revitalization_status = 'revitalized'
                  AND date_part('year', h.revitalized_on) = ?""", Double.class, county, villagePrefix + "%", year);
    }

    void targetMatches(String county, String village) {
        int year = LocalDate.now().getYear();
        PlanMetric m = metrics.require("metric", "idle_homesteads_revitalized");
        PlanScope scope = new PlanScope(county, year, false);
        assertThat(m.achieved(scope)).isEqualTo(independentRevitalized(county, year, ""));
        assertThat(m.measuredByUnit()).isTrue();
        assertThat(m.achievedByUnit(scope, 12).getOrDefault(village, 0.0)).isEqualTo(independentRevitalized(county, year, village));
        assertThat(m.achievedByUnit(scope, 9).getOrDefault(village.substring(0, 9), 0.0)).isEqualTo(independentRevitalized(county, year, village.substring(0, 9)));
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    void theWholeWayMovesTheTargetStepByStep() {
        long id = idle(A);
        String village = jdbc.queryForObject("SELECT village_code FROM homestead WHERE id = ?", String.class, id);
        int year = LocalDate.now().getYear();
        double before = independentRevitalized(A, year, village);
        PlanMetric m = metrics.require("metric", "idle_homesteads_revitalized");
        double county = m.achieved(new PlanScope(A, year, false));
        int v0 = version(id);

        JsonNode s = ok(call(SURVEY, Map.of("id", String.valueOf(id), "in", surveyInput(id))), "surveyHomestead");
        assertThat(s.path("revitalizationStatus").asString()).isEqualTo("SURVEYED");
        assertThat(s.path("version").asInt()).isEqualTo(v0 + 1);
        assertThat(s.path("idleEvidence").asString()).isEqualTo("UTILITY_METERS");
        targetMatches(A, village);
        JsonNode l = ok(call(LIST, Map.of("id", String.valueOf(id), "in", listingInput(id))), "listHomestead");
        assertThat(l.path("revitalizationStatus").asString()).isEqualTo("LISTED");
        assertThat(l.path("consentOn").asString()).isEqualTo(LocalDate.now().minusDays(3).toString());
        targetMatches(A, village);
        JsonNode n = ok(negotiate(id, agreement("LEASE", "URBAN_RESIDENT", "HOMESTAY", LocalDate.now(), LocalDate.now().plusYears(15))), "startHomesteadNegotiation");
        assertThat(n.path("revitalizationStatus").asString()).isEqualTo("NEGOTIATING");
        assertThat(jdbc.queryForObject("SELECT status FROM homestead_revitalization WHERE homestead_id = ? ORDER BY id DESC LIMIT 1", String.class, id))
                .isEqualTo("proposed");
        targetMatches(A, village);
        assertThat(independentRevitalized(A, year, village)).isEqualTo(before);
        JsonNode r = ok(call(REVITALIZE, Map.of("id", String.valueOf(id), "v", version(id))), "revitalizeHomestead");
        assertThat(r.path("revitalizationStatus").asString()).isEqualTo("REVITALIZED");
        assertThat(r.path("revitalizedOn").asString()).isEqualTo(LocalDate.now().toString());
        assertThat(r.path("version").asInt()).isEqualTo(v0 + 4);
        assertThat(jdbc.queryForObject("SELECT status FROM homestead_revitalization WHERE homestead_id = ? ORDER BY id DESC LIMIT 1", String.class, id))
                .isEqualTo("active");
        targetMatches(A, village);
        assertThat(independentRevitalized(A, year, village)).isEqualTo(before + 1);
        assertThat(m.achieved(new PlanScope(A, year, false))).isEqualTo(county + 1);

        // The history: who and when, in order; the audit log has each step.
        List<Map<String, Object>> history = jdbc.queryForList(
                "SELECT from_status, to_status, changed_by FROM homestead_status_history WHERE homestead_id = ? AND changed_by <> 'migration' AND changed_by <> 'demo' ORDER BY id", id);
        assertThat(history).extracting(h -> h.get("to_status")).containsExactly("surveyed", "listed", "negotiating", "revitalized");
        assertThat(history).extracting(h -> h.get("from_status")).containsExactly("idle", "surveyed", "listed", "negotiating");
        assertThat(history).allSatisfy(h -> assertThat((String) h.get("changed_by")).startsWith("staff-" + A));
        for (String action : List.of("surveyHomestead", "listHomestead", "startHomesteadNegotiation", "revitalizeHomestead")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = ? AND target_id = ?", Integer.class, action, String.valueOf(id)))
                    .as(action).isEqualTo(1);
        }
        // The staff see the history through GraphQL, the public does not; the revitalized homestead is not public any more.
        String q = "{ homesteads(filter: { adminCode: \"" + village + "\", revitalizationStatuses: [REVITALIZED] }, first: 1000) { edges { node { id statusHistory { toStatus changedBy } } } } }";
        JsonNode staff = graphqlAs(staffToken(A), q).path("data").path("homesteads").path("edges");
        JsonNode mine = null;
        for (JsonNode e : staff) {
            if (e.path("node").path("id").asString().equals(String.valueOf(id))) {
                mine = e.path("node");
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("statusHistory").size()).isGreaterThanOrEqualTo(4);
        assertThat(graphql(q).path("data").path("homesteads").path("edges").size()).isZero();
        JsonNode other = graphqlAs(staffToken(B), "{ homesteads(filter: { adminCode: \"" + A + "\" }, first: 50) { edges { node { statusHistory { changedBy } household { headName } revitalizations { counterpartyName } } } } }");
        other.path("data").path("homesteads").path("edges").forEach(e -> {
            assertThat(e.path("node").path("statusHistory").size()).isZero();
            assertThat(e.path("node").path("household").isNull()).isTrue();
            assertThat(e.path("node").path("revitalizations").size()).isZero();
        });
        // A natural person as counterparty is masked for staff without the personal-data permission.
        JsonNode own = graphqlAs(staffToken(A), "{ homesteads(filter: { adminCode: \"" + village + "\", revitalizationStatuses: [REVITALIZED] }, first: 1000) "
                + "{ edges { node { id revitalizations { counterpartyName incomeHouseholdYuan incomeCollectiveYuan } } } } }");
        for (JsonNode e : own.path("data").path("homesteads").path("edges")) {
            if (e.path("node").path("id").asString().equals(String.valueOf(id))) {
                JsonNode rv = e.path("node").path("revitalizations").get(0);
                assertThat(rv.path("counterpartyName").asString()).isNotEqualTo("张三丰").contains("*");
                assertThat(rv.path("incomeHouseholdYuan").asDouble()).isEqualTo(6000.0);
                assertThat(rv.path("incomeCollectiveYuan").asDouble()).isEqualTo(800.0);
            }
        }
    }

    @Test
    void illegalStepsAreRefusedWithTheReason() {
        long id = idle(A);
        String sid = String.valueOf(id);
        // idle → listed, negotiating, revitalized: refused naming what is allowed.
        assertThat(refusal(call(LIST, Map.of("id", sid, "in", listingInput(id))))).contains("BAD_USER_INPUT").contains("IDLE to LISTED").contains("SURVEYED");
        assertThat(refusal(negotiate(id, agreement("LEASE", "BUSINESS", "HOMESTAY", LocalDate.now(), LocalDate.now().plusYears(5))))).contains("IDLE to NEGOTIATING");
        assertThat(refusal(call(REVITALIZE, Map.of("id", sid, "v", version(id))))).contains("IDLE to REVITALIZED");
        // An occupied homestead is not surveyed into the workflow; evidence is required.
        Map<String, Object> occupied = surveyInput(id);
        occupied.put("occupancy", "OCCUPIED");
        assertThat(refusal(call(SURVEY, Map.of("id", sid, "in", occupied)))).contains("input.occupancy");
        Map<String, Object> future = surveyInput(id);
        future.put("surveyedOn", LocalDate.now().plusDays(2).toString());
        assertThat(refusal(call(SURVEY, Map.of("id", sid, "in", future)))).contains("input.surveyedOn");
        ok(call(SURVEY, Map.of("id", sid, "in", surveyInput(id))), "surveyHomestead");
        // surveyed → negotiating / revitalized refused; listing needs the household's consent (no forced transfer).
        assertThat(refusal(negotiate(id, agreement("LEASE", "BUSINESS", "HOMESTAY", LocalDate.now(), LocalDate.now().plusYears(5))))).contains("SURVEYED to NEGOTIATING");
        Map<String, Object> noConsent = listingInput(id);
        noConsent.put("consentDocument", "  ");
        assertThat(refusal(call(LIST, Map.of("id", sid, "in", noConsent)))).contains("input.consentDocument").contains("forced");
        ok(call(LIST, Map.of("id", sid, "in", listingInput(id))), "listHomestead");
        assertThat(refusal(call(REVITALIZE, Map.of("id", sid, "v", version(id))))).contains("LISTED to REVITALIZED");
        assertThat(refusal(call(SURVEY, Map.of("id", sid, "in", surveyInput(id))))).contains("LISTED to SURVEYED");
        // Stale version refused, nothing changed.
        int v = version(id);
        assertThat(refusal(call(NEGOTIATE, Map.of("id", sid, "v", v - 1, "a", agreement("EQUITY", "VILLAGE_COLLECTIVE", "CATERING", LocalDate.now(), null)))))
                .contains("expectedVersion").contains("changed meanwhile");
        assertThat(version(id)).isEqualTo(v);
        assertThat(status(id)).isEqualTo("listed");
        // Another county's staff and the public: refused, nothing changed.
        assertThat(refusal(graphqlAs(staffToken(B), WITHDRAW, Map.of("id", sid, "v", v)))).startsWith("FORBIDDEN");
        assertThat(refusal(graphql(WITHDRAW, Map.of("id", sid, "v", v)))).startsWith("FORBIDDEN");
        assertThat(status(id)).isEqualTo("listed");
        // listed → negotiating → withdrawn: the agreement under negotiation ends; withdrawn → surveyed again is legal, withdrawn → listed not.
        ok(negotiate(id, agreement("EQUITY", "VILLAGE_COLLECTIVE", "CATERING", LocalDate.now(), null)), "startHomesteadNegotiation");
        JsonNode w = ok(call(WITHDRAW, Map.of("id", sid, "v", version(id))), "withdrawHomestead");
        assertThat(w.path("revitalizationStatus").asString()).isEqualTo("WITHDRAWN");
        assertThat(jdbc.queryForObject("SELECT status FROM homestead_revitalization WHERE homestead_id = ? ORDER BY id DESC LIMIT 1", String.class, id)).isEqualTo("ended");
        assertThat(refusal(call(WITHDRAW, Map.of("id", sid, "v", version(id))))).contains("WITHDRAWN to WITHDRAWN");
        assertThat(refusal(call(LIST, Map.of("id", sid, "in", listingInput(id))))).contains("WITHDRAWN to LISTED");
        ok(call(SURVEY, Map.of("id", sid, "in", surveyInput(id))), "surveyHomestead");
        // A revitalized homestead goes nowhere by the workflow.
        ok(call(LIST, Map.of("id", sid, "in", listingInput(id))), "listHomestead");
        ok(negotiate(id, agreement("COOPERATION", "RETURNEE", "ECOMMERCE", LocalDate.now(), null)), "startHomesteadNegotiation");
        ok(call(REVITALIZE, Map.of("id", sid, "v", version(id))), "revitalizeHomestead");
        assertThat(refusal(call(WITHDRAW, Map.of("id", sid, "v", version(id))))).contains("REVITALIZED to WITHDRAWN").contains("in force");
        assertThat(refusal(call(SURVEY, Map.of("id", sid, "in", surveyInput(id))))).contains("REVITALIZED to SURVEYED");
        // An occupied homestead ("none") cannot be listed before a survey.
        long occ = jdbc.queryForObject("SELECT id FROM homestead WHERE county_code = ? AND revitalization_status = 'none' ORDER BY id LIMIT 1", Long.class, A);
        assertThat(refusal(call(LIST, Map.of("id", String.valueOf(occ), "in", listingInput(occ))))).contains("survey it first");
    }

    @Test
    void everyRuleHasItsViolation() {
        long id = listed();
        LocalDate start = LocalDate.of(2026, 3, 1);
        // Lease at 20 years exactly is accepted (below), one day over refused; a lease without end refused.
        assertThat(refusal(negotiate(id, agreement("LEASE", "BUSINESS", "HOMESTAY", start, start.plusYears(20).plusDays(1)))))
                .contains("agreement.termEnd").contains("at most 20 years").contains(start.plusYears(20).toString());
        assertThat(refusal(negotiate(id, agreement("LEASE", "VILLAGE_COLLECTIVE", "HOMESTAY", start, null)))).contains("agreement.termEnd");
        // No sale to outsiders: 置换 only with the collective; no agreement without end with an urban resident or an enterprise.
        assertThat(refusal(negotiate(id, agreement("EXCHANGE", "URBAN_RESIDENT", "HOMESTAY", start, null)))).contains("agreement.counterpartyKind").contains("sale");
        assertThat(refusal(negotiate(id, agreement("EXCHANGE", "BUSINESS", "HOMESTAY", start, start.plusYears(5))))).contains("agreement.counterpartyKind");
        assertThat(refusal(negotiate(id, agreement("EQUITY", "BUSINESS", "CATERING", start, null)))).contains("agreement.termEnd").contains("disguised sale");
        // No villas or private clubs: as a use, and in the description.
        assertThat(refusal(negotiate(id, agreement("LEASE", "BUSINESS", "VILLA", start, start.plusYears(5))))).contains("agreement.newUse").contains("villas");
        assertThat(refusal(negotiate(id, agreement("LEASE", "BUSINESS", "PRIVATE_CLUB", start, start.plusYears(5))))).contains("agreement.newUse");
        Map<String, Object> club = agreement("LEASE", "BUSINESS", "CATERING", start, start.plusYears(5));
        club.put("useDescription", "改建为私人会馆接待");
        assertThat(refusal(negotiate(id, club))).contains("agreement.useDescription");
        // 自营 is the household's own; the household is no counterparty of a lease.
        assertThat(refusal(negotiate(id, agreement("SELF_OPERATED", "BUSINESS", "HOMESTAY", start, null)))).contains("agreement.counterpartyKind");
        assertThat(refusal(negotiate(id, agreement("LEASE", "HOUSEHOLD", "HOMESTAY", start, start.plusYears(3))))).contains("agreement.counterpartyKind");
        Map<String, Object> negative = agreement("COOPERATION", "VILLAGE_COLLECTIVE", "CULTURE", start, null);
        negative.put("incomeCollectiveYuan", -1.0);
        assertThat(refusal(negotiate(id, negative))).contains("agreement.incomeCollectiveYuan");
        assertThat(status(id)).isEqualTo("listed");
        // Exactly 20 years: accepted; and the exchange with the collective is fine.
        ok(negotiate(id, agreement("LEASE", "BUSINESS", "HOMESTAY", start, start.plusYears(20))), "startHomesteadNegotiation");
        // Revitalizing with terms changed to one day over 20 years is refused as well; the agreement stays proposed.
        assertThat(refusal(call(REVITALIZE_WITH, Map.of("id", String.valueOf(id), "v", version(id),
                "a", agreement("LEASE", "BUSINESS", "HOMESTAY", start, start.plusYears(20).plusDays(1)))))).contains("agreement.termEnd");
        assertThat(status(id)).isEqualTo("negotiating");
        JsonNode done = ok(call(REVITALIZE_WITH, Map.of("id", String.valueOf(id), "v", version(id),
                "a", agreement("EXCHANGE", "VILLAGE_COLLECTIVE", "STORAGE_COLD_CHAIN", start, null))), "revitalizeHomestead");
        assertThat(done.path("revitalizationStatus").asString()).isEqualTo("REVITALIZED");
        assertThat(jdbc.queryForObject("SELECT mode FROM homestead_revitalization WHERE homestead_id = ? AND status = 'active'", String.class, id)).isEqualTo("exchange");
        // The database refuses what the rules refuse, whoever writes.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update(
                "UPDATE homestead_revitalization SET counterparty_kind = 'business' WHERE homestead_id = ? AND status = 'active'", id)).hasMessageContaining("exchange");
    }

    @Test
    void concurrentEditsOfOneVersionLetOneWin() throws Exception {
        long id = listed();
        int v = version(id);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<JsonNode>> calls = List.of(
                CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return call(NEGOTIATE, Map.of("id", String.valueOf(id), "v", v, "a", agreement("LEASE", "BUSINESS", "HOMESTAY", LocalDate.now(), LocalDate.now().plusYears(8))));
                }),
                CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return call(WITHDRAW, Map.of("id", String.valueOf(id), "v", v));
                }));
        go.countDown();
        int won = 0;
        int stale = 0;
        for (CompletableFuture<JsonNode> c : calls) {
            JsonNode r = c.get(60, TimeUnit.SECONDS);
            if (r.path("errors").isMissingNode()) {
                won++;
            } else {
                assertThat(r.path("errors").get(0).path("message").asString()).contains("changed meanwhile");
                stale++;
            }
        }
        assertThat(won).isEqualTo(1);
        assertThat(stale).isEqualTo(1);
        assertThat(version(id)).isEqualTo(v + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM homestead_status_history WHERE homestead_id = ? AND from_status = 'listed'", Integer.class, id)).isEqualTo(1);
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void rulesAreFlaggedOneHouseholdOneHomesteadAndHousesOnCropland() {
        // A house built on a cropland parcel that is also permanent basic farmland, of a household that holds two homesteads.
        Map<String, Object> crop = jdbc.queryForMap("""
                SELECT p.id, p.village_code, p.household_id FROM (
                  SELECT t.id, t.village_code, (SELECT h.household_id FROM homestead h WHERE h.village_code = t.village_code AND h.household_id IS NOT NULL
                                                ORDER BY h.id LIMIT 1) AS household_id
                  FROM land_parcel t JOIN land_class c ON c.class_system = t.class_system AND c.code = t.dlbm
                  WHERE t.county_code = ? AND c.class_group = 'farmland' AND t.area_m2 > 2000 ORDER BY t.id LIMIT 1) p""", A);
        long parcel = ((Number) crop.get("id")).longValue();
        String village = (String) crop.get("village_code");
        long household = ((Number) crop.get("household_id")).longValue();
        jdbc.update("UPDATE land_parcel SET is_permanent_basic_farmland = true WHERE id = ?", parcel);
        Long hid = jdbc.queryForObject("""
                INSERT INTO homestead (county_code, village_code, parcel_id, household_id, site_area_m2, approved_area_m2, occupancy, synthetic, geom)
                SELECT ?, ?, NULL, ?, 400, 250, 'occupied', true, ST_SetSRID(ST_Multi(ST_Buffer(ST_PointOnSurface(geom)::geography, 12)::geometry), 4490)
                FROM land_parcel WHERE id = ? RETURNING id""", Long.class, A, village, household, parcel);
        jdbc.update("""
                INSERT INTO rural_house (county_code, homestead_id, floor_area_m2, floors, structure, built_year, condition, footprint)
                SELECT county_code, ?, 120, 1, 'brick_concrete', 2021, 'good', ST_SetSRID(ST_Buffer(ST_PointOnSurface(geom)::geography, 6)::geometry, 4490) FROM land_parcel WHERE id = ?""", hid, parcel);
        try {
            String q = "{ homesteadFlags(adminCode: \"" + village + "\") { kind detail parcelId homestead { id village { code } } } }";
            JsonNode flags = ok(graphqlAs(staffToken(A), q), "homesteadFlags");
            java.util.Set<String> kinds = new java.util.TreeSet<>();
            for (JsonNode f : flags) {
                if (f.path("homestead").path("id").asString().equals(String.valueOf(hid))) {
                    kinds.add(f.path("kind").asString());
                    assertThat(f.path("detail").asString()).doesNotContain(jdbc.queryForObject(
                            "SELECT head_name FROM personal.household_identity WHERE household_id = ?", String.class, household));
                    if (f.path("kind").asString().startsWith("HOUSE_ON")) {
                        assertThat(f.path("parcelId").asString()).isEqualTo(String.valueOf(parcel));
                    }
                }
            }
            assertThat(kinds).containsExactly("HOUSE_ON_CROPLAND", "HOUSE_ON_PERMANENT_BASIC_FARMLAND", "MULTIPLE_HOMESTEADS", "OVER_APPROVED_AREA");
            // Every household flagged holds more than one homestead, by independent SQL.
            int multiple = jdbc.queryForObject("""
                    SELECT count(*) FROM homestead h WHERE h.village_code = ? AND h.household_id IN (
                      SELECT household_id FROM homestead WHERE county_code = ? AND household_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1)""",
                    Integer.class, village, A);
            int flagged = 0;
            for (JsonNode f : flags) {
                flagged += f.path("kind").asString().equals("MULTIPLE_HOMESTEADS") ? 1 : 0;
            }
            assertThat(flagged).isEqualTo(multiple);
            // Staff only, of the county.
            assertThat(refusal(graphql(q))).startsWith("FORBIDDEN");
            assertThat(refusal(graphqlAs(staffToken(B), q))).startsWith("FORBIDDEN");
        } finally {
            jdbc.update("DELETE FROM homestead WHERE id = ?", hid);
            jdbc.update("UPDATE land_parcel SET is_permanent_basic_farmland = false WHERE id = ?", parcel);
        }
    }

    @Test
    void tourismSearchFindsIdleHousesInGoodOrFairConditionNearScenicSpotsOrMainRoads() {
        double km = 3;
        String q = "{ homesteadsForTourism(adminCode: \"" + A + "\", withinKm: " + km + ") { village { code } count homesteads { condition scenicSpotM mainRoadM "
                + "homestead { id revitalizationStatus village { code } } } } }";
        JsonNode villages = ok(graphqlAs(staffToken(A), q), "homesteadsForTourism");
        int total = 0;
        for (JsonNode v : villages) {
            assertThat(v.path("count").asInt()).isEqualTo(v.path("homesteads").size());
            for (JsonNode h : v.path("homesteads")) {
                total++;
                assertThat(h.path("condition").asString()).isIn("GOOD", "FAIR");
                assertThat(h.path("homestead").path("village").path("code").asString()).isEqualTo(v.path("village").path("code").asString());
                assertThat(h.path("homestead").path("revitalizationStatus").asString()).isIn("IDLE", "SURVEYED", "LISTED");
                double best = Math.min(h.path("scenicSpotM").isNull() ? 1e12 : h.path("scenicSpotM").asDouble(), h.path("mainRoadM").isNull() ? 1e12 : h.path("mainRoadM").asDouble());
                assertThat(best).isLessThanOrEqualTo(km * 1000);
            }
        }
        // Independent SQL: the same homesteads by exact distance to every scenic spot and main road.
        int expected = jdbc.queryForObject("""
                SELECT count(*) FROM homestead t
                WHERE t.county_code = ? AND t.occupancy IN ('idle', 'abandoned') AND t.revitalization_status IN ('idle', 'surveyed', 'listed')
                  AND (SELECT r.condition FROM rural_house r WHERE r.homestead_id = t.id
                       ORDER BY CASE r.condition WHEN 'dangerous' THEN 0 WHEN 'poor' THEN 1 WHEN 'fair' THEN 2 ELSE 3 END, r.id LIMIT 1) IN ('good', 'fair')
                  AND (EXISTS (SELECT 1 FROM poi p WHERE p.county_code = t.county_code AND p.kind = 'scenic_spot'
                               AND ST_DWithin(p.geom::geography, ST_PointOnSurface(t.geom)::geography, ?))
                    OR EXISTS (SELECT 1 FROM road r WHERE r.county_code = t.county_code AND r.road_class IN ('national', 'provincial', 'county')
                               AND ST_DWithin(r.geom::geography, ST_PointOnSurface(t.geom)::geography, ?)))""",
                Integer.class, A, km * 1000, km * 1000);
        assertThat(total).isEqualTo(expected).isPositive();
        // The public sees listed ones only.
        JsonNode pub = ok(graphql(q), "homesteadsForTourism");
        pub.forEach(v -> v.path("homesteads").forEach(h -> assertThat(h.path("homestead").path("revitalizationStatus").asString()).isEqualTo("LISTED")));
        assertThat(refusal(graphql("{ homesteadsForTourism(adminCode: \"" + A + "\", withinKm: -1) { count } }"))).contains("withinKm");
    }
}
