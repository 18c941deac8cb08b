package org.landatlas.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.landatlas.testing.Http;
import org.landatlas.testing.VectorTiles;
import tools.jackson.databind.JsonNode;

/**
 * 用途监管 and contract statistics: each kind of finding with a case that produces it and one that does not, the
 * counts against independent SQL, the tiles by viewer, no personal data, and bad arguments.
 */
class SupervisionTest extends ContractTestBase {

    static final String NODE = "id kind contract { id contractNo status } villageCode parcelIds areaMu bbox geometry reasonZh reasonEn date ageDays supervised "
            + "mortgage { id lender amountYuan termEnd registeredOn } dispute { id kind stage openedOn }";

    static final String IN_FORCE = "('signed', 'filed', 'active', 'disputed')";
    static final String NON_GRAIN_USES = "('cash_crop', 'vegetables', 'forage', 'medicinal_herbs', 'facility_agriculture', 'orchard', 'forestry', 'nursery', "
            + "'fish_pond', 'livestock', 'grazing')";

    @BeforeEach
    void setUp() {
        setUpCounty();
    }

    JsonNode supervision(String token, String kinds) {
        JsonNode r = graphqlAs(token, "{ circulationSupervision(countyCode: \"" + county + "\"" + (kinds == null ? "" : ", kinds: " + kinds)
                + ", first: 1000) { countyCode totalCount counts { kind count } edges { cursor node { " + NODE + " } } pageInfo { hasNextPage endCursor } } }");
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        return r.path("data").path("circulationSupervision");
    }

    /** The findings of one contract (by id) among a page. */
    static List<JsonNode> of(JsonNode page, String contractId) {
        List<JsonNode> out = new ArrayList<>();
        page.path("edges").forEach(e -> {
            if (contractId.equals(e.path("node").path("contract").path("id").asString())) {
                out.add(e.path("node"));
            }
        });
        return out;
    }

    static Map<String, Integer> counts(JsonNode page) {
        Map<String, Integer> m = new TreeMap<>();
        page.path("counts").forEach(c -> m.put(c.path("kind").asString(), c.path("count").asInt()));
        return m;
    }

    /** Contracts this test made: ended after each test, so the county's free parcels are not used up run after run. */
    final List<String> made = new ArrayList<>();
    /** Parcel planting attributes this test changed, restored after each test. */
    final Map<Long, String> planting = new HashMap<>();

    @Override
    JsonNode create(String input) {
        JsonNode c = super.create(input);
        made.add(c.path("id").asString());
        return c;
    }

    @AfterEach
    void endWhatWasMade() {
        for (String id : made) {
            jdbc.update("UPDATE circulation_dispute SET stage = 'resolved', resolved_on = greatest(opened_on, current_date) WHERE contract_id = ? AND resolved_on IS NULL",
                    Long.parseLong(id));
            for (Long m : jdbc.queryForList("SELECT id FROM circulation_mortgage WHERE contract_id = ? AND released_on IS NULL", Long.class, Long.parseLong(id))) {
                graphqlAs(staff, "mutation { releaseMortgage(id: \"" + m + "\", reason: \"测试结束\") { id } }");
            }
            String status = jdbc.queryForObject("SELECT status FROM circulation_contract WHERE id = ?", String.class, Long.parseLong(id));
            if (!List.of("terminated", "expired").contains(status)) {
                graphqlAs(staff, "mutation { terminateContract(id: \"" + id + "\", reason: \"测试结束\") { status } }");
            }
        }
        made.clear();
        planting.forEach((p, v) -> jdbc.update("UPDATE land_parcel SET zzsxdm = ? WHERE id = ?", v, p));
        planting.clear();
    }

    /** Sets a parcel's planting attribute (ZZSXDM) for this test. */
    void plant(long parcel, String zzsxdm) {
        planting.putIfAbsent(parcel, jdbc.queryForObject("SELECT zzsxdm FROM land_parcel WHERE id = ?", String.class, parcel));
        jdbc.update("UPDATE land_parcel SET zzsxdm = ? WHERE id = ?", zzsxdm, parcel);
    }

