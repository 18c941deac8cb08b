package org.landatlas.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.PostgisTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Imports of the land survey's DLTB layer end to end: a zipped GBK Shapefile in Gauss-Kruger coordinates, made by
 * ogr2ogr from demo parcels of the test database, uploaded, checked, committed, re-imported with changes; files
 * that break the rules are rejected with their rows named, and hostile files change nothing.
 */
class ParcelImportTest extends IntegrationTest {

    private static final String COUNTY = "150724";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Autowired
    private JdbcTemplate jdbc;

    @AfterEach
    void removeImportedParcels() {
        jdbc.update("DELETE FROM land_parcel WHERE bsm LIKE 'IMPT%'");
    }

    private byte[] dltbZip(Path dir, String where, String extraSelect) throws Exception {
        return DltbTestFiles.zip(jdbc, COUNTY, where, extraSelect, 30);
    }

    private HttpResponse<String> upload(byte[] body, String fileName, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/exchange/imports?profile=dltb&county=" + COUNTY + "&fileName=" + fileName))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode post(String path) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + adminToken())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.JSON.readTree(r.body());
    }

    private static int count(JsonNode job, String check) {
        for (JsonNode c : job.path("report").path("checks")) {
            if (c.path("code").asString().equals(check)) {
                return c.path("count").asInt();
            }
        }
        throw new AssertionError("no check " + check + " in " + job);
    }

