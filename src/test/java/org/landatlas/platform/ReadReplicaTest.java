package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.PostgisTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The service against the private cluster and a real streaming replica of it (scripts/postgis-cluster.sh replica,
 * pg_basebackup -R): queries and tiles are served by the replica, mutations and the writer's next reads by the
 * primary, and a replica that is stopped or lags beyond the bound is bypassed until it has recovered.
 */
class ReadReplicaTest extends IntegrationTest {

    private static final Path ROOT = PostgisTestDatabase.projectRoot();
    private static final String SCRIPT = ROOT.resolve("scripts/postgis-cluster.sh").toString();
    private static final String QUERY = "{ parcels(first: 3) { edges { node { id } } } }";
    private static String replicaUrl;

    @Autowired
    ReadRouting routing;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void startTheReplica() throws IOException {
        assumeTrue(onPrivateCluster(), "the tests run on another PostgreSQL than the private cluster: the replica test needs "
                + "scripts/postgis-cluster.sh to make a standby of it (pg_basebackup)");
        run(SCRIPT, "replica", "start");
        replicaUrl = envOf(run(SCRIPT, "replica", "env", "landatlas_test")).get("LANDATLAS_DB_REPLICA_URL");
    }

    @AfterAll
    static void resumeReplay() throws Exception {
        if (replicaUrl != null) {
            run(SCRIPT, "replica", "start");
            replica("SELECT pg_wal_replay_resume()");
        }
    }

    @DynamicPropertySource
    static void replicaProperties(DynamicPropertyRegistry registry) {
        registry.add("landatlas.db.replica.url", () -> replicaUrl);
        registry.add("landatlas.db.replica.max-lag", () -> "2s");
        registry.add("landatlas.db.replica.check-interval", () -> "200ms");
        registry.add("landatlas.db.replica.read-your-writes", () -> "3s");
        registry.add("landatlas.db.replica.connection-timeout", () -> "1s");
    }

