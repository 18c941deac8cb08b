package org.landatlas.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.landatlas.parcel.ParcelCirculationStatuses;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** What the contract tests share: the county, its staff, and calls that assert success or the refusal's field and reason. */
abstract class ContractTestBase extends IntegrationTest {

    static final String FIELDS = "id version status mode areaMu termStart termEnd registered supervision use filingNo signedOn mortgaged "
            + "parcels { id circulationStatus } history { fromStatus toStatus reason changedBy }";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ParcelCirculationStatuses statuses;

    String county;
    String staff;
    long transferee;

    void setUpCounty() {
        county = jdbc.queryForObject("SELECT county_code FROM land_parcel GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1", String.class);
        staff = staffToken(county);
        transferee = ContractFixtures.transferee(jdbc, county, "测试种粮大户-" + getClass().getSimpleName());
    }

    /** A mutation that must succeed; answers its data, and checks that every parcel's stored status is the derived one. */
    JsonNode ok(String token, String mutation) {
        JsonNode r = graphqlAs(token, mutation);
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        assertThat(statuses.mismatches(county)).as("parcels whose status is not the derived one").isZero();
        return r.path("data");
    }

    /** A mutation that must be refused naming the field and saying why; nothing changes. */
    JsonNode refused(String token, String mutation, String field, String... reason) {
        JsonNode r = graphqlAs(token, mutation);
        assertThat(r.path("errors").isMissingNode()).as("refused: " + mutation).isFalse();
        JsonNode e = r.path("errors").get(0);
        assertThat(e.path("extensions").path("argument").asString() + " " + e.path("message").asString()).as(r.toString()).contains(field);
        for (String s : reason) {
            assertThat(e.path("message").asString()).as(r.toString()).contains(s);
        }
        assertThat(statuses.mismatches(county)).isZero();
        return e;
    }

    JsonNode create(String input) {
        return ok(staff, "mutation { createContract(input: " + input + ") { " + FIELDS + " } }").path("createContract");
    }

    String input(List<Long> parcels, String start, String end, String use, String extra) {
        return ContractFixtures.input(county, transferee, parcels, ContractFixtures.household(jdbc, county, 0), "LEASE", start, end, use, extra);
    }

    /** Signs, files and activates a draft; answers the active contract. */
    JsonNode activate(String id) {
        ok(staff, "mutation { signContract(id: \"" + id + "\") { status } }");
        ok(staff, "mutation { fileContract(id: \"" + id + "\", filingNo: \"BA-" + id + "-" + System.nanoTime() + "\") { status } }");
        return ok(staff, "mutation { activateContract(id: \"" + id + "\") { " + FIELDS + " } }");
    }

    static void parcelsAre(JsonNode contract, String status) {
        assertThat(contract.path("parcels").size()).isPositive();
        contract.path("parcels").forEach(p -> assertThat(p.path("circulationStatus").asString()).as(contract.toString()).isEqualTo(status));
    }
}
