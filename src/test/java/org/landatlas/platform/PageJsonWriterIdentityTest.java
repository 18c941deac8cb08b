package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The Jackson page writer writes the same bytes as the direct one: every page the service renders during these
 * queries is written both ways, the statement run a second time for the second writer, and compared byte for byte.
 */
class PageJsonWriterIdentityTest extends IntegrationTest {

    /** Every page written by both writers, in order. */
    private static final class BothWriters implements PageJsonWriter {
        final List<byte[][]> pages = Collections.synchronizedList(new ArrayList<>());

        @Override
        public byte[] write(RenderedConnection.Plan plan, ResultSet rs, PageRequest page, Map<String, Object> totals, String typeName) throws SQLException {
            byte[] direct = PageJsonWriter.DIRECT.write(plan, rs, page, totals, typeName);
            byte[] jackson;
            try (ResultSet again = ((PreparedStatement) rs.getStatement()).executeQuery()) {
                jackson = PageJsonWriter.JACKSON.write(plan, again, page, totals, typeName);
            }
            pages.add(new byte[][] {direct, jackson});
            return direct;
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    private PageJsonWriter configured;
    private BothWriters both;
    private double[] box;
    private String bbox;

    @BeforeEach
    void writeEveryPageBothWays() {
        configured = RenderedConnection.writer();
        both = new BothWriters();
        RenderedConnection.use(both);
        // The ~2 km Shangri-La box of GraphQlApiTest: parcels of several villages and classes.
        Map<String, Object> c = jdbc.queryForMap("""
                SELECT ST_X(ST_Centroid(geom)) AS x, ST_Y(ST_Centroid(geom)) AS y FROM land_parcel
                WHERE county_code = '533401' ORDER BY id OFFSET 2500 LIMIT 1""");
        double x = ((Number) c.get("x")).doubleValue();
        double y = ((Number) c.get("y")).doubleValue();
        box = new double[] {x - 0.01, y - 0.009, x + 0.01, y + 0.009};
        bbox = "[" + box[0] + ", " + box[1] + ", " + box[2] + ", " + box[3] + "]";
    }

    @AfterEach
    void backToTheConfiguredWriter() {
        RenderedConnection.use(configured);
    }

    /** Runs the query as the administrator (who sees every field) and returns the pages, each checked identical. */
    private List<String> identicalPages(String query) {
        both.pages.clear();
        JsonNode response = graphqlAs(adminToken(), query);
        assertThat(response.has("errors")).as("errors of %s: %s", query, response.path("errors")).isFalse();
        List<String> pages = new ArrayList<>();
        for (byte[][] pair : both.pages) {
            assertThat(pair[0]).as("the direct writer rendered a page of %s", query).isNotNull();
            String direct = new String(pair[0], StandardCharsets.UTF_8);
            assertThat(pair[1]).as("the Jackson writer rendered the page of %s", query).isNotNull();
            // The text first, for a readable difference; then the bytes, which is the claim.
            assertThat(new String(pair[1], StandardCharsets.UTF_8)).isEqualTo(direct);
            assertThat(pair[1]).isEqualTo(pair[0]);
            pages.add(direct);
        }
        assertThat(pages).as("pages rendered from the rows for %s", query).isNotEmpty();
        return pages;
    }

    /** The node fields of a type that a flat page can carry: every scalar and enum field but dates. */
    private String flatFields(String type) {
        JsonNode fields = graphql("{ __type(name: \"" + type + "\") { fields { name type { kind name ofType { kind name ofType { kind name } } } } } }")
                .path("data").path("__type").path("fields");
        List<String> names = new ArrayList<>();
        for (JsonNode f : fields) {
            JsonNode t = f.path("type");
            while (t.path("kind").asString().equals("NON_NULL") || t.path("kind").asString().equals("LIST")) {
                if (t.path("kind").asString().equals("LIST")) {
                    t = null;
                    break;
                }
                t = t.path("ofType");
            }
            if (t == null) {
                continue;
            }
            boolean plain = t.path("kind").asString().equals("ENUM")
                    || (t.path("kind").asString().equals("SCALAR") && !t.path("name").asString().startsWith("Date"));
            if (plain) {
                names.add(f.path("name").asString());
            }
        }
        assertThat(names).as("flat fields of %s", type).isNotEmpty();
        return String.join(" ", names);
    }

    @Test
    void theViewportPageOfTheBenchmark() {
        List<String> pages = identicalPages("{ parcels(filter: { bbox: " + bbox + " }, first: 1000) { edges { node { id landClassCode classGroup areaMu geometry(simplify: 2) } } } }");
        assertThat(pages.get(0)).contains("\"geometry\":{\"type\":\"");
    }

    @Test
    void everyFieldOfEveryConnection() {
        Map<String, String> connections = Map.ofEntries(
                // With a near point, so that distanceM is a column too.
                Map.entry("parcels(filter: { bbox: " + bbox + ", near: { point: [" + box[0] + ", " + box[1] + "] } }, first: 200)", "Parcel"),
                Map.entry("pvSites(first: 100)", "PvSite"),
                Map.entry("distributionTransformers(first: 100)", "DistributionTransformer"),
                Map.entry("roads(countyCode: \"533401\", first: 100)", "Road"),
                Map.entry("pointsOfInterest(near: { point: [" + box[0] + ", " + box[1] + "] }, first: 100)", "PointOfInterest"),
                Map.entry("homesteads(first: 100)", "Homestead"),
                Map.entry("circulationListings(first: 100)", "CirculationListing"),
                Map.entry("circulationContracts(first: 100)", "CirculationContract"),
                Map.entry("transferees(first: 100)", "Transferee"),
                Map.entry("idleFacilities(first: 100)", "IdleFacility"),
                Map.entry("highStandardFarmlandProjects(first: 100)", "HighStandardFarmlandProject"),
                Map.entry("protectionZones(first: 100)", "ProtectionZone"));
        for (Map.Entry<String, String> c : connections.entrySet()) {
            String connectionFields = flatFields(c.getValue() + "Connection");
            List<String> pages = identicalPages("{ " + c.getKey() + " { " + connectionFields
                    + " edges { cursor node { " + flatFields(c.getValue()) + " } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }");
            assertThat(pages.get(0)).as("%s has rows", c.getKey()).contains("\"cursor\":");
        }
    }

    @Test
    void aliasesTypenamesTotalsAndPageInfoBeforeTheEdges() {
        List<String> pages = identicalPages("{ __typename p: parcels(filter: { bbox: " + bbox + " }, first: 7) { __typename "
                + "info: pageInfo { __typename end: endCursor hasNextPage startCursor hasPreviousPage } n: totalCount area: totalAreaMu "
                + "list: edges { __typename at: cursor item: node { __typename key: id id bsm classSystem classGroup plantingAttribute slopeClass "
                + "croplandType croplandGrade elevationMeanM isPermanentBasicFarmland areaMu coarse: geometry(simplify: 50, precision: 3) "
                + "geometry labelPoint(precision: 2) srid } } } }");
        assertThat(pages.get(0)).startsWith("{\"__typename\":\"ParcelConnection\",\"info\":{\"__typename\":\"PageInfo\"")
                .contains("\"hasNextPage\":true").contains("\"coarse\":{").contains("\"slopeClass\":null");
    }

    @Test
    void pagesForwardsBackwardsEmptyAndNear() {
        String q = "parcels(filter: { bbox: " + bbox + " }, %s) { totalCount totalAreaMu edges { cursor node { id tbbh } } "
                + "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }";
        String end = graphql("{ " + q.formatted("first: 10") + " }").path("data").path("parcels").path("pageInfo").path("endCursor").asString();
        identicalPages("{ " + q.formatted("first: 10, after: \"" + end + "\"") + " }");
        List<String> back = identicalPages("{ " + q.formatted("last: 4, before: \"" + end + "\"") + " }");
        assertThat(back.get(0)).contains("\"hasNextPage\":true").contains("\"hasPreviousPage\":true");
        identicalPages("{ " + q.formatted("last: 20, before: \"" + end + "\"") + " }");
        identicalPages("{ " + q.formatted("first: 0") + " }");
        List<String> empty = identicalPages("{ parcels(filter: { bbox: [100.0, 10.0, 100.001, 10.001] }, first: 10) { totalCount totalAreaMu edges { cursor } "
                + "pageInfo { startCursor endCursor hasNextPage } } }");
        assertThat(empty.get(0)).isEqualTo("{\"totalCount\":0,\"totalAreaMu\":0.0,\"edges\":[],\"pageInfo\":{\"startCursor\":null,\"endCursor\":null,\"hasNextPage\":false}}");
        double cx = (box[0] + box[2]) / 2;
        double cy = (box[1] + box[3]) / 2;
        List<String> near = identicalPages("{ parcels(filter: { near: { point: [" + cx + ", " + cy + "], distanceM: 600 } }, first: 30, orderBy: { field: DISTANCE }) "
                + "{ edges { node { id distanceM } } } }");
        assertThat(near.get(0)).contains("\"distanceM\":");
    }

    @Test
    void textThatNeedsEscapesChineseAndNumbersThatJsonCannotHold() {
        List<Map<String, Object>> saved = jdbc.queryForList("""
                SELECT id, qsdwmc, zldwmc, dlmc, elevation_mean_m, elevation_min_m, elevation_max_m FROM land_parcel
                WHERE ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4490)) ORDER BY id LIMIT 3""", box[0], box[1], box[2], box[3]);
        assertThat(saved).hasSize(3);
        String tricky = "引号\"反斜杠\\换行\n回车\r制表\t退格\b换页\f响铃\u0007单元\u001f删除\u007f斜杠/ 表情😀 é ü";
        try {
            jdbc.update("UPDATE land_parcel SET qsdwmc = ?, zldwmc = ?, dlmc = ?, elevation_mean_m = 'NaN', elevation_min_m = '-Infinity', "
                    + "elevation_max_m = 'Infinity' WHERE id = ?", tricky, "", "C:\\路径\\ \"名\"", saved.get(0).get("id"));
            jdbc.update("UPDATE land_parcel SET qsdwmc = ?, zldwmc = ? WHERE id = ?", "\"\"\\\\\"", "\u0001\u0002\u0003\u0008\u000b\u000c\u000e\u001b",
                    saved.get(1).get("id"));
            List<String> pages = identicalPages("{ parcels(filter: { bbox: " + bbox + " }, first: 20) { edges { node { id ownerUnitName locationUnitName "
                    + "landClassName elevationMeanM elevationMinM elevationMaxM } } } }");
            assertThat(pages.get(0))
                    .contains("\"ownerUnitName\":\"引号\\\"反斜杠\\\\换行\\n回车\\r制表\\t退格\\u0008换页\\u000c响铃\\u0007单元\\u001f删除\u007f斜杠/ 表情😀 é ü\"")
                    .contains("\"locationUnitName\":\"\"").contains("\"landClassName\":\"C:\\\\路径\\\\ \\\"名\\\"\"").contains("\"elevationMeanM\":null,\"elevationMinM\":null,\"elevationMaxM\":null")
                    .contains("\\u0001\\u0002\\u0003\\u0008\\u000b\\u000c\\u000e\\u001b");
        } finally {
            for (Map<String, Object> row : saved) {
                jdbc.update("UPDATE land_parcel SET qsdwmc = ?, zldwmc = ?, dlmc = ?, elevation_mean_m = ?, elevation_min_m = ?, elevation_max_m = ? WHERE id = ?",
                        row.get("qsdwmc"), row.get("zldwmc"), row.get("dlmc"), row.get("elevation_mean_m"), row.get("elevation_min_m"),
                        row.get("elevation_max_m"), row.get("id"));
            }
        }
    }

    @Test
    void theComparisonCatchesADifferentByte() {
        // The identity check is only worth something if it can fail: a second writer one byte off is caught.
        RenderedConnection.use((plan, rs, page, totals, typeName) -> {
            byte[] json = PageJsonWriter.DIRECT.write(plan, rs, page, totals, typeName);
            byte[] off = json.clone();
            off[off.length - 2] = '!';
            both.pages.add(new byte[][] {json, off});
            return json;
        });
        assertThatThrownBy(() -> identicalPages("{ parcels(first: 3) { edges { node { id } } } }")).isInstanceOf(AssertionError.class);
    }
}
