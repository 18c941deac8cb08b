package org.landatlas.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.landatlas.LandAtlasApplication;
import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.PostgisTestDatabase;
import org.landatlas.testing.Session;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Two LandAtlas instances on one database, as behind a load balancer (landatlas.limits.store = database): a session
 * made on one is known to the other and ends on both, the anonymous rate limit, the cost budget and the login
 * throttle are one per client across both, and a change of the data evicts the tiles both have cached.
 */
class SharedStateTest extends IntegrationTest {

    @DynamicPropertySource
    static void shared(DynamicPropertyRegistry registry) {
        registry.add("landatlas.limits.store", () -> "database");
    }

    private static ConfigurableApplicationContext other;
    private static int otherPort;

    @Autowired
    RateLimiter limiter;
    @Autowired
    QueryCostBudget budget;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void startTheSecondInstance() {
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        // Command-line arguments: they outrank application.yml (default properties would not).
        other = new SpringApplicationBuilder(LandAtlasApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + (db.password() == null ? "" : db.password()),
                "--landatlas.demo.profile=demo",
                "--landatlas.limits.store=database",
                "--landatlas.security.admin-password=" + ADMIN_PASSWORD,
                "--landatlas.limits.anonymous.graphql-per-second=0",
                "--landatlas.limits.cost.anonymous-per-second=0",
                "--landatlas.limits.cost.signed-in-per-second=0");
        otherPort = Integer.parseInt(other.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stopIt() {
        if (other != null) {
            // The shared buckets outlive the instances: this address's sign-in failures must not lock later runs.
            other.getBean(JdbcTemplate.class).update("DELETE FROM security.rate_bucket");
            other.close();
        }
    }

    @Test
    void aSessionMadeOnOneInstanceIsKnownToTheOtherAndEndsOnBoth() {
        Session a = Session.signIn(port, "admin", ADMIN_PASSWORD);
        String cookie = a.cookie("LANDATLAS_SESSION");
        assertThat(cookie).isNotNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.spring_session", Integer.class)).isPositive();
        // The same cookies sent to the other instance.
        HttpResponse<String> me = Http.post(otherPort, "/graphql", "{\"query\":\"{ me { username role } }\"}", "application/json",
                "Cookie", "LANDATLAS_SESSION=" + cookie + "; XSRF-TOKEN=" + a.cookie("XSRF-TOKEN"), "X-XSRF-TOKEN", a.cookie("XSRF-TOKEN"));
        JsonNode j = Http.JSON.readTree(me.body());
        assertThat(j.path("data").path("me").path("username").asString()).as(me.body()).isEqualTo("admin");
        // Signed out on the first, the session is gone on the second too.
        a.postJson("/auth/logout", Map.of(), true);
        HttpResponse<String> after = Http.post(otherPort, "/graphql", "{\"query\":\"{ me { role } }\"}", "application/json",
                "Cookie", "LANDATLAS_SESSION=" + cookie + "; XSRF-TOKEN=" + a.cookie("XSRF-TOKEN"), "X-XSRF-TOKEN", a.cookie("XSRF-TOKEN"));
        assertThat(Http.JSON.readTree(after.body()).path("data").path("me").path("role").asString()).isEqualTo("PUBLIC");
    }

    @Test
    void theAnonymousRateLimitIsOnePerClientAcrossInstances() {
        RateLimiter otherLimiter = other.getBean(RateLimiter.class);
        RateLimiter.Limit limit = new RateLimiter.Limit(0.1, 4);
        limiter.set("graphql", limit);
        otherLimiter.set("graphql", limit);
        try {
            int served = 0;
            int limited = 0;
            for (int i = 0; i < 8; i++) {
                HttpResponse<String> r = Http.post(i % 2 == 0 ? port : otherPort, "/graphql", "{\"query\":\"{ __typename }\"}", "application/json");
                if (r.statusCode() == 429) {
                    limited++;
                } else {
                    served++;
                }
            }
            // One bucket of 4 for the address, whichever instance answers (two buckets would have served all 8).
            assertThat(served).isEqualTo(4);
            assertThat(limited).isEqualTo(4);
        } finally {
            RateLimiter.Limit off = new RateLimiter.Limit(0, 1);
            limiter.set("graphql", off);
            otherLimiter.set("graphql", off);
        }
    }

    @Test
    void theCostBudgetIsOnePerClientAcrossInstances() {
        QueryCostBudget otherBudget = other.getBean(QueryCostBudget.class);
        QueryCostBudget.Budget small = new QueryCostBudget.Budget(100, 1);
        budget.set(small, new QueryCostBudget.Budget(1000, 1));
        otherBudget.set(small, new QueryCostBudget.Budget(1000, 1));
        try {
            String stats = "{ landStats(groupBy: [COUNTY]) { count } }";
            assertThat(Http.graphql(port, stats, Map.of()).path("errors").isMissingNode()).isTrue();
            assertThat(Http.graphql(otherPort, stats, Map.of()).path("errors").isMissingNode()).isTrue();
            JsonNode third = Http.graphql(port, stats, Map.of());
            assertThat(third.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("TOO_COMPLEX");
            assertThat(Http.graphql(otherPort, stats, Map.of()).path("errors").get(0).path("message").asString()).contains("retry in");
        } finally {
            budget.set(new QueryCostBudget.Budget(1000, 0), new QueryCostBudget.Budget(10000, 0));
            otherBudget.set(new QueryCostBudget.Budget(1000, 0), new QueryCostBudget.Budget(10000, 0));
        }
    }

    @Test
    void failedSignInsOnOneInstanceLockTheNameOnTheOther() {
        // Unknown names are throttled like known ones (the answer must not tell them apart).
        String user = "shared-throttle-" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(new Session(i % 2 == 0 ? port : otherPort).login(user, "wrong-password-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(new Session(otherPort).login(user, "wrong-password-x").statusCode()).isEqualTo(429);
        assertThat(new Session(port).login(user, "wrong-password-y").statusCode()).isEqualTo(429);
    }

    @Test
    void aChangeEvictsTheTilesBothInstancesCached() throws Exception {
        Map<String, Object> p = jdbc.queryForMap("""
                SELECT id, zzsxdm, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM land_parcel
                WHERE county_code = '533401' AND dlbm = '0103' AND zzsxdm = 'LS' ORDER BY id LIMIT 1""");
        int[] t = tileOf(((Number) p.get("lon")).doubleValue(), ((Number) p.get("lat")).doubleValue(), 15);
        String path = "/tiles/parcels/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt";
        byte[] beforeA = Http.get(port, path).body();
        byte[] beforeB = Http.get(otherPort, path).body();
        assertThat(beforeA).isEqualTo(beforeB);
        jdbc.update("UPDATE land_parcel SET zzsxdm = 'XG' WHERE id = ?", p.get("id"));
        try {
            byte[] afterA = null;
            byte[] afterB = null;
            for (int i = 0; i < 50; i++) {
                afterA = Http.get(port, path).body();
                afterB = Http.get(otherPort, path).body();
                if (!Arrays.equals(afterA, beforeA) && !Arrays.equals(afterB, beforeB)) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(afterA).as("instance A's tile after the change").isNotEqualTo(beforeA);
            assertThat(afterB).as("instance B's tile after the change").isNotEqualTo(beforeB).isEqualTo(afterA);
        } finally {
            jdbc.update("UPDATE land_parcel SET zzsxdm = 'LS' WHERE id = ?", p.get("id"));
        }
    }

    private static int[] tileOf(double lon, double lat, int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        int y = (int) Math.floor((1 - Math.log(Math.tan(Math.toRadians(lat)) + 1 / Math.cos(Math.toRadians(lat))) / Math.PI) / 2 * n);
        return new int[] {z, x, y};
    }
}
