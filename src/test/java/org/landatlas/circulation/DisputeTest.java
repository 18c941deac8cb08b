package org.landatlas.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.landatlas.parcel.ParcelCirculationStatuses;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** 纠纷调处: disputes over contracts and parcels, their steps, resolution, the contract's status and the lists by stage and age. */
class DisputeTest extends IntegrationTest {

    static final String A = "150627";
    static final String B = "533401";
    static final String OPEN = "mutation($in: NewDisputeInput!) { openDispute(input: $in) { id stage version contractId parcelId countyCode steps { stage startedOn endedOn } } }";
    static final String STEP = "mutation($id: ID!, $in: NewDisputeStepInput!) { addDisputeStep(id: $id, input: $in) { stage version steps { stage startedOn endedOn outcome } } }";
    static final String RESOLVE = "mutation($id: ID!, $v: Int!, $o: String!) { resolveDispute(id: $id, expectedVersion: $v, outcome: $o) { stage resolvedOn outcome version } }";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ParcelCirculationStatuses statuses;

    long activeContract() {
        // An active contract of A without an open dispute, not used by an earlier run of this test.
        return jdbc.queryForObject("""
                SELECT c.id FROM circulation_contract c WHERE c.county_code = ? AND c.status = 'active'
                  AND NOT EXISTS (SELECT 1 FROM circulation_dispute d WHERE d.contract_id = c.id) ORDER BY c.id LIMIT 1""", Long.class, A);
    }

    String contractStatus(long id) {
        return jdbc.queryForObject("SELECT status FROM circulation_contract WHERE id = ?", String.class, id);
    }

    static String error(JsonNode r) {
        assertThat(r.path("errors").isMissingNode()).as("an error expected: " + r).isFalse();
        return r.path("errors").get(0).path("message").asString();
    }

    @Test
    void aDisputeOverAContractInForceDisputesItUntilResolved() {
        long contract = activeContract();
        String staff = staffToken(A);
        JsonNode r = graphqlAs(staff, OPEN, Map.of("in", Map.of("contractId", String.valueOf(contract), "kind", "RENT_ARREARS", "summary", "受让方拖欠2024年流转费",
                "openedOn", LocalDate.now().minusDays(40).toString())));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        JsonNode d = r.path("data").path("openDispute");
        String id = d.path("id").asString();
        assertThat(d.path("stage").asString()).isEqualTo("negotiation");
        assertThat(d.path("steps").size()).isEqualTo(1);
        assertThat(contractStatus(contract)).isEqualTo("disputed");
        assertThat(statuses.mismatches(A)).isZero();
        // The contract's parcels stay circulated (disputed is in force).
        assertThat(jdbc.queryForList("""
                SELECT DISTINCT p.circulation_status FROM circulation_contract_parcel cp JOIN land_parcel p ON p.id = cp.parcel_id WHERE cp.contract_id = ?""",
                String.class, contract)).containsExactly("circulated");

        r = graphqlAs(staff, STEP, Map.of("id", id, "in", Map.of("expectedVersion", 0, "stage", "VILLAGE_MEDIATION", "startedOn", LocalDate.now().minusDays(20).toString())));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        JsonNode steps = r.path("data").path("addDisputeStep").path("steps");
        assertThat(steps.size()).isEqualTo(2);
        assertThat(steps.get(0).path("endedOn").asString()).isEqualTo(LocalDate.now().minusDays(20).toString());
        assertThat(r.path("data").path("addDisputeStep").path("stage").asString()).isEqualTo("village_mediation");
        r = graphqlAs(staff, STEP, Map.of("id", id, "in", Map.of("expectedVersion", 1, "stage", "TOWNSHIP_MEDIATION", "outcome", "镇调解委员会受理")));
        assertThat(r.path("data").path("addDisputeStep").path("version").asInt()).as(r.toString()).isEqualTo(2);

        // Lists by stage and age: open longer than 30 days, oldest first; statistics by stage.
        JsonNode list = graphqlAs(staff, "{ circulationDisputes(countyCode: \"" + A + "\", openLongerThanDays: 30, stages: [\"township_mediation\"], first: 500) "
                + "{ totalCount edges { node { id ageDays stage contractNo } } } }");
        assertThat(list.path("data").path("circulationDisputes").path("edges").valueStream().map(e -> e.path("node").path("id").asString()).toList())
                .as(list.toString()).contains(id);
        list.path("data").path("circulationDisputes").path("edges").forEach(e -> assertThat(e.path("node").path("ageDays").asInt()).isGreaterThan(30));
        JsonNode stats = graphqlAs(staff, "{ circulationDisputeStatistics(countyCode: \"" + A + "\") { stage count upTo90Days oldestDays } }");
        int township = jdbc.queryForObject("SELECT count(*) FROM circulation_dispute WHERE county_code = ? AND stage = 'township_mediation' AND resolved_on IS NULL",
                Integer.class, A);
        JsonNode row = stats.path("data").path("circulationDisputeStatistics").get(2);
        assertThat(row.path("stage").asString()).as(stats.toString()).isEqualTo("TOWNSHIP_MEDIATION");
        assertThat(row.path("count").asInt()).isEqualTo(township);
        assertThat(row.path("upTo90Days").asInt()).isGreaterThanOrEqualTo(1);

        // A stale version is refused; resolving restores the contract's status.
        assertThat(error(graphqlAs(staff, RESOLVE, Map.of("id", id, "v", 1, "o", "达成协议")))).contains("expectedVersion").contains("changed meanwhile");
        r = graphqlAs(staff, RESOLVE, Map.of("id", id, "v", 2, "o", "达成协议，分期补缴流转费"));
        assertThat(r.path("data").path("resolveDispute").path("stage").asString()).as(r.toString()).isEqualTo("resolved");
        assertThat(contractStatus(contract)).isEqualTo("active");
        assertThat(statuses.mismatches(A)).isZero();
        assertThat(jdbc.queryForList("SELECT from_status || '>' || to_status FROM circulation_status_history WHERE contract_id = ? ORDER BY id DESC LIMIT 2",
                String.class, contract)).containsExactly("disputed>active", "active>disputed");
        // A resolved dispute takes no more steps and is not resolved twice.
        assertThat(error(graphqlAs(staff, STEP, Map.of("id", id, "in", Map.of("expectedVersion", 3, "stage", "COURT"))))).contains("resolved");
        assertThat(error(graphqlAs(staff, RESOLVE, Map.of("id", id, "v", 3, "o", "x")))).contains("resolved already");
        for (String action : List.of("openDispute", "addDisputeStep", "resolveDispute")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = ? AND target_id = ?", Integer.class, action, id))
                    .as(action).isPositive();
        }
    }

