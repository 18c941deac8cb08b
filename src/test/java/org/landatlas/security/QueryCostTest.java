package org.landatlas.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.StatementCounter;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The cost of an operation (QueryCost) reported in every response, and the cost budget per caller: the aliases and
 * statistics abuse of issue #13 refused before anything reaches the database, a drained budget refused with the
 * seconds to wait, the signed-in with their own bucket, unused pages given back.
 */
class QueryCostTest extends IntegrationTest {

    @Autowired
    QueryCostBudget budget;

    @AfterEach
    void budgetsOff() {
        budget.set(new QueryCostBudget.Budget(1000, 0), new QueryCostBudget.Budget(10000, 0));
    }

    private static long requested(JsonNode r) {
        return r.path("extensions").path("cost").path("requestedQueryCost").asLong(-1);
    }

    private static long actual(JsonNode r) {
        return r.path("extensions").path("cost").path("actualQueryCost").asLong(-1);
    }

    private static String aliases(int n, String field) {
        StringBuilder q = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            q.append(" a").append(i).append(": ").append(field);
        }
        return q.append(" }").toString();
    }

    @Test
    void everyResponseReportsWhatItCosts() {
        // A page is 1 + rows/100, a count 5: 1 + 1 + 5.
        JsonNode count = graphql("{ parcels(first: 100) { totalCount } }");
        assertThat(requested(count)).isEqualTo(7);
        // No rows were asked for: the page costs 1 (2 where the rows were read anyway), the count 5.
        assertThat(actual(count)).isBetween(6L, 7L);
        // 50 rows: 1.5, rounded up.
        JsonNode page = graphql("{ parcels(first: 50) { edges { node { id areaMu } } } }");
        assertThat(requested(page)).isEqualTo(2);
        assertThat(page.path("data").path("parcels").path("edges").size()).isEqualTo(50);
        assertThat(actual(page)).isEqualTo(2);
        // Statistics are declared heavier in the schema (@cost).
        assertThat(requested(graphql("{ landStats(groupBy: [VILLAGE]) { count areaMu } }"))).isEqualTo(40);
        // Aliases count once each; introspection is free.
        assertThat(requested(graphql(aliases(3, "parcels(first: 100) { totalCount }")))).isEqualTo(21);
        assertThat(requested(graphql("{ __schema { types { name fields { name } } } }"))).isZero();
    }

    @Test
    void fragmentsCostWhatTheyExpandTo() {
        String inline = "{ counties { code children { code } } parcels(first: 10) { totalCount edges { node { id } } } }";
        String fragments = "query { ...Q } fragment Q on Query { counties { ...U } parcels(first: 10) { ...C } } "
                + "fragment U on AdminUnit { code children { code } } fragment C on ParcelConnection { totalCount edges { node { id } } }";
        long inlineCost = requested(graphql(inline));
        assertThat(inlineCost).isPositive();
        assertThat(requested(graphql(fragments))).isEqualTo(inlineCost);
        // A fragment spread twice under two aliases costs twice.
        String twice = "query { a: parcels(first: 100) { ...C } b: parcels(first: 100) { ...C } } fragment C on ParcelConnection { totalCount }";
        assertThat(requested(graphql(twice))).isEqualTo(14);
        // Nested lists multiply: each county's townships are one query per county.
        long flat = requested(graphql("{ counties { code } }"));
        long nested = requested(graphql("{ counties { code children { code children { code } } } }"));
        assertThat(nested).isGreaterThan(flat * 10);
    }

    @Test
    void theAbuseOfIssue13IsRefusedBeforeItReachesTheDatabase() {
        budget.set(new QueryCostBudget.Budget(1000, 50), new QueryCostBudget.Budget(10000, 500));
        for (String abuse : new String[] {aliases(500, "parcels(first: 100) { totalCount }"), aliases(100, "landStats(groupBy: [VILLAGE]) { count areaMu }")}) {
            long before = StatementCounter.STATEMENTS.get();
            JsonNode r = graphql(abuse);
            long statements = StatementCounter.STATEMENTS.get() - before;
            assertThat(r.path("data").isMissingNode() || r.path("data").isNull()).as("%s", r).isTrue();
            JsonNode e = r.path("errors").get(0);
            assertThat(e.path("extensions").path("code").asString()).isEqualTo("TOO_COMPLEX");
            assertThat(e.path("message").asString()).contains("more than the 1,000 a single request may cost").contains("without signing in");
            assertThat(requested(r)).isGreaterThan(1000);
            assertThat(statements).as("statements sent for a refused request").isZero();
        }
    }

    @Test
    void aDrainedBudgetIsRefusedWithTheTimeToWaitAndRefills() throws Exception {
        budget.set(new QueryCostBudget.Budget(100, 10), new QueryCostBudget.Budget(1000, 100));
        String stats = "{ landStats(groupBy: [TOWNSHIP]) { count areaMu } }";
        JsonNode first = graphql(stats);
        assertThat(first.path("errors").isMissingNode()).as("%s", first).isTrue();
        assertThat(first.path("extensions").path("cost").path("throttleStatus").path("maximumAvailable").asLong()).isEqualTo(100);
        assertThat(first.path("extensions").path("cost").path("throttleStatus").path("restoreRate").asLong()).isEqualTo(10);
        assertThat(first.path("extensions").path("cost").path("throttleStatus").path("currentlyAvailable").asLong()).isBetween(60L, 70L);
        graphql(stats);
        HttpResponse<String> refused = post(stats);
        JsonNode r = Http.JSON.readTree(refused.body());
        JsonNode e = r.path("errors").get(0);
        assertThat(e.path("extensions").path("code").asString()).isEqualTo("TOO_COMPLEX");
        assertThat(e.path("message").asString()).contains("retry in");
        long wait = e.path("extensions").path("retryAfterSeconds").asLong();
        assertThat(wait).isBetween(1L, 4L);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue(Long.toString(wait));

        // Signed in: a bucket of the account's own, not the address's.
        JsonNode staff = graphqlAs(adminToken(), stats);
        assertThat(staff.path("errors").isMissingNode()).as("%s", staff).isTrue();
        assertThat(staff.path("extensions").path("cost").path("throttleStatus").path("maximumAvailable").asLong()).isEqualTo(1000);

        Thread.sleep(wait * 1000 + 200);
        assertThat(graphql(stats).path("errors").isMissingNode()).isTrue();
    }

    @Test
    void unusedPagesAreGivenBack() {
        budget.set(new QueryCostBudget.Budget(100, 1), new QueryCostBudget.Budget(1000, 1));
        // Asks for 1,000 rows of a village with far fewer parcels: 11 requested, about 1 used.
        JsonNode r = graphql("{ parcels(first: 1000, filter: { adminCode: \"533401104207\" }) { edges { node { id } } } }");
        assertThat(r.path("errors").isMissingNode()).as("%s", r).isTrue();
        assertThat(requested(r)).isEqualTo(11);
        assertThat(actual(r)).isLessThan(11);
        long available = r.path("extensions").path("cost").path("throttleStatus").path("currentlyAvailable").asLong();
        assertThat(available).isGreaterThanOrEqualTo(100 - actual(r));
    }

    private HttpResponse<String> post(String query) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        return Http.post(port, "/graphql", Http.JSON.writeValueAsString(body), "application/json");
    }
}
