package org.landatlas;

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

    @org.springframework.beans.factory.annotation.Value("${local.server.port}")
    protected int port;

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
    }
}
