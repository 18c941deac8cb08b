package org.landatlas.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Equity (入股): shareholders and dividends from the rule; mortgages (经营权抵押): registered, in the parcel's history, blocking termination until released. */
class EquityMortgageTest extends ContractTestBase {

    @BeforeEach
    void setUp() {
        setUpCounty();
    }

    @Test
    void dividendsFollowTheRuleAndTheShares() {
        List<Long> p = ContractFixtures.freeParcels(jdbc, county, 1, false);
        long h1 = ContractFixtures.household(jdbc, county, 0);
        long h2 = ContractFixtures.household(jdbc, county, 1);
        String village = jdbc.queryForObject("SELECT village_code FROM land_parcel WHERE id = ?", String.class, p.get(0));
        String equity = "equity: { dividendRule: MINIMUM_PLUS_SHARE, baseYuan: 10000, profitPct: 20, shareholders: [{ householdId: \"" + h1
                + "\", sharePct: 50 }, { householdId: \"" + h2 + "\", sharePct: 30 }, { collectiveVillageCode: \"" + village + "\", sharePct: 20 }] }";
        String id = ok(staff, "mutation { createContract(input: " + ContractFixtures.input(county, transferee, p, h1, "EQUITY", "2027-01-01", "2036-12-31", "GRAIN",
                equity) + ") { id dividendRule shareholders { householdNo name collectiveVillageCode sharePct } } }").path("createContract").path("id").asString();
        refused(staff, "mutation { recordDividend(contractId: \"" + id + "\", year: 2027, declaredProfitYuan: 50000) { id } }", "contractId", "DRAFT");
        ok(staff, "mutation { signContract(id: \"" + id + "\") { status } }");
        JsonNode d = ok(staff, "mutation { recordDividend(contractId: \"" + id + "\", year: 2027, declaredProfitYuan: 50000, paidOn: \"2028-01-15\") "
                + "{ year totalYuan shares { sharePct amountYuan } } }").path("recordDividend");
        // 10 000 guaranteed + 20 % of 50 000 = 20 000, split 50 / 30 / 20.
        assertThat(d.path("totalYuan").asDouble()).isEqualTo(20000.0);
        assertThat(d.path("shares").valueStream().map(s -> s.path("amountYuan").asDouble()).toList()).containsExactly(10000.0, 6000.0, 4000.0);
        refused(staff, "mutation { recordDividend(contractId: \"" + id + "\", year: 2027, declaredProfitYuan: 1) { id } }", "year", "recorded already");
        refused(staff, "mutation { recordDividend(contractId: \"" + id + "\", year: 2040, declaredProfitYuan: 1) { id } }", "year", "2027–2036");
        refused(staff, "mutation { recordDividend(contractId: \"" + id + "\", year: 2028) { id } }", "declaredProfitYuan");
        // A loss pays the guaranteed minimum.
        assertThat(ok(staff, "mutation { recordDividend(contractId: \"" + id + "\", year: 2028, declaredProfitYuan: -5000) { totalYuan } }")
                .path("recordDividend").path("totalYuan").asDouble()).isEqualTo(10000.0);
        JsonNode c = graphqlAs(staff, "{ circulationContract(id: \"" + id + "\") { shareholders { name householdNo sharePct } dividends { year totalYuan } } }")
                .path("data").path("circulationContract");
        assertThat(c.path("dividends").size()).isEqualTo(2);
        assertThat(c.path("shareholders").get(0).path("name").asString()).contains("*");
        // A lease has no dividends.
        String lease = create(input(ContractFixtures.freeParcels(jdbc, county, 1, false), "2027-01-01", "2030-12-31", "GRAIN", null)).path("id").asString();
        refused(staff, "mutation { recordDividend(contractId: \"" + lease + "\", year: 2027, declaredProfitYuan: 1) { id } }", "contractId", "not an equity");
    }

    @Test
    void aMortgagedContractIsNotTerminatedUntilReleasedAndShowsInTheParcelsHistory() {
        List<Long> p = ContractFixtures.freeParcels(jdbc, county, 1, false);
        String id = create(input(p, "2027-01-01", "2036-12-31", "GRAIN", "registered: true")).path("id").asString();
        String mortgage = "input: { lender: \"农村信用社\", amountYuan: 300000, termStart: \"2027-06-01\", termEnd: \"2030-05-31\", registeredOn: \"2027-06-01\" }";
        refused(staff, "mutation { registerMortgage(contractId: \"" + id + "\", " + mortgage + ") { id } }", "contractId", "FILED or ACTIVE");
        activate(id);
        refused(staff, "mutation { registerMortgage(contractId: \"" + id + "\", " + mortgage.replace("2030-05-31", "2037-01-01") + ") { id } }",
                "input.termEnd", "after the management right");
        JsonNode m = ok(staff, "mutation { registerMortgage(contractId: \"" + id + "\", " + mortgage + ") { id lender releasedOn } }").path("registerMortgage");
        assertThat(m.path("releasedOn").isNull()).isTrue();
        String mid = m.path("id").asString();
        refused(staff, "mutation { terminateContract(id: \"" + id + "\", reason: \"违约\") { status } }", "id", "under mortgage " + mid, "农村信用社",
                "release the mortgage");
        JsonNode h = graphqlAs(staff, "{ parcelCirculationHistory(parcelId: \"" + p.get(0) + "\") { contracts { id status mortgaged } mortgages { id contractId lender amountYuan } } }")
                .path("data").path("parcelCirculationHistory");
        assertThat(h.path("contracts").valueStream().map(c -> c.path("id").asString()).toList()).contains(id);
        assertThat(h.path("mortgages").valueStream().map(x -> x.path("id").asString()).toList()).containsExactly(mid);
        assertThat(h.path("contracts").valueStream().filter(c -> c.path("id").asString().equals(id)).findFirst().orElseThrow().path("mortgaged").asBoolean()).isTrue();
        // Staff of another county see nothing of it; the public is refused.
        String elsewhere = jdbc.queryForObject("SELECT county_code FROM land_parcel WHERE county_code <> ? LIMIT 1", String.class, county);
        assertThat(graphqlAs(staffToken(elsewhere), "{ parcelCirculationHistory(parcelId: \"" + p.get(0) + "\") { contracts { id } mortgages { id } } }")
                .path("data").path("parcelCirculationHistory").path("mortgages").size()).isZero();
        assertThat(graphql("{ parcelCirculationHistory(parcelId: \"" + p.get(0) + "\") { parcelId } }").path("errors").get(0).path("extensions").path("code")
                .asString()).isEqualTo("FORBIDDEN");
        refused(staff, "mutation { releaseMortgage(id: \"" + mid + "\", releasedOn: \"2027-01-01\") { id } }", "releasedOn", "before it was registered");
        assertThat(ok(staff, "mutation { releaseMortgage(id: \"" + mid + "\", releasedOn: \"2029-12-31\", reason: \"贷款还清\") { releasedOn } }")
                .path("releaseMortgage").path("releasedOn").asString()).isEqualTo("2029-12-31");
        refused(staff, "mutation { releaseMortgage(id: \"" + mid + "\") { id } }", "id", "released on 2029-12-31 already");
        JsonNode t = ok(staff, "mutation { terminateContract(id: \"" + id + "\", reason: \"违约\") { " + FIELDS + " } }").path("terminateContract");
        assertThat(t.path("status").asString()).isEqualTo("TERMINATED");
        parcelsAre(t, "NONE");
    }
}