    @Test
    void queriesAndTilesAreServedByTheReplica() {
        awaitState("in use");
        double before = served("replica");
        JsonNode r = graphql(QUERY);
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        assertThat(r.path("data").path("parcels").path("edges").size()).isEqualTo(3);
        assertThat(served("replica")).isGreaterThan(before);

        // The connection a routed read gets is the standby's, the others the primary's.
        assertThat(routing.read(null, () -> jdbc.queryForObject("SELECT pg_is_in_recovery()", Boolean.class))).isTrue();
        assertThat(jdbc.queryForObject("SELECT pg_is_in_recovery()", Boolean.class)).isFalse();

        // An uncached tile: the zoom-17 tile of a random parcel.
        before = served("replica");
        double[] p = jdbc.queryForObject("SELECT ST_X(c), ST_Y(c) FROM (SELECT ST_PointOnSurface(geom) AS c FROM land_parcel ORDER BY random() LIMIT 1) s",
                (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)});
        int n = 1 << 17;
        int x = (int) Math.floor((p[0] + 180) / 360 * n);
        double lat = Math.toRadians(p[1]);
        int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n);
        var tile = Http.get(port, "/tiles/parcels/17/" + x + "/" + y + ".mvt");
        assertThat(tile.statusCode()).isEqualTo(200);
        assertThat(tile.body().length).isPositive();
        assertThat(served("replica")).isGreaterThan(before);

        // Both pools and the lag are on the metrics page.
        String page = new String(Http.get(port, "/actuator/prometheus", "Authorization", "Bearer " + adminToken()).body(), StandardCharsets.UTF_8);
        assertThat(page).contains("hikaricp_connections_active{application=\"landatlas\",pool=\"replica\"}")
                .contains("hikaricp_connections_active{application=\"landatlas\",pool=\"primary\"}")
                .contains("landatlas_db_replica_lag_seconds{").contains("landatlas_db_replica_usable{application=\"landatlas\"} 1.0");
    }

    @Test
    void aMutationAndTheWritersNextReadsGoToThePrimary() {
        awaitState("in use");
        String token = adminToken();
        String name = "replica-ryw-" + Long.toString(System.nanoTime(), 36);
        double replicaBefore = served("replica");
        JsonNode made = graphqlAs(token, "mutation { createAccount(input: { username: \"" + name + "\", role: STAFF, counties: [\"533401\"] }) { id } }");
        assertThat(made.path("errors").isMissingNode()).as(made.toString()).isTrue();
        double primaryBefore = served("primary");
        JsonNode accounts = graphqlAs(token, "{ accounts { username } }");
        assertThat(accounts.path("data").path("accounts").valueStream().map(a -> a.path("username").asString())).contains(name);
        assertThat(served("primary")).isGreaterThan(primaryBefore);
        assertThat(served("replica")).isEqualTo(replicaBefore);

        // Another caller (the public, from this address) still reads from the replica meanwhile.
        graphql(QUERY);
        assertThat(served("replica")).isGreaterThan(replicaBefore);

        // After the window the writer reads from the replica again.
        await(() -> !routing.recentlyWrote(callerOf(token)), Duration.ofSeconds(10));
        double replicaNow = served("replica");
        graphqlAs(token, "{ accounts { username } }");
        assertThat(served("replica")).isGreaterThan(replicaNow);
    }

    @Test
    void aStoppedReplicaIsBypassedAndUsedAgainOnceBack() {
        awaitState("in use");
        run(SCRIPT, "replica", "stop");
        try {
            awaitState("bypassed: unreachable");
            double replicaBefore = served("replica");
            double primaryBefore = served("primary");
            for (int i = 0; i < 3; i++) {
                JsonNode r = graphql(QUERY);
                assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
            }
            assertThat(served("replica")).isEqualTo(replicaBefore);
            assertThat(served("primary")).isGreaterThanOrEqualTo(primaryBefore + 3);
        } finally {
            run(SCRIPT, "replica", "start");
        }
        awaitState("in use");
        double before = served("replica");
        graphql(QUERY);
        assertThat(served("replica")).isGreaterThan(before);
    }

    @Test
    void aLaggingReplicaIsBypassedBeyondTheBoundAndUsedAgainAfterCatchingUp() throws Exception {
        awaitState("in use");
        replica("SELECT pg_wal_replay_pause()");
        try {
            // WAL the paused standby receives but does not replay (a message: no table to clean up).
            jdbc.queryForObject("SELECT pg_logical_emit_message(false, 'landatlas-test', 'lag')::text", String.class);
            // Within the bound it is still used.
            assertThat(routing.state()).isEqualTo("in use");
            awaitState("bypassed: ");
            assertThat(routing.state()).contains("behind the primary");
            assertThat(routing.lagSeconds()).isGreaterThan(2);
            double replicaBefore = served("replica");
            JsonNode r = graphql(QUERY);
            assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
            assertThat(served("replica")).isEqualTo(replicaBefore);
        } finally {
            replica("SELECT pg_wal_replay_resume()");
        }
        awaitState("in use");
        assertThat(routing.lagSeconds()).isLessThan(2);
        double before = served("replica");
        graphql(QUERY);
        assertThat(served("replica")).isGreaterThan(before);
    }

    private String callerOf(String token) {
        // The caller key of a bearer token's requests: the signed-in name (admin).
        return "user:admin";
    }

    private double served(String node) {
        return meters.get("landatlas.db.routed.connections").tag("node", node).counter().count();
    }

    private void awaitState(String prefix) {
        await(() -> routing.state().startsWith(prefix), Duration.ofSeconds(30));
        assertThat(routing.state()).startsWith(prefix);
    }

    private static void await(BooleanSupplier condition, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void replica(String sql) throws Exception {
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        try (Connection c = DriverManager.getConnection(replicaUrl, db.user(), db.password()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static boolean onPrivateCluster() throws IOException {
        Path portFile = ROOT.resolve(".data/postgres/landatlas.port");
        if (!Files.exists(portFile)) {
            return false;
        }
        URI u = URI.create(PostgisTestDatabase.get().url().substring("jdbc:".length()));
        return Integer.toString(u.getPort()).equals(Files.readString(portFile).trim());
    }

    private static Map<String, String> envOf(String out) {
        Map<String, String> vars = new HashMap<>();
        for (String line : out.split("\n")) {
            String l = line.replaceFirst("^export ", "");
            int eq = l.indexOf('=');
            if (eq > 0) {
                vars.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return vars;
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
