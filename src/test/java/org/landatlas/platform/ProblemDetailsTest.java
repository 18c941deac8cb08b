package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.Session;
import org.landatlas.security.RateLimiter;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every error outside GraphQL is an RFC 9457 problem detail with a code, whether a controller, Spring MVC itself
 * or a security filter refused the request; statuses and headers are those the API always had.
 */
class ProblemDetailsTest extends IntegrationTest {

    @Autowired
    RateLimiter limiter;

    private HttpResponse<String> send(String method, String path, String... headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The problem of an answer, after checking what every problem has. */
    private static JsonNode problem(HttpResponse<String> r, int status, String code, String path) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = Http.JSON.readTree(r.body());
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("title").asString()).isNotBlank();
        assertThat(p.path("detail").asString()).isNotBlank().doesNotContain("Exception");
        assertThat(p.path("code").asString()).isEqualTo(code);
        assertThat(p.path("instance").asString()).isEqualTo(path);
        return p;
    }

    @Test
    void refusedTileRequestsNameTheArgument() {
        JsonNode p = problem(send("GET", "/tiles/parcels/14/99999/1.mvt", "Accept", "application/vnd.mapbox-vector-tile"), 400,
                "BAD_USER_INPUT", "/tiles/parcels/14/99999/1.mvt");
        assertThat(p.path("title").asString()).isEqualTo("Bad Request");
        assertThat(p.path("detail").asString()).isEqualTo("x: x 99999 is outside 0–16383 at zoom 14");
        assertThat(p.path("argument").asString()).isEqualTo("x");
        assertThat(problem(send("GET", "/tiles/nope.json"), 400, "BAD_USER_INPUT", "/tiles/nope.json").path("argument").asString())
                .isEqualTo("layer");
    }

    @Test
    void springsOwnErrorsAreProblemsToo() {
        problem(send("GET", "/no/such/path"), 404, "NOT_FOUND", "/no/such/path");
        HttpResponse<String> wrongMethod = send("DELETE", "/tiles");
        problem(wrongMethod, 405, "BAD_USER_INPUT", "/tiles");
        assertThat(wrongMethod.headers().firstValue("Allow").orElse("")).contains("GET");
    }

    @Test
    void signInRefusalsAreProblems() {
        Session s = new Session(port);
        HttpRequest.Builder notJson = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{not json"));
        JsonNode p = problem(s.send(notJson, true), 400, "BAD_USER_INPUT", "/auth/login");
        assertThat(p.path("detail").asString()).isEqualTo("the body must be a JSON object");
        JsonNode missing = problem(s.postJson("/auth/login", Map.of("username", "somebody"), true), 400, "BAD_USER_INPUT", "/auth/login");
        assertThat(missing.path("argument").asString()).isEqualTo("password");
        JsonNode wrong = problem(s.postJson("/auth/login", Map.of("username", "nobody-" + System.nanoTime(), "password", "wrong-password"), true),
                401, "UNAUTHENTICATED", "/auth/login");
        assertThat(wrong.path("detail").asString()).isEqualTo("wrong user name or password");
        problem(s.postJson("/auth/setup", Map.of("token", "x"), true), 409, "FORBIDDEN", "/auth/setup");
    }

    @Test
    void filtersWriteTheSameProblems() {
        // CSRF (Spring Security's access-denied handler).
        JsonNode csrf = problem(new Session(port).postJson("/auth/login", Map.of("username", "a", "password", "b"), false), 403, "FORBIDDEN",
                "/auth/login");
        assertThat(csrf.path("detail").asString()).contains("CSRF");
        // A bad bearer token (ViewerFilter): 401 with WWW-Authenticate as before.
        HttpResponse<String> badToken = Http.post(port, "/graphql", "{\"query\":\"{ __typename }\"}", "application/json",
                "Authorization", "Bearer la_" + "A".repeat(43));
        JsonNode unauthenticated = problem(badToken, 401, "UNAUTHENTICATED", "/graphql");
        assertThat(unauthenticated.path("detail").asString()).contains("unknown, revoked or expired");
        assertThat(badToken.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer error=\"invalid_token\"");
        // Anonymous rate limit (ViewerFilter): 429 with Retry-After as before.
        JsonNode fromController = Http.JSON.readTree(send("GET", "/tiles/nope.json").body());
        RateLimiter.Limit before = limiter.get("tiles");
        limiter.set("tiles", new RateLimiter.Limit(0.01, 1));
        try {
            send("GET", "/tiles/parcels.json");
            HttpResponse<String> limited = send("GET", "/tiles/parcels.json");
            JsonNode tooMany = problem(limited, 429, "TOO_MANY_REQUESTS", "/tiles/parcels.json");
            assertThat(tooMany.path("detail").asString()).contains("retry after");
            assertThat(limited.headers().firstValue("Retry-After").orElse("")).matches("\\d+");
            // The same members as the problems that controllers answer with ("type" is left out: about:blank).
            List<String> members = List.of("title", "status", "detail", "instance", "code");
            assertThat(tooMany.propertyNames()).containsExactlyInAnyOrderElementsOf(members);
            assertThat(fromController.propertyNames()).containsExactlyInAnyOrderElementsOf(List.of("title", "status", "detail", "instance", "code", "argument"));
        } finally {
            limiter.set("tiles", before);
        }
    }
}
