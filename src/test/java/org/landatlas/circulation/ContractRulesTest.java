package org.landatlas.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every rule of a contract's content with a case that breaks it (refused naming the field and the reason), and its boundary accepted. */
class ContractRulesTest extends ContractTestBase {

    @BeforeEach
    void setUp() {
        setUpCounty();
    }

    private String createMutation(String input) {
        return "mutation { createContract(input: " + input + ") { id } }";
    }

    @Test
    void theTermMayEndOnTheRemainingTermsLastDayButNotOneDayLater() {
        List<Long> p = ContractFixtures.freeParcels(jdbc, county, 1, false);
        // Cropland: second-round contracts to 2027-12-31, extended by 30 years to 2057-12-31 (the defaults).
        refused(staff, createMutation(input(p, "2028-01-01", "2058-01-01", "GRAIN", null)), "input.termEnd", "2057-12-31", "extended by 30 years");
        JsonNode c = create(input(p, "2028-01-01", "2057-12-31", "GRAIN", "registered: true"));
        assertThat(c.path("termEnd").asString()).isEqualTo("2057-12-31");
        refused(staff, createMutation(input(p, "2027-01-01", "2026-12-31", "GRAIN", null)), "input.termEnd", "after it starts");
    }

    @Test
    void registrationNeedsFiveYearsCountedFromALeapDay() {
        List<Long> p = ContractFixtures.freeParcels(jdbc, county, 1, false);
        // 2028-02-29 + 5 years ends on 2033-02-28: registered; a day less is refused by the rule (before the CHECK).
        refused(staff, createMutation(input(p, "2028-02-29", "2033-02-27", "GRAIN", "registered: true")), "input.registered", "shorter than 5 years", "2033-02-28");
        JsonNode c = create(input(p, "2028-02-29", "2033-02-28", "GRAIN", "registered: true"));
        assertThat(c.path("registered").asBoolean()).isTrue();
        assertThat(c.path("termStart").asString()).isEqualTo("2028-02-29");
        // The database agrees with the rule on the boundary (the CHECK of V24).
        assertThat(jdbc.queryForObject("SELECT registered FROM circulation_contract WHERE id = ?", Boolean.class, c.path("id").asLong())).isTrue();
    }

    @Test
    void legacyModesAreRefusedForNewContracts() {
        List<Long> p = ContractFixtures.freeParcels(jdbc, county, 1, false);
        long h = ContractFixtures.household(jdbc, county, 0);
        for (String mode : List.of("SWAP", "TRANSFER")) {
            refused(staff, createMutation(ContractFixtures.input(county, transferee, p, h, mode, "2027-01-01", "2030-12-31", "GRAIN", null)),
                    "input.mode", "contract right", "historical records only");
        }
        assertThat(create(ContractFixtures.input(county, transferee, p, h, "OTHER", "2027-01-01", "2030-12-31", "GRAIN", "intendedUse: \"托管\""))
                .path("mode").asString()).isEqualTo("OTHER");
    }

    @Test
    void parcelsMustExistAndLieInTheContractsCounty() {
        String elsewhere = jdbc.queryForObject("SELECT county_code FROM land_parcel WHERE county_code <> ? ORDER BY 1 LIMIT 1", String.class, county);
        long foreign = jdbc.queryForObject("SELECT id FROM land_parcel WHERE county_code = ? ORDER BY id LIMIT 1", Long.class, elsewhere);
        refused(staff, createMutation(input(List.of(foreign), "2027-01-01", "2030-12-31", "GRAIN", null)), "input.parcels",
                "in county " + elsewhere + ", not in the contract's county " + county);
        refused(staff, createMutation(input(List.of(999_999_999L), "2027-01-01", "2030-12-31", "GRAIN", null)), "input.parcels", "999999999");
        List<Long> p = ContractFixtures.freeParcels(jdbc, county, 1, false);
        refused(staff, createMutation(input(p, "2027-01-01", "2030-12-31", "GRAIN", null).replace("{ parcelId: \"" + p.get(0) + "\" }",
                "{ parcelId: \"" + p.get(0) + "\", areaMu: 100000 }")), "input.parcels.areaMu", "100000");
    }

