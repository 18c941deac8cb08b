package org.landatlas.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The lifecycle of a contract through the API: every transition, legal and illegal, the derived parcel status after each, concurrent edits, overlaps, listings, expiry. */
class ContractWorkflowTest extends ContractTestBase {

    @Autowired
    CirculationExpiry expiry;

    @BeforeEach
    void setUp() {
        setUpCounty();
    }

    @Test
    void draftSignedFiledActiveTerminatedWithTheParcelsFollowing() {
        List<Long> parcels = ContractFixtures.freeParcels(jdbc, county, 2, false);
        JsonNode c = create(input(parcels, "2027-03-01", "2032-02-29", "GRAIN", "registered: true"));
        String id = c.path("id").asString();
        assertThat(c.path("status").asString()).isEqualTo("DRAFT");
        assertThat(c.path("version").asInt()).isZero();
        assertThat(c.path("registered").asBoolean()).isTrue();
        parcelsAre(c, "NONE");   // a draft holds no land

        JsonNode u = ok(staff, "mutation { updateContract(id: \"" + id + "\", expectedVersion: 0, input: "
                + input(parcels.subList(0, 1), "2027-03-01", "2031-12-31", "VEGETABLES", null) + ") { " + FIELDS + " } }").path("updateContract");
        assertThat(u.path("version").asInt()).isEqualTo(1);
        assertThat(u.path("use").asString()).isEqualTo("VEGETABLES");
        assertThat(u.path("parcels").size()).isEqualTo(1);

        JsonNode s = ok(staff, "mutation { signContract(id: \"" + id + "\", signedOn: \"2027-02-20\", expectedVersion: 1) { " + FIELDS + " } }").path("signContract");
        assertThat(s.path("status").asString()).isEqualTo("SIGNED");
        assertThat(s.path("signedOn").asString()).isEqualTo("2027-02-20");
        parcelsAre(s, "CIRCULATED");
        assertThat(jdbc.queryForObject("SELECT circulation_status FROM land_parcel WHERE id = ?", String.class, parcels.get(1))).isEqualTo("none");

        JsonNode f = ok(staff, "mutation { fileContract(id: \"" + id + "\", filingNo: \"BA" + id + "\") { " + FIELDS + " } }").path("fileContract");
        assertThat(f.path("status").asString()).isEqualTo("FILED");
        assertThat(f.path("filingNo").asString()).isEqualTo("BA" + id);
        parcelsAre(f, "CIRCULATED");

        JsonNode a = ok(staff, "mutation { activateContract(id: \"" + id + "\") { " + FIELDS + " } }").path("activateContract");
        assertThat(a.path("status").asString()).isEqualTo("ACTIVE");
        parcelsAre(a, "CIRCULATED");

        JsonNode t = ok(staff, "mutation { terminateContract(id: \"" + id + "\", reason: \"受让方弃耕两年\") { " + FIELDS + " terminationReason } }")
                .path("terminateContract");
        assertThat(t.path("status").asString()).isEqualTo("TERMINATED");
        assertThat(t.path("terminationReason").asString()).isEqualTo("受让方弃耕两年");
        parcelsAre(t, "NONE");
        List<String> steps = new ArrayList<>();
        t.path("history").forEach(h -> steps.add(h.path("fromStatus").asString("") + ">" + h.path("toStatus").asString()));
        assertThat(steps).containsExactly(">draft", "draft>signed", "signed>filed", "filed>active", "active>terminated");
        assertThat(t.path("history").get(4).path("reason").asString()).isEqualTo("受让方弃耕两年");
        // Each change audited under its own name, in the contract's county.
        for (String action : List.of("createContract", "updateContract", "signContract", "fileContract", "activateContract", "terminateContract")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = ? AND target_id = ? AND county_code = ?",
                    Integer.class, action, id, county)).as(action).isEqualTo(1);
        }
    }

    @Test
    void illegalTransitionsAreRefusedNamingFromAndTo() {
        String id = create(input(ContractFixtures.freeParcels(jdbc, county, 1, false), "2027-01-01", "2030-12-31", "GRAIN", null)).path("id").asString();
        refused(staff, "mutation { activateContract(id: \"" + id + "\") { status } }", "id", "from DRAFT to ACTIVE");
        refused(staff, "mutation { fileContract(id: \"" + id + "\", filingNo: \"X" + id + "\") { status } }", "id", "from DRAFT to FILED");
        ok(staff, "mutation { signContract(id: \"" + id + "\") { status } }");
        refused(staff, "mutation { signContract(id: \"" + id + "\") { status } }", "id", "from SIGNED to SIGNED");
        refused(staff, "mutation { activateContract(id: \"" + id + "\") { status } }", "id", "from SIGNED to ACTIVE");
        refused(staff, "mutation { terminateContract(id: \"" + id + "\", reason: \" \") { status } }", "reason");
        ok(staff, "mutation { terminateContract(id: \"" + id + "\", reason: \"协商解除\") { status } }");
        for (String m : List.of("signContract(id: \"ID\")", "fileContract(id: \"ID\", filingNo: \"Y\")", "activateContract(id: \"ID\")",
                "terminateContract(id: \"ID\", reason: \"再次\")")) {
            refused(staff, "mutation { " + m.replace("ID", id) + " { status } }", "id", "from TERMINATED to");
        }
        refused(staff, "mutation { updateContract(id: \"" + id + "\", expectedVersion: 2, input: "
                + input(ContractFixtures.freeParcels(jdbc, county, 1, false), "2027-01-01", "2030-12-31", "GRAIN", null) + ") { status } }", "id", "TERMINATED");
        // A draft is abandoned by terminating it; an expired contract stays expired.
        String draft = create(input(ContractFixtures.freeParcels(jdbc, county, 1, false), "2027-01-01", "2030-12-31", "GRAIN", null)).path("id").asString();
        ok(staff, "mutation { terminateContract(id: \"" + draft + "\", reason: \"草拟作废\") { status } }");
        String old = create(input(ContractFixtures.freeParcels(jdbc, county, 1, false), "2020-01-01", LocalDate.now().minusDays(1).toString(), "GRAIN", null))
                .path("id").asString();
        activate(old);
        assertThat(expiry.run()).isPositive();
        assertThat(statuses.mismatches(county)).isZero();
        refused(staff, "mutation { terminateContract(id: \"" + old + "\", reason: \"迟到\") { status } }", "id", "from EXPIRED to TERMINATED");
        refused(staff, "mutation { activateContract(id: \"" + old + "\") { status } }", "id", "from EXPIRED to ACTIVE");
    }

    @Test
    void expiredByTheDailyJobAndExpiringWithinTheWindow() {
        List<Long> parcels = ContractFixtures.freeParcels(jdbc, county, 3, false);
        String past = create(input(parcels.subList(0, 1), "2021-01-01", LocalDate.now().minusDays(1).toString(), "GRAIN", null)).path("id").asString();
        String today = create(input(parcels.subList(1, 2), "2021-01-01", LocalDate.now().toString(), "GRAIN", null)).path("id").asString();
        String later = create(input(parcels.subList(2, 3), "2021-01-01", LocalDate.now().plusDays(91).toString(), "GRAIN", null)).path("id").asString();
        parcelsAre(activate(past).path("activateContract"), "CIRCULATED");
        activate(today);
        activate(later);
        expiry.run();
        JsonNode p = graphqlAs(staff, "{ circulationContract(id: \"" + past + "\") { " + FIELDS + " } }").path("data").path("circulationContract");
        assertThat(p.path("status").asString()).isEqualTo("EXPIRED");
        parcelsAre(p, "NONE");
        assertThat(p.path("history").get(p.path("history").size() - 1).path("changedBy").asString()).isEqualTo("system");
        // Ending today: still active, and within the 90-day window; 91 days on: plain active.
        assertThat(graphqlAs(staff, "{ circulationContract(id: \"" + today + "\") { status } }").path("data").path("circulationContract").path("status").asString())
                .isEqualTo("EXPIRING");
        assertThat(graphqlAs(staff, "{ circulationContract(id: \"" + later + "\") { status } }").path("data").path("circulationContract").path("status").asString())
                .isEqualTo("ACTIVE");
        assertThat(statuses.mismatches(county)).isZero();
    }

    @Test
    void overlappingContractsAreRefusedAdjacentOnesAccepted() {
        List<Long> parcels = ContractFixtures.freeParcels(jdbc, county, 1, false);
        // A draft over the parcel made before another contract is signed: its own signing is then refused.
        String early = create(input(parcels, "2029-01-01", "2033-12-31", "GRAIN", null)).path("id").asString();
        String first = create(input(parcels, "2027-01-01", "2031-12-31", "GRAIN", null)).path("id").asString();
        ok(staff, "mutation { signContract(id: \"" + first + "\") { status } }");
        refused(staff, "mutation { createContract(input: " + input(parcels, "2031-12-31", "2035-12-31", "GRAIN", null) + ") { id } }",
                "input.parcels", "parcel " + parcels.get(0), "overlaps");
        refused(staff, "mutation { createContract(input: " + input(parcels, "2025-01-01", "2027-01-01", "GRAIN", null) + ") { id } }",
                "input.parcels", "overlaps");
        refused(staff, "mutation { signContract(id: \"" + early + "\") { status } }", "id", "overlaps");
        // The day after the first ends: no overlap.
        String next = create(input(parcels, "2032-01-01", "2036-12-31", "GRAIN", null)).path("id").asString();
        ok(staff, "mutation { signContract(id: \"" + next + "\") { status } }");
        // The contract itself is no overlap when it is edited.
        ok(staff, "mutation { updateContract(id: \"" + first + "\", expectedVersion: 1, input: " + input(parcels, "2027-01-01", "2031-06-30", "GRAIN", null)
                + ") { id } }");
    }

    @Test
    void twoOfficersEditingOneContractOneWinsTheOtherIsToldWhy() throws Exception {
        List<Long> parcels = ContractFixtures.freeParcels(jdbc, county, 1, false);
        String id = create(input(parcels, "2027-01-01", "2031-12-31", "GRAIN", null)).path("id").asString();
        String other = staffToken(county);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<JsonNode>> answers = new ArrayList<>();
        for (String use : List.of("VEGETABLES", "FORAGE")) {
            Callable<JsonNode> edit = () -> {
                start.await();
                return graphqlAs(other, "mutation { updateContract(id: \"" + id + "\", expectedVersion: 0, input: "
                        + input(parcels, "2027-01-01", "2031-12-31", use, null) + ") { version use } }");
            };
            answers.add(pool.submit(edit));
        }
        List<JsonNode> rs = new ArrayList<>();
        for (Future<JsonNode> f : answers) {
            rs.add(f.get());
        }
        pool.shutdown();
        long won = rs.stream().filter(r -> r.path("errors").isMissingNode()).count();
        assertThat(won).as(rs.toString()).isEqualTo(1);
        JsonNode lost = rs.stream().filter(r -> !r.path("errors").isMissingNode()).findFirst().orElseThrow();
        assertThat(lost.path("errors").get(0).path("message").asString()).contains("changed meanwhile").contains("version 1").contains("you edited version 0");
        assertThat(lost.path("errors").get(0).path("extensions").path("argument").asString()).isEqualTo("expectedVersion");
        String winner = rs.stream().filter(r -> r.path("errors").isMissingNode()).findFirst().orElseThrow().path("data").path("updateContract").path("use").asString();
        assertThat(jdbc.queryForObject("SELECT upper(use_kind) || version FROM circulation_contract WHERE id = ?", String.class, Long.parseLong(id))).isEqualTo(winner + "1");
        assertThat(statuses.mismatches(county)).isZero();
    }

    @Test
    void aContractFromAListingTakesItsParcelsAndClosesIt() {
        List<Long> parcels = ContractFixtures.freeParcels(jdbc, county, 2, false);
        long listing = jdbc.queryForObject("""
                INSERT INTO circulation_listing (listing_no, county_code, village_code, title, land_kind, area_mu, term_years, mode, listed_on, status, geom, synthetic)
                SELECT 'CT' || ? || '-' || ?, county_code, village_code, '测试挂牌', 'farmland', area_mu, 5, 'lease', current_date, 'listed', geom, false
                FROM land_parcel WHERE id = ? RETURNING id""", Long.class, parcels.get(0), System.nanoTime(), parcels.get(0));
        jdbc.update("INSERT INTO circulation_listing_parcel (county_code, listing_id, parcel_id) VALUES (?, ?, ?)", county, listing, parcels.get(0));
        statuses.refresh(parcels);
        refused(staff, "mutation { createContract(input: " + input(parcels, "2027-01-01", "2031-12-31", "GRAIN", "listingId: \"" + listing + "\"") + ") { id } }",
                "input.parcels", "not parcels of listing " + listing);
        JsonNode c = create(input(parcels.subList(0, 1), "2027-01-01", "2031-12-31", "GRAIN", "listingId: \"" + listing + "\""));
        parcelsAre(c, "LISTED");
        JsonNode s = ok(staff, "mutation { signContract(id: \"" + c.path("id").asString() + "\") { " + FIELDS + " listing { id status } } }").path("signContract");
        parcelsAre(s, "CIRCULATED");
        assertThat(s.path("listing").path("status").asString()).isEqualTo("CONTRACTED");
        assertThat(jdbc.queryForObject("SELECT to_status || ':' || reason FROM circulation_status_history WHERE listing_id = ? ORDER BY id DESC LIMIT 1",
                String.class, listing)).startsWith("contracted:成交: 合同 ");
        // A contracted listing is no source of a new contract.
        refused(staff, "mutation { createContract(input: " + input(parcels.subList(0, 1), "2032-01-01", "2035-12-31", "GRAIN", "listingId: \"" + listing + "\"")
                + ") { id } }", "input.listingId", "CONTRACTED");
    }

    @Test
    void personalDataIsMaskedWithoutThePermissionAndContractsAreNotPublic() {
        List<Long> parcels = ContractFixtures.freeParcels(jdbc, county, 1, false);
        String id = create(input(parcels, "2027-01-01", "2031-12-31", "GRAIN", null)).path("id").asString();
        String head = jdbc.queryForObject("SELECT head_name FROM personal.household_identity WHERE household_id = ?", String.class,
                ContractFixtures.household(jdbc, county, 0));
        String q = "{ circulationContract(id: \"" + id + "\") { transferors { name idNumber phone } } }";
        JsonNode masked = graphqlAs(staff, q).path("data").path("circulationContract").path("transferors").get(0);
        assertThat(masked.path("name").asString()).contains("*").isNotEqualTo(head);
        String name = "pd-" + Long.toString(System.nanoTime(), 36);
        String account = graphqlAs(adminToken(), "mutation { createAccount(input: { username: \"" + name + "\", role: STAFF, counties: [\"" + county
                + "\"], personalData: true }) { id } }").path("data").path("createAccount").path("id").asString();
        String permitted = graphqlAs(adminToken(), "mutation { createApiToken(accountId: \"" + account + "\", name: \"t\") { secret } }")
                .path("data").path("createApiToken").path("secret").asString();
        assertThat(graphqlAs(permitted, q).path("data").path("circulationContract").path("transferors").get(0).path("name").asString()).isEqualTo(head);
        // The public sees no contract, and writes none.
        JsonNode pub = graphql(q);
        assertThat(pub.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(pub.toString()).doesNotContain(head);
        assertThat(graphql("mutation { signContract(id: \"" + id + "\") { status } }").path("errors").get(0).path("extensions").path("code").asString())
                .isEqualTo("FORBIDDEN");
        // Staff of another county neither.
        String elsewhere = jdbc.queryForObject("SELECT county_code FROM land_parcel WHERE county_code <> ? LIMIT 1", String.class, county);
        assertThat(graphqlAs(staffToken(elsewhere), "mutation { signContract(id: \"" + id + "\") { status } }").path("errors").get(0).path("extensions")
                .path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(graphqlAs(staffToken(elsewhere), "mutation { createContract(input: " + input(parcels, "2027-01-01", "2031-12-31", "GRAIN", null)
                + ") { id } }").path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(jdbc.queryForObject("SELECT status FROM circulation_contract WHERE id = ?", String.class, Long.parseLong(id))).isEqualTo("draft");
    }
}
