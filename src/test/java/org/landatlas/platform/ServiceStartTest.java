package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import org.landatlas.testing.IntegrationTest;

/** The service starts against the real database and reports itself healthy. */
class ServiceStartTest extends IntegrationTest {

    @Value("${local.server.port}")
    int port;

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUpWithTheDatabase() throws Exception {
        HttpResponse<String> r = get("/actuator/health", "Authorization", "Bearer " + adminToken());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"").contains("\"db\"").contains("PostgreSQL").contains("checkedAgoMs");
    }

    @Test
    void thePublicSeesTheHealthStatusOnly() throws Exception {
        HttpResponse<String> r = get("/actuator/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("path").doesNotContain("PostgreSQL");
        HttpResponse<String> staff = get("/actuator/health", "Authorization", "Bearer " + adminToken());
        assertThat(staff.body()).contains("\"diskSpace\"").contains("\"path\"");
    }

    @Test
    void infoNamesTheService() throws Exception {
        assertThat(get("/actuator/info").body()).contains("\"landatlas\"");
    }
}