    @Test
    void nonAgriculturalUsesAreRefused() {
        List<Long> p = ContractFixtures.freeParcels(jdbc, county, 1, false);
        for (String use : List.of("CONSTRUCTION", "MINING", "LANDSCAPING")) {
            refused(staff, createMutation(input(p, "2027-01-01", "2030-12-31", use, null)), "input.use", "not an agricultural use");
        }
    }

    @Test
    void onPermanentBasicFarmlandNoOrchardsForestryOrPondsAndNonGrainOnlyUnderSupervision() {
        List<Long> pbf = ContractFixtures.freeParcels(jdbc, county, 1, true);
        for (String use : List.of("ORCHARD", "FORESTRY", "FISH_POND", "NURSERY")) {
            refused(staff, createMutation(input(pbf, "2027-01-01", "2030-12-31", use, "supervision: true")), "input.use", "permanent basic farmland", use);
        }
        refused(staff, createMutation(input(pbf, "2027-01-01", "2030-12-31", "VEGETABLES", null)), "input.supervision", "supervision: true");
        JsonNode supervised = create(input(pbf, "2027-01-01", "2030-12-31", "VEGETABLES", "supervision: true"));
        assertThat(supervised.path("supervision").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("SELECT supervision FROM circulation_contract WHERE id = ?", Boolean.class, supervised.path("id").asLong())).isTrue();
        assertThat(create(input(pbf, "2027-01-01", "2030-12-31", "GRAIN", null)).path("supervision").asBoolean()).isFalse();
        // Orchards on ordinary cropland are not refused by this rule.
        assertThat(create(input(ContractFixtures.freeParcels(jdbc, county, 1, false), "2027-01-01", "2030-12-31", "ORCHARD", null)).path("use").asString())
                .isEqualTo("ORCHARD");
    }

    @Test
    void partiesMustBeOfTheCounty() {
        List<Long> p = ContractFixtures.freeParcels(jdbc, county, 1, false);
        String elsewhere = jdbc.queryForObject("SELECT county_code FROM land_parcel WHERE county_code <> ? ORDER BY 1 LIMIT 1", String.class, county);
        long foreignTransferee = ContractFixtures.transferee(jdbc, elsewhere, "外县受让方");
        refused(staff, createMutation(ContractFixtures.input(county, foreignTransferee, p, ContractFixtures.household(jdbc, county, 0), "LEASE",
                "2027-01-01", "2030-12-31", "GRAIN", null)), "input.transfereeId", "county " + elsewhere);
        refused(staff, createMutation(ContractFixtures.input(county, transferee, p, ContractFixtures.household(jdbc, elsewhere, 0), "LEASE",
                "2027-01-01", "2030-12-31", "GRAIN", null)), "input.transferors.householdId", "outside county " + county);
        refused(staff, createMutation(input(p, "2027-01-01", "2030-12-31", "GRAIN", null).replace("transferors: [{ householdId: \""
                + ContractFixtures.household(jdbc, county, 0) + "\", areaMu: 0.5 }]", "transferors: []")), "input.transferors", "collective");
        // Pooled land: the collective alone is a party.
        String village = jdbc.queryForObject("SELECT village_code FROM land_parcel WHERE id = ?", String.class, p.get(0));
        JsonNode pooled = ok(staff, createMutation(input(p, "2027-01-01", "2030-12-31", "GRAIN", "collectiveVillageCode: \"" + village + "\"")
                .replace("transferors: [{ householdId: \"" + ContractFixtures.household(jdbc, county, 0) + "\", areaMu: 0.5 }]", "transferors: []"))
                .replace("{ id }", "{ id collective { code } }"));
        assertThat(pooled.path("createContract").path("collective").path("code").asString()).isEqualTo(village);
    }

