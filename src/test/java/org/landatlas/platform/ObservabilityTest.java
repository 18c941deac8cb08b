package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;

/**
 * /actuator/prometheus is for administrators only and carries the service's own figures (request histograms, pool
 * usage, tile cache, refusals); every response names its request id, the caller's when it sent a plain one.
 */
class ObservabilityTest extends IntegrationTest {

    @Test
    void metricsAreForAdministratorsOnly() {
        assertThat(Http.get(port, "/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(Http.get(port, "/actuator/prometheus", "Authorization", "Bearer " + staffToken("533401")).statusCode()).isEqualTo(403);
        assertThat(Http.get(port, "/actuator/metrics", "Authorization", "Bearer " + staffToken("533401")).statusCode()).isIn(403, 404);
        // Health stays public (load balancers).
        assertThat(Http.get(port, "/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void thePrometheusPageHasTheRequestHistogramsPoolsAndTileCache() {
        graphql("{ parcels(first: 1) { edges { node { id } } } }");
        Http.get(port, "/tiles/parcels/10/800/420.mvt");
        HttpResponse<byte[]> r = Http.get(port, "/actuator/prometheus", "Authorization", "Bearer " + adminToken());
        assertThat(r.statusCode()).isEqualTo(200);
        String page = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page)
                .contains("landatlas_http_requests_seconds_bucket{application=\"landatlas\",kind=\"graphql\",outcome=\"SUCCESS\"")
                .contains("landatlas_http_requests_seconds_count{application=\"landatlas\",kind=\"tile\"")
                .contains("hikaricp_connections_active{application=\"landatlas\",pool=\"primary\"}")
                .contains("cache_gets_total{application=\"landatlas\",cache=\"tiles\"")
                // No replica configured: no replica pool, no lag gauge.
                .doesNotContain("pool=\"replica\"").doesNotContain("landatlas_db_replica_lag");
    }

    @Test
    void everyResponseNamesItsRequestId() {
        HttpResponse<byte[]> mine = Http.get(port, "/actuator/health", "X-Request-Id", "lb-7f3a.42");
        assertThat(mine.headers().firstValue("X-Request-Id")).hasValue("lb-7f3a.42");
        HttpResponse<byte[]> made = Http.get(port, "/actuator/health");
        assertThat(made.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{16}"));
        // An id that could forge log lines is replaced.
        HttpResponse<byte[]> forged = Http.get(port, "/actuator/health", "X-Request-Id", "x y");
        assertThat(forged.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{16}"));
    }
}