    /** Free non-PBF cropland parcels that are not high-standard farmland; set to non-grain planting (FLS) for the test. */
    List<Long> plainParcels(int n) {
        List<Long> ids = jdbc.queryForList("""
                SELECT p.id FROM land_parcel p JOIN land_class c ON c.class_system = p.class_system AND c.code = p.dlbm
                WHERE p.county_code = ? AND c.class_group = 'farmland' AND NOT p.is_permanent_basic_farmland AND NOT p.is_high_standard_farmland
                  AND p.area_mu > 1
                  AND NOT EXISTS (SELECT 1 FROM circulation_contract_parcel cp JOIN circulation_contract k ON k.id = cp.contract_id
                                  WHERE cp.parcel_id = p.id AND k.status NOT IN ('terminated', 'expired'))
                  AND NOT EXISTS (SELECT 1 FROM circulation_listing_parcel lp JOIN circulation_listing l ON l.id = lp.listing_id
                                  WHERE lp.parcel_id = p.id AND l.status IN ('listed', 'negotiating'))
                ORDER BY p.id DESC LIMIT ?""", Long.class, county, n);
        assertThat(ids).hasSize(n);
        ids.forEach(p -> plant(p, "FLS"));
        return ids;
    }

    @Test
    void nonGrainOnProtectedOrGrainLandIsFoundSupervisedOrNot() {
        // Vegetables on permanent basic farmland: accepted only under supervision, and then a finding to follow up.
        List<Long> pbf = ContractFixtures.freeParcels(jdbc, county, 2, true);
        String supervised = create(input(List.of(pbf.get(0)), "2025-03-01", "2030-12-31", "VEGETABLES", "supervision: true")).path("id").asString();
        activate(supervised);
        // Grain on permanent basic farmland: no finding.
        String grain = create(input(List.of(pbf.get(1)), "2025-03-01", "2030-12-31", "GRAIN", null)).path("id").asString();
        activate(grain);
        // Vegetables on cropland planted to grain (ZZSXDM LS), no supervision flag needed by the contract rules: flagged without it.
        List<Long> plain = plainParcels(2);
        plant(plain.get(0), "LS");
        {
            String unflagged = create(input(List.of(plain.get(0)), "2025-03-01", "2030-12-31", "VEGETABLES", null)).path("id").asString();
            // Vegetables on plain cropland: no finding.
            String plainVeg = create(input(List.of(plain.get(1)), "2025-03-01", "2030-12-31", "VEGETABLES", null)).path("id").asString();
            ok(staff, "mutation { signContract(id: \"" + unflagged + "\") { status } }");
            ok(staff, "mutation { signContract(id: \"" + plainVeg + "\") { status } }");

            JsonNode page = supervision(staff, "[NON_GRAIN]");
            List<JsonNode> s = of(page, supervised);
            assertThat(s).hasSize(1);
            JsonNode f = s.get(0);
            assertThat(f.path("kind").asString()).isEqualTo("NON_GRAIN");
            assertThat(f.path("supervised").asBoolean()).isTrue();
            assertThat(f.path("parcelIds").get(0).asString()).isEqualTo(String.valueOf(pbf.get(0)));
            assertThat(f.path("reasonZh").asString()).contains("永久基本农田", "已纳入用途监管");
            assertThat(f.path("reasonEn").asString()).contains("permanent basic farmland", "accepted under use supervision");
            assertThat(f.path("contract").path("status").asString()).isEqualTo("ACTIVE");
            assertThat(f.path("bbox").size()).isEqualTo(4);
            assertThat(f.path("geometry").path("type").asString()).isEqualTo("MultiPolygon");
            double[] box = jdbc.queryForObject("SELECT ARRAY[ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)]::float8[] FROM land_parcel WHERE id = ?",
                    (rs, i) -> java.util.Arrays.stream((Double[]) rs.getArray(1).getArray()).mapToDouble(Double::doubleValue).toArray(), pbf.get(0));
            assertThat(f.path("bbox").get(0).asDouble()).isCloseTo(box[0], org.assertj.core.data.Offset.offset(1e-9));
            assertThat(f.path("bbox").get(3).asDouble()).isCloseTo(box[3], org.assertj.core.data.Offset.offset(1e-9));
            List<JsonNode> u = of(page, unflagged);
            assertThat(u).hasSize(1);
            assertThat(u.get(0).path("supervised").asBoolean()).isFalse();
            assertThat(u.get(0).path("reasonZh").asString()).contains("种植属性为粮食的耕地", "未纳入用途监管");
            assertThat(u.get(0).path("contract").path("status").asString()).isEqualTo("SIGNED");
            assertThat(of(page, grain)).isEmpty();
            assertThat(of(page, plainVeg)).isEmpty();
            // Every kind is counted, whatever was asked; the count is the independent SQL's.
            Integer expected = jdbc.queryForObject("""
                    SELECT count(DISTINCT c.id)::int FROM circulation_contract c JOIN circulation_contract_parcel cp ON cp.contract_id = c.id
                    JOIN land_parcel p ON p.id = cp.parcel_id LEFT JOIN land_class lc ON lc.class_system = p.class_system AND lc.code = p.dlbm
                    WHERE c.county_code = ? AND c.status IN %s AND c.use_kind IN %s
                      AND (p.is_permanent_basic_farmland OR p.is_high_standard_farmland OR (lc.class_group = 'farmland' AND p.zzsxdm = 'LS'))"""
                    .formatted(IN_FORCE, NON_GRAIN_USES), Integer.class, county);
            assertThat(counts(page).get("NON_GRAIN")).isEqualTo(expected);
            assertThat(page.path("totalCount").asInt()).isEqualTo(expected);
            assertThat(counts(page).keySet()).containsExactlyInAnyOrder("NON_GRAIN", "NON_AGRICULTURAL", "EXPIRING", "MORTGAGED", "DISPUTE_OVERDUE");
            assertThat(page.path("edges").size()).isEqualTo(Math.min(expected, 1000));
        }
    }

