package org.landatlas.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.landatlas.parcel.ParcelCirculationStatuses;
import org.landatlas.platform.Mu;
import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The listing workflow: create, edit, every transition legal and illegal, every rule, concurrent edits, expiry, attachments, the public page. */
class ListingWorkflowTest extends IntegrationTest {

    static final String A = "150627";
    static final String B = "533401";
    static final String CREATE = "mutation($in: NewListingInput!) { createListing(input: $in) { id listingNo status version areaMu landKind pooled modes "
            + "minTermYears maxTermYears priceYuanPerMuYear publicUrl parcels { id circulationStatus } } }";
    static final String UPDATE = "mutation($id: ID!, $in: ListingChangesInput!) { updateListing(id: $id, input: $in) { id version title areaMu priceYuanPerMuYear "
            + "parcels { id circulationStatus } } }";
    static final String STATUS = "mutation($id: ID!, $s: ListingStatus!, $v: Int!) { setListingStatus(id: $id, status: $s, reason: \"测试\", expectedVersion: $v) "
            + "{ status version parcels { id circulationStatus } } }";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ParcelCirculationStatuses statuses;
    @Autowired
    ListingWorkflow workflow;

    /** Free farmland parcels of one village of the county: in no listing and no contract at all (so earlier runs do not interfere). */
    List<String> free(String county, int n) {
        String village = jdbc.queryForObject("""
                SELECT p.village_code FROM land_parcel p JOIN land_class c ON c.class_system = p.class_system AND c.code = p.dlbm
                WHERE p.county_code = ? AND c.class_group = 'farmland' AND p.circulation_status = 'none'
                  AND NOT EXISTS (SELECT 1 FROM circulation_listing_parcel lp WHERE lp.parcel_id = p.id)
                  AND NOT EXISTS (SELECT 1 FROM circulation_contract_parcel cp WHERE cp.parcel_id = p.id)
                  AND NOT EXISTS (SELECT 1 FROM circulation_dispute d WHERE d.parcel_id = p.id)
                GROUP BY p.village_code HAVING count(*) >= ? ORDER BY count(*) DESC, p.village_code LIMIT 1""", String.class, county, n);
        return jdbc.queryForList("""
                SELECT p.id::text FROM land_parcel p JOIN land_class c ON c.class_system = p.class_system AND c.code = p.dlbm
                WHERE p.village_code = ? AND c.class_group = 'farmland' AND p.circulation_status = 'none'
                  AND NOT EXISTS (SELECT 1 FROM circulation_listing_parcel lp WHERE lp.parcel_id = p.id)
                  AND NOT EXISTS (SELECT 1 FROM circulation_contract_parcel cp WHERE cp.parcel_id = p.id)
                  AND NOT EXISTS (SELECT 1 FROM circulation_dispute d WHERE d.parcel_id = p.id)
                ORDER BY p.id LIMIT ?""", String.class, village, n);
    }

    Map<String, Object> input(List<String> parcels) {
        Map<String, Object> in = new HashMap<>();
        in.put("countyCode", A);
        in.put("title", "测试村 水浇地出租");
        in.put("parcelIds", parcels);
        in.put("priceYuanPerMuYear", 650.0);
        in.put("minTermYears", 3);
        in.put("maxTermYears", 10);
        in.put("modes", List.of("LEASE", "EQUITY"));
        in.put("allowedUses", List.of("粮食种植", "设施农业"));
        in.put("transfereeConditions", "具有农业经营能力，缴纳履约保证金");
        in.put("contactOffice", "阿勒腾席热镇农村产权交易服务站");
        return in;
    }

    JsonNode create(Map<String, Object> in) {
        return graphqlAs(staffToken(A), CREATE, Map.of("in", in));
    }

    long created(List<String> parcels) {
        JsonNode r = create(input(parcels));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        return r.path("data").path("createListing").path("id").asLong();
    }

    JsonNode status(long id, String to) {
        return graphqlAs(staffToken(A), STATUS, Map.of("id", String.valueOf(id), "s", to, "v", version(id)));
    }

    int version(long id) {
        return jdbc.queryForObject("SELECT version FROM circulation_listing WHERE id = ?", Integer.class, id);
    }