    @Test
    void aGbkShapefileInGaussKrugerIsCheckedCommittedAndReimportedByBsm() throws Exception {
        Path dir = Files.createTempDirectory("dltb");
        byte[] zip = dltbZip(dir, "dlbm IN ('0101', '0102', '0103') AND ST_IsValid(geom)", "");
        HttpResponse<String> r = upload(zip, "dltb.zip", adminToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode job = Http.JSON.readTree(r.body());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("checked");
        assertThat(job.path("features").asInt()).isEqualTo(30);
        assertThat(job.path("encoding").asString()).isEqualTo("CP936");
        assertThat(job.path("sourceCrs").asString()).contains("Gauss-Kruger");
        for (String blocking : List.of("required_value", "duplicate_bsm", "unknown_class", "net_area", "outside_county", "village_not_in_county")) {
            assertThat(count(job, blocking)).as(blocking).isZero();
        }
        // Nothing has changed before the commit.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE bsm LIKE 'IMPT%'", Integer.class)).isZero();

        JsonNode committed = post("/exchange/imports/" + job.path("id").asLong() + "/commit");
        assertThat(committed.path("status").asString()).isEqualTo("committed");
        assertThat(committed.path("result").path("added").asInt()).isEqualTo(30);
        // The same records, real (not synthetic), GBK names intact, areas through Gauss-Kruger and back to the cm².
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT i.bsm, i.dlmc = o.dlmc AS same_name, i.zldwmc = o.zldwmc AS same_unit, i.synthetic, abs(i.area_m2 - o.area_m2) AS area_diff, i.tbdlmj = o.tbdlmj AS same_net
                FROM land_parcel i JOIN land_parcel o ON o.id = substr(i.bsm, 5)::bigint WHERE i.bsm LIKE 'IMPT%' ORDER BY i.bsm""");
        assertThat(rows).hasSize(30);
        for (Map<String, Object> row : rows) {
            assertThat(row.get("same_name")).as(row.toString()).isEqualTo(true);
            assertThat(row.get("same_unit")).as(row.toString()).isEqualTo(true);
            assertThat(row.get("synthetic")).isEqualTo(false);
            assertThat(row.get("same_net")).isEqualTo(true);
            assertThat((Double) row.get("area_diff")).as(row.toString()).isLessThan(0.01);
        }

        // A newer year: one parcel renamed, one left out. The re-import updates by BSM and records what changed.
        String renamed = (String) rows.get(0).get("bsm");
        String dropped = (String) rows.get(1).get("bsm");
        Path dir2 = Files.createTempDirectory("dltb2");
        byte[] zip2 = dltbZip(dir2, "dlbm IN ('0101', '0102', '0103') AND ST_IsValid(geom) AND 'IMPT' || lpad(id::text, 10, '0') <> '" + dropped + "'", "");
        jdbc.update("UPDATE land_parcel SET dlmc = '旧名称' WHERE bsm = ?", renamed);
        JsonNode job2 = Http.JSON.readTree(upload(zip2, "dltb-2025.zip", adminToken()).body());
        assertThat(job2.path("status").asString()).as(job2.toString()).isEqualTo("checked");
        // This time through GraphQL: the job's report, the commit, the changes it recorded.
        String id2 = job2.path("id").asString();
        JsonNode staged = graphqlAs(adminToken(), "{ importJob(id: \"" + id2 + "\") { status features report { blocked checks { code blocking count } } } }")
                .path("data").path("importJob");
        assertThat(staged.path("status").asString()).isEqualTo("CHECKED");
        assertThat(staged.path("features").asInt()).isEqualTo(30);
        assertThat(staged.path("report").path("blocked").asBoolean()).isFalse();
        assertThat(staged.path("report").path("checks").size()).isEqualTo(job2.path("report").path("checks").size());
        JsonNode viaGraphql = graphqlAs(adminToken(), "mutation { commitImport(id: \"" + id2 + "\") { status result { added changed removed } } }");
        assertThat(viaGraphql.path("errors").isMissingNode()).as(viaGraphql.toString()).isTrue();
        JsonNode second = viaGraphql.path("data").path("commitImport");
        assertThat(second.path("status").asString()).isEqualTo("COMMITTED");
        assertThat(second.path("result").path("removed").asInt()).isEqualTo(1);
        JsonNode changes = graphqlAs(adminToken(), "{ importJob(id: \"" + id2 + "\") { changes(first: 100) { recordKey change fields { field before after } } } }")
                .path("data").path("importJob").path("changes");
        JsonNode counts = second.path("result");
        assertThat(changes.size()).isEqualTo(counts.path("added").asInt() + counts.path("changed").asInt() + counts.path("removed").asInt());
        assertThat(changes.valueStream().filter(c -> c.path("recordKey").asString().equals(renamed)).findFirst().orElseThrow().path("fields").valueStream()
                .anyMatch(f -> f.path("field").asString().equals("dlmc") && f.path("before").asString().equals("旧名称"))).isTrue();
        JsonNode listed = graphqlAs(adminToken(), "{ importJobs(countyCode: \"" + COUNTY + "\", first: 2) { id status } }").path("data").path("importJobs");
        assertThat(listed.get(0).path("id").asString()).isEqualTo(id2);
        assertThat(listed.get(1).path("id").asString()).isEqualTo(job.path("id").asString());
        // Another county's staff cannot see the job.
        assertThat(graphqlAs(staffToken("533401"), "{ importJob(id: \"" + id2 + "\") { status } }").path("errors").get(0).path("extensions").path("code").asString())
                .isEqualTo("FORBIDDEN");
        // Changed: the renamed parcel, and the 28 after the left-out one, whose TBBH (numbered in file order) moved up by one.
        assertThat(second.path("result").path("changed").asInt()).isEqualTo(29);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_change WHERE job_id = ? AND change = 'changed' AND jsonb_exists(fields, 'tbbh')", Integer.class,
                job2.path("id").asLong())).isEqualTo(28);
        assertThat(jdbc.queryForObject("SELECT fields->'dlmc'->>0 FROM import_change WHERE job_id = ? AND record_key = ?", String.class,
                job2.path("id").asLong(), renamed)).isEqualTo("旧名称");
        assertThat(jdbc.queryForObject("SELECT change FROM import_change WHERE job_id = ? AND record_key = ?", String.class, job2.path("id").asLong(), dropped))
                .isEqualTo("removed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE bsm = ?", Integer.class, dropped)).isZero();
        // Committed jobs keep no staging table.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'exchange_staging' AND tablename IN (?, ?)", Integer.class,
                "job_" + job.path("id").asLong(), "job_" + job2.path("id").asLong())).isZero();
    }

    @Test
    void aFileThatBreaksTheRulesIsRejectedWithItsRowsNamedAndCannotBeCommitted() throws Exception {
        // Every row gets the same BSM, an unknown class code and an ownership kind outside the list; TBDLMJ is off by 5 m².
        Path shpDir = Files.createTempDirectory("dltb-bad2");
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        byte[] bad = dltbZipFromSql(shpDir, db);
        HttpResponse<String> r = upload(bad, "bad.zip", adminToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode job = Http.JSON.readTree(r.body());
        assertThat(job.path("status").asString()).isEqualTo("rejected");
        assertThat(count(job, "duplicate_bsm")).isEqualTo(1);
        assertThat(count(job, "unknown_class")).isEqualTo(30);
        assertThat(count(job, "net_area")).isEqualTo(30);
        assertThat(count(job, "bad_code")).isEqualTo(30);
        assertThat(job.path("report").path("checks").toString()).contains("9999");
        HttpResponse<String> refused = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/exchange/imports/" + job.path("id").asLong() + "/commit"))
                .header("Authorization", "Bearer " + adminToken()).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("rejected");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE bsm LIKE 'IMPT%'", Integer.class)).isZero();
        JsonNode cancelled = graphqlAs(adminToken(), "mutation { cancelImport(id: \"" + job.path("id").asLong() + "\") { status } }");
        assertThat(cancelled.path("data").path("cancelImport").path("status").asString()).as(cancelled.toString()).isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'exchange_staging' AND tablename = ?", Integer.class,
                "job_" + job.path("id").asLong())).isZero();
    }

    private byte[] dltbZipFromSql(Path dir, PostgisTestDatabase.Connection db) throws Exception {
        URI u = URI.create(db.url().substring(5));
        String sql = "SELECT 'IMPTDUP' AS BSM, 'I' || lpad(row_number() OVER (ORDER BY id)::text, 7, '0') AS TBBH, '9999' AS DLBM, dlmc AS DLMC, '99' AS QSXZ,"
                + " qsdwdm AS QSDWDM, qsdwmc AS QSDWMC, zldwdm AS ZLDWDM, zldwmc AS ZLDWMC, tbmj AS TBMJ, kcmj AS KCMJ, tbdlmj + 5 AS TBDLMJ, sjnf AS SJNF, geom"
                + " FROM land_parcel WHERE county_code = '" + COUNTY + "' ORDER BY id LIMIT 30";
        ProcessBuilder b = new ProcessBuilder("ogr2ogr", "-f", "ESRI Shapefile", dir.resolve("DLTB.shp").toString(),
                "PG:host=" + u.getHost() + " port=" + u.getPort() + " dbname=" + u.getPath().substring(1) + " user=" + db.user(), "-sql", sql,
                "-lco", "ENCODING=UTF-8");
        b.environment().put("PGPASSWORD", db.password() == null ? "" : db.password());
        Process p = b.inheritIO().start();
        assertThat(p.waitFor()).isZero();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void hostileOrUnreadableFilesAreRefusedWithTheReasonAndTheirStagingIsGone() throws Exception {
        ByteArrayOutputStream traversal = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(traversal)) {
            zip.putNextEntry(new ZipEntry("../../etc/evil.shp"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        HttpResponse<String> r = upload(traversal.toByteArray(), "evil.zip", adminToken());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("points outside the archive");

        // A Shapefile without its .dbf.
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(partial)) {
            zip.putNextEntry(new ZipEntry("a.shp"));
            zip.write(new byte[100]);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("a.shx"));
            zip.write(new byte[100]);
            zip.closeEntry();
        }
        r = upload(partial.toByteArray(), "a.zip", adminToken());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("no .dbf");

        // Not a zip at all, and not GeoJSON either.
        r = upload("this is not a zip".getBytes(StandardCharsets.UTF_8), "x.zip", adminToken());
        assertThat(r.statusCode()).isEqualTo(400);
        r = upload("{\"type\": \"FeatureCollection\", \"features\": [".getBytes(StandardCharsets.UTF_8), "x.geojson", adminToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("GDAL could not read it");

        // A GeoJSON without the DLTB fields: the missing ones are named.
        r = upload("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"x\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[109.1,39.2],[109.2,39.2],[109.2,39.3],[109.1,39.2]]]}}]}"
                .getBytes(StandardCharsets.UTF_8), "x.geojson", adminToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("BSM").contains("lacks");

        // A file sent as a form (curl's --data-binary default) is refused with what to send instead.
        HttpResponse<String> form = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/exchange/imports?profile=dltb&county=" + COUNTY + "&fileName=a.zip"))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(traversal.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.body()).contains("application/octet-stream");

        // A layer without features is refused: committed as the county's layer it would remove every imported parcel.
        r = upload(dltbZip(Files.createTempDirectory("empty"), "FALSE", ""), "empty.zip", adminToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("has no features");

        // The public may not import.
        assertThat(upload(new byte[] {1}, "x.zip", null).statusCode()).isEqualTo(403);
        // Refused files leave no staging table and no job.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'exchange_staging' AND tablename ~ '^job_[0-9]+$' AND tablename NOT IN (SELECT 'job_' || id FROM import_job)",
                Integer.class)).isZero();
    }
}
