package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.landatlas.testing.PostgisTestDatabase;

/**
 * scripts/backup.sh and scripts/restore.sh as an operator uses them: a copy of the tests' database (the demo
 * counties and everything earlier tests wrote) is backed up, destroyed, restored, and every table's checksum
 * (bench/table-checksums.sh: all rows of every table of the public, personal and security schemas) is the same as
 * before; a damaged or truncated dump is refused and leaves the database as it was.
 */
class BackupRestoreTest {

    private static final Path ROOT = PostgisTestDatabase.projectRoot();
    private static final String CHECK_DB = "landatlas_backup_check";

    @TempDir
    static Path backups;

    @Test
    void backedUpDestroyedAndRestoredEveryTableIsAsItWas() throws Exception {
        // A database of its own, restored from a dump of the tests' database, so that destroying it harms nothing.
        Path first = Path.of(backup(testUrl()).trim());
        assertThat(first.getFileName().toString()).matches("landatlas-landatlas_test-\\d{8}T\\d{6}Z\\.dump");
        assertThat(Files.getPosixFilePermissions(first)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(backups)).doesNotContain(PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_READ);
        assertThat(Path.of(first + ".sha256")).exists();
        assertThat(Files.list(backups).map(Path::toString).filter(f -> f.endsWith(".partial")).toList()).isEmpty();
        restore(first, checkUrl(), "--replace");
        String before = checksums(CHECK_DB);
        assertThat(before.lines().filter(l -> !l.startsWith("sequence:")).count()).isGreaterThan(40);
        assertThat(before).contains("public.land_parcel ").contains("personal.").contains("security.");
        assertThat(before.lines().filter(l -> l.startsWith("public.land_parcel ")).findFirst().orElseThrow().split(" ")[1]).isNotEqualTo("0");

        Path dump = Path.of(backup(checkUrl()).trim());
        destroy();
        assertThat(checksums(CHECK_DB)).isNotEqualTo(before);
        // Without --replace an existing database is refused.
        assertThat(restoreFails(dump, checkUrl())).contains("exists").contains("--replace");
        restore(dump, checkUrl(), "--replace");
        assertThat(checksums(CHECK_DB)).isEqualTo(before);

        // A damaged dump is refused by its checksum; the database stays as it was.
        Path damaged = backups.resolve("damaged.dump");
        Files.copy(dump, damaged);
        Files.copy(Path.of(dump + ".sha256"), Path.of(damaged + ".sha256"));
        try (RandomAccessFile f = new RandomAccessFile(damaged.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0xff);
        }
        assertThat(restoreFails(damaged, checkUrl(), "--replace")).contains("does not match its checksum");
        // A dump cut short (no checksum beside it): its restore fails part way, in the staging database only.
        Path truncated = backups.resolve("truncated.dump");
        try (RandomAccessFile in = new RandomAccessFile(dump.toFile(), "r"); RandomAccessFile out = new RandomAccessFile(truncated.toFile(), "rw")) {
            byte[] half = new byte[(int) (in.length() * 3 / 4)];
            in.readFully(half);
            out.write(half);
        }
        assertThat(restoreFails(truncated, checkUrl(), "--replace")).contains("was not changed");
        assertThat(checksums(CHECK_DB)).isEqualTo(before);
        try (var c = DriverManager.getConnection(testUrl(), db().user(), db().password()); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE '" + CHECK_DB + "\\_%'")) {
            r.next();
            assertThat(r.getInt(1)).as("staging or replaced databases left behind").isZero();
        }
    }

    /** Drops what a bad night might: a table's rows, a whole table, a schema's rows. */
    private static void destroy() throws Exception {
        try (var c = DriverManager.getConnection(checkUrl(), db().user(), db().password()); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute("DELETE FROM land_parcel WHERE id % 3 = 0");
            s.execute("DROP TABLE pv_site_status_history");
            s.execute("TRUNCATE security.audit_log");
        }
    }

    @AfterAll
    static void dropTheCopy() throws Exception {
        try (var c = DriverManager.getConnection(testUrl(), db().user(), db().password()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + CHECK_DB + " WITH (FORCE)");
        }
    }

    private static PostgisTestDatabase.Connection db() {
        return PostgisTestDatabase.get();
    }

    private static String testUrl() {
        return db().url();
    }

    private static String checkUrl() {
        String url = db().url();
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        return base.substring(0, base.lastIndexOf('/') + 1) + CHECK_DB + (q < 0 ? "" : url.substring(q));
    }

    private static String backup(String url) throws Exception {
        return run(List.of("bash", ROOT.resolve("scripts/backup.sh").toString()), env(url), true);
    }

    private static void restore(Path dump, String url, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("scripts/restore.sh").toString(), dump.toString()));
        cmd.addAll(List.of(options));
        run(cmd, env(url), true);
    }

    private static String restoreFails(Path dump, String url, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("scripts/restore.sh").toString(), dump.toString()));
        cmd.addAll(List.of(options));
        return run(cmd, env(url), false);
    }

    private static String checksums(String database) throws Exception {
        URI u = URI.create(testUrl().substring("jdbc:".length()));
        Map<String, String> env = new HashMap<>(Map.of("PGHOST", u.getHost(), "PGPORT", Integer.toString(u.getPort() < 0 ? 5432 : u.getPort()),
                "PGUSER", db().user(), "PGPASSWORD", db().password() == null ? "" : db().password()));
        return run(List.of("bash", ROOT.resolve("bench/table-checksums.sh").toString(), database), env, true);
    }

    private static Map<String, String> env(String url) {
        return Map.of("LANDATLAS_DB_URL", url, "LANDATLAS_DB_USER", db().user(), "LANDATLAS_DB_PASSWORD", db().password() == null ? "" : db().password(),
                "LANDATLAS_BACKUP_DIR", backups.toString());
    }

    /** Runs a script; its stdout when it succeeds as expected, stdout and stderr when it fails as expected. */
    private static String run(List<String> cmd, Map<String, String> env, boolean mustSucceed) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path err = Files.createTempFile(backups, "stderr", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 5 minutes");
        }
        String stderr = Files.readString(err);
        Files.delete(err);
        if (mustSucceed && p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out + stderr);
        }
        if (!mustSucceed) {
            assertThat(p.exitValue()).as("%s should fail:\n%s%s", cmd, out, stderr).isNotZero();
            return out + stderr;
        }
        return out;
    }
}
