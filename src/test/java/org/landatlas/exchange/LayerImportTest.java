package org.landatlas.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.PostgisTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The other import profiles (village boundaries, permanent basic farmland, high-standard farmland projects), field
 * mappings (inline and saved), scopes, GCJ-02 conversion and every Gauss-Kruger family with control points. Files
 * are made by the test from the demo data (GeoJSON in SQL, Shapefiles with ogr2ogr); every change is undone.
 */
class LayerImportTest extends IntegrationTest {

    private static final String COUNTY = "150627";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Autowired
    private JdbcTemplate jdbc;

    private record Staged(int status, JsonNode body) {
        long id() {
            return body.path("id").asLong();
        }

        int count(String check) {
            for (JsonNode c : body.path("report").path("checks")) {
                if (c.path("code").asString().equals(check)) {
                    return c.path("count").asInt();
                }
            }
            throw new AssertionError("no check " + check + " in " + body);
        }
    }

    private Staged stage(String profile, String fileName, byte[] file, String options) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/exchange/imports?profile=" + profile + "&county=" + COUNTY
                        + "&fileName=" + fileName + options)).header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Staged(r.statusCode(), Http.JSON.readTree(r.body()));
    }

    private JsonNode commit(long id) {
        JsonNode r = graphqlAs(adminToken(), "mutation { commitImport(id: \"" + id + "\") { status result { added changed removed } } }");
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        return r.path("data").path("commitImport").path("result");
    }

    private void cancel(long id) {
        graphqlAs(adminToken(), "mutation { cancelImport(id: \"" + id + "\") { status } }");
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private byte[] geojson(String sql, Object... args) {
        return jdbc.queryForObject("SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object('type', 'Feature',"
                + " 'geometry', ST_AsGeoJSON(f.geom, 9)::json, 'properties', to_jsonb(f) - 'geom')), '[]'))::text FROM (" + sql + ") f", String.class, args)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void villageBoundariesAreUpdatedByCodeThroughAnInlineMappingAndNeverRemoved() throws Exception {
        List<Map<String, Object>> villages = jdbc.queryForList("SELECT code, name, synthetic FROM admin_unit WHERE level = 'village' AND county_code = ? ORDER BY code LIMIT 2", COUNTY);
        String renamed = (String) villages.get(0).get("code");
        try {
            byte[] file = geojson("SELECT code AS \"村代码\", CASE WHEN code = ? THEN name || '（新）' ELSE name END AS \"村名称\", boundary AS geom"
                    + " FROM admin_unit WHERE code IN (?, ?)", renamed, villages.get(0).get("code"), villages.get(1).get("code"));
            // Without the mapping the profile's fields are missing and named.
            Staged unmapped = stage("villages", "cun.geojson", file, "");
            assertThat(unmapped.status()).isEqualTo(400);
            assertThat(unmapped.body().path("detail").asString()).contains("XZQDM").contains("村代码");
            // A mapping naming a field the file lacks is refused with the file's fields.
            Staged wrong = stage("villages", "cun.geojson", file, "&map=" + enc("xzqdm:村编码,xzqmc:村名称"));
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.body().path("detail").asString()).contains("村编码").contains("村代码");

            Staged job = stage("villages", "cun.geojson", file, "&map=" + enc("xzqdm:村代码,xzqmc:村名称"));
            assertThat(job.status()).as(job.body().toString()).isEqualTo(201);
            assertThat(job.body().path("status").asString()).as(job.body().toString()).isEqualTo("checked");
            assertThat(job.body().path("mapping").path("xzqdm").asString()).isEqualTo("村代码");
            assertThat(job.count("villages_missing")).as("the county's other villages are listed as kept").isPositive();
            JsonNode result = commit(job.id());
            assertThat(result.path("changed").asInt()).isEqualTo(2);
            assertThat(result.path("removed").asInt()).isZero();
            assertThat(jdbc.queryForObject("SELECT name FROM admin_unit WHERE code = ?", String.class, renamed)).endsWith("（新）");
            assertThat(jdbc.queryForObject("SELECT synthetic FROM admin_unit WHERE code = ?", Boolean.class, renamed)).isFalse();
            assertThat(jdbc.queryForObject("SELECT fields->'name'->>1 FROM import_change WHERE job_id = ? AND record_key = ?", String.class, job.id(), renamed))
                    .endsWith("（新）");
            // Every other village of the county is still there.
            assertThat(jdbc.queryForObject("SELECT count(*) FROM admin_unit WHERE level = 'village' AND county_code = ?", Integer.class, COUNTY))
                    .isEqualTo(job.count("villages_missing") + 2);

            // A village code of another county and of a township that does not exist are refused.
            byte[] bad = geojson("SELECT '533401001001' AS xzqdm, '外县村' AS xzqmc, boundary AS geom FROM admin_unit WHERE code = ?"
                    + " UNION ALL SELECT ? || '999001', '无乡村', boundary FROM admin_unit WHERE code = ?", renamed, COUNTY, renamed);
            Staged rejected = stage("villages", "bad.geojson", bad, "");
            assertThat(rejected.body().path("status").asString()).isEqualTo("rejected");
            assertThat(rejected.count("bad_code")).isEqualTo(2);
            assertThat(rejected.body().path("report").toString()).contains("is not in county").contains("does not exist");
            cancel(rejected.id());
        } finally {
            for (Map<String, Object> v : villages) {
                jdbc.update("UPDATE admin_unit SET name = ?, synthetic = ? WHERE code = ?", v.get("name"), v.get("synthetic"), v.get("code"));
            }
        }
    }

    @Test
    void aSavedMappingIsReusedByName() throws Exception {
        JsonNode saved = graphqlAs(adminToken(), "mutation { saveImportMapping(name: \"乡镇村界\", profile: \"villages\", fields: [{field: \"xzqdm\", source: \"CUNDM\"},"
                + " {field: \"xzqmc\", source: \"CUNMC\"}]) { id name fields { field source } } }");
        assertThat(saved.path("errors").isMissingNode()).as(saved.toString()).isTrue();
        String id = saved.path("data").path("saveImportMapping").path("id").asString();
        assertThat(saved.path("data").path("saveImportMapping").path("fields").get(0).path("source").asString()).isEqualTo("cundm");
        // A field the profile does not have is refused, naming it.
        JsonNode bad = graphqlAs(adminToken(), "mutation { saveImportMapping(name: \"x\", profile: \"villages\", fields: [{field: \"dlbm\", source: \"a\"}]) { id } }");
        assertThat(bad.path("errors").get(0).path("message").asString()).contains("dlbm").contains("xzqdm");
        try {
            String code = jdbc.queryForObject("SELECT code FROM admin_unit WHERE level = 'village' AND county_code = ? ORDER BY code DESC LIMIT 1", String.class, COUNTY);
            byte[] file = geojson("SELECT code AS cundm, name AS cunmc, boundary AS geom FROM admin_unit WHERE code = ?", code);
            Staged job = stage("villages", "c.geojson", file, "&mapping=" + enc("乡镇村界"));
            assertThat(job.body().path("status").asString()).as(job.body().toString()).isEqualTo("checked");
            cancel(job.id());
            assertThat(stage("villages", "c.geojson", file, "&mapping=nope").body().path("detail").asString()).contains("no saved mapping 'nope'");
        } finally {
            graphqlAs(adminToken(), "mutation { deleteImportMapping(id: \"" + id + "\") }");
        }
        assertThat(graphqlAs(adminToken(), "{ importMappings(profile: \"villages\") { name } }").path("data").path("importMappings").toString()).doesNotContain("乡镇村界");
    }

    @Test
    void permanentBasicFarmlandZonesAreAddedUpdatedAndRemovedByBsmAndFlagTheParcelsUnderThem() throws Exception {
        // Two zones drawn over two demo parcels that are not permanent basic farmland yet.
        List<Long> parcels = jdbc.queryForList("SELECT id FROM land_parcel WHERE county_code = ? AND NOT is_permanent_basic_farmland AND ST_IsValid(geom)"
                + " AND NOT EXISTS (SELECT 1 FROM protection_zone z WHERE z.zone_type = 'permanent_basic_farmland' AND z.geom && land_parcel.geom) ORDER BY id LIMIT 2", Long.class, COUNTY);
        try {
            byte[] file = geojson("SELECT 'PBFT' || id AS \"BSM\", 'J' || id AS \"JBNTTBBH\", 2023 AS \"SJNF\", geom FROM land_parcel WHERE id IN (?, ?)", parcels.get(0), parcels.get(1));
            Staged job = stage("pbf", "yjjbnt.geojson", file, "");
            assertThat(job.body().path("status").asString()).as(job.body().toString()).isEqualTo("checked");
            assertThat(commit(job.id()).path("added").asInt()).isEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE id IN (?, ?) AND is_permanent_basic_farmland", Integer.class, parcels.get(0), parcels.get(1)))
                    .isEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT synthetic FROM protection_zone WHERE source_key = ?", Boolean.class, "PBFT" + parcels.get(0))).isFalse();

            // The newer file keeps one zone (a year later): the other is removed and its parcel is no longer flagged.
            byte[] newer = geojson("SELECT 'PBFT' || id AS \"BSM\", 'J' || id AS \"JBNTTBBH\", 2024 AS \"SJNF\", geom FROM land_parcel WHERE id = ?", parcels.get(0));
            Staged job2 = stage("pbf", "yjjbnt-2024.geojson", newer, "");
            JsonNode result = commit(job2.id());
            assertThat(result.path("changed").asInt()).isEqualTo(1);
            assertThat(result.path("removed").asInt()).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT is_permanent_basic_farmland FROM land_parcel WHERE id = ?", Boolean.class, parcels.get(1))).isFalse();
            assertThat(jdbc.queryForObject("SELECT is_permanent_basic_farmland FROM land_parcel WHERE id = ?", Boolean.class, parcels.get(0))).isTrue();
            assertThat(jdbc.queryForObject("SELECT designated_year FROM protection_zone WHERE source_key = ?", Integer.class, "PBFT" + parcels.get(0))).isEqualTo(2024);
        } finally {
            jdbc.update("DELETE FROM protection_zone WHERE source_key LIKE 'PBFT%'");
            jdbc.update("UPDATE land_parcel SET is_permanent_basic_farmland = false WHERE id IN (?, ?)", parcels.get(0), parcels.get(1));
        }
    }

    @Test
    void highStandardFarmlandProjectsTakeTheBureausStatusWordsAndLinkTheirParcels() throws Exception {
        Long parcel = jdbc.queryForObject("SELECT id FROM land_parcel WHERE county_code = ? AND hsf_project_id IS NULL AND ST_IsValid(geom)"
                + " AND NOT EXISTS (SELECT 1 FROM high_standard_farmland_project z WHERE z.geom && land_parcel.geom) ORDER BY id LIMIT 1", Long.class, COUNTY);
        try {
            byte[] file = geojson("SELECT 'HSFT-' || id AS \"XMBH\", '高标准农田测试项目' AS \"XMMC\", 2022 AS \"JSND\", '已验收' AS \"JSZT\", 1200.5 AS \"GHMJ\", 860 AS \"TZE\", geom"
                    + " FROM land_parcel WHERE id = ?", parcel);
            Staged job = stage("hsf", "gbzn.geojson", file, "");
            assertThat(job.body().path("status").asString()).as(job.body().toString()).isEqualTo("checked");
            assertThat(commit(job.id()).path("added").asInt()).isEqualTo(1);
            Map<String, Object> project = jdbc.queryForMap("SELECT id, status, planned_area_mu::float8 AS mu FROM high_standard_farmland_project WHERE project_no = ?", "HSFT-" + parcel);
            assertThat(project.get("status")).isEqualTo("accepted");
            assertThat((Double) project.get("mu")).isEqualTo(1200.5);
            assertThat(jdbc.queryForObject("SELECT hsf_project_id FROM land_parcel WHERE id = ?", Long.class, parcel)).isEqualTo(project.get("id"));
            // An unknown status word and a negative area are refused, named.
            byte[] bad = geojson("SELECT 'HSFT-X' AS \"XMBH\", 'x' AS \"XMMC\", 2022 AS \"JSND\", '差不多' AS \"JSZT\", -1 AS \"GHMJ\", geom FROM land_parcel WHERE id = ?", parcel);
            Staged rejected = stage("hsf", "bad.geojson", bad, "");
            assertThat(rejected.body().path("status").asString()).isEqualTo("rejected");
            assertThat(rejected.body().path("report").toString()).contains("JSZT 差不多").contains("GHMJ -1 is not positive");
            cancel(rejected.id());
        } finally {
            jdbc.update("UPDATE land_parcel SET hsf_project_id = NULL, is_high_standard_farmland = false WHERE id = ?", parcel);
            jdbc.update("DELETE FROM high_standard_farmland_project WHERE project_no LIKE 'HSFT-%'");
        }
    }

    @Test
    void gcj02CoordinatesAreMovedBackByHundredsOfMetresToTheCentimetre() throws Exception {
        Map<String, Object> village = jdbc.queryForMap("SELECT code, name, ST_AsText(boundary) AS wkt FROM admin_unit WHERE level = 'village' AND county_code = ? ORDER BY code LIMIT 1", COUNTY);
        org.locationtech.jts.geom.Geometry truth = new org.locationtech.jts.io.WKTReader().read((String) village.get("wkt"));
        org.locationtech.jts.geom.Geometry offset = truth.copy();
        offset.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
            double[] g = Gcj02.fromWgs84(c.x, c.y);
            c.x = g[0];
            c.y = g[1];
        });
        byte[] file = geojson("SELECT ? AS xzqdm, ? AS xzqmc, ST_GeomFromText(?, 4490) AS geom", village.get("code"), village.get("name"), offset.toText());
        Staged plain = stage("villages", "amap.geojson", file, "");
        Staged converted = stage("villages", "amap.geojson", file, "&gcj02=true");
        assertThat(converted.body().path("gcj02").asBoolean()).isTrue();
        double shift = jdbc.queryForObject("SELECT ST_Distance(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)::geography, ST_PointN(ST_ExteriorRing(ST_GeometryN(ST_GeomFromText(?, 4490), 1)), 1)::geography)"
                + " FROM exchange_staging.job_" + plain.id(), Double.class, truth.toText());
        double left = jdbc.queryForObject("SELECT ST_HausdorffDistance(ST_Transform(geom, 4546), ST_Transform(ST_GeomFromText(?, 4490), 4546)) FROM exchange_staging.job_" + converted.id(),
                Double.class, truth.toText());
        assertThat(shift).as("GCJ-02 offsets by hundreds of metres").isBetween(100.0, 1000.0);
        assertThat(left).as("metres left after the conversion").isLessThan(0.01);
        cancel(plain.id());
        cancel(converted.id());
        // GCJ-02 is a lon/lat offset: a projected file is refused.
        Staged projected = stage("villages", "gk.geojson", file, "&gcj02=true&crs=EPSG:4546");
        assertThat(projected.status()).isEqualTo(400);
        assertThat(projected.body().path("argument").asString()).isEqualTo("gcj02");
    }

    /** The meridian arc of the CGCS2000 ellipsoid (Helmert's series, better than 0.1 mm): a Gauss-Kruger northing on the central meridian. */
    private static double meridianArc(double latDeg) {
        double a = 6378137.0;
        double f = 1 / 298.257222101;
        double n = f / (2 - f);
        double p = Math.toRadians(latDeg);
        return a / (1 + n) * ((1 + n * n / 4 + Math.pow(n, 4) / 64) * p - 1.5 * (n - Math.pow(n, 3) / 8) * Math.sin(2 * p)
                + 15.0 / 16 * (n * n - Math.pow(n, 4) / 4) * Math.sin(4 * p) - 35.0 / 48 * Math.pow(n, 3) * Math.sin(6 * p) + 315.0 / 512 * Math.pow(n, 4) * Math.sin(8 * p));
    }

    /** A one-square Shapefile (zipped) with its corners given in a projected CRS's easting/northing, and the .prj of {@code prjEpsg}. */
    private byte[] squareShapefile(double e, double n, int prjEpsg) throws Exception {
        Path dir = Files.createTempDirectory("gk");
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        URI u = URI.create(db.url().substring(5));
        String wkt = String.format(java.util.Locale.ROOT, "POLYGON((%.3f %.3f,%.3f %.3f,%.3f %.3f,%.3f %.3f,%.3f %.3f))", e, n, e + 100, n, e + 100, n + 100, e, n + 100, e, n);
        ProcessBuilder b = new ProcessBuilder("ogr2ogr", "-f", "ESRI Shapefile", dir.resolve("XZQ.shp").toString(),
                "PG:host=" + u.getHost() + " port=" + u.getPort() + " dbname=" + u.getPath().substring(1) + " user=" + db.user(),
                "-sql", "SELECT '" + COUNTY + "001001' AS xzqdm, 'x' AS xzqmc, ST_GeomFromText('" + wkt + "') AS geom", "-a_srs", "EPSG:" + prjEpsg);
        b.environment().put("PGPASSWORD", db.password() == null ? "" : db.password());
        assertThat(b.redirectErrorStream(true).start().waitFor()).isZero();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes); var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(f.getFileName().toString()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The first corner of the staged square, lon/lat, then the job is cancelled. */
    private double[] stagedCorner(byte[] zip, String options) throws Exception {
        Staged job = stage("villages", "xzq.zip", zip, options);
        assertThat(job.status()).as(job.body().toString()).isEqualTo(201);
        double[] lonLat = jdbc.queryForObject("SELECT ARRAY[ST_X(p), ST_Y(p)] FROM (SELECT ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1) AS p FROM exchange_staging.job_" + job.id() + ") x",
                (rs, i) -> (double[]) java.util.Arrays.stream((Object[]) rs.getArray(1).getArray()).mapToDouble(o -> ((Number) o).doubleValue()).toArray());
        cancel(job.id());
        return lonLat;
    }

    @Test
    void everyGaussKrugerFamilyIsReadNorthingFirstToTheCentimetre() throws Exception {
        // Control point on the central meridian of 3° zone 37 (111°E) at 39.5°N: easting 500 000 m (37 500 000 with the
        // zone prefix), northing the meridian arc. 1e-7° is about a centimetre.
        double northing = meridianArc(39.5);
        double[] truncated = stagedCorner(squareShapefile(500000, northing, 4546), "");
        assertThat(truncated[0]).isCloseTo(111.0, within(1e-9));
        assertThat(truncated[1]).isCloseTo(39.5, within(1e-7));
        double[] prefixed = stagedCorner(squareShapefile(37500000, northing, 4525), "");
        assertThat(prefixed[0]).isCloseTo(111.0, within(1e-9));
        assertThat(prefixed[1]).isCloseTo(39.5, within(1e-7));
        // Eastings with the zone prefix under a .prj without it (as many bureaus' files are): read in the prefixed CRS.
        double[] mislabelled = stagedCorner(squareShapefile(37500000, northing, 4546), "");
        assertThat(mislabelled[0]).isCloseTo(111.0, within(1e-9));
        assertThat(mislabelled[1]).isCloseTo(39.5, within(1e-7));
        // 6° zone 19 (also CM 111°E), prefixed: EPSG:4497.
        double[] sixDegree = stagedCorner(squareShapefile(19500000, northing, 4508), "");
        assertThat(sixDegree[0]).isCloseTo(111.0, within(1e-9));
        assertThat(sixDegree[1]).isCloseTo(39.5, within(1e-7));
        // No .prj at all: refused unless the CRS is given; given, the same point.
        Staged noPrj = stage("villages", "xzq.shp.zip", withoutPrj(squareShapefile(500000, northing, 4546)), "");
        assertThat(noPrj.status()).isEqualTo(400);
        assertThat(noPrj.body().path("argument").asString()).isEqualTo("crs");
        double[] given = stagedCorner(withoutPrj(squareShapefile(500000, northing, 4546)), "&crs=EPSG:4546");
        assertThat(given[1]).isCloseTo(39.5, within(1e-7));
        // Off the meridian, 50 km east: the same as PostGIS's own transformation of that point, to the centimetre.
        double[] east = stagedCorner(squareShapefile(37550000, northing, 4525), "");
        double[] expected = jdbc.queryForObject("SELECT ARRAY[ST_X(p), ST_Y(p)] FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(550000, ?), 4546), 4490) AS p) x",
                (rs, i) -> java.util.Arrays.stream((Object[]) rs.getArray(1).getArray()).mapToDouble(o -> ((Number) o).doubleValue()).toArray(), northing);
        assertThat(east[0]).isCloseTo(expected[0], within(1e-7));
        assertThat(east[1]).isCloseTo(expected[1], within(1e-7));
        assertThat(east[0]).isGreaterThan(111.5);
        // Xian 1980 and Beijing 1954 Gauss-Kruger (CM 111°E) are read; PROJ has no datum shift for them here, so the
        // point lands within a few hundred metres, and the job names the datum.
        for (int epsg : new int[] {2382, 2434}) {
            Staged old = stage("villages", "xzq.zip", squareShapefile(500000, northing, epsg), "");
            assertThat(old.body().path("sourceCrs").asString()).containsAnyOf("Xian 1980", "Beijing 1954");
            double[] p = jdbc.queryForObject("SELECT ARRAY[ST_X(p), ST_Y(p)] FROM (SELECT ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1) AS p FROM exchange_staging.job_" + old.id() + ") x",
                    (rs, i) -> java.util.Arrays.stream((Object[]) rs.getArray(1).getArray()).mapToDouble(o -> ((Number) o).doubleValue()).toArray());
            assertThat(p[0]).isCloseTo(111.0, within(0.01));
            assertThat(p[1]).isCloseTo(39.5, within(0.01));
            cancel(old.id());
        }
    }

    private static byte[] withoutPrj(byte[] zip) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip)); var out = new java.util.zip.ZipOutputStream(bytes)) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.getName().endsWith(".prj")) {
                    out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                    out.write(in.readAllBytes());
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }
}
