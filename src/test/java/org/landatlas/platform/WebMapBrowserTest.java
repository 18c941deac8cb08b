package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.PostgisTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The web map in real headless Chromium (web-map/test/e2e.mjs, Playwright driving Debian's Chromium) against
 * this running service and its demo data: loading without errors, parcels drawn at county and parcel zoom,
 * clicks, filters, search, language, shared URLs; sign-in, the administration panel (audit log, accounts, API
 * tokens, data import), the server export and staff views of personal data. Screenshots go to target/screenshots.
 */
class WebMapBrowserTest extends IntegrationTest {

    /** The county the map's import test commits into, and the BSM prefix of its parcels (removed before and after). */
    private static final String IMPORT_COUNTY = "150724";
    private static final String IMPORT_BSM = "E2EW";
    private static final int IMPORT_FEATURES = 12;

    @Autowired
    private JdbcTemplate jdbc;

    /**
     * Only new parcels (BSM E2EW…) are committed, and removed again here: a re-import of demo parcels would make them
     * non-synthetic, which the demo loader and DemoDataTest rightly refuse.
     */
    @BeforeEach
    @AfterEach
    void removeImportedParcels() {
        jdbc.update("DELETE FROM land_parcel WHERE bsm LIKE '" + IMPORT_BSM + "%'");
    }

    @Test
    void theMapWorksInABrowser() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assertThat(new File(chromium)).as("Chromium at %s (scripts/test.sh installs Debian's chromium package)", chromium).exists();
        Path root = PostgisTestDatabase.projectRoot();
        Path importFile = dltbZip(root.resolve("target/e2e-import"), false);
        Path secondFile = dltbZip(root.resolve("target/e2e-import-2"), true);
        File webMap = root.resolve("web-map").toFile();
        ProcessBuilder pb = new ProcessBuilder("node", "test/e2e.mjs", "http://127.0.0.1:" + port).directory(webMap).redirectErrorStream(true);
        pb.environment().put("SCREENSHOTS", root.resolve("target/screenshots").toString());
        pb.environment().put("CHROMIUM", chromium);
        // The administrator of the test database, for the sign-in and administration tests.
        pb.environment().put("ADMIN_USER", "admin");
        pb.environment().put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        // A valid DLTB upload for the import tab, and what it holds.
        pb.environment().put("IMPORT_FILE", importFile.toString());
        pb.environment().put("IMPORT_COUNTY", IMPORT_COUNTY);
        pb.environment().put("IMPORT_FEATURES", String.valueOf(IMPORT_FEATURES));
        pb.environment().put("IMPORT_FRESH", "1");
        pb.environment().put("IMPORT_FILE_2", secondFile.toString());
        pb.environment().put("DOWNLOADS", root.resolve("target/e2e-downloads").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(8, TimeUnit.MINUTES)).as("e2e finished in time").isTrue();
        System.out.println(out);
        assertThat(out).as(out).containsPattern("(?m)^\\d+ passed, 0 failed$");
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as("the import test ran").contains("ok   Import tab");
    }

    /**
     * Demo parcels of the import county under new keys (BSM E2EW…, TBBH W…) as a zipped Shapefile in CGCS2000
     * with a .cpg, written by ogr2ogr from the test database: a file every check passes. The newer edition has
     * a remark (BZ) on its first parcel and leaves the last one out: one change, one removal.
     */
    private Path dltbZip(Path dir, boolean newer) throws Exception {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        URI u = URI.create(db.url().substring(5));
        String sql = "SELECT '" + IMPORT_BSM + "' || lpad(id::text, 14, '0') AS BSM, 'W' || lpad(row_number() OVER (ORDER BY id)::text, 7, '0') AS TBBH,"
                + " dlbm AS DLBM, dlmc AS DLMC, qsxz AS QSXZ, qsdwdm AS QSDWDM, qsdwmc AS QSDWMC, zldwdm AS ZLDWDM, zldwmc AS ZLDWMC, tbmj AS TBMJ, kcdlbm AS KCDLBM,"
                + " kcxs AS KCXS, kcmj AS KCMJ, tbdlmj AS TBDLMJ, gdlx AS GDLX, sjnf AS SJNF,"
                + (newer ? " CASE WHEN row_number() OVER (ORDER BY id) = 1 THEN 'E2E 复核' END" : " NULL::text") + " AS BZ, geom"
                + " FROM land_parcel WHERE county_code = '" + IMPORT_COUNTY + "'"
                + " AND dlbm IN ('0101', '0102', '0103') AND ST_IsValid(geom) ORDER BY id LIMIT " + (newer ? IMPORT_FEATURES - 1 : IMPORT_FEATURES);
        ProcessBuilder b = new ProcessBuilder("ogr2ogr", "-f", "ESRI Shapefile", dir.resolve("DLTB.shp").toString(),
                "PG:host=" + u.getHost() + " port=" + u.getPort() + " dbname=" + u.getPath().substring(1) + " user=" + db.user(),
                "-sql", sql, "-lco", "ENCODING=UTF-8");
        b.environment().put("PGPASSWORD", db.password() == null ? "" : db.password());
        Process p = b.redirectErrorStream(true).inheritIO().start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0).as("ogr2ogr wrote the import file").isTrue();
        Path zip = dir.resolve("dltb-e2e.zip");
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o); Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("DLTB.")).sorted().toList()) {
                z.putNextEntry(new ZipEntry(f.getFileName().toString()));
                z.write(Files.readAllBytes(f));
                z.closeEntry();
            }
        }
        return zip;
    }
}
