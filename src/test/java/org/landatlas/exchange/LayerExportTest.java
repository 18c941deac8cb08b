package org.landatlas.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.landatlas.platform.SqlWhere;
import org.landatlas.security.Masking;
import org.landatlas.security.Viewer;
import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The exports of every feature layer other than parcels: each holds exactly the rows its GraphQL list query finds
 * for the same filter and viewer (read back by GDAL's ogrinfo), personal data follows the viewer's role (masked in
 * SQL exactly as {@link Masking} masks in Java), and Shapefiles carry their geometry type, .prj and .cpg.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LayerExportTest extends IntegrationTest {

    static final String A = "150627";   // 伊金霍洛旗
    static final String B = "533401";   // 香格里拉市
    static final String PASSWORD = "Staff-pw-for-tests-7";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    NamedParameterJdbcTemplate named;

    final String run = Long.toString(System.currentTimeMillis(), 36);
    String staffA;          // staff of A without the personal-data permission
    String staffAPersonal;  // staff of A with it
    String staffB;          // staff of B

    @BeforeAll
    void accounts() {
        staffA = tokenFor(account("xa-" + run, List.of(A), false));
        staffAPersonal = tokenFor(account("xap-" + run, List.of(A), true));
        staffB = tokenFor(account("xb-" + run, List.of(B), false));
    }

    String account(String username, List<String> counties, boolean personal) {
        JsonNode r = graphqlAs(adminToken(), "mutation($i: NewAccountInput!) { createAccount(input: $i) { id } }",
                Map.of("i", Map.of("username", username, "role", "STAFF", "counties", counties, "personalData", personal, "password", PASSWORD)));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        return r.path("data").path("createAccount").path("id").asString();
    }

    String tokenFor(String accountId) {
        JsonNode r = graphqlAs(adminToken(), "mutation { createApiToken(accountId: \"" + accountId + "\", name: \"export " + run + "\") { secret } }");
        return r.path("data").path("createApiToken").path("secret").asString();
    }

    /** One layer: its export mutation and arguments, and the list query that must find the same rows. */
    record Layer(String mutation, String args, String query, String queryArgs, String file) {
        /** The count of the list query: totalCount of a connection, or the length of a plain list. */
        int count(JsonNode data) {
            JsonNode n = data.path(query);
            return n.isArray() ? n.size() : n.path("totalCount").asInt();
        }

        String countQuery() {
            return "{ " + query + "(" + queryArgs + ") " + (file.equals("admin_units") ? "{ code }" : List.of("settlements", "belts").contains(file) ? "{ id }" : "{ totalCount }") + " }";
        }
    }

    List<Layer> layers() {
        String a = "\"" + A + "\"";
        JsonNode seat = graphql("{ adminUnit(code: " + a + ") { seat } }").path("data").path("adminUnit").path("seat").path("coordinates");
        String near = "near: {point: [" + seat.get(0).asDouble() + ", " + seat.get(1).asDouble() + "], distanceM: 20000}";
        return List.of(
                new Layer("exportListings", "filter: {adminCode: " + a + ", statuses: [LISTED, NEGOTIATING, CONTRACTED, DRAFT]}", "circulationListings", null, "circulation_listings"),
                new Layer("exportContracts", "filter: {adminCode: " + a + ", statuses: [ACTIVE, FILED, SIGNED, DISPUTED]}", "circulationContracts", null, "circulation_contracts"),
                new Layer("exportIdleFacilities", "adminCode: " + a, "idleFacilities", null, "idle_facilities"),
                new Layer("exportHomesteads", "filter: {adminCode: " + a + ", occupancies: [IDLE, SEASONAL]}", "homesteads", null, "homesteads"),
                new Layer("exportPvSites", "filter: {adminCode: " + a + ", capacityKw: {min: 5}}", "pvSites", null, "pv_sites"),
                new Layer("exportDistributionTransformers", "adminCode: " + a + ", withOpenCapacityKw: 1", "distributionTransformers", null, "distribution_transformers"),
                new Layer("exportHighStandardFarmland", "filter: {adminCode: " + a + ", year: {min: 2000}}", "highStandardFarmlandProjects", null, "high_standard_farmland"),
                new Layer("exportProtectionZones", "filter: {countyCode: " + a + "}", "protectionZones", null, "protection_zones"),
                new Layer("exportAdminUnits", "parentCode: " + a + ", level: VILLAGE", "adminUnits", null, "admin_units"),
                new Layer("exportRoads", "countyCode: " + a + ", classes: [VILLAGE, FARM, TOWNSHIP]", "roads", null, "roads"),
                new Layer("exportSettlements", "countyCode: " + a, "settlements", null, "settlements"),
                new Layer("exportPointsOfInterest", "countyCode: " + a + ", " + near, "pointsOfInterest", null, "points_of_interest"),
                new Layer("exportBelts", "countyCode: \"" + B + "\"", "belts", null, "belts"))
                .stream().map(l -> new Layer(l.mutation(), l.args(), l.query(), l.args(), l.file())).toList();
    }

    JsonNode export(String token, String mutation, String args, String format) {
        JsonNode r = graphqlAs(token, "mutation { " + mutation + "(" + args + ", format: " + format + ") { id format rows url expiresAt } }");
        assertThat(r.path("errors").isMissingNode()).as(mutation + ": " + r).isTrue();
        return r.path("data").path(mutation);
    }

    byte[] download(String url, String token) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + url)).header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<byte[]> r = CLIENT.send(req, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    /** The download on disk: a zipped Shapefile unpacked (its .shp returned), any other format as one file. */
    static Path save(byte[] body, String format, String layer) throws Exception {
        Path dir = Files.createTempDirectory("layer-export");
        if (format.equals("SHAPEFILE")) {
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
                for (ZipEntry z; (z = zip.getNextEntry()) != null; ) {
                    Files.write(dir.resolve(z.getName()), zip.readAllBytes());
                }
            }
            return dir.resolve(layer + ".shp");
        }
        Path file = dir.resolve(layer + Map.of("GPKG", ".gpkg", "GEOJSON", ".geojson", "CSV", ".csv", "FLATGEOBUF", ".fgb").get(format));
        Files.write(file, body);
        return file;
    }

    static String ogrinfo(Path file, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ogrinfo", "-ro"));
        cmd.addAll(Arrays.asList(extra));
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void eachLayerHoldsExactlyTheRowsOfItsListQueryForTheSameFilter() throws Exception {
        List<String> formats = List.of("GPKG", "GEOJSON", "FLATGEOBUF", "SHAPEFILE", "CSV");
        int i = 0;
        for (Layer l : layers()) {
            JsonNode q = graphqlAs(staffA, l.countQuery());
            assertThat(q.path("errors").isMissingNode()).as(l.query() + ": " + q).isTrue();
            int expected = l.count(q.path("data"));
            assertThat(expected).as(l.mutation() + " needs rows to compare").isPositive();
            String format = formats.get(i++ % formats.size());
            JsonNode e = export(staffA, l.mutation(), l.args(), format);
            assertThat(e.path("rows").asInt()).as(l.mutation()).isEqualTo(expected);
            assertThat(e.path("format").asString()).isEqualTo(format);
            Path file = save(download(e.path("url").asString(), staffA), format, l.file());
            String info = ogrinfo(file, "-so", "-al");
            assertThat(info).as(l.mutation() + " " + format).contains("Feature Count: " + expected);
        }
    }

    @Test
    void theBboxOfBeltsAndAdminUnitsCutsTheListQueryAndItsExportAlike() {
        // The south-west quarter of each county: some of its belts and villages, not all.
        for (String[] c : new String[][] {{B, "belts", "exportBelts", "countyCode: \"" + B + "\""}, {A, "adminUnits", "exportAdminUnits", "parentCode: \"" + A + "\", level: VILLAGE"}}) {
            String box = jdbc.queryForObject("SELECT format('[%s, %s, %s, %s]', ST_XMin(b), ST_YMin(b), (ST_XMin(b) + ST_XMax(b)) / 2, (ST_YMin(b) + ST_YMax(b)) / 2)"
                    + " FROM (SELECT boundary::box2d AS b FROM admin_unit WHERE code = ?) x", String.class, c[0]);
            String field = c[1].equals("belts") ? "{ id }" : "{ code }";
            int all = graphqlAs(staffA, "{ " + c[1] + "(" + c[3] + ") " + field + " }").path("data").path(c[1]).size();
            JsonNode cut = graphqlAs(staffA, "{ " + c[1] + "(" + c[3] + ", bbox: " + box + ") " + field + " }");
            assertThat(cut.path("errors").isMissingNode()).as(cut.toString()).isTrue();
            int inBox = cut.path("data").path(c[1]).size();
            assertThat(inBox).as(c[1] + " in " + box).isPositive().isLessThan(all);
            assertThat(export(staffA, c[2], c[3] + ", bbox: " + box, "GPKG").path("rows").asInt()).as(c[2]).isEqualTo(inBox);
            JsonNode bad = graphqlAs(staffA, "mutation { " + c[2] + "(" + c[3] + ", bbox: [120, 40, 119, 41], format: GPKG) { rows } }");
            assertThat(bad.path("errors").get(0).path("extensions").path("argument").asString()).as(bad.toString()).isEqualTo("bbox");
        }
    }

    @Test
    void aStaffAccountOfAnotherCountyExportsWhatItsListQueriesShowIt() throws Exception {
        String a = "\"" + A + "\"";
        // Listings and homesteads of A: only the public ones for staff of B, exactly as the queries answer B.
        for (String[] c : new String[][] {{"exportListings", "circulationListings"}, {"exportHomesteads", "homesteads"}}) {
            int publicCount = graphqlAs(staffB, "{ " + c[1] + "(filter: {adminCode: " + a + "}) { totalCount } }").path("data").path(c[1]).path("totalCount").asInt();
            int all = graphqlAs(staffA, "{ " + c[1] + "(filter: {adminCode: " + a + "}) { totalCount } }").path("data").path(c[1]).path("totalCount").asInt();
            assertThat(publicCount).as(c[1]).isPositive().isLessThan(all);
            assertThat(export(staffB, c[0], "filter: {adminCode: " + a + "}", "GPKG").path("rows").asInt()).as(c[0]).isEqualTo(publicCount);
        }
        // Contracts are staff-only in the account's counties: none of A for staff of B.
        assertThat(export(staffB, "exportContracts", "filter: {adminCode: " + a + "}", "CSV").path("rows").asInt()).isZero();
    }

    /** The features of a GeoJSON export as JSON. */
    JsonNode features(String token, String mutation, String args) throws Exception {
        JsonNode e = export(token, mutation, args, "GEOJSON");
        JsonNode fc = Http.JSON.readTree(new String(download(e.path("url").asString(), token), StandardCharsets.UTF_8));
        assertThat(fc.path("features").size()).isEqualTo(e.path("rows").asInt()).isPositive();
        return fc.path("features");
    }

    @Test
    void contractsCarryTransferorsMaskedUnlessTheAccountMayReadPersonalData() throws Exception {
        String args = "filter: {adminCode: \"" + A + "\"}";
        JsonNode masked = features(staffA, "exportContracts", args);
        JsonNode open = features(staffAPersonal, "exportContracts", args);
        int checked = 0;
        for (int i = 0; i < Math.min(40, masked.size()); i++) {
            JsonNode m = masked.get(i).path("properties");
            JsonNode o = open.get(i).path("properties");
            long id = m.path("ID").asLong();
            assertThat(o.path("ID").asLong()).isEqualTo(id);
            List<Map<String, Object>> people = jdbc.queryForList("""
                    SELECT i.head_name, i.id_number, coalesce(i.phone, '') AS phone FROM circulation_contract_transferor x
                    JOIN household h ON h.id = x.household_id JOIN personal.household_identity i ON i.household_id = h.id
                    WHERE x.contract_id = ? ORDER BY h.household_no""", id);
            if (people.isEmpty()) {
                continue;
            }
            String names = people.stream().map(p -> (String) p.get("head_name")).collect(Collectors.joining("; "));
            String ids = people.stream().map(p -> (String) p.get("id_number")).collect(Collectors.joining("; "));
            String phones = people.stream().map(p -> (String) p.get("phone")).collect(Collectors.joining("; "));
            // The masked file: exactly Java's masks (the SQL twin), never the registry's values.
            assertThat(m.path("PD_MASKED").asBoolean()).isTrue();
            assertThat(m.path("HH_NAME").asString()).isEqualTo(people.stream().map(p -> Masking.name((String) p.get("head_name"))).collect(Collectors.joining("; ")));
            assertThat(m.path("HH_IDNO").asString()).isEqualTo(people.stream().map(p -> Masking.idNumber((String) p.get("id_number"))).collect(Collectors.joining("; ")));
            assertThat(m.path("HH_PHONE").asString()).isEqualTo(people.stream().map(p -> Masking.phone((String) p.get("phone"))).collect(Collectors.joining("; ")));
            for (String idNo : m.path("HH_IDNO").asString().split("; ")) {
                assertThat(idNo).matches("[0-9]{6}\\*{8}[0-9X]{4}");
            }
            assertThat(m.toString()).doesNotContain(ids.split("; ")[0]);
            // With the permission: the registry's values.
            assertThat(o.path("PD_MASKED").asBoolean()).isFalse();
            assertThat(o.path("HH_NAME").asString()).isEqualTo(names);
            assertThat(o.path("HH_IDNO").asString()).isEqualTo(ids);
            assertThat(o.path("HH_PHONE").asString()).isEqualTo(phones);
            // The transferee's contact the same way.
            Map<String, Object> contact = jdbc.queryForMap("""
                    SELECT c.contact_name, c.phone FROM circulation_contract t JOIN personal.transferee_contact c ON c.transferee_id = t.transferee_id
                    WHERE t.id = ? UNION ALL SELECT NULL, NULL LIMIT 1""", id);
            if (contact.get("contact_name") != null) {
                assertThat(m.path("TF_CONTACT").asString()).isEqualTo(Masking.name((String) contact.get("contact_name")));
                assertThat(o.path("TF_CONTACT").asString()).isEqualTo(contact.get("contact_name"));
            }
            checked++;
        }
        assertThat(checked).isPositive();
        // The public may not export contracts at all (nor any other layer).
        JsonNode anonymous = graphql("mutation { exportContracts(" + args + ", format: GEOJSON) { id } }");
        assertThat(anonymous.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(anonymous.path("errors").get(0).path("message").asString()).contains("exportContracts");
    }

    @Test
    void homesteadHouseholdsFollowTheRoleAndTheCounty() throws Exception {
        String args = "filter: {adminCode: \"" + A + "\", revitalizationStatuses: [LISTED, NEGOTIATING]}";
        JsonNode masked = features(staffA, "exportHomesteads", args);
        JsonNode open = features(staffAPersonal, "exportHomesteads", args);
        JsonNode other = features(staffB, "exportHomesteads", args);
        assertThat(other.size()).isEqualTo(masked.size());
        int checked = 0;
        for (int i = 0; i < masked.size(); i++) {
            JsonNode m = masked.get(i).path("properties");
            JsonNode o = open.get(i).path("properties");
            JsonNode b = other.get(i).path("properties");
            // Staff of another county: the public homestead without anyone's identity.
            assertThat(b.path("HEAD_NAME").isNull()).isTrue();
            assertThat(b.path("HH_IDNO").isNull()).isTrue();
            assertThat(b.path("HH_NO").isNull()).isTrue();
            if (m.path("HH_NO").isNull()) {
                continue;
            }
            Map<String, Object> raw = jdbc.queryForMap("""
                    SELECT i.head_name, i.id_number FROM homestead s JOIN personal.household_identity i ON i.household_id = s.household_id WHERE s.id = ?""",
                    m.path("ID").asLong());
            assertThat(m.path("PD_MASKED").asBoolean()).isTrue();
            assertThat(m.path("HEAD_NAME").asString()).isEqualTo(Masking.name((String) raw.get("head_name")));
            assertThat(m.path("HH_IDNO").asString()).isEqualTo(Masking.idNumber((String) raw.get("id_number"))).matches("[0-9]{6}\\*{8}[0-9X]{4}");
            assertThat(o.path("PD_MASKED").asBoolean()).isFalse();
            assertThat(o.path("HEAD_NAME").asString()).isEqualTo(raw.get("head_name"));
            assertThat(o.path("HH_IDNO").asString()).isEqualTo(raw.get("id_number"));
            checked++;
        }
        assertThat(checked).isPositive();
        JsonNode anonymous = graphql("mutation { exportHomesteads(" + args + ", format: CSV) { id } }");
        assertThat(anonymous.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void shapefilesCarryTheLayersGeometryTypePrjAndAGbkCpg() throws Exception {
        // Village boundaries with their Chinese names, GBK.
        JsonNode e = export(staffA, "exportAdminUnits", "parentCode: \"" + A + "\", level: VILLAGE, shapefileEncoding: \"GBK\"", "SHAPEFILE");
        Path shp = save(download(e.path("url").asString(), staffA), "SHAPEFILE", "admin_units");
        for (String part : List.of(".shp", ".shx", ".dbf", ".prj", ".cpg")) {
            assertThat(shp.resolveSibling("admin_units" + part)).exists();
        }
        assertThat(Files.readString(shp.resolveSibling("admin_units.cpg")).trim()).isIn("CP936", "936");
        assertThat(Files.readString(shp.resolveSibling("admin_units.prj"))).contains("2000");
        String info = ogrinfo(shp, "-so", "-al");
        assertThat(info).contains("Feature Count: " + e.path("rows").asInt()).contains("Polygon");
        // GDAL decodes the GBK .dbf through the .cpg: the first village's name comes back as the database holds it.
        String first = jdbc.queryForObject("SELECT name FROM admin_unit WHERE code LIKE ? AND level = 'village' ORDER BY code LIMIT 1", String.class, A + "%");
        assertThat(ogrinfo(shp, "-al", "-q", "-fid", "0")).contains(first);
        // Lines and points get their own Shapefile type.
        JsonNode roads = export(staffA, "exportRoads", "countyCode: \"" + A + "\"", "SHAPEFILE");
        assertThat(ogrinfo(save(download(roads.path("url").asString(), staffA), "SHAPEFILE", "roads"), "-so", "-al")).contains("Line String");
        JsonNode pois = export(staffA, "exportPointsOfInterest", "countyCode: \"" + A + "\"", "SHAPEFILE");
        assertThat(ogrinfo(save(download(pois.path("url").asString(), staffA), "SHAPEFILE", "points_of_interest"), "-so", "-al")).contains("Geometry: Point");
    }

    @Test
    void theSqlMasksAreTheJavaMasks() {
        Viewer masked = new Viewer(Viewer.Role.STAFF, 1L, "mask-test", Set.of(A), false, "token");
        Viewer permitted = new Viewer(Viewer.Role.STAFF, 1L, "mask-test", Set.of(A), true, "token");
        List<String> values = Arrays.asList("王", "王芳", "欧阳娜娜", "张三丰", "", null, "13812345678", "123456", "11010519491231002X", "1234567890", "12345");
        for (Masking.Kind kind : Masking.Kind.values()) {
            for (String county : List.of(A, B)) {
                for (Viewer v : List.of(masked, permitted, Viewer.PUBLIC)) {
                    SqlWhere params = new SqlWhere();
                    String sql = Masking.sql(v, kind, "x.v", "y.c", params);
                    params.params().addValue("vals", values.toArray(String[]::new)).addValue("county", county);
                    List<String> got = named.queryForList("SELECT " + sql + " FROM unnest(CAST(:vals AS text[])) WITH ORDINALITY AS x(v, n),"
                            + " (SELECT CAST(:county AS text) AS c) y ORDER BY x.n", params.params(), String.class);
                    List<String> want = values.stream().map(value -> v.isPublic() || !v.isStaffIn(county) ? null : switch (kind) {
                        case NAME -> Masking.name(v, county, value);
                        case PHONE -> Masking.phone(v, county, value);
                        case ID_NUMBER -> Masking.idNumber(v, county, value);
                    }).toList();
                    assertThat(got).as(kind + " " + county + " " + v.personalData() + " " + v.role()).isEqualTo(want);
                }
            }
        }
    }

    @Test
    void badFiltersAreRefusedNamingTheField() {
        JsonNode bad = graphqlAs(staffA, "mutation { exportListings(filter: {bbox: [1, 2]}, format: GPKG) { id } }");
        assertThat(bad.path("errors").get(0).path("message").asString()).contains("filter.bbox");
        JsonNode encoding = graphqlAs(staffA, "mutation { exportRoads(countyCode: \"" + A + "\", format: SHAPEFILE, shapefileEncoding: \"latin-9\") { id } }");
        assertThat(encoding.path("errors").get(0).path("message").asString()).contains("shapefileEncoding");
        JsonNode unit = graphqlAs(staffA, "mutation { exportHomesteads(filter: {adminCode: \"999999\"}, format: CSV) { id } }");
        assertThat(unit.path("errors").get(0).path("message").asString()).contains("filter.adminCode");
    }
}
