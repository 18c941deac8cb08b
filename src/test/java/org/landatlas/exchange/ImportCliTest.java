package org.landatlas.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.PostgisTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The README launcher's command-line doors (scripts/run.sh import / imports / export, help) against this running service. */
class ImportCliTest extends IntegrationTest {

    private static final String COUNTY = "150724";

    @Autowired
    private JdbcTemplate jdbc;

    @AfterEach
    void removeImportedParcels() {
        jdbc.update("DELETE FROM land_parcel WHERE bsm LIKE 'IMPT%'");
    }

    private record Run(int exit, String out) {
    }

    private Run run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("scripts/run.sh"));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).directory(PostgisTestDatabase.projectRoot().toFile()).redirectErrorStream(true);
        b.environment().put("LANDATLAS_URL", "http://127.0.0.1:" + port);
        b.environment().put("LANDATLAS_TOKEN", adminToken());
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void aScriptedLoadUploadsReportsCommitsAndExports() throws Exception {
        Path file = Files.createTempFile("dltb", ".zip");
        Files.write(file, DltbTestFiles.zip(jdbc, COUNTY, "ST_IsValid(geom)", "", 25));
        Run imported = run("import", file.toString(), "--profile", "dltb", "--county", COUNTY, "--scope", "add", "--commit");
        assertThat(imported.exit()).as(imported.out()).isZero();
        assertThat(imported.out()).contains("checked").contains("committed").contains("added 25");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE bsm LIKE 'IMPT%'", Integer.class)).isEqualTo(25);

        Run listed = run("imports", "--county", COUNTY, "--limit", "1");
        assertThat(listed.exit()).as(listed.out()).isZero();
        assertThat(listed.out()).contains("committed").contains(file.getFileName().toString());

        // A file that breaks the rules: exit 2 and the report names the check; nothing is committed.
        Run rejected = run("import", file.toString(), "--profile", "dltb", "--county", "533401", "--commit");
        assertThat(rejected.exit()).as(rejected.out()).isEqualTo(2);
        assertThat(rejected.out()).contains("rejected").contains("BLOCK");

        Path out = Files.createTempFile("parcels", ".gpkg");
        Run exported = run("export", "parcels", "--county", COUNTY, "--format", "gpkg", "--filter", "{\"landClassCodes\": [\"0101\", \"0102\", \"0103\"]}", "-o", out.toString());
        assertThat(exported.exit()).as(exported.out()).isZero();
        Process info = new ProcessBuilder("ogrinfo", "-ro", "-so", "-al", out.toString()).redirectErrorStream(true).start();
        String summary = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rows = Integer.parseInt(exported.out().replaceAll("(?s).*exported (\\d+) parcels.*", "$1"));
        assertThat(rows).isPositive();
        assertThat(summary).contains("Feature Count: " + rows);

        // Missing options and a wrong token are refused with what to do.
        assertThat(run("import", file.toString()).out()).contains("--profile");
        ProcessBuilder noToken = new ProcessBuilder("scripts/run.sh", "imports", "--county", COUNTY).directory(PostgisTestDatabase.projectRoot().toFile()).redirectErrorStream(true);
        noToken.environment().remove("LANDATLAS_TOKEN");
        Process p = noToken.start();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("API token");
        assertThat(p.waitFor()).isEqualTo(1);
    }

    /** Feature count of a file GDAL reads, from ogrinfo's summary. */
    private static int featureCount(String file) throws Exception {
        Process info = new ProcessBuilder("ogrinfo", "-ro", "-so", "-al", file).redirectErrorStream(true).start();
        String summary = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(info.waitFor()).as(summary).isZero();
        return Integer.parseInt(summary.replaceAll("(?s).*Feature Count: (\\d+).*", "$1"));
    }

    @Test
    void everyLayerExportsByNameWithItsListQuerysFilter() throws Exception {
        // help lists every export mutation of the schema, each with the filter it takes (its input type, or its arguments in order).
        Run help = run("help");
        assertThat(help.exit()).isZero();
        tools.jackson.databind.JsonNode fields = graphqlAs(adminToken(), "{ __type(name: \"Mutation\") { fields { name type { ofType { name } }"
                + " args { name type { kind name ofType { name } } } } } }").path("data").path("__type").path("fields");
        int mutations = 0;
        for (tools.jackson.databind.JsonNode f : fields) {
            if (!"Export".equals(f.path("type").path("ofType").path("name").asString(""))) {
                continue;
            }
            mutations++;
            List<String> args = new ArrayList<>();
            String input = null;
            for (tools.jackson.databind.JsonNode a : f.path("args")) {
                String n = a.path("name").asString();
                if (n.equals("filter")) {
                    input = a.path("type").path("name").asString();
                } else if (!n.equals("format") && !n.equals("shapefileEncoding")) {
                    args.add(n);
                }
            }
            String expected = f.path("name").asString() + "; --filter: " + (input != null ? "a " + input + " object" : "fields " + String.join(", ", args));
            assertThat(help.out()).as("help lists " + f.path("name").asString()).contains(expected);
        }
        assertThat(mutations).isEqualTo(15);

        // PV sites (a PvSiteFilter) of the county, connected ones only, as GeoJSON: the rows the filter means.
        Path pv = Files.createTempFile("pv", ".geojson");
        Run sites = run("export", "pv-sites", "--county", COUNTY, "--filter", "{\"statuses\": [\"CONNECTED\", \"FILED\"]}", "--format", "geojson", "-o", pv.toString());
        assertThat(sites.exit()).as(sites.out()).isZero();
        int connected = jdbc.queryForObject("SELECT count(*) FROM pv_site WHERE county_code = ? AND status IN ('connected', 'filed')", Integer.class, COUNTY);
        assertThat(connected).isPositive().isLessThan(jdbc.queryForObject("SELECT count(*) FROM pv_site WHERE county_code = ?", Integer.class, COUNTY));
        assertThat(sites.out()).contains("exported " + connected + " pv-sites to " + pv);
        assertThat(featureCount(pv.toString())).isEqualTo(connected);
        assertThat(Files.readString(pv)).contains("\"STATUS\"").doesNotContain("\"status\": \"candidate\"");

        // Roads (the roads query's own arguments) of two classes within a box, as a Shapefile in GBK.
        double[] box = jdbc.queryForObject("SELECT ARRAY[ST_XMin(e), ST_YMin(e), (ST_XMin(e) + ST_XMax(e)) / 2, (ST_YMin(e) + ST_YMax(e)) / 2] FROM"
                + " (SELECT ST_Extent(geom) e FROM road WHERE county_code = ?) x", (rs, i) -> java.util.Arrays.stream((Object[]) rs.getArray(1).getArray())
                .mapToDouble(o -> ((Number) o).doubleValue()).toArray(), COUNTY);
        String bbox = java.util.Arrays.toString(box);
        Path roads = Files.createTempFile("roads", ".zip");
        Run r = run("export", "roads", "--county", COUNTY, "--filter", "{\"classes\": [\"COUNTY\", \"VILLAGE\"], \"bbox\": " + bbox + "}",
                "--format", "SHAPEFILE", "--encoding", "GBK", "-o", roads.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        int expected = jdbc.queryForObject("SELECT count(*) FROM road WHERE county_code = ? AND road_class IN ('county', 'village')"
                + " AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4490))", Integer.class, COUNTY, box[0], box[1], box[2], box[3]);
        assertThat(expected).isPositive();
        assertThat(r.out()).contains("exported " + expected + " roads");
        assertThat(featureCount("/vsizip/" + roads)).isEqualTo(expected);

        // Unknown layers, unknown filter fields (of an input type and of arguments) and bad JSON: a clear error, exit 1.
        Run unknown = run("export", "rivers", "--format", "GPKG", "-o", pv.toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.out()).contains("unknown layer 'rivers'").contains("pv-sites").contains("roads");
        Run badInputField = run("export", "pv-sites", "--filter", "{\"colour\": \"red\"}", "--format", "GPKG", "-o", pv.toString());
        assertThat(badInputField.exit()).isEqualTo(1);
        assertThat(badInputField.out()).contains("--filter").contains("colour").contains("PvSiteFilter");
        Run badArgument = run("export", "roads", "--filter", "{\"kinds\": [\"school\"]}", "--format", "GPKG", "-o", pv.toString());
        assertThat(badArgument.exit()).isEqualTo(1);
        assertThat(badArgument.out()).contains("--filter: 'kinds' is not a filter field of layer roads; its fields are countyCode, bbox, classes");
        Run badValue = run("export", "roads", "--filter", "{\"classes\": [\"MOTORWAY\"]}", "--format", "GPKG", "-o", pv.toString());
        assertThat(badValue.exit()).isEqualTo(1);
        assertThat(badValue.out()).contains("--filter").contains("MOTORWAY");
        assertThat(run("export", "roads", "--filter", "[1]", "--format", "GPKG", "-o", pv.toString()).out()).contains("--filter must be a JSON object");
        assertThat(run("export", "roads", "--format", "KML", "-o", pv.toString()).out()).contains("--format: 'KML' is not one of");
        assertThat(run("export", "--format", "GPKG", "-o", pv.toString()).out()).contains("export needs a LAYER");
    }
}
