package org.landatlas.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** villageHouseholds: the contract form's transferor picker — staff of the county only, masked without the personal-data permission. */
class VillageHouseholdsTest extends ContractTestBase {

    long household;
    String village;
    String householdNo;
    String head;

    @BeforeEach
    void setUp() {
        setUpCounty();
        household = ContractFixtures.household(jdbc, county, 0);
        village = jdbc.queryForObject("SELECT village_code FROM household WHERE id = ?", String.class, household);
        householdNo = jdbc.queryForObject("SELECT household_no FROM household WHERE id = ?", String.class, household);
        head = jdbc.queryForObject("SELECT head_name FROM personal.household_identity WHERE household_id = ?", String.class, household);
    }

    private String query(String village, String search) {
        return "{ villageHouseholds(villageCode: \"" + village + "\"" + (search == null ? "" : ", search: \"" + search + "\"")
                + ", first: 200) { id householdNo members headName idNumber phone masked } }";
    }

    private JsonNode mine(JsonNode list) {
        for (JsonNode h : list) {
            if (h.path("id").asString().equals(String.valueOf(household))) {
                return h;
            }
        }
        return null;
    }

    @Test
    void staffOfTheCountySeeMaskedNamesWithoutThePermissionAndFullOnesWithIt() {
        JsonNode r = graphqlAs(staff, query(village, householdNo));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        JsonNode list = r.path("data").path("villageHouseholds");
        JsonNode h = mine(list);
        assertThat(h).as(list.toString()).isNotNull();
        assertThat(h.path("householdNo").asString()).isEqualTo(householdNo);
        assertThat(h.path("members").asInt()).isPositive();
        assertThat(h.path("masked").asBoolean()).isTrue();
        assertThat(h.path("headName").asString()).contains("*").isNotEqualTo(head);
        assertThat(r.toString()).doesNotContain(head.length() > 1 ? head : "\u0000");
        // Every household of the answer is of the village, and the search narrows by household number.
        list.forEach(x -> assertThat(x.path("householdNo").asString()).contains(householdNo));
        int all = graphqlAs(staff, query(village, null)).path("data").path("villageHouseholds").size();
        assertThat(all).isGreaterThanOrEqualTo(list.size());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM household WHERE village_code = ?", Integer.class, village)).isGreaterThanOrEqualTo(all);

        String name = "pdh-" + Long.toString(System.nanoTime(), 36);
        String account = graphqlAs(adminToken(), "mutation { createAccount(input: { username: \"" + name + "\", role: STAFF, counties: [\"" + county
                + "\"], personalData: true }) { id } }").path("data").path("createAccount").path("id").asString();
        String permitted = graphqlAs(adminToken(), "mutation { createApiToken(accountId: \"" + account + "\", name: \"t\") { secret } }")
                .path("data").path("createApiToken").path("secret").asString();
        JsonNode full = mine(graphqlAs(permitted, query(village, householdNo)).path("data").path("villageHouseholds"));
        assertThat(full.path("headName").asString()).isEqualTo(head);
        assertThat(full.path("masked").asBoolean()).isFalse();
    }

    @Test
    void thePublicAndOtherCountiesStaffAreRefusedAndABadVillageCodeNamesTheArgument() {
        JsonNode pub = graphql(query(village, null));
        assertThat(pub.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(pub.toString()).doesNotContain(householdNo);
        String elsewhere = jdbc.queryForObject("SELECT county_code FROM land_parcel WHERE county_code <> ? LIMIT 1", String.class, county);
        JsonNode other = graphqlAs(staffToken(elsewhere), query(village, null));
        assertThat(other.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(other.toString()).doesNotContain(householdNo);
        for (String bad : new String[] {"12345", county + "99999x", county + "999999"}) {
            JsonNode e = graphqlAs(staff, query(bad, null)).path("errors").get(0);
            assertThat(e.path("extensions").path("code").asString()).as(e.toString()).isEqualTo("BAD_USER_INPUT");
            assertThat(e.path("extensions").path("argument").asString()).as(e.toString()).isEqualTo("villageCode");
        }
    }
}