    @Test
    void constructionLandUnderAContractInForceIsNonAgricultural() {
        List<Long> parcels = plainParcels(1);
        String id = create(input(parcels, "2025-03-01", "2030-12-31", "GRAIN", null)).path("id").asString();
        activate(id);
        assertThat(of(supervision(staff, "[NON_AGRICULTURAL]"), id)).isEmpty();
        Map<String, Object> was = jdbc.queryForMap("SELECT class_system, dlbm, dlmc FROM land_parcel WHERE id = ?", parcels.get(0));
        Map<String, Object> building = jdbc.queryForMap("""
                SELECT code, name FROM land_class WHERE class_system = ? AND three_class = 'construction' AND level > 1 ORDER BY code LIMIT 1""",
                was.get("class_system"));
        jdbc.update("UPDATE land_parcel SET dlbm = ?, dlmc = ? WHERE id = ?", building.get("code"), building.get("name"), parcels.get(0));
        try {
            JsonNode page = supervision(staff, "[NON_AGRICULTURAL]");
            List<JsonNode> f = of(page, id);
            assertThat(f).hasSize(1);
            assertThat(f.get(0).path("reasonZh").asString()).contains("建设用地", String.valueOf(building.get("code")));
            assertThat(f.get(0).path("reasonEn").asString()).contains("construction land");
            assertThat(f.get(0).path("parcelIds").get(0).asString()).isEqualTo(String.valueOf(parcels.get(0)));
            Integer expected = jdbc.queryForObject("""
                    SELECT count(DISTINCT c.id)::int FROM circulation_contract c JOIN circulation_contract_parcel cp ON cp.contract_id = c.id
                    JOIN land_parcel p ON p.id = cp.parcel_id JOIN land_class lc ON lc.class_system = p.class_system AND lc.code = p.dlbm
                    WHERE c.county_code = ? AND c.status IN %s AND lc.three_class = 'construction'""".formatted(IN_FORCE), Integer.class, county);
            assertThat(counts(page).get("NON_AGRICULTURAL")).isEqualTo(expected);
            // An ended contract over construction land is no finding.
            ok(staff, "mutation { terminateContract(id: \"" + id + "\", reason: \"测试解除\") { status } }");
            assertThat(of(supervision(staff, "[NON_AGRICULTURAL]"), id)).isEmpty();
        } finally {
            jdbc.update("UPDATE land_parcel SET dlbm = ?, dlmc = ? WHERE id = ?", was.get("dlbm"), was.get("dlmc"), parcels.get(0));
        }
    }

