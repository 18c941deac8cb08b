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
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** exportParcels: the parcels query's filter, files written by GDAL and read back by GDAL with the database's counts. */
class ParcelExportTest extends IntegrationTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String FILTER = "{adminCode: \"150724\", landClassCodes: [\"0101\", \"0102\", \"0103\", \"0401\"]}";

    @Autowired
    private JdbcTemplate jdbc;

    private JsonNode export(String format, String extra) {
        return graphqlAs(adminToken(), "mutation { exportParcels(filter: " + FILTER + ", format: " + format + extra + ") { id format rows url expiresAt } }")
                .path("data").path("exportParcels");
    }

    private HttpResponse<byte[]> download(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + url)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** ogrinfo's feature count and field list of a file. */
    private static String ogrinfo(Path file) throws Exception {
        Process p = new ProcessBuilder("ogrinfo", "-ro", "-so", "-al", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void eachFormatHoldsExactlyTheFilteredParcelsAndReadsBackInGdal() throws Exception {
        int expected = jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE county_code = '150724' AND dlbm IN ('0101', '0102', '0103', '0401')", Integer.class);
        assertThat(expected).isPositive();
        for (String format : List.of("GPKG", "GEOJSON", "CSV", "FLATGEOBUF")) {
            JsonNode e = export(format, "");
            assertThat(e.path("rows").asInt()).as(format).isEqualTo(expected);
            HttpResponse<byte[]> r = download(e.path("url").asString(), adminToken());
            assertThat(r.statusCode()).as(format).isEqualTo(200);
            Path file = Files.createTempFile("export", "." + Map.of("GPKG", "gpkg", "GEOJSON", "geojson", "CSV", "csv", "FLATGEOBUF", "fgb").get(format));
            Files.write(file, r.body());
            String info = ogrinfo(file);
            assertThat(info).as(format).contains("Feature Count: " + expected).contains("BSM").contains("TBDLMJ");
        }
    }

    @Test
    void aGbkShapefileCarriesItsPrjCpgAndChineseNames() throws Exception {
        JsonNode e = export("SHAPEFILE", ", shapefileEncoding: \"GBK\"");
        HttpResponse<byte[]> r = download(e.path("url").asString(), adminToken());
        assertThat(r.statusCode()).isEqualTo(200);
        Path dir = Files.createTempDirectory("shp");
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
            for (ZipEntry z; (z = zip.getNextEntry()) != null; ) {
                names.add(z.getName());
                Files.write(dir.resolve(z.getName()), zip.readAllBytes());
            }
        }
        assertThat(names).contains("DLTB.shp", "DLTB.shx", "DLTB.dbf", "DLTB.prj", "DLTB.cpg");
        assertThat(Files.readString(dir.resolve("DLTB.cpg")).trim()).isIn("CP936", "936");
        assertThat(ogrinfo(dir.resolve("DLTB.shp"))).contains("Feature Count: " + e.path("rows").asInt());
        // GDAL reads the .cpg: the names come back as the database holds them.
        Process p = new ProcessBuilder("ogrinfo", "-ro", "-al", "-q", "-fid", "1", dir.resolve("DLTB.shp").toString()).redirectErrorStream(true).start();
        String feature = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        String firstName = jdbc.queryForObject("SELECT dlmc FROM land_parcel WHERE county_code = '150724' AND dlbm IN ('0101', '0102', '0103', '0401') ORDER BY id OFFSET 1 LIMIT 1", String.class);
        assertThat(feature).contains(firstName);
    }

    @Test
    void thePublicMayNotExportAndOthersCannotDownloadAnExport() throws Exception {
        JsonNode publicTry = graphql("mutation { exportParcels(format: GPKG) { id } }");
        assertThat(publicTry.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        JsonNode e = export("GPKG", "");
        assertThat(download(e.path("url").asString(), null).statusCode()).isEqualTo(404);
        assertThat(download("/exchange/exports/000000000000000000000000", adminToken()).statusCode()).isEqualTo(404);
        JsonNode bad = graphqlAs(adminToken(), "mutation { exportParcels(filter: {bbox: [1, 2]}, format: GPKG) { id } }");
        assertThat(bad.path("errors").get(0).path("message").asString()).contains("filter.bbox");
    }
}