    @Test
    void twoOpenDisputesKeepTheContractDisputedUntilTheLastIsResolved() {
        long contract = activeContract();
        String staff = staffToken(A);
        String first = graphqlAs(staff, OPEN, Map.of("in", Map.of("contractId", String.valueOf(contract), "kind", "BOUNDARY", "summary", "四至争议")))
                .path("data").path("openDispute").path("id").asString();
        String second = graphqlAs(staff, OPEN, Map.of("in", Map.of("contractId", String.valueOf(contract), "kind", "USE_CHANGE", "summary", "改变用途")))
                .path("data").path("openDispute").path("id").asString();
        graphqlAs(staff, RESOLVE, Map.of("id", first, "v", 0, "o", "和解"));
        assertThat(contractStatus(contract)).isEqualTo("disputed");
        graphqlAs(staff, RESOLVE, Map.of("id", second, "v", 0, "o", "恢复种植"));
        assertThat(contractStatus(contract)).isEqualTo("active");
        assertThat(statuses.mismatches(A)).isZero();
    }

    @Test
    void aDisputeOverAParcelNeedsNoContract() {
        long parcel = jdbc.queryForObject("SELECT id FROM land_parcel WHERE county_code = ? AND circulation_status = 'none' ORDER BY id OFFSET 7 LIMIT 1", Long.class, A);
        JsonNode r = graphqlAs(staffToken(A), OPEN, Map.of("in", Map.of("parcelId", String.valueOf(parcel), "kind", "BOUNDARY", "summary", "相邻地块界桩争议",
                "stage", "VILLAGE_MEDIATION")));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        assertThat(r.path("data").path("openDispute").path("parcelId").asString()).isEqualTo(String.valueOf(parcel));
        assertThat(r.path("data").path("openDispute").path("countyCode").asString()).isEqualTo(A);
        String id = r.path("data").path("openDispute").path("id").asString();
        JsonNode list = graphqlAs(staffToken(A), "{ circulationDisputes(parcelId: \"" + parcel + "\") { totalCount edges { node { id stage } } } }");
        assertThat(list.path("data").path("circulationDisputes").path("edges").valueStream().map(e -> e.path("node").path("id").asString()).toList()).contains(id);
        assertThat(jdbc.queryForObject("SELECT circulation_status FROM land_parcel WHERE id = ?", String.class, parcel)).isEqualTo("none");
        assertThat(statuses.mismatches(A)).isZero();
    }