    @Test
    void expiringIsTheDerivedStatusAndTheFilterAgrees() {
        List<Long> parcels = plainParcels(2);
        LocalDate soon = LocalDate.now().plusDays(30);
        String expiring = create(input(List.of(parcels.get(0)), "2024-01-01", soon.toString(), "GRAIN", null)).path("id").asString();
        activate(expiring);
        String later = create(input(List.of(parcels.get(1)), "2024-01-01", LocalDate.now().plusDays(200).toString(), "GRAIN", null)).path("id").asString();
        activate(later);
        JsonNode page = supervision(staff, "[EXPIRING]");
        List<JsonNode> f = of(page, expiring);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).path("date").asString()).isEqualTo(soon.toString());
        assertThat(f.get(0).path("ageDays").asInt()).isEqualTo(-30);
        assertThat(f.get(0).path("contract").path("status").asString()).isEqualTo("EXPIRING");
        assertThat(f.get(0).path("reasonZh").asString()).contains("剩 30 天");
        assertThat(of(page, later)).isEmpty();
        Integer expected = jdbc.queryForObject("SELECT count(*)::int FROM circulation_contract WHERE county_code = ? AND status = 'active' AND term_end <= current_date + 90",
                Integer.class, county);
        assertThat(counts(page).get("EXPIRING")).isEqualTo(expected);

        // ContractFilter statuses are the statuses shown: EXPIRING matches it, ACTIVE matches the other.
        String q = "{ circulationContracts(filter: {adminCode: \"" + county + "\", statuses: [%s]}, first: 1000) { totalCount edges { node { id status } } } }";
        JsonNode exp = graphqlAs(staff, q.formatted("EXPIRING")).path("data").path("circulationContracts");
        assertThat(exp.path("totalCount").asInt()).isEqualTo(expected);
        Set<String> expIds = ids(exp);
        assertThat(expIds).contains(expiring).doesNotContain(later);
        exp.path("edges").forEach(e -> assertThat(e.path("node").path("status").asString()).isEqualTo("EXPIRING"));
        JsonNode act = graphqlAs(staff, q.formatted("ACTIVE")).path("data").path("circulationContracts");
        assertThat(ids(act)).contains(later).doesNotContain(expiring);
        act.path("edges").forEach(e -> assertThat(e.path("node").path("status").asString()).isEqualTo("ACTIVE"));
    }

    static Set<String> ids(JsonNode connection) {
        Set<String> out = new java.util.HashSet<>();
        connection.path("edges").forEach(e -> out.add(e.path("node").path("id").asString()));
        return out;
    }

    @Test
    void anUnreleasedMortgageIsFoundUntilReleased() {
        List<Long> parcels = plainParcels(1);
        String id = create(input(parcels, "2025-03-01", "2032-12-31", "GRAIN", null)).path("id").asString();
        activate(id);
        assertThat(of(supervision(staff, "[MORTGAGED]"), id)).isEmpty();
        JsonNode m = ok(staff, "mutation { registerMortgage(contractId: \"" + id + "\", input: { lender: \"县农商银行\", amountYuan: 200000, termStart: \"2025-06-01\","
                + " termEnd: \"2028-05-31\", registeredOn: \"2025-06-01\" }) { id } }").path("registerMortgage");
        JsonNode page = supervision(staff, "[MORTGAGED]");
        List<JsonNode> f = of(page, id);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).path("mortgage").path("lender").asString()).isEqualTo("县农商银行");
        assertThat(f.get(0).path("mortgage").path("amountYuan").asDouble()).isEqualTo(200000.0);
        assertThat(f.get(0).path("mortgage").path("termEnd").asString()).isEqualTo("2028-05-31");
        assertThat(f.get(0).path("reasonZh").asString()).contains("县农商银行", "200000");
        Integer expected = jdbc.queryForObject("""
                SELECT count(*)::int FROM circulation_mortgage m JOIN circulation_contract c ON c.id = m.contract_id
                WHERE c.county_code = ? AND m.released_on IS NULL""", Integer.class, county);
        assertThat(counts(page).get("MORTGAGED")).isEqualTo(expected);
        ok(staff, "mutation { releaseMortgage(id: \"" + m.path("id").asString() + "\", reason: \"贷款结清\") { id } }");
        assertThat(of(supervision(staff, "[MORTGAGED]"), id)).isEmpty();
    }

    @Test
    void anOpenDisputeOlderThanTheWindowIsOverdue() {
        List<Long> parcels = plainParcels(2);
        String old = create(input(List.of(parcels.get(0)), "2025-03-01", "2030-12-31", "GRAIN", null)).path("id").asString();
        activate(old);
        String recent = create(input(List.of(parcels.get(1)), "2025-03-01", "2030-12-31", "GRAIN", null)).path("id").asString();
        activate(recent);
        String open = "mutation($in: NewDisputeInput!) { openDispute(input: $in) { id } }";
        JsonNode r = graphqlAs(staff, open, Map.of("in", Map.of("contractId", old, "kind", "RENT_ARREARS", "summary", "拖欠流转费",
                "openedOn", LocalDate.now().minusDays(100).toString())));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        r = graphqlAs(staff, open, Map.of("in", Map.of("contractId", recent, "kind", "BOUNDARY", "summary", "地界争议",
                "openedOn", LocalDate.now().minusDays(10).toString())));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        JsonNode page = supervision(staff, "[DISPUTE_OVERDUE]");
        List<JsonNode> f = of(page, old);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).path("ageDays").asInt()).isEqualTo(100);
        assertThat(f.get(0).path("dispute").path("kind").asString()).isEqualTo("rent_arrears");
        assertThat(f.get(0).path("contract").path("status").asString()).isEqualTo("DISPUTED");
        assertThat(f.get(0).path("reasonZh").asString()).contains("拖欠租金", "100 天");
        assertThat(f.get(0).toString()).doesNotContain("拖欠流转费");
        assertThat(of(page, recent)).isEmpty();
        Integer expected = jdbc.queryForObject("SELECT count(*)::int FROM circulation_dispute WHERE county_code = ? AND resolved_on IS NULL AND opened_on < current_date - 60",
                Integer.class, county);
        assertThat(counts(page).get("DISPUTE_OVERDUE")).isEqualTo(expected);
    }

    @Test
    void findingsCarryNoPersonalData() {
        List<Long> pbf = ContractFixtures.freeParcels(jdbc, county, 1, true);
        String id = create(input(pbf, "2025-03-01", "2030-12-31", "VEGETABLES", "supervision: true")).path("id").asString();
        activate(id);
        String all = supervision(staff, null).toString();
        List<String> personal = new ArrayList<>();
        jdbc.query("""
                SELECT i.head_name, i.id_number, i.phone FROM circulation_contract c JOIN circulation_contract_transferor x ON x.contract_id = c.id
                JOIN personal.household_identity i ON i.household_id = x.household_id WHERE c.county_code = ?""", rs -> {
            personal.add(rs.getString(1));
            personal.add(rs.getString(2));
            if (rs.getString(3) != null) {
                personal.add(rs.getString(3));
            }
        }, county);
        jdbc.query("SELECT k.contact_name, k.phone FROM personal.transferee_contact k JOIN transferee t ON t.id = k.transferee_id WHERE t.county_code = ?", rs -> {
            personal.add(rs.getString(1));
            if (rs.getString(2) != null) {
                personal.add(rs.getString(2));
            }
        }, county);
        assertThat(personal).isNotEmpty();
        for (String p : personal) {
            assertThat(all).doesNotContain("\"" + p + "\"");
            if (p.length() >= 11) {
                assertThat(all).doesNotContain(p);
            }
        }
        assertThat(all).doesNotContain("transferor", "household");
    }

    @Test
    void onlyStaffOfTheCountyAndBadArgumentsNamed() {
        JsonNode pub = graphql("{ circulationSupervision(countyCode: \"" + county + "\") { totalCount } }");
        assertThat(pub.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        String elsewhere = jdbc.queryForObject("SELECT county_code FROM land_parcel WHERE county_code <> ? LIMIT 1", String.class, county);
        assertThat(graphqlAs(staffToken(elsewhere), "{ circulationSupervision(countyCode: \"" + county + "\") { totalCount } }").path("errors").get(0)
                .path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(graphqlAs(staffToken(elsewhere), "{ circulationContractStatistics(countyCode: \"" + county + "\", groupBy: MODE) { key } }").path("errors")
                .get(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        bad("{ circulationSupervision(countyCode: \"53\") { totalCount } }", "countyCode");
        bad("{ circulationSupervision(countyCode: \"" + county + "\", kinds: []) { totalCount } }", "kinds");
        bad("{ circulationSupervision(countyCode: \"" + county + "\", first: -1) { totalCount } }", "first");
        bad("{ circulationSupervision(countyCode: \"" + county + "\", after: \"zzz\") { totalCount } }", "after");
        bad("{ circulationSupervision(countyCode: \"" + county + "\", kinds: [SOMETHING]) { totalCount } }", "kinds");
        bad("{ circulationContractStatistics(countyCode: \"" + county + "\", groupBy: COLOUR) { key } }", "groupBy");
        bad("{ circulationContractStatistics(countyCode: \"x\", groupBy: MODE) { key } }", "countyCode");
        bad("{ circulationContractStatistics(countyCode: \"" + county + "\", groupBy: MODE, filter: {endsBetween: [\"2030-01-01\"]}) { key } }",
                "filter.endsBetween");
    }

    void bad(String query, String argument) {
        JsonNode r = graphqlAs(staff, query);
        assertThat(r.path("errors").isMissingNode()).as(query).isFalse();
        JsonNode e = r.path("errors").get(0);
        assertThat(e.path("extensions").path("code").asString()).as(r.toString()).isEqualTo("BAD_USER_INPUT");
        assertThat(e.path("extensions").path("argument").asString() + " " + e.path("message").asString()).as(r.toString()).contains(argument);
    }

    @Test
    void statisticsEqualIndependentSql() {
        Map<String, String> keys = Map.of(
                "MODE", "upper(c.mode)",
                "TRANSFEREE_KIND", "upper(r.kind)",
                "TOWNSHIP", "left(c.village_code, 9)",
                "STATUS", "upper(CASE WHEN c.status = 'active' AND c.term_end <= current_date + 90 THEN 'expiring' ELSE c.status END)",
                "PRICE_BAND", """
                        CASE WHEN c.price_yuan_per_mu_year IS NULL THEN 'NEGOTIABLE' WHEN c.price_yuan_per_mu_year < 300 THEN 'LT_300'
                             WHEN c.price_yuan_per_mu_year < 600 THEN '300_600' WHEN c.price_yuan_per_mu_year < 1000 THEN '600_1000'
                             WHEN c.price_yuan_per_mu_year < 2000 THEN '1000_2000' ELSE 'GE_2000' END""");
        for (Map.Entry<String, String> g : keys.entrySet()) {
            for (String filter : List.of("", ", filter: {statuses: [ACTIVE, EXPIRING, SIGNED, FILED, DISPUTED]}")) {
                String statuses = filter.isEmpty() ? "" : " AND c.status IN " + IN_FORCE;
                Map<String, double[]> expected = new TreeMap<>();
                jdbc.query("""
                        SELECT %s AS k, count(*) AS n, sum(c.area_mu)::float8 AS a,
                               sum(c.price_yuan_per_mu_year * c.area_mu) FILTER (WHERE c.price_yuan_per_mu_year IS NOT NULL)::float8 AS pa,
                               sum(c.area_mu) FILTER (WHERE c.price_yuan_per_mu_year IS NOT NULL)::float8 AS priced
                        FROM circulation_contract c JOIN transferee r ON r.id = c.transferee_id WHERE c.county_code = ?%s GROUP BY 1"""
                        .formatted(g.getValue(), statuses), rs -> {
                    expected.put(rs.getString("k"), new double[] {rs.getLong("n"), rs.getDouble("a"), rs.getDouble("pa"), rs.getDouble("priced")});
                }, county);
                assertThat(expected).as("demo contracts of " + county).isNotEmpty();
                JsonNode r = graphqlAs(staff, "{ circulationContractStatistics(countyCode: \"" + county + "\", groupBy: " + g.getKey() + filter
                        + ") { key label count areaMu averagePriceYuanPerMuYear } }");
                assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
                Map<String, JsonNode> got = new HashMap<>();
                r.path("data").path("circulationContractStatistics").forEach(row -> got.put(row.path("key").asString(), row));
                assertThat(got.keySet()).as(g.getKey() + filter).isEqualTo(expected.keySet());
                expected.forEach((k, v) -> {
                    JsonNode row = got.get(k);
                    assertThat(row.path("count").asLong()).as(g.getKey() + " " + k).isEqualTo((long) v[0]);
                    assertThat(row.path("areaMu").asDouble()).as(g.getKey() + " " + k).isCloseTo(v[1], org.assertj.core.data.Offset.offset(1e-6));
                    if (v[3] > 0) {
                        assertThat(row.path("averagePriceYuanPerMuYear").asDouble()).isCloseTo(v[2] / v[3], org.assertj.core.data.Offset.offset(1e-6));
                    } else {
                        assertThat(row.path("averagePriceYuanPerMuYear").isNull()).isTrue();
                    }
                    assertThat(row.path("label").asString()).isNotBlank();
                });
            }
        }
        // Bands come in band order, negotiable last.
        JsonNode bands = graphqlAs(staff, "{ circulationContractStatistics(countyCode: \"" + county + "\", groupBy: PRICE_BAND) { key } }")
                .path("data").path("circulationContractStatistics");
        List<String> order = new ArrayList<>();
        bands.forEach(b -> order.add(b.path("key").asString()));
        List<String> all = List.of("LT_300", "300_600", "600_1000", "1000_2000", "GE_2000", "NEGOTIABLE");
        assertThat(order).isEqualTo(all.stream().filter(order::contains).collect(Collectors.toList()));
    }

    static int[] tileOf(double lon, double lat, int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return new int[] {z, x, y};
    }

    @Test
    void contractAndSupervisionTilesAreForStaffOnly() throws Exception {
        List<Long> pbf = ContractFixtures.freeParcels(jdbc, county, 1, true);
        String id = create(input(pbf, "2025-03-01", "2030-12-31", "VEGETABLES", "supervision: true")).path("id").asString();
        activate(id);
        Map<String, Object> c = jdbc.queryForMap("SELECT ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y FROM circulation_contract WHERE id = ?",
                Long.parseLong(id));
        int[] t = tileOf(((Number) c.get("x")).doubleValue(), ((Number) c.get("y")).doubleValue(), 15);
        String tile = "/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt";
        for (String layer : List.of("circulation_contracts", "circulation_supervision")) {
            HttpResponse<byte[]> pub = Http.get(port, "/tiles/" + layer + tile);
            assertThat(pub.statusCode()).as("public " + layer + ": an empty tile").isIn(200, 204);
            assertThat(pub.body().length == 0 || VectorTiles.decode(pub.body(), layer) == null
                    || VectorTiles.decode(pub.body(), layer).getGeometries().isEmpty()).as("public " + layer).isTrue();
            assertThat(pub.headers().firstValue("Cache-Control").orElse("")).contains("private");
            HttpResponse<byte[]> st = Http.get(port, "/tiles/" + layer + tile, "Authorization", "Bearer " + staff);
            assertThat(st.statusCode()).isEqualTo(200);
            var features = VectorTiles.decode(st.body(), layer).getGeometries();
            long fid = layer.equals("circulation_contracts") ? Long.parseLong(id) : Long.parseLong(id) * 8;
            var mine = features.stream().filter(g -> ((Map<?, ?>) g.getUserData()).get("fid") != null
                    && ((Number) ((Map<?, ?>) g.getUserData()).get("fid")).longValue() == fid).toList();
            assertThat(mine).as(layer + " for staff").hasSize(1);
            Map<?, ?> attrs = (Map<?, ?>) mine.get(0).getUserData();
            if (layer.equals("circulation_contracts")) {
                assertThat(attrs.get("status")).isEqualTo("active");
                assertThat(attrs.get("mode")).isEqualTo("lease");
                assertThat(attrs.get("land_kind")).isEqualTo("farmland");
            } else {
                assertThat(attrs.get("kind")).isEqualTo("non_grain");
            }
        }
        // The status filter reads the shown status.
        var active = VectorTiles.decode(Http.get(port, "/tiles/circulation_contracts" + tile + "?status=active", "Authorization", "Bearer " + staff).body(),
                "circulation_contracts");
        assertThat(active.getGeometries().stream().filter(g -> ((Map<?, ?>) g.getUserData()).get("fid") instanceof Number n && n.longValue() == Long.parseLong(id)))
                .hasSize(1);
        HttpResponse<byte[]> expiring = Http.get(port, "/tiles/circulation_contracts" + tile + "?status=expiring", "Authorization", "Bearer " + staff);
        assertThat(expiring.body().length == 0 || VectorTiles.decode(expiring.body(), "circulation_contracts") == null
                || VectorTiles.decode(expiring.body(), "circulation_contracts").getGeometries().stream()
                        .noneMatch(g -> ((Map<?, ?>) g.getUserData()).get("fid") instanceof Number n && n.longValue() == Long.parseLong(id))).isTrue();
        // A mortgage changes the layer: its trigger notifies, the cached tile is dropped, the finding appears.
        String path = "/tiles/circulation_supervision" + tile;
        String mortgage = ok(staff, "mutation { registerMortgage(contractId: \"" + id + "\", input: { lender: \"县农商银行\", amountYuan: 50000,"
                + " termStart: \"2025-06-01\", termEnd: \"2027-05-31\" }) { id } }").path("registerMortgage").path("id").asString();
        long mortgageFid = Long.parseLong(mortgage) * 8 + 3;
        boolean seen = false;
        for (int i = 0; i < 50 && !seen; i++) {
            var layer = VectorTiles.decode(Http.get(port, path, "Authorization", "Bearer " + staff).body(), "circulation_supervision");
            seen = layer != null && layer.getGeometries().stream().anyMatch(g -> ((Map<?, ?>) g.getUserData()).get("fid") instanceof Number n
                    && n.longValue() == mortgageFid);
            if (!seen) {
                Thread.sleep(100);
            }
        }
        assertThat(seen).as("the mortgage's finding in the supervision tile after the change").isTrue();
        // Staff of another county see none of this county's contracts.
        String elsewhere = jdbc.queryForObject("SELECT county_code FROM land_parcel WHERE county_code <> ? LIMIT 1", String.class, county);
        HttpResponse<byte[]> other = Http.get(port, "/tiles/circulation_contracts" + tile, "Authorization", "Bearer " + staffToken(elsewhere));
        assertThat(other.body().length == 0 || VectorTiles.decode(other.body(), "circulation_contracts") == null
                || VectorTiles.decode(other.body(), "circulation_contracts").getGeometries().isEmpty()).isTrue();
    }
}
