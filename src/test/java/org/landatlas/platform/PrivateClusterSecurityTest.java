package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.landatlas.testing.PostgisTestDatabase;

/**
 * The private cluster of scripts/postgis-cluster.sh lets nobody in without its secret: SCRAM-SHA-256 on every line
 * of pg_hba.conf, the secret in a 0600 file of the data folder, listening on loopback only; and a cluster made by
 * the earlier script (trust on loopback) is upgraded on its next start with its data kept.
 */
class PrivateClusterSecurityTest {

    private static final Path ROOT = PostgisTestDatabase.projectRoot();
    private static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");

    /** The tests' database is the project's private cluster (not a container or an external server). */
    private static boolean onPrivateCluster() throws IOException {
        Path portFile = ROOT.resolve(".data/postgres/landatlas.port");
        if (!Files.exists(portFile)) {
            return false;
        }
        URI u = URI.create(PostgisTestDatabase.get().url().substring("jdbc:".length()));
        return Integer.toString(u.getPort()).equals(Files.readString(portFile).trim());
    }

    @Test
    void theRunningClusterAsksEveryoneForTheSecret() throws Exception {
        assumeTrue(onPrivateCluster(), "the tests run on another PostgreSQL than the private cluster");
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        assertThatThrownBy(() -> DriverManager.getConnection(db.url(), db.user(), "")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(db.url(), db.user(), "not-the-secret"))
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");

        Path secret = ROOT.resolve(".data/postgres/landatlas.secret");
        assertThat(Files.getPosixFilePermissions(secret)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(secret).trim()).isEqualTo(db.password()).matches("[A-Za-z0-9]{40}");
        assertThat(Files.getPosixFilePermissions(ROOT.resolve(".data/postgres.log")))
                .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

        try (java.sql.Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement s = c.createStatement()) {
            assertThat(one(s, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(one(s, "SELECT string_agg(DISTINCT auth_method, ',') FROM pg_hba_file_rules")).isEqualTo("scram-sha-256");
            assertThat(one(s, "SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL")).isEqualTo("0");
            assertThat(one(s, "SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = current_user")).isEqualTo("SCRAM-SHA-256$");
        }
    }

    @Test
    void aClusterOfTheEarlierScriptIsSecuredOnItsNextStartWithItsDataKept(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(PG_BIN.resolve("initdb")), "PostgreSQL 15 is not installed here");
        Path dataRoot = tmp.resolve("data");
        Path pgdata = dataRoot.resolve("postgres");
        Files.createDirectories(dataRoot);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", tmp.toString()));
            run(List.of("chmod", "o+x", tmp.toString()));
        }
        // What the earlier script made: initdb with trust, loopback and a socket folder in the data folder.
        asOwner(root, PG_BIN.resolve("initdb").toString(), "-D", pgdata.toString(), "-U", "landatlas", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8");
        asOwner(root, "mkdir", "-p", pgdata.resolve("socket").toString());
        asOwner(root, "sh", "-c", "printf \"listen_addresses = '127.0.0.1'\\nunix_socket_directories = '%s'\\n\" \"$1\" >> \"$2\"", "sh",
                pgdata.resolve("socket").toString(), pgdata.resolve("postgresql.conf").toString());
        int port = freePort();
        asOwner(root, "sh", "-c", "echo " + port + " > \"$1\"", "sh", pgdata.resolve("landatlas.port").toString());
        asOwner(root, PG_BIN.resolve("pg_ctl").toString(), "-D", pgdata.toString(), "-l", dataRoot.resolve("postgres.log").toString(), "-o", "-p " + port,
                "-w", "start");
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try {
            try (java.sql.Connection c = DriverManager.getConnection(url, "landatlas", ""); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id int PRIMARY KEY, v text)");
                s.execute("INSERT INTO kept SELECT g, md5(g::text) FROM generate_series(1, 1000) g");
            }
            asOwner(root, PG_BIN.resolve("pg_ctl").toString(), "-D", pgdata.toString(), "-m", "fast", "-w", "stop");

            String out = script(dataRoot, "start");
            assertThat(out).contains("securing the private cluster");
            String secret = Files.readString(pgdata.resolve("landatlas.secret")).trim();
            port = Integer.parseInt(Files.readString(pgdata.resolve("landatlas.port")).trim());
            url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            String trusted = url;
            assertThatThrownBy(() -> DriverManager.getConnection(trusted, "landatlas", "")).isInstanceOf(SQLException.class);
            try (java.sql.Connection c = DriverManager.getConnection(url, "landatlas", secret); Statement s = c.createStatement()) {
                assertThat(one(s, "SELECT count(*) || ':' || md5(string_agg(v, ',' ORDER BY id)) FROM kept"))
                        .isEqualTo("1000:" + md5OfRows());
                assertThat(one(s, "SELECT string_agg(DISTINCT auth_method, ',') FROM pg_hba_file_rules")).isEqualTo("scram-sha-256");
            }
            assertThat(Files.getPosixFilePermissions(pgdata.resolve("landatlas.secret")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            // The env lines carry the secret; a second start changes nothing.
            assertThat(script(dataRoot, "env", "postgres")).contains("LANDATLAS_DB_PASSWORD=" + secret);
            assertThat(script(dataRoot, "start")).doesNotContain("securing");
        } finally {
            script(dataRoot, "stop");
        }
    }

    /** md5 of the rows written above, computed the same way on the old cluster's data (independent of the upgrade). */
    private static String md5OfRows() throws Exception {
        StringBuilder sb = new StringBuilder();
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("MD5");
        for (int g = 1; g <= 1000; g++) {
            if (g > 1) {
                sb.append(',');
            }
            sb.append(hex(md.digest(Integer.toString(g).getBytes(StandardCharsets.UTF_8))));
        }
        return hex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String script(Path dataRoot, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("scripts/postgis-cluster.sh").toString()));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of("LANDATLAS_DATA_DIR", dataRoot.toString()));
    }

    private static void asOwner(boolean root, String... cmd) throws Exception {
        List<String> c = new ArrayList<>();
        if (root) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(cmd));
        run(c);
    }

    private static String run(List<String> cmd) throws Exception {
        return run(cmd, Map.of());
    }

    private static String run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }
}