    @Test
    void everyRuleOfDisputesHasItsRefusal() {
        String staff = staffToken(A);
        long contract = activeContract();
        long parcel = jdbc.queryForObject("SELECT id FROM land_parcel WHERE county_code = ? ORDER BY id LIMIT 1", Long.class, A);
        // Contract or parcel, one of the two.
        assertThat(error(graphqlAs(staff, OPEN, Map.of("in", Map.of("kind", "OTHER", "summary", "x"))))).contains("input.contractId");
        assertThat(error(graphqlAs(staff, OPEN, Map.of("in", Map.of("contractId", String.valueOf(contract), "parcelId", String.valueOf(parcel), "kind", "OTHER",
                "summary", "x"))))).contains("one of the two");
        assertThat(error(graphqlAs(staff, OPEN, Map.of("in", Map.of("contractId", "999999999", "kind", "OTHER", "summary", "x"))))).contains("999999999");
        assertThat(error(graphqlAs(staff, OPEN, Map.of("in", Map.of("parcelId", String.valueOf(parcel), "kind", "OTHER", "summary", " "))))).contains("input.summary");
        assertThat(error(graphqlAs(staff, OPEN, Map.of("in", Map.of("parcelId", String.valueOf(parcel), "kind", "OTHER", "summary", "户主电话13912345678")))))
                .contains("input.summary").contains("mobile-phone");
        assertThat(error(graphqlAs(staff, OPEN, Map.of("in", Map.of("parcelId", String.valueOf(parcel), "kind", "OTHER", "summary", "x",
                "openedOn", LocalDate.now().plusDays(1).toString()))))).contains("input.openedOn").contains("future");
        // A draft contract is not disputed.
        long draft = jdbc.queryForObject("SELECT id FROM circulation_contract WHERE county_code = ? AND status = 'draft' ORDER BY id LIMIT 1", Long.class, A);
        assertThat(error(graphqlAs(staff, OPEN, Map.of("in", Map.of("contractId", String.valueOf(draft), "kind", "OTHER", "summary", "x"))))).contains("draft");
        // Other counties and the public.
        JsonNode r = graphqlAs(staffToken(B), OPEN, Map.of("in", Map.of("contractId", String.valueOf(contract), "kind", "OTHER", "summary", "x")));
        assertThat(r.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(graphql(OPEN, Map.of("in", Map.of("parcelId", String.valueOf(parcel), "kind", "OTHER", "summary", "x"))).path("errors").get(0)
                .path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(contractStatus(contract)).isEqualTo("active");
        // Steps: not before the last one, an end not before the start, a version.
        String id = graphqlAs(staff, OPEN, Map.of("in", Map.of("parcelId", String.valueOf(parcel), "kind", "BOUNDARY", "summary", "界线",
                "openedOn", LocalDate.now().minusDays(5).toString()))).path("data").path("openDispute").path("id").asString();
        assertThat(error(graphqlAs(staff, STEP, Map.of("id", id, "in", Map.of("expectedVersion", 0, "stage", "COURT", "startedOn",
                LocalDate.now().minusDays(6).toString()))))).contains("input.startedOn").contains("before");
        assertThat(error(graphqlAs(staff, STEP, Map.of("id", id, "in", Map.of("expectedVersion", 0, "stage", "ARBITRATION", "startedOn",
                LocalDate.now().minusDays(2).toString(), "endedOn", LocalDate.now().minusDays(3).toString()))))).contains("input.endedOn");
        assertThat(error(graphqlAs(staff, STEP, Map.of("id", id, "in", Map.of("expectedVersion", 5, "stage", "ARBITRATION"))))).contains("input.expectedVersion");
        assertThat(error(graphqlAs(staff, RESOLVE, Map.of("id", id, "v", 0, "o", "")))).contains("outcome");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM circulation_dispute_step WHERE dispute_id = ?", Integer.class, Long.parseLong(id))).isEqualTo(1);
        assertThat(error(graphqlAs(staff, "{ circulationDisputes(openLongerThanDays: -1) { totalCount } }"))).contains("openLongerThanDays");
    }

    @Test
    void theDemoDisputesHaveTheirCountyAndSteps() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM circulation_dispute d JOIN circulation_contract c ON c.id = d.contract_id", Integer.class)).isPositive();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM circulation_dispute d JOIN circulation_contract c ON c.id = d.contract_id WHERE d.county_code <> c.county_code""",
                Integer.class)).isZero();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM circulation_dispute d WHERE NOT EXISTS (SELECT 1 FROM circulation_dispute_step s WHERE s.dispute_id = d.id)""",
                Integer.class)).isZero();
    }
}
