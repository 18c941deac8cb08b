package org.landatlas.testing;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that run the application against real PostGIS with the demo counties loaded (the first run
 * loads them; later runs find them loaded). Subclasses share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(StatementCounter.class)
public abstract class IntegrationTest {

    protected static final String ADMIN_PASSWORD = "Test-root-pw-2026!";

    @org.springframework.beans.factory.annotation.Value("${local.server.port}")
    protected int port;

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.jdbc.core.JdbcTemplate accountsJdbc;

    private static String adminToken;

    /** A GraphQL request as the given API token. */
    protected tools.jackson.databind.JsonNode graphqlAs(String token, String query) {
        return Http.graphql(port, query, java.util.Map.of(), "Authorization", "Bearer " + token);
    }

    protected tools.jackson.databind.JsonNode graphqlAs(String token, String query, java.util.Map<String, Object> variables) {
        return Http.graphql(port, query, variables, "Authorization", "Bearer " + token);
    }

    /** An API token of the test administrator, made once per test run through the API itself (sign-in, then createApiToken). */
    protected synchronized String adminToken() {
        if (adminToken == null) {
            Session s = Session.signIn(port, "admin", ADMIN_PASSWORD);
            String adminId = s.graphql("{ me { username } accounts { id username } }").path("data").path("accounts").valueStream()
                    .filter(a -> a.path("username").asString().equals("admin")).findFirst().orElseThrow().path("id").asString();
            adminToken = s.graphql("mutation { createApiToken(accountId: \"" + adminId + "\", name: \"tests\") { secret } }")
                    .path("data").path("createApiToken").path("secret").asString();
        }
        return adminToken;
    }

    private static final java.util.Map<String, String> staffTokens = new java.util.HashMap<>();

    /** An API token of a staff account of {@code county} (no personal-data permission), made once per run through the API. */
    protected synchronized String staffToken(String county) {
        return staffTokens.computeIfAbsent(county, c -> {
            String name = "staff-" + c + "-" + Long.toString(System.nanoTime(), 36);
            String id = graphqlAs(adminToken(), "mutation { createAccount(input: { username: \"" + name + "\", role: STAFF, counties: [\"" + c + "\"] }) { id } }")
                    .path("data").path("createAccount").path("id").asString();
            return graphqlAs(adminToken(), "mutation { createApiToken(accountId: \"" + id + "\", name: \"tests\") { secret } }")
                    .path("data").path("createApiToken").path("secret").asString();
        });
    }

    /** POSTs a GraphQL query (variables optional) and returns the whole response body as JSON. */
    protected tools.jackson.databind.JsonNode graphql(String query, java.util.Map<String, Object> variables) {
        return Http.graphql(port, query, variables);
    }

    protected tools.jackson.databind.JsonNode graphql(String query) {
        return Http.graphql(port, query, java.util.Map.of());
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("landatlas.demo.profile", () -> "demo");
        // Tests check whole counties in single statements; the API's 15 s timeout is for requests.
        registry.add("spring.datasource.hikari.connection-init-sql", () -> "SET statement_timeout = '120s'");
        // Spring keeps each distinct test context (and its pool) alive for reuse; Hikari's default keeps every
        // pool full (minimum-idle = maximum), so a dozen cached contexts held the cluster's 120 connections and
        // ogr2ogr, which opens its own, was refused. Idle pools shrink to one connection here.
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
        // The first administrator, and no anonymous rate limits (tests drive the API hard from one address;
        // SecurityTest turns the limits on for its own checks).
        registry.add("landatlas.security.admin-password", () -> ADMIN_PASSWORD);
        registry.add("landatlas.limits.anonymous.graphql-per-second", () -> "0");
        registry.add("landatlas.limits.anonymous.tiles-per-second", () -> "0");
        registry.add("landatlas.limits.anonymous.other-per-second", () -> "0");
        registry.add("landatlas.limits.cost.anonymous-per-second", () -> "0");
        registry.add("landatlas.limits.cost.signed-in-per-second", () -> "0");
        registry.add("landatlas.limits.token-lookups-per-second", () -> "0");
    }
}
