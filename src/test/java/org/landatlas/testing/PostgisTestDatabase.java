package org.landatlas.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one real PostGIS every test uses, found once per JVM: LANDATLAS_TEST_DB_URL when set, a Testcontainers
 * postgis/postgis container when a Docker engine answers, otherwise the project's private cluster
 * (scripts/postgis-cluster.sh, database landatlas_test). Never H2, never a mock.
 */
public final class PostgisTestDatabase {

    public record Connection(String url, String user, String password, String origin) {
    }

    private static Connection connection;

    private PostgisTestDatabase() {
    }

    public static synchronized Connection get() {
        if (connection == null) {
            connection = locate();
        }
        return connection;
    }

    private static Connection locate() {
        String url = System.getenv("LANDATLAS_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new Connection(url, env("LANDATLAS_TEST_DB_USER", "landatlas"), env("LANDATLAS_TEST_DB_PASSWORD", ""), "LANDATLAS_TEST_DB_URL");
        }
        if (dockerAvailable()) {
            PostgreSQLContainer pg = new PostgreSQLContainer(DockerImageName.parse("postgis/postgis:15-3.3").asCompatibleSubstituteFor("postgres"))
                    .withDatabaseName("landatlas_test").withUsername("landatlas").withPassword("landatlas");
            pg.start();
            return new Connection(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword(), "Testcontainers");
        }
        return privateCluster();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Provisions (if needed) and starts the private cluster, and returns its landatlas_test database. */
    private static Connection privateCluster() {
        Path script = projectRoot().resolve("scripts/postgis-cluster.sh");
        run(script.toString(), "createdb", "landatlas_test");
        Map<String, String> vars = new HashMap<>();
        for (String line : run(script.toString(), "env", "landatlas_test").split("\n")) {
            String l = line.replaceFirst("^export ", "");
            int eq = l.indexOf('=');
            if (eq > 0) {
                vars.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return new Connection(vars.get("LANDATLAS_DB_URL"), vars.get("LANDATLAS_DB_USER"), vars.get("LANDATLAS_DB_PASSWORD"), "private cluster");
    }

    public static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/postgis-cluster.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the project root (scripts/postgis-cluster.sh) above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out = String.join("\n", r.lines().toList());
            }
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("No PostGIS for the tests: '" + String.join(" ", command) + "' failed:\n" + out);
            }
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
