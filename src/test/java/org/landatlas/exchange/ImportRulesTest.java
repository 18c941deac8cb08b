package org.landatlas.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every DLTB check with a file that breaks it (one feature per rule, each named in the report); every file format
 * read through GDAL (GeoPackage, File Geodatabase, KML, CSV with WKT); hostile Shapefiles (a .dbf with fewer rows
 * than the .shp, a zip entry declaring 2 GB); and the round trip import → export → import, which changes nothing and
 * keeps every area to the cm².
 */
class ImportRulesTest extends IntegrationTest {

    private static final String COUNTY = "150724";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Autowired
    private JdbcTemplate jdbc;

    @AfterEach
    void cleanUp() {
        jdbc.update("DELETE FROM land_parcel WHERE bsm LIKE 'IMPR%' OR bsm LIKE 'IMPT%'");
    }

    private HttpResponse<String> upload(String profile, String county, String fileName, byte[] file, String options) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/exchange/imports?profile=" + profile + "&county=" + county
                        + "&fileName=" + fileName + options)).header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private void cancel(long id) {
        graphqlAs(adminToken(), "mutation { cancelImport(id: \"" + id + "\") { status } }");
    }

    private ObjectNode feature(Map<String, Object> parcel, String bsm, String tbbh, String geometry) {
        ObjectNode f = Http.JSON.createObjectNode();
        f.put("type", "Feature");
        ObjectNode p = f.putObject("properties");
        p.put("BSM", bsm);
        p.put("TBBH", tbbh);
        for (String k : List.of("dlbm", "dlmc", "qsxz", "qsdwdm", "qsdwmc", "zldwdm", "zldwmc")) {
            p.put(k.toUpperCase(), (String) parcel.get(k));
        }
        p.put("TBMJ", parcel.get("tbmj").toString());
        p.put("KCMJ", parcel.get("kcmj").toString());
        p.put("TBDLMJ", parcel.get("tbdlmj").toString());
        p.put("SJNF", parcel.get("sjnf").toString());
        if (geometry == null) {
            f.putNull("geometry");
        } else {
            f.set("geometry", Http.JSON.readTree(geometry));
        }
        return f;
    }

    @Test
    void everyCheckNamesTheFeatureThatBreaksIt() throws Exception {
        List<Map<String, Object>> parcels = jdbc.queryForList("SELECT bsm, tbbh, dlbm, dlmc, qsxz, qsdwdm, qsdwmc, zldwdm, zldwmc, tbmj, kcmj, tbdlmj, sjnf,"
                + " ST_AsGeoJSON(geom, 9) AS g, village_code FROM land_parcel WHERE county_code = ? AND synthetic AND ST_IsValid(geom) AND kcmj = 0 ORDER BY id LIMIT 40", COUNTY);
        Map<String, Object> p = parcels.get(0);
        Map<String, Object> otherVillage = jdbc.queryForMap("SELECT ST_AsGeoJSON(geom, 9) AS g FROM land_parcel WHERE county_code = ? AND village_code <> ? AND synthetic"
                + " AND ST_IsValid(geom) ORDER BY id LIMIT 1", COUNTY, p.get("village_code"));
        String foreignBsm = jdbc.queryForObject("SELECT bsm FROM land_parcel WHERE county_code = '533401' ORDER BY id LIMIT 1", String.class);
        String foreignZldwdm = jdbc.queryForObject("SELECT zldwdm FROM land_parcel WHERE county_code = '533401' ORDER BY id LIMIT 1", String.class);
        double[] c = jdbc.queryForObject("SELECT ARRAY[ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom))] FROM land_parcel WHERE bsm = ?",
                (rs, i) -> java.util.Arrays.stream((Object[]) rs.getArray(1).getArray()).mapToDouble(o -> ((Number) o).doubleValue()).toArray(), p.get("bsm"));
        String bowtie = String.format(java.util.Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}",
                c[0], c[1], c[0] + 0.001, c[1] + 0.001, c[0] + 0.001, c[1], c[0], c[1] + 0.001, c[0], c[1]);
        String sliver = String.format(java.util.Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}",
                c[0], c[1], c[0] + 0.001, c[1], c[0] + 0.002, c[1], c[0], c[1]);
        String far = "{\"type\":\"Polygon\",\"coordinates\":[[[100.0,30.0],[100.001,30.0],[100.001,30.001],[100.0,30.0]]]}";
        // An imported parcel of the county that the file leaves out: the commit would remove it.
        jdbc.update("INSERT INTO land_parcel (bsm, tbbh, county_code, village_code, dlbm, dlmc, qsxz, qsdwdm, qsdwmc, zldwdm, zldwmc, tbmj, kcmj, tbdlmj, sjnf, area_m2, synthetic, geom)"
                + " SELECT 'IMPRGONE', 'G0000001', county_code, village_code, dlbm, dlmc, qsxz, qsdwdm, qsdwmc, zldwdm, zldwmc, tbmj, kcmj, tbdlmj, sjnf, area_m2, false, geom"
                + " FROM land_parcel WHERE bsm = ?", parcels.get(1).get("bsm"));

        Map<String, String> expect = new LinkedHashMap<>();   // check → the record key it must name
        ArrayNode features = Http.JSON.createArrayNode();
        int n = 2;
        java.util.function.BiFunction<String, String, ObjectNode> add = (bsm, geometry) -> {
            ObjectNode f = feature(parcels.get(features.size() % 30 + 2), bsm, "R" + String.format("%07d", features.size()), geometry);
            features.add(f);
            return f;
        };
        ((ObjectNode) add.apply("IMPR01", (String) parcels.get(2).get("g")).get("properties")).put("DLMC", "");
        expect.put("required_value", "IMPR01");
        ((ObjectNode) add.apply("IMPR02", (String) parcels.get(3).get("g")).get("properties")).put("TBMJ", "abc");
        expect.put("not_a_number", "IMPR02");
        add.apply("IMPRDUP", (String) parcels.get(4).get("g"));
        add.apply("IMPRDUP", (String) parcels.get(5).get("g"));
        expect.put("duplicate_bsm", "IMPRDUP");
        ObjectNode t1 = add.apply("IMPR04", (String) parcels.get(6).get("g"));
        ObjectNode t2 = add.apply("IMPR05", (String) parcels.get(7).get("g"));
        ((ObjectNode) t2.get("properties")).put("ZLDWDM", t1.get("properties").get("ZLDWDM").asString()).put("TBBH", t1.get("properties").get("TBBH").asString());
        expect.put("duplicate_tbbh", "IMPR04");
        ObjectNode taken = add.apply("IMPR06", (String) parcels.get(8).get("g"));
        ((ObjectNode) taken.get("properties")).put("ZLDWDM", (String) p.get("zldwdm")).put("TBBH", (String) p.get("tbbh"));
        expect.put("tbbh_taken", "IMPR06");
        add.apply("IMPR07-MUCH-TOO-LONG-BSM", (String) parcels.get(9).get("g"));
        expect.put("too_long", "IMPR07-MUCH-TOO-LONG-BSM");
        ((ObjectNode) add.apply("IMPR08", (String) parcels.get(10).get("g")).get("properties")).put("DLBM", "9999");
        expect.put("unknown_class", "IMPR08");
        ((ObjectNode) add.apply("IMPR09", (String) parcels.get(11).get("g")).get("properties")).put("QSXZ", "99");
        expect.put("bad_code", "IMPR09");
        ObjectNode net = add.apply("IMPR10", (String) parcels.get(12).get("g"));
        ((ObjectNode) net.get("properties")).put("TBDLMJ", String.valueOf(Double.parseDouble(net.get("properties").get("TBDLMJ").asString()) + 5));
        expect.put("net_area", "IMPR10");
        add.apply("IMPR11", null);
        expect.put("no_geometry", "IMPR11");
        add.apply("IMPR12", bowtie);
        expect.put("invalid_geometry", "IMPR12");
        add.apply("IMPR13", sliver);
        expect.put("unrepairable_geometry", "IMPR13");
        ((ObjectNode) add.apply("IMPR14", (String) parcels.get(13).get("g")).get("properties")).put("ZLDWDM", foreignZldwdm);
        expect.put("village_not_in_county", "IMPR14");
        add.apply("IMPR15", far);
        expect.put("outside_county", "IMPR15");
        ObjectNode big = add.apply("IMPR16", (String) parcels.get(14).get("g"));
        double tbmj = Double.parseDouble(big.get("properties").get("TBMJ").asString()) * 2;
        ((ObjectNode) big.get("properties")).put("TBMJ", String.valueOf(tbmj)).put("TBDLMJ", String.valueOf(tbmj));
        expect.put("area_mismatch", "IMPR16");
        add.apply(foreignBsm, (String) parcels.get(15).get("g"));
        expect.put("bsm_in_other_county", foreignBsm);
        ObjectNode elsewhere = add.apply("IMPR18", (String) otherVillage.get("g"));
        ((ObjectNode) elsewhere.get("properties")).put("ZLDWDM", (String) p.get("zldwdm"));
        expect.put("outside_village", "IMPR18");
        expect.put("overlaps_existing", null);    // every feature copies a demo parcel, which stays
        expect.put("village_coverage", null);     // the demo's parcels do not cover their villages wall to wall
        expect.put("removed_on_commit", "IMPRGONE");

        ObjectNode file = Http.JSON.createObjectNode();
        file.put("type", "FeatureCollection");
        file.set("features", features);
        HttpResponse<String> r = upload("dltb", COUNTY, "rules.geojson", file.toString().getBytes(StandardCharsets.UTF_8), "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode job = Http.JSON.readTree(r.body());
        assertThat(job.path("status").asString()).isEqualTo("rejected");
        Map<String, JsonNode> checks = new LinkedHashMap<>();
        job.path("report").path("checks").forEach(ch -> checks.put(ch.path("code").asString(), ch));
        assertThat(checks.keySet()).as("every check of the profile has a violating feature here").containsExactlyInAnyOrderElementsOf(expect.keySet());
        for (Map.Entry<String, String> e : expect.entrySet()) {
            JsonNode ch = checks.get(e.getKey());
            assertThat(ch.path("count").asInt()).as(e.getKey() + ": " + ch).isPositive();
            assertThat(ch.has("error")).as(e.getKey() + ": " + ch).isFalse();
            if (e.getValue() != null) {
                List<String> keys = new ArrayList<>();
                ch.path("examples").forEach(x -> keys.add(x.path("record_key").asString()));
                assertThat(keys).as(e.getKey() + ": " + ch).contains(e.getValue());
            }
        }
        cancel(job.path("id").asLong());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE bsm = 'IMPRGONE'", Integer.class)).isOne();
    }

    /** The unknown_class check of a staged job: its count and its examples' details by record key. */
    private static Map<String, String> unknownClasses(JsonNode job) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode ch : job.path("report").path("checks")) {
            if (ch.path("code").asString().equals("unknown_class")) {
                assertThat(ch.has("error")).as(ch.toString()).isFalse();
                ch.path("examples").forEach(x -> out.put(x.path("record_key").asString(), x.path("detail").asString()));
                assertThat(ch.path("count").asInt()).isEqualTo(out.size());
            }
        }
        return out;
    }

    @Test
    void theClassSystemOptionChoosesTheClassificationDlbmIsCheckedAgainstAndStoredUnder() throws Exception {
        List<Map<String, Object>> parcels = jdbc.queryForList("SELECT bsm, tbbh, dlbm, dlmc, qsxz, qsdwdm, qsdwmc, zldwdm, zldwmc, tbmj, kcmj, tbdlmj, sjnf,"
                + " ST_AsGeoJSON(geom, 9) AS g FROM land_parcel WHERE county_code = ? AND synthetic AND ST_IsValid(geom) AND kcmj = 0 ORDER BY id LIMIT 3", COUNTY);
        // 05H1 is a class of 三调工作分类 only, 0501 of GB/T 21010-2017 only (domain reference §1.3), 0101 of both.
        String[][] codes = {{"IMPRCS1", "05H1", "商业服务业设施用地"}, {"IMPRCS2", "0501", "零售商业用地"}, {"IMPRCS3", "0101", "水田"}};
        java.util.function.IntFunction<byte[]> file = upTo -> {
            ArrayNode features = Http.JSON.createArrayNode();
            for (int i = 0; i < codes.length; i++) {
                if (i == 0 && upTo < 0) {
                    continue;   // the file without the 三调-only code
                }
                ObjectNode f = feature(parcels.get(i), codes[i][0], "C" + String.format("%07d", i), (String) parcels.get(i).get("g"));
                ((ObjectNode) f.get("properties")).put("DLBM", codes[i][1]).put("DLMC", codes[i][2]);
                features.add(f);
            }
            ObjectNode fc = Http.JSON.createObjectNode();
            fc.put("type", "FeatureCollection");
            fc.set("features", features);
            return fc.toString().getBytes(StandardCharsets.UTF_8);
        };

        // Default, 三调工作分类: the GB/T-only code is refused, naming the field, the code and the system.
        HttpResponse<String> sandiao = upload("dltb", COUNTY, "classes.geojson", file.apply(0), "");
        assertThat(sandiao.statusCode()).as(sandiao.body()).isEqualTo(201);
        JsonNode a = Http.JSON.readTree(sandiao.body());
        assertThat(a.path("status").asString()).isEqualTo("rejected");
        assertThat(a.path("report").path("options").path("classSystem").asString()).isEqualTo("SANDIAO");
        assertThat(unknownClasses(a)).containsExactly(Map.entry("IMPRCS2", "DLBM 0501 is not a class of 三调工作分类"));
        cancel(a.path("id").asLong());

        // GB/T 21010-2017: the 三调-only code is refused instead.
        HttpResponse<String> gbt = upload("dltb", COUNTY, "classes.geojson", file.apply(0), "&classSystem=gbt_21010_2017");
        assertThat(gbt.statusCode()).as(gbt.body()).isEqualTo(201);
        JsonNode b = Http.JSON.readTree(gbt.body());
        assertThat(b.path("status").asString()).isEqualTo("rejected");
        assertThat(unknownClasses(b)).containsExactly(Map.entry("IMPRCS1", "DLBM 05H1 is not a class of GB/T 21010-2017"));
        cancel(b.path("id").asLong());

        // A value that is not a system is refused, naming the option and its values; nothing is staged.
        HttpResponse<String> bad = upload("dltb", COUNTY, "classes.geojson", file.apply(0), "&classSystem=GB2007");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.JSON.readTree(bad.body()).path("argument").asString()).isEqualTo("classSystem");
        assertThat(bad.body()).contains("GB2007").contains("SANDIAO").contains("GBT_21010_2017");

        // A GB/T file under GB/T is checked and committed with its classification stored; GraphQL shows the option.
        HttpResponse<String> ok = upload("dltb", COUNTY, "classes.geojson", file.apply(-1), "&classSystem=GBT_21010_2017&scope=add");
        JsonNode c = Http.JSON.readTree(ok.body());
        assertThat(c.path("status").asString()).as(ok.body()).isEqualTo("checked");
        assertThat(unknownClasses(c)).isEmpty();
        JsonNode committed = graphqlAs(adminToken(), "mutation { commitImport(id: \"" + c.path("id").asLong() + "\") { status options { name value } result { added } } }")
                .path("data").path("commitImport");
        assertThat(committed.path("status").asString()).as(committed.toString()).isEqualTo("COMMITTED");
        assertThat(committed.path("options").toString()).isEqualTo("[{\"name\":\"classSystem\",\"value\":\"GBT_21010_2017\"}]");
        assertThat(committed.path("result").path("added").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT bsm || ' ' || class_system || ' ' || dlbm FROM land_parcel WHERE bsm LIKE 'IMPRCS%' ORDER BY bsm", String.class))
                .containsExactly("IMPRCS2 GB/T 21010-2017 0501", "IMPRCS3 GB/T 21010-2017 0101");
        assertThat(graphqlAs(adminToken(), "{ parcelByBsm(bsm: \"IMPRCS2\") { classSystem landClassName } }").path("data").path("parcelByBsm").toString())
                .contains("GBT_21010_2017").contains("零售商业用地");
        // The profile lists the option with its values and default.
        JsonNode profiles = graphqlAs(adminToken(), "{ importProfiles { name options { name values defaultValue description } } }").path("data").path("importProfiles");
        JsonNode dltb = profiles.valueStream().filter(x -> x.path("name").asString().equals("dltb")).findFirst().orElseThrow();
        assertThat(dltb.path("options").get(0).path("name").asString()).isEqualTo("classSystem");
        assertThat(dltb.path("options").get(0).path("values").toString()).isEqualTo("[\"SANDIAO\",\"GBT_21010_2017\"]");
        assertThat(dltb.path("options").get(0).path("defaultValue").asString()).isEqualTo("SANDIAO");
    }

    /** A village of the county written by ogr2ogr in {@code driver} (options after it), zipped when it is a folder. */
    private byte[] villageFile(Path dir, String name, String driver, String... options) throws Exception {
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        URI u = URI.create(db.url().substring(5));
        List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", driver, dir.resolve(name).toString(),
                "PG:host=" + u.getHost() + " port=" + u.getPort() + " dbname=" + u.getPath().substring(1) + " user=" + db.user(),
                "-sql", "SELECT code AS xzqdm, name AS xzqmc, boundary FROM admin_unit WHERE level = 'village' AND county_code = '" + COUNTY + "' ORDER BY code LIMIT 3",
                "-nln", "XZQ"));
        cmd.addAll(List.of(options));
        ProcessBuilder b = new ProcessBuilder(cmd);
        b.environment().put("PGPASSWORD", db.password() == null ? "" : db.password());
        assertThat(b.redirectErrorStream(true).inheritIO().start().waitFor()).isZero();
        Path out = dir.resolve(name);
        if (!Files.isDirectory(out)) {
            return Files.readAllBytes(out);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new ZipEntry(dir.relativize(f).toString()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void geoPackageFileGeodatabaseKmlAndCsvAreReadAlike() throws Exception {
        Path dir = Files.createTempDirectory("formats");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("cun.gpkg", villageFile(dir, "cun.gpkg", "GPKG"));
        files.put("cun.gdb.zip", villageFile(dir, "cun.gdb", "OpenFileGDB", "-nlt", "MULTIPOLYGON"));
        files.put("cun.kml", villageFile(dir, "cun.kml", "KML"));
        files.put("cun.csv", villageFile(dir, "cun.csv", "CSV", "-lco", "GEOMETRY=AS_WKT"));
        double expected = jdbc.queryForObject("SELECT sum(area_m2) FROM (SELECT ST_Area(boundary::geography) AS area_m2 FROM admin_unit WHERE level = 'village'"
                + " AND county_code = ? ORDER BY code LIMIT 3) v", Double.class, COUNTY);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            // A CSV carries no CRS: it is given.
            HttpResponse<String> r = upload("villages", COUNTY, f.getKey(), f.getValue(), f.getKey().endsWith(".csv") ? "&crs=EPSG:4490" : "");
            assertThat(r.statusCode()).as(f.getKey() + ": " + r.body()).isEqualTo(201);
            JsonNode job = Http.JSON.readTree(r.body());
            assertThat(job.path("status").asString()).as(f.getKey() + ": " + r.body()).isEqualTo("checked");
            assertThat(job.path("features").asInt()).as(f.getKey()).isEqualTo(3);
            double area = jdbc.queryForObject("SELECT sum(ST_Area(geom::geography)) FROM exchange_staging.job_" + job.path("id").asLong(), Double.class);
            // KML stores 6 decimals of a degree; the others full precision.
            assertThat(area).as(f.getKey()).isCloseTo(expected, within(f.getKey().endsWith(".kml") ? expected * 1e-4 : 0.01));
            cancel(job.path("id").asLong());
        }
    }

    private static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aDbfWithFewerRowsThanItsShpAndAZipDeclaringTwoGigabytesAreRefused() throws Exception {
        Path two = Files.createTempDirectory("dbf");
        Path one = Files.createTempDirectory("dbf1");
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(DltbTestFiles.zip(jdbc, COUNTY, "ST_IsValid(geom)", "", 5)))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                parts.put(Path.of(e.getName()).getFileName().toString(), in.readAllBytes());
            }
        }
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(DltbTestFiles.zip(jdbc, COUNTY, "ST_IsValid(geom)", "", 2)))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith(".dbf")) {
                    parts.put("DLTB.dbf", in.readAllBytes());
                }
            }
        }
        long jobs = jdbc.queryForObject("SELECT count(*) FROM import_job", Long.class);
        HttpResponse<String> r = upload("dltb", COUNTY, "short.zip", zip(parts), "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(Http.JSON.readTree(r.body()).path("detail").asString()).as(r.body()).containsIgnoringCase("dbf");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_job", Long.class)).isEqualTo(jobs);

        // A zip whose entry header declares 2 GB: refused by the size it declares, before anything is unpacked.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry e = new ZipEntry("DLTB.shp");
            e.setMethod(ZipEntry.STORED);
            byte[] small = new byte[16];
            e.setSize(small.length);
            e.setCompressedSize(small.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(small);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(small);
            zip.closeEntry();
        }
        byte[] z = bytes.toByteArray();
        // Patch the central directory's uncompressed size of the entry to 2 GB (0x80000000).
        for (int i = z.length - 22; i >= 0; i--) {
            if (z[i] == 0x50 && z[i + 1] == 0x4b && z[i + 2] == 0x01 && z[i + 3] == 0x02) {
                z[i + 24] = 0;
                z[i + 25] = 0;
                z[i + 26] = 0;
                z[i + 27] = (byte) 0x80;
                break;
            }
        }
        r = upload("dltb", COUNTY, "huge.zip", z, "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_job", Long.class)).isEqualTo(jobs);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'exchange_staging' AND tablename ~ '^job_[0-9]+$'"
                + " AND tablename NOT IN (SELECT 'job_' || id FROM import_job)", Integer.class)).isZero();
    }

    @Test
    void importExportImportChangesNothingAndKeepsEveryAreaToTheSquareCentimetre() throws Exception {
        // Marked GCHF (工程恢复), which no demo parcel of the county carries, so that the export can select exactly these.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE county_code = ? AND zzsxdm = 'GCHF'", Integer.class, COUNTY)).isZero();
        byte[] first = DltbTestFiles.zip(jdbc, COUNTY, "ST_IsValid(geom)", ", 'GCHF' AS ZZSXDM", 40);
        JsonNode job = Http.JSON.readTree(upload("dltb", COUNTY, "first.zip", first, "&scope=add").body());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("checked");
        graphqlAs(adminToken(), "mutation { commitImport(id: \"" + job.path("id").asLong() + "\") { status } }");
        Map<String, Double> areas = new LinkedHashMap<>();
        jdbc.query("SELECT bsm, area_m2 FROM land_parcel WHERE bsm LIKE 'IMPT%'", rs -> {
            areas.put(rs.getString(1), rs.getDouble(2));
        });
        assertThat(areas).hasSize(40);
        // Exported as the GBK Shapefile a bureau would get (DLTB names, .prj, .cpg), then imported again.
        JsonNode export = graphqlAs(adminToken(), "mutation { exportParcels(filter: {adminCode: \"" + COUNTY + "\", plantingAttributes: [GCHF]}, format: SHAPEFILE,"
                + " shapefileEncoding: \"GBK\") { url rows } }");
        assertThat(export.path("errors").isMissingNode()).as(export.toString()).isTrue();
        assertThat(export.path("data").path("exportParcels").path("rows").asInt()).isEqualTo(40);
        HttpResponse<byte[]> file = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + export.path("data").path("exportParcels").path("url").asString()))
                .header("Authorization", "Bearer " + adminToken()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        JsonNode again = Http.JSON.readTree(upload("dltb", COUNTY, "exported.zip", file.body(), "&scope=add").body());
        assertThat(again.path("status").asString()).as(again.toString()).isEqualTo("checked");
        JsonNode result = graphqlAs(adminToken(), "mutation { commitImport(id: \"" + again.path("id").asLong() + "\") { result { added changed removed } } }")
                .path("data").path("commitImport").path("result");
        assertThat(result.path("added").asInt()).isZero();
        assertThat(result.path("removed").asInt()).isZero();
        // Numbers and names come back as they went; only coordinates may move in their last bits, never an area by a cm².
        List<Map<String, Object>> changed = jdbc.queryForList("SELECT record_key, fields::text AS f FROM import_change WHERE job_id = ? AND change = 'changed'",
                again.path("id").asLong());
        for (Map<String, Object> ch : changed) {
            assertThat(Http.JSON.readTree((String) ch.get("f")).propertyNames()).as(ch.toString()).containsOnly("geometry_m2");
        }
        jdbc.query("SELECT bsm, area_m2 FROM land_parcel WHERE bsm LIKE 'IMPT%'", rs -> {
            assertThat(rs.getDouble(2)).as(rs.getString(1)).isCloseTo(areas.get(rs.getString(1)), within(1e-4));
        });
    }
}
