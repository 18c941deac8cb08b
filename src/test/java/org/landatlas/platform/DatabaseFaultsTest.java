package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.landatlas.security.AnonymousBulkhead;
import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Fail fast on an exhausted pool: a tiny pool (4 connections, 2 of them beyond anonymous reach, 1 s
 * connection-timeout). An anonymous request that finds no connection is answered UNAVAILABLE within the timeout
 * instead of hanging; health (its own pool) and signed-in staff still answer while the public holds its share.
 */
@TestPropertySource(properties = {
        "spring.datasource.hikari.maximum-pool-size=4",
        "landatlas.db.staff-reserve=2",
        "spring.datasource.hikari.connection-timeout=1000",
        "landatlas.db.retry-after-seconds=5"})
class DatabaseFaultsTest extends IntegrationTest {

    /** Slow anonymous requests, only in this test: each holds a pool connection while the database sleeps. */
    @TestConfiguration
    @RestController
    static class SlowEndpoint {
        @Autowired
        JdbcTemplate jdbc;

        @GetMapping("/exchange/test-sleep")
        String sleep(@RequestParam double seconds) {
            jdbc.queryForObject("SELECT pg_sleep(?)", Object.class, seconds);
            return "slept";
        }
    }

    /** Fails fast: the timeout and a margin for a machine shared with other work. */
    private static final long FAST_MS = 1000 + 1500;

    @Autowired
    DataSource dataSource;

    @Autowired
    AnonymousBulkhead bulkhead;

    private HttpResponse<String> get(String path, String... headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unavailableProblem(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = Http.JSON.readTree(r.body());
        assertThat(p.path("code").asString()).isEqualTo("UNAVAILABLE");
        assertThat(p.path("status").asInt()).isEqualTo(503);
        assertThat(p.path("detail").asString()).contains("retry in 5 s").doesNotContain("Exception");
    }

    @Test
    void connectionFailuresAreToldFromOtherErrors() {
        assertThat(DatabaseFaults.isConnectionFailure(new CannotGetJdbcConnectionException("x", new SQLException("refused", "08001")))).isTrue();
        assertThat(DatabaseFaults.isConnectionFailure(new RuntimeException(new SQLTransientConnectionException("pool timeout")))).isTrue();
        assertThat(DatabaseFaults.isConnectionFailure(new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
        assertThat(DatabaseFaults.isConnectionFailure(new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE))).isTrue();
        assertThat(DatabaseFaults.isConnectionFailure(new SQLException("the database system is starting up", "57P03"))).isTrue();
        // A statement timeout (57014), a broken rule (23505) and plain bugs are not outages.
        assertThat(DatabaseFaults.isConnectionFailure(new PSQLException("canceling statement due to statement timeout", PSQLState.QUERY_CANCELED))).isFalse();
        assertThat(DatabaseFaults.isConnectionFailure(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseFaults.isConnectionFailure(new IllegalStateException("connection refused"))).isFalse();
    }

    @Test
    void anExhaustedPoolFailsFastWhileHealthAnswers() throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(dataSource.getConnection());
            }
            long t0 = System.nanoTime();
            JsonNode r = graphql("{ parcels(first: 3) { totalCount } }");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            JsonNode error = r.path("errors").path(0);
            assertThat(error.path("extensions").path("code").asString()).as(r.toString()).isEqualTo("UNAVAILABLE");
            assertThat(error.path("extensions").path("retryAfterSeconds").asInt()).isEqualTo(5);
            assertThat(error.path("message").asString()).isEqualTo("the database is unavailable; retry in 5 s");
            assertThat(ms).as("GraphQL answered in %d ms", ms).isGreaterThanOrEqualTo(900).isLessThan(FAST_MS);

            t0 = System.nanoTime();
            unavailableProblem(get("/ogc/collections/parcels/items?limit=1"));
            ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("OGC API answered in %d ms", ms).isLessThan(FAST_MS);

            // The public sees the status only; it is UP because the database check has a pool of its own.
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(Http.JSON.readTree(health.body()).path("status").asString()).isEqualTo("UP");
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        // The pool serves again at once.
        assertThat(graphql("{ parcels(first: 3) { totalCount } }").path("errors").isMissingNode()).isTrue();
    }

    @Test
    void staffAndHealthAnswerWhileThePublicHoldsItsShare() throws Exception {
        String admin = adminToken();
        assertThat(bulkhead.size()).isEqualTo(2);
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            slow.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/exchange/test-sleep?seconds=4")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.currentTimeMillis() + 3000;
        while (bulkhead.available() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(bulkhead.available()).as("the slow anonymous requests hold every anonymous place").isZero();

        long t0 = System.nanoTime();
        HttpResponse<String> refused = Http.post(port, "/graphql", "{\"query\": \"{ parcels(first: 3) { totalCount } }\"}", "application/json");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        unavailableProblem(refused);
        assertThat(ms).as("anonymous request refused in %d ms", ms).isLessThan(FAST_MS);

        t0 = System.nanoTime();
        JsonNode staff = graphqlAs(admin, "{ parcels(first: 3) { totalCount } }");
        ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(staff.path("errors").isMissingNode()).as(staff.toString()).isTrue();
        assertThat(staff.path("data").path("parcels").path("totalCount").asLong()).isPositive();
        assertThat(ms).as("staff answered in %d ms", ms).isLessThan(FAST_MS);

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);

        for (CompletableFuture<HttpResponse<String>> f : slow) {
            assertThat(f.get().statusCode()).isEqualTo(200);
        }
        // A place is given back once the response has gone out: give the filters a moment.
        long until = System.currentTimeMillis() + 2000;
        while (bulkhead.available() < 2 && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertThat(bulkhead.available()).isEqualTo(2);
    }
}