    String stored(long id) {
        return jdbc.queryForObject("SELECT status FROM circulation_listing WHERE id = ?", String.class, id);
    }

    static String error(JsonNode r) {
        assertThat(r.path("errors").isMissingNode()).as("an error expected: " + r).isFalse();
        return r.path("errors").get(0).path("message").asString();
    }

    static String code(JsonNode r) {
        return r.path("errors").get(0).path("extensions").path("code").asString();
    }

    void parcelsAre(List<String> parcels, String status) {
        for (String p : parcels) {
            assertThat(jdbc.queryForObject("SELECT circulation_status FROM land_parcel WHERE id = ?", String.class, Long.parseLong(p))).as("parcel " + p)
                    .isEqualTo(status);
        }
        assertThat(statuses.mismatches(A)).isZero();
    }

    // ------------------------------------------------------------------------------------------------ create

    @Test
    void createsADraftWhoseAreaIsTheEllipsoidalSumAndWhoseOutlineIsTheUnion() {
        List<String> parcels = free(A, 3);
        JsonNode r = create(input(parcels));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        JsonNode l = r.path("data").path("createListing");
        assertThat(l.path("status").asString()).isEqualTo("DRAFT");
        assertThat(l.path("version").asInt()).isZero();
        assertThat(l.path("landKind").asString()).isEqualTo("FARMLAND");
        assertThat(l.path("modes").toString()).isEqualTo("[\"LEASE\",\"EQUITY\"]");
        assertThat(l.path("minTermYears").asInt()).isEqualTo(3);
        assertThat(l.path("maxTermYears").asInt()).isEqualTo(10);
        assertThat(l.path("listingNo").asString()).startsWith(A + "GP");
        assertThat(l.path("publicUrl").asString()).isEqualTo("/listings/" + l.path("listingNo").asString());
        Long[] ids = parcels.stream().map(Long::valueOf).toArray(Long[]::new);
        double expected = jdbc.queryForObject("SELECT sum(ST_Area(geom::geography)) FROM land_parcel WHERE id = ANY (?)", Double.class, (Object) ids) / Mu.M2_PER_MU;
        assertThat(l.path("areaMu").asDouble()).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.006));
        long id = l.path("id").asLong();
        assertThat(jdbc.queryForObject("""
                SELECT ST_Equals(l.geom, (SELECT ST_Multi(ST_Union(geom)) FROM land_parcel WHERE id = ANY (?))) FROM circulation_listing l WHERE l.id = ?""",
                Boolean.class, ids, id)).isTrue();
        // Its distance to the road network is measured (the search and the listing filter read it), on the ellipsoid.
        Double road = jdbc.queryForObject("SELECT road_access_m FROM circulation_listing WHERE id = ?", Double.class, id);
        Double expectedRoad = jdbc.queryForObject("SELECT min(ST_Distance(r.geom::geography, l.geom::geography)) FROM road r, circulation_listing l"
                + " WHERE l.id = ? AND r.county_code = ?", Double.class, id, A);
        assertThat(expectedRoad).as("the demo county has roads").isNotNull();
        assertThat(road).isCloseTo(expectedRoad, org.assertj.core.data.Offset.offset(0.01));
        // A draft is not on offer: the parcels stay none. Its creation is in the history and the audit log, under the officer's name.
        parcelsAre(parcels, "none");
        assertThat(jdbc.queryForList("SELECT coalesce(from_status, '-') || '>' || to_status FROM circulation_status_history WHERE listing_id = ? ORDER BY id",
                String.class, id)).containsExactly("->draft");
        assertThat(jdbc.queryForObject("SELECT changed_by FROM circulation_status_history WHERE listing_id = ?", String.class, id)).startsWith("staff-" + A);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = 'createListing' AND target_id = ?", Integer.class,
                String.valueOf(id))).isEqualTo(1);
    }

    @Test
    void negotiableAndPooledListings() {
        List<String> parcels = free(A, 2);
        Map<String, Object> in = input(parcels);
        in.remove("priceYuanPerMuYear");
        in.put("pooled", true);
        JsonNode l = create(in).path("data").path("createListing");
        assertThat(l.path("priceYuanPerMuYear").isNull()).as(l.toString()).isTrue();
        assertThat(l.path("pooled").asBoolean()).isTrue();
    }

    @Test
    void everyRuleOfTheLandOfferedHasItsRefusal() {
        List<String> parcels = free(A, 4);
        // Another county's parcel.
        String other = free(B, 1).get(0);
        Map<String, Object> in = input(List.of(parcels.get(0), other));
        assertThat(error(create(in))).contains("input.parcelIds").contains("parcel " + other).contains("county " + B);
        // A parcel in another listing on offer.
        long onOffer = created(List.of(parcels.get(1)));
        assertThat(status(onOffer, "LISTED").path("errors").isMissingNode()).isTrue();
        String listingNo = jdbc.queryForObject("SELECT listing_no FROM circulation_listing WHERE id = ?", String.class, onOffer);
        assertThat(error(create(input(List.of(parcels.get(1)))))).contains("parcel " + parcels.get(1)).contains(listingNo).contains("on offer");
        // A parcel held by a contract in force.
        long held = jdbc.queryForObject("""
                SELECT cp.parcel_id FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id
                WHERE c.county_code = ? AND c.status = 'active' ORDER BY cp.parcel_id LIMIT 1""", Long.class, A);
        assertThat(error(create(input(List.of(String.valueOf(held)))))).contains("parcel " + held).contains("held by contract").contains("active");
        // A parcel that is not agricultural land.
        long road = jdbc.queryForObject("""
                SELECT p.id FROM land_parcel p JOIN land_class c ON c.class_system = p.class_system AND c.code = p.dlbm
                WHERE p.county_code = ? AND c.class_group IN ('construction', 'homestead') ORDER BY p.id LIMIT 1""", Long.class, A);
        assertThat(error(create(input(List.of(String.valueOf(road)))))).contains("parcel " + road).contains("land circulates as");
        // A missing parcel.
        assertThat(error(create(input(List.of("999999999"))))).contains("999999999");
        // A pool of one parcel, and a pool across villages.
        Map<String, Object> pool = input(List.of(parcels.get(2)));
        pool.put("pooled", true);
        assertThat(error(create(pool))).contains("input.pooled").contains("at least 2");
        String elsewhere = jdbc.queryForObject("""
                SELECT p.id::text FROM land_parcel p JOIN land_class c ON c.class_system = p.class_system AND c.code = p.dlbm
                WHERE p.county_code = ? AND c.class_group = 'farmland' AND p.village_code <> (SELECT village_code FROM land_parcel WHERE id = ?)
                  AND NOT EXISTS (SELECT 1 FROM circulation_listing_parcel lp WHERE lp.parcel_id = p.id)
                  AND NOT EXISTS (SELECT 1 FROM circulation_contract_parcel cp WHERE cp.parcel_id = p.id) ORDER BY p.id LIMIT 1""",
                String.class, A, Long.parseLong(parcels.get(2)));
        pool.put("parcelIds", List.of(parcels.get(2), elsewhere));
        assertThat(error(create(pool))).contains("input.pooled").contains("villages");
        // Nothing of the refused listings was written; the parcels' statuses agree.
        assertThat(statuses.mismatches(A)).isZero();
    }

    @Test
    void everyRuleOfTheListingsFactsHasItsRefusal() {
        List<String> parcels = free(A, 1);
        Map<String, Map.Entry<Object, String>> bad = new java.util.LinkedHashMap<>();
        bad.put("contactOffice", Map.entry("联系人 王先生 138 1234 5678", "mobile-phone"));
        bad.put("transfereeConditions", Map.entry("联系户主 身份证 15062719800101123X", "ID-card"));
        bad.put("title", Map.entry("", "give a title"));
        bad.put("modes", Map.entry(List.of("SWAP"), "legacy mode"));
        bad.put("maxTermYears", Map.entry(71, "between 1 and 70"));
        bad.put("minTermYears", Map.entry(12, "between 1 and maxTermYears"));
        bad.put("priceYuanPerMuYear", Map.entry(-5.0, "between 0 and 100000"));
        bad.put("expiresOn", Map.entry(java.time.LocalDate.now().minusDays(1).toString(), "in the past"));
        for (Map.Entry<String, Map.Entry<Object, String>> e : bad.entrySet()) {
            Map<String, Object> in = input(parcels);
            in.put(e.getKey(), e.getValue().getKey());
            JsonNode r = create(in);
            assertThat(error(r)).as(e.getKey()).contains("input." + e.getKey()).contains(e.getValue().getValue());
            assertThat(code(r)).isEqualTo("BAD_USER_INPUT");
        }
        Map<String, Object> none = input(List.of());
        assertThat(error(create(none))).contains("input.parcelIds");
        // Only staff of the county.
        assertThat(code(graphql(CREATE, Map.of("in", input(parcels))))).isEqualTo("FORBIDDEN");
        assertThat(code(graphqlAs(staffToken(B), CREATE, Map.of("in", input(parcels))))).isEqualTo("FORBIDDEN");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM circulation_listing_parcel WHERE parcel_id = ?", Integer.class, Long.parseLong(parcels.get(0))))
                .isZero();
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    @Test
    void everyLegalTransitionMovesTheParcelsAndIsRecorded() {
        List<String> parcels = free(A, 2);
        long id = created(parcels);
        assertThat(status(id, "LISTED").path("data").path("setListingStatus").path("status").asString()).isEqualTo("LISTED");
        parcelsAre(parcels, "listed");
        assertThat(status(id, "NEGOTIATING").path("data").path("setListingStatus").path("status").asString()).isEqualTo("NEGOTIATING");
        parcelsAre(parcels, "listed");
        assertThat(status(id, "LISTED").path("data").path("setListingStatus").path("status").asString()).isEqualTo("LISTED");
        assertThat(status(id, "WITHDRAWN").path("data").path("setListingStatus").path("status").asString()).isEqualTo("WITHDRAWN");
        parcelsAre(parcels, "none");
        assertThat(status(id, "DRAFT").path("data").path("setListingStatus").path("status").asString()).isEqualTo("DRAFT");
        parcelsAre(parcels, "none");
        assertThat(status(id, "WITHDRAWN").path("data").path("setListingStatus").path("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(status(id, "DRAFT").path("errors").isMissingNode()).isTrue();
        assertThat(status(id, "LISTED").path("errors").isMissingNode()).isTrue();
        assertThat(status(id, "NEGOTIATING").path("errors").isMissingNode()).isTrue();
        parcelsAre(parcels, "listed");
        // The contract feature's transition: a contract signed from the listing makes it contracted and the parcels circulated.
        long contract = contractOn(parcels, id);
        workflow.contracted(id, contract);
        assertThat(stored(id)).isEqualTo("contracted");
        parcelsAre(parcels, "circulated");
        assertThat(jdbc.queryForList("SELECT from_status || '>' || to_status FROM circulation_status_history WHERE listing_id = ? AND from_status IS NOT NULL ORDER BY id",
                String.class, id)).containsExactly("draft>listed", "listed>negotiating", "negotiating>listed", "listed>withdrawn", "withdrawn>draft",
                "draft>withdrawn", "withdrawn>draft", "draft>listed", "listed>negotiating", "negotiating>contracted");
        assertThat(jdbc.queryForObject("SELECT version FROM circulation_listing WHERE id = ?", Integer.class, id)).isEqualTo(10);
        // A contracted listing is a record: no status by hand, no edits.
        JsonNode r = status(id, "LISTED");
        assertThat(error(r)).contains("CONTRACTED").contains("LISTED");
        assertThat(error(graphqlAs(staffToken(A), UPDATE, Map.of("id", String.valueOf(id), "in", Map.of("expectedVersion", version(id), "title", "改")))))
                .contains("contracted");
    }

    /** A signed contract over the parcels, as the contract feature will write it (from the listing). */
    long contractOn(List<String> parcels, Long listing) {
        long transferee = jdbc.queryForObject("SELECT id FROM transferee WHERE county_code = ? ORDER BY id LIMIT 1", Long.class, A);
        Long[] ids = parcels.stream().map(Long::valueOf).toArray(Long[]::new);
        long id = jdbc.queryForObject("""
                INSERT INTO circulation_contract (contract_no, county_code, village_code, listing_id, transferee_id, mode, land_kind, area_mu, term_start,
                    term_end, intended_use, status, signed_on, synthetic, geom)
                SELECT 'LWT' || nextval(pg_get_serial_sequence('circulation_contract', 'id')), ?, min(village_code), ?, ?, 'lease', 'farmland', sum(area_mu),
                       current_date, current_date + 3650, '粮食种植', 'signed', current_date, false, ST_Multi(ST_Union(geom))
                FROM land_parcel WHERE id = ANY (?) RETURNING id""", Long.class, A, listing, transferee, ids);
        for (Long p : ids) {
            jdbc.update("INSERT INTO circulation_contract_parcel (county_code, contract_id, parcel_id) VALUES (?, ?, ?)", A, id, p);
        }
        return id;
    }

    @Test
    void everyIllegalTransitionIsRefusedNamingFromAndTo() {
        List<String> parcels = free(A, 1);
        long id = created(parcels);
        String[][] refused = {{"NEGOTIATING", "DRAFT"}, {"CONTRACTED", "DRAFT"}, {"EXPIRED", "DRAFT"}, {"DRAFT", "DRAFT"}};
        for (String[] t : refused) {
            JsonNode r = status(id, t[0]);
            assertThat(error(r)).as(t[0]).contains(t[0]).contains(t[1]).contains("status");
            assertThat(stored(id)).isEqualTo("draft");
        }
        assertThat(error(status(id, "CONTRACTED"))).contains("contract is signed");
        assertThat(error(status(id, "EXPIRED"))).contains("closing date");
        status(id, "LISTED");
        assertThat(error(status(id, "DRAFT"))).contains("LISTED to DRAFT");
        assertThat(error(status(id, "CONTRACTED"))).contains("LISTED to CONTRACTED");
        status(id, "WITHDRAWN");
        for (String to : List.of("LISTED", "NEGOTIATING", "CONTRACTED", "EXPIRED")) {
            assertThat(error(status(id, to))).contains("WITHDRAWN to " + to);
        }
        // contracted() only from on offer, and only with a contract of the county and of this listing.
        List<String> signedLand = free(A, 2);
        long unlinked = contractOn(signedLand.subList(0, 1), null);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> workflow.contracted(id, unlinked))).hasMessageContaining("WITHDRAWN to CONTRACTED");
        long other = created(free(A, 1));
        status(other, "LISTED");
        long foreign = contractOn(signedLand.subList(1, 2), id);
        // The contracts written here by hand hold their parcels: bring them in line as the contract feature does.
        statuses.refresh(signedLand.stream().map(Long::valueOf).toList());
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> workflow.contracted(other, foreign))).hasMessageContaining("signed from listing " + id);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> workflow.contracted(other, 999999999L))).hasMessageContaining("999999999");
        assertThat(stored(other)).isEqualTo("listed");
        assertThat(statuses.mismatches(A)).isZero();
    }

    @Test
    void aStaleVersionIsRefusedAndAMissingOneToo() {
        long id = created(free(A, 1));
        JsonNode r = graphqlAs(staffToken(A), STATUS, Map.of("id", String.valueOf(id), "s", "LISTED", "v", 7));
        assertThat(error(r)).contains("expectedVersion").contains("version 0").contains("you edited version 7");
        assertThat(code(r)).isEqualTo("BAD_USER_INPUT");
        r = graphqlAs(staffToken(A), UPDATE, Map.of("id", String.valueOf(id), "in", Map.of("expectedVersion", 3, "title", "改")));
        assertThat(error(r)).contains("input.expectedVersion");
        assertThat(stored(id)).isEqualTo("draft");
        // Staff of another county may not touch it.
        r = graphqlAs(staffToken(B), STATUS, Map.of("id", String.valueOf(id), "s", "LISTED", "v", 0));
        assertThat(code(r)).isEqualTo("FORBIDDEN");
    }

    @Test
    void twoOfficersEditingOneListingAtOnceOneWinsTheOtherIsTold() throws Exception {
        long id = created(free(A, 2));
        String t1 = staffToken(A);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<JsonNode>> edits = new ArrayList<>();
        for (String title : List.of("甲改的标题", "乙改的标题")) {
            edits.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return graphqlAs(t1, UPDATE, Map.of("id", String.valueOf(id), "in", Map.of("expectedVersion", 0, "title", title, "priceYuanPerMuYear", 700.0)));
            }));
        }
        go.countDown();
        List<JsonNode> results = new ArrayList<>();
        for (CompletableFuture<JsonNode> f : edits) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        List<JsonNode> won = results.stream().filter(r -> r.path("errors").isMissingNode()).toList();
        List<JsonNode> lost = results.stream().filter(r -> !r.path("errors").isMissingNode()).toList();
        assertThat(won).as(results.toString()).hasSize(1);
        assertThat(lost).hasSize(1);
        assertThat(error(lost.get(0))).contains("input.expectedVersion").contains("changed meanwhile");
        String title = won.get(0).path("data").path("updateListing").path("title").asString();
        assertThat(jdbc.queryForObject("SELECT title FROM circulation_listing WHERE id = ?", String.class, id)).isEqualTo(title);
        assertThat(version(id)).isEqualTo(1);
    }

    @Test
    void editsReplaceTheLandAndTheParcelsFollow() {
        List<String> parcels = free(A, 3);
        long id = created(parcels.subList(0, 2));
        status(id, "LISTED");
        parcelsAre(parcels.subList(0, 2), "listed");
        JsonNode r = graphqlAs(staffToken(A), UPDATE, Map.of("id", String.valueOf(id), "in",
                Map.of("expectedVersion", version(id), "parcelIds", List.of(parcels.get(1), parcels.get(2)), "negotiable", true)));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        assertThat(r.path("data").path("updateListing").path("priceYuanPerMuYear").isNull()).isTrue();
        parcelsAre(List.of(parcels.get(0)), "none");
        parcelsAre(parcels.subList(1, 3), "listed");
        Long[] ids = parcels.subList(1, 3).stream().map(Long::valueOf).toArray(Long[]::new);
        double expected = jdbc.queryForObject("SELECT sum(ST_Area(geom::geography)) FROM land_parcel WHERE id = ANY (?)", Double.class, (Object) ids) / Mu.M2_PER_MU;
        assertThat(r.path("data").path("updateListing").path("areaMu").asDouble()).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.006));
        // Under negotiation the land cannot change.
        status(id, "NEGOTIATING");
        r = graphqlAs(staffToken(A), UPDATE, Map.of("id", String.valueOf(id), "in", Map.of("expectedVersion", version(id), "parcelIds", List.of(parcels.get(0)))));
        assertThat(error(r)).contains("negotiating");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = 'updateListing' AND target_id = ?", Integer.class,
                String.valueOf(id))).isEqualTo(1);
    }

    @Test
    void idleFacilitiesAreListedAndFollowTheirListing() {
        long facility = jdbc.queryForObject("SELECT id FROM idle_facility WHERE county_code = ? AND status = 'idle' AND listing_id IS NULL ORDER BY id LIMIT 1",
                Long.class, A);
        Map<String, Object> in = input(null);
        in.remove("parcelIds");
        in.put("facilityIds", List.of(String.valueOf(facility)));
        in.put("title", "闲置日光温室出租");
        JsonNode r = create(in);
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        assertThat(r.path("data").path("createListing").path("landKind").asString()).isEqualTo("FACILITY");
        long id = r.path("data").path("createListing").path("id").asLong();
        status(id, "LISTED");
        assertThat(jdbc.queryForObject("SELECT status FROM idle_facility WHERE id = ?", String.class, facility)).isEqualTo("listed");
        assertThat(statuses.mismatches(A)).isZero();
        // The same facility cannot be offered twice.
        assertThat(error(create(in))).contains("facility " + facility).contains("on offer");
        status(id, "WITHDRAWN");
        assertThat(jdbc.queryForObject("SELECT status FROM idle_facility WHERE id = ?", String.class, facility)).isEqualTo("idle");
        long inUse = jdbc.queryForObject("SELECT id FROM idle_facility WHERE county_code = ? AND status = 'in_use' ORDER BY id LIMIT 1", Long.class, A);
        in.put("facilityIds", List.of(String.valueOf(inUse)));
        assertThat(error(create(in))).contains("facility " + inUse).contains("in_use");
        assertThat(statuses.mismatches(A)).isZero();
    }

    // ------------------------------------------------------------------------------------------------ expiry

    @Test
    void listingsPastTheirClosingDateExpireAndTheirParcelsAreFreed() {
        List<String> parcels = free(A, 2);
        long id = created(parcels);
        status(id, "LISTED");
        long kept = created(free(A, 1));
        status(kept, "LISTED");
        jdbc.update("UPDATE circulation_listing SET listed_on = current_date - 10, expires_on = current_date - 1 WHERE id = ?", id);
        assertThat(workflow.expire()).isGreaterThanOrEqualTo(1);
        assertThat(stored(id)).isEqualTo("expired");
        assertThat(stored(kept)).isEqualTo("listed");
        parcelsAre(parcels, "none");
        assertThat(jdbc.queryForObject("SELECT changed_by FROM circulation_status_history WHERE listing_id = ? AND to_status = 'expired'", String.class, id))
                .isEqualTo("system");
        // Reopened as a draft, it cannot go on offer again before its closing date is moved.
        status(id, "DRAFT");
        assertThat(error(status(id, "LISTED"))).contains("in the past").contains("expiresOn");
        JsonNode r = graphqlAs(staffToken(A), UPDATE, Map.of("id", String.valueOf(id), "in",
                Map.of("expectedVersion", version(id), "expiresOn", java.time.LocalDate.now().plusDays(30).toString())));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        assertThat(status(id, "LISTED").path("errors").isMissingNode()).isTrue();
        parcelsAre(parcels, "listed");
        // Demo listings are judged at the profile's as-of date: the job leaves them alone.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM circulation_listing WHERE synthetic AND status = 'expired'", Integer.class)).isZero();
    }

    // ------------------------------------------------------------------------------------------------ attachments

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};

    HttpResponse<String> upload(String query, byte[] body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/circulation/attachments?" + query))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void attachmentsAreTypeCheckedByTheirBytesSizeLimitedAndPublicWithTheListing() throws Exception {
        long id = created(free(A, 1));
        HttpResponse<String> r = upload("listing=" + id + "&fileName=photo.png", PNG, staffToken(A));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String attachment = Http.JSON.readTree(r.body()).path("id").asString();
        assertThat(Http.JSON.readTree(r.body()).path("contentType").asString()).isEqualTo("image/png");
        // A text file named .png is refused by its content; so is a file over the limit (10 MB), and the public.
        r = upload("listing=" + id + "&fileName=fake.png", "not an image".getBytes(StandardCharsets.UTF_8), staffToken(A));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("file").contains("not a JPEG, PNG or PDF");
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy("%PDF-".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 5);
        // The service answers 400 before reading the rest of the body; Tomcat then closes the connection, and the
        // client sees either the answer or the reset, by timing. Either way nothing is stored.
        try {
            r = upload("listing=" + id + "&fileName=big.pdf", big, staffToken(A));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("more than the limit of 10 MB");
        } catch (java.io.IOException reset) {
            assertThat(reset.getMessage()).isNotBlank();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM circulation_attachment WHERE file_name = 'big.pdf'", Integer.class)).isZero();
        assertThat(upload("listing=" + id + "&fileName=x.png", PNG, null).statusCode()).isEqualTo(403);
        assertThat(upload("listing=" + id + "&fileName=x.png", PNG, staffToken(B)).statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM circulation_attachment WHERE listing_id = ?", Integer.class, id)).isEqualTo(1);
        // The public sees the photo once the listing is on offer, not before.
        assertThat(Http.get(port, "/circulation/attachments/" + attachment).statusCode()).isEqualTo(404);
        status(id, "LISTED");
        HttpResponse<byte[]> got = Http.get(port, "/circulation/attachments/" + attachment);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(PNG);
        assertThat(got.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
        JsonNode q = graphql("{ circulationListing(id: \"" + id + "\") { attachments { id fileName url } history { toStatus } } }");
        assertThat(q.path("data").path("circulationListing").path("attachments").get(0).path("url").asString()).isEqualTo("/circulation/attachments/" + attachment);
        // Who changed the listing is not for the public.
        assertThat(q.path("data").path("circulationListing").path("history").size()).isZero();
        JsonNode removed = graphqlAs(staffToken(A), "mutation { removeListingAttachment(id: \"" + attachment + "\") }");
        assertThat(removed.path("data").path("removeListingAttachment").asBoolean()).as(removed.toString()).isTrue();
        assertThat(Http.get(port, "/circulation/attachments/" + attachment).statusCode()).isEqualTo(404);
    }

    @Test
    void sniffingKnowsJpegPngAndPdfOnly() {
        assertThat(CirculationAttachments.sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0})).isEqualTo("image/jpeg");
        assertThat(CirculationAttachments.sniff(PNG)).isEqualTo("image/png");
        assertThat(CirculationAttachments.sniff("%PDF-1.7".getBytes(StandardCharsets.US_ASCII))).isEqualTo("application/pdf");
        assertThat(CirculationAttachments.sniff("GIF89a".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(CirculationAttachments.sniff("<svg".getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    // ------------------------------------------------------------------------------------------------ public page

    @Test
    void thePublicPageShowsListingsOnOfferOnlyAndNoPersonalData() {
        long id = created(free(A, 2));
        String no = jdbc.queryForObject("SELECT listing_no FROM circulation_listing WHERE id = ?", String.class, id);
        assertThat(Http.get(port, "/listings/" + no).statusCode()).isEqualTo(404);
        assertThat(Http.get(port, "/listings/" + no, "Authorization", "Bearer " + staffToken(A)).statusCode()).isEqualTo(200);
        assertThat(Http.get(port, "/listings/NOSUCHLISTING").statusCode()).isEqualTo(404);
        status(id, "LISTED");
        HttpResponse<byte[]> r = Http.get(port, "/listings/" + no);
        assertThat(r.statusCode()).isEqualTo(200);
        String html = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(html).contains(no).contains("测试村 水浇地出租").contains("挂牌中").contains("650.00 元/亩/年").contains("3–10 年")
                .contains("阿勒腾席热镇农村产权交易服务站").contains("<svg id=\"listing-map\"").contains("@media print");
        assertThat(html).doesNotContainPattern("(?<![0-9])1[3-9][0-9]{9}(?![0-9])").doesNotContainPattern("(?<![0-9])[0-9]{17}[0-9X](?![0-9])");
        // Nothing of the households of the county (names of heads of household) reaches the page.
        List<String> heads = jdbc.queryForList("""
                SELECT DISTINCT i.head_name FROM personal.household_identity i JOIN household h ON h.id = i.household_id
                WHERE h.village_code = (SELECT village_code FROM circulation_listing WHERE id = ?) AND length(i.head_name) >= 2""", String.class, id);
        heads.forEach(h -> assertThat(html).doesNotContain(h));
        status(id, "WITHDRAWN");
        assertThat(Http.get(port, "/listings/" + no).statusCode()).isEqualTo(404);
    }

    @Test
    void statisticsByStatusAndAge() {
        long id = created(free(A, 1));
        status(id, "LISTED");
        JsonNode r = graphqlAs(staffToken(A), "{ circulationListingStatistics(countyCode: \"" + A + "\") { byStatus { status count areaMu } onOfferByAge { band count } } }");
        JsonNode s = r.path("data").path("circulationListingStatistics");
        assertThat(s.path("byStatus").size()).as(r.toString()).isEqualTo(6);
        int listed = jdbc.queryForObject("SELECT count(*) FROM circulation_listing WHERE county_code = ? AND status = 'listed'", Integer.class, A);
        assertThat(s.path("byStatus").get(1).path("status").asString()).isEqualTo("LISTED");
        assertThat(s.path("byStatus").get(1).path("count").asInt()).isEqualTo(listed);
        int onOffer = jdbc.queryForObject("SELECT count(*) FROM circulation_listing WHERE county_code = ? AND status IN ('listed', 'negotiating')", Integer.class, A);
        int sum = 0;
        for (JsonNode b : s.path("onOfferByAge")) {
            sum += b.path("count").asInt();
        }
        assertThat(sum).isEqualTo(onOffer);
        assertThat(code(graphql("{ circulationListingStatistics(countyCode: \"" + A + "\") { countyCode } }"))).isEqualTo("FORBIDDEN");
    }
}