    @Test
    void paymentsFallWithinTheTerm() {
        List<Long> p = ContractFixtures.freeParcels(jdbc, county, 1, false);
        refused(staff, createMutation(input(p, "2027-01-01", "2030-12-31", "GRAIN", "payments: [{ dueOn: \"2031-01-01\", amountYuan: 600 }]")),
                "input.payments.dueOn", "after the term ends");
        JsonNode c = ok(staff, "mutation { createContract(input: " + input(p, "2027-01-01", "2030-12-31", "GRAIN",
                "payments: [{ dueOn: \"2027-01-01\", amountYuan: 600, paid: true }, { dueOn: \"2028-01-01\", amountYuan: 600 }]")
                + ") { payments { dueOn amountYuan paid } parcelShares { parcelId areaMu } } }").path("createContract");
        assertThat(c.path("payments").size()).isEqualTo(2);
        assertThat(c.path("payments").get(0).path("paid").asBoolean()).isTrue();
        assertThat(c.path("parcelShares").get(0).path("areaMu").asDouble()).isPositive();
    }

    @Test
    void transfereesAreCheckedAndTheirContactIsPersonalData() {
        String code17 = "91" + county + "MA0CT00";
        char check = CreditCode.checkCharacter(code17 + "0" + "1");
        String good = code17 + "01" + check;
        char wrong = check == '0' ? '1' : '0';
        refused(staff, "mutation { createTransferee(input: { countyCode: \"" + county + "\", kind: ENTERPRISE, name: \"坏码公司\", creditCode: \"" + code17 + "01"
                + wrong + "\" }) { id } }", "input.creditCode", "expected '" + check + "'");
        refused(staff, "mutation { createTransferee(input: { countyCode: \"" + county + "\", kind: COOPERATIVE, name: \"无码合作社\" }) { id } }", "input.creditCode");
        String name = "测试农业公司" + System.nanoTime();
        JsonNode t = ok(staff, "mutation { createTransferee(input: { countyCode: \"" + county + "\", kind: ENTERPRISE, name: \"" + name + "\", creditCode: \""
                + good + "\", contact: { name: \"王小明\", phone: \"13812345678\" } }) { id kind creditCode contact { name phone } } }").path("createTransferee");
        assertThat(t.path("creditCode").asString()).isEqualTo(good);
        assertThat(t.path("contact").path("name").asString()).isEqualTo("王*明");
        assertThat(t.path("contact").path("phone").asString()).isEqualTo("138****5678");
        assertThat(jdbc.queryForObject("SELECT contact_name FROM personal.transferee_contact WHERE transferee_id = ?", String.class, t.path("id").asLong()))
                .isEqualTo("王小明");
        assertThat(jdbc.queryForObject("SELECT after::text FROM security.audit_log WHERE action = 'createTransferee' AND target_id = ?", String.class,
                t.path("id").asString())).doesNotContain("王小明").doesNotContain("13812345678");
    }

    @Test
    void equityNeedsSharesAddingUpToAHundredAndOnlyEquityHasThem() {
        List<Long> p = ContractFixtures.freeParcels(jdbc, county, 1, false);
        long h1 = ContractFixtures.household(jdbc, county, 0);
        long h2 = ContractFixtures.household(jdbc, county, 1);
        String equity = "equity: { dividendRule: FIXED, baseYuan: 1000, shareholders: [{ householdId: \"" + h1 + "\", sharePct: 60 }, { householdId: \"" + h2
                + "\", sharePct: 30 }] }";
        refused(staff, createMutation(ContractFixtures.input(county, transferee, p, h1, "EQUITY", "2027-01-01", "2030-12-31", "GRAIN", equity)),
                "input.equity.shareholders.sharePct", "add up to 90 %");
        refused(staff, createMutation(ContractFixtures.input(county, transferee, p, h1, "LEASE", "2027-01-01", "2030-12-31", "GRAIN", equity.replace("30 }", "40 }"))),
                "input.equity", "EQUITY");
        refused(staff, createMutation(ContractFixtures.input(county, transferee, p, h1, "EQUITY", "2027-01-01", "2030-12-31", "GRAIN", null)), "input.equity");
        refused(staff, createMutation(ContractFixtures.input(county, transferee, p, h1, "EQUITY", "2027-01-01", "2030-12-31", "GRAIN",
                equity.replace("FIXED", "MINIMUM_PLUS_SHARE").replace("30 }", "40 }"))), "input.equity.profitPct");
    }
}
