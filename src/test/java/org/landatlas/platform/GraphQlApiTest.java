package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.StatementCounter;

/** The GraphQL read API over HTTP on the demo data, each answer checked against SQL computed independently. */
class GraphQlApiTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    private double[] box;

    @BeforeEach
    void aBoxAroundSomeShangriLaParcels() {
        // A ~2 km box centred on a Shangri-La parcel, so that it holds parcels of several villages and classes.
        Map<String, Object> c = jdbc.queryForMap("""
                SELECT ST_X(ST_Centroid(geom)) AS x, ST_Y(ST_Centroid(geom)) AS y FROM land_parcel
                WHERE county_code = '533401' ORDER BY id OFFSET 2500 LIMIT 1""");
        double x = ((Number) c.get("x")).doubleValue();
        double y = ((Number) c.get("y")).doubleValue();
        box = new double[] {x - 0.01, y - 0.009, x + 0.01, y + 0.009};
    }

    private static JsonNode data(JsonNode response) {
        assertThat(response.has("errors")).as("errors: %s", response.path("errors")).isFalse();
        return response.path("data");
    }

    private int total(String filter) {
        return data(graphql("{ parcels(filter: " + filter + ") { totalCount } }")).path("parcels").path("totalCount").asInt();
    }

    private int sql(String where, Object... args) {
        return jdbc.queryForObject("SELECT count(*) FROM land_parcel t WHERE " + where, Integer.class, args);
    }

    @Test
    void countiesTownshipsAndVillages() {
        JsonNode d = data(graphql("""
                { counties { code name level summary { parcelCount villages townships } }
                  adminUnits(parentCode: "533401", level: TOWNSHIP) { code name parent { code } }
                  adminUnit(code: "533401101") { name children { code } } }"""));
        assertThat(d.path("counties")).hasSize(4);
        assertThat(d.path("counties").get(3).path("name").asString()).isEqualTo("香格里拉市");
        assertThat(d.path("counties").get(3).path("summary").path("parcelCount").asInt())
                .isEqualTo(sql("county_code = '533401'"));
        assertThat(d.path("adminUnits")).hasSize(12);
        assertThat(d.path("adminUnits").get(0).path("parent").path("code").asString()).isEqualTo("533401");
        assertThat(d.path("adminUnit").path("name").asString()).isEqualTo("建塘镇");
        assertThat(d.path("adminUnit").path("children").size())
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM admin_unit WHERE parent_code = '533401101'", Integer.class));
    }

    @Test
    void everyParcelFilterMatchesIndependentSql() {
        String env = "ST_MakeEnvelope(" + box[0] + "," + box[1] + "," + box[2] + "," + box[3] + ", 4490)";
        String bbox = "[" + box[0] + ", " + box[1] + ", " + box[2] + ", " + box[3] + "]";
        assertThat(total("{ bbox: " + bbox + " }")).isPositive().isEqualTo(sql("ST_Intersects(geom, " + env + ")"));
        String polygon = "{ type: \"Polygon\", coordinates: [[[" + box[0] + "," + box[1] + "],[" + box[2] + "," + box[1] + "],[" + box[2] + ","
                + box[3] + "],[" + box[0] + "," + box[1] + "]]] }";
        String tri = "ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(" + box[0] + "," + box[1] + "), ST_MakePoint(" + box[2] + "," + box[1]
                + "), ST_MakePoint(" + box[2] + "," + box[3] + "), ST_MakePoint(" + box[0] + "," + box[1] + ")]))";
        assertThat(total("{ intersects: " + polygon + " }")).isEqualTo(sql("ST_Intersects(geom, ST_SetSRID(" + tri + ", 4490))"));
        assertThat(total("{ within: " + polygon + " }")).isEqualTo(sql("ST_Within(geom, ST_SetSRID(" + tri + ", 4490))"));
        double cx = (box[0] + box[2]) / 2;
        double cy = (box[1] + box[3]) / 2;
        assertThat(total("{ near: { point: [" + cx + ", " + cy + "], distanceM: 800 } }")).isPositive()
                .isEqualTo(sql("ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography, 800)", cx, cy));
        assertThat(total("{ adminCode: \"533401\" }")).isEqualTo(sql("village_code LIKE '533401%'"));
        assertThat(total("{ adminCode: \"533401101\" }")).isEqualTo(sql("village_code LIKE '533401101%'"));
        String village = jdbc.queryForObject("SELECT village_code FROM land_parcel WHERE county_code = '331126' ORDER BY id LIMIT 1", String.class);
        assertThat(total("{ adminCode: \"" + village + "\" }")).isPositive().isEqualTo(sql("village_code = ?", village));
        assertThat(total("{ landClassCodes: [\"0101\", \"0202\"] }")).isPositive().isEqualTo(sql("dlbm IN ('0101', '0202')"));
        assertThat(total("{ classGroups: [FOREST, WATER] }")).isPositive().isEqualTo(sql("""
                EXISTS (SELECT 1 FROM land_class c WHERE c.class_system = t.class_system AND c.code = t.dlbm AND c.class_group IN ('forest', 'water'))"""));
        assertThat(total("{ classSystem: SANDIAO }")).isEqualTo(sql("class_system = '三调工作分类'"));
        assertThat(total("{ areaMu: { min: 20, max: 60 } }")).isPositive().isEqualTo(sql("area_m2 * 3 / 2000 BETWEEN 20 AND 60"));
        assertThat(total("{ permanentBasicFarmland: true }")).isPositive().isEqualTo(sql("is_permanent_basic_farmland"));
        assertThat(total("{ highStandardFarmland: true }")).isPositive().isEqualTo(sql("is_high_standard_farmland"));
        assertThat(total("{ plantingAttributes: [FLS, XG] }")).isPositive().isEqualTo(sql("zzsxdm IN ('FLS', 'XG')"));
        assertThat(total("{ circulationStatuses: [CIRCULATED] }")).isPositive().isEqualTo(sql("circulation_status = 'circulated'"));
        assertThat(total("{ belts: [\"plateau\"] }")).isPositive().isEqualTo(sql("""
                belt_id IN (SELECT b.id FROM belt b WHERE b.code = 'plateau')"""));
        assertThat(total("{ elevationM: { min: 3000, max: 3500 } }")).isPositive().isEqualTo(sql("elevation_mean_m BETWEEN 3000 AND 3500"));
        assertThat(total("{ slopeDeg: { min: 10 } }")).isPositive().isEqualTo(sql("slope_mean_deg >= 10"));
        assertThat(total("{ adminCode: \"533401\", classGroups: [FARMLAND], permanentBasicFarmland: true, areaMu: { min: 10 } }"))
                .isPositive().isEqualTo(sql("""
                        village_code LIKE '533401%' AND dlbm LIKE '01%' AND is_permanent_basic_farmland AND area_m2 * 3 / 2000 >= 10"""));
    }

    @Test
    void totalAreaIsTheSumOfTheFilteredParcels() {
        JsonNode c = data(graphql("{ parcels(filter: { adminCode: \"150627\", classGroups: [GRASSLAND] }, first: 0) { totalCount totalAreaMu } }"))
                .path("parcels");
        Double expected = jdbc.queryForObject("SELECT sum(area_m2) * 3 / 2000 FROM land_parcel WHERE county_code = '150627' AND dlbm LIKE '04%'", Double.class);
        assertThat(c.path("totalAreaMu").asDouble()).isCloseTo(expected, within(expected * 1e-9));
    }

    @Test
    void pagingForwardsAndBackwards() {
        String q = "query($after: String, $before: String, $first: Int, $last: Int) { parcels(filter: { adminCode: \"331126\" }, first: $first, after: $after, "
                + "last: $last, before: $before) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }";
        List<Long> expected = jdbc.queryForList("SELECT id FROM land_parcel WHERE county_code = '331126' ORDER BY id LIMIT 30", Long.class);
        JsonNode p1 = data(graphql(q, Map.of("first", 10))).path("parcels");
        JsonNode p2 = data(graphql(q, Map.of("first", 10, "after", p1.path("pageInfo").path("endCursor").asString()))).path("parcels");
        JsonNode p3 = data(graphql(q, Map.of("first", 10, "after", p2.path("pageInfo").path("endCursor").asString()))).path("parcels");
        List<Long> seen = new ArrayList<>();
        for (JsonNode p : List.of(p1, p2, p3)) {
            p.path("edges").forEach(e -> seen.add(e.path("node").path("id").asLong()));
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(p1.path("pageInfo").path("hasPreviousPage").asBoolean()).isFalse();
        assertThat(p2.path("pageInfo").path("hasPreviousPage").asBoolean()).isTrue();
        assertThat(p2.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
        // Back from the start of page 3: the last 5 of page 2.
        JsonNode back = data(graphql(q, Map.of("last", 5, "before", p3.path("pageInfo").path("startCursor").asString()))).path("parcels");
        List<Long> backIds = new ArrayList<>();
        back.path("edges").forEach(e -> backIds.add(e.path("node").path("id").asLong()));
        assertThat(backIds).isEqualTo(expected.subList(15, 20));
    }

    @Test
    void orderingByAreaCodeAndDistance() {
        JsonNode byArea = data(graphql("{ parcels(filter: { adminCode: \"150724\" }, first: 5, orderBy: { field: AREA, direction: DESC }) { edges { node { id areaMu } } } }"));
        assertThat(byArea.path("parcels").path("edges").get(0).path("node").path("id").asLong())
                .isEqualTo(jdbc.queryForObject("SELECT id FROM land_parcel WHERE county_code = '150724' ORDER BY area_m2 DESC, id LIMIT 1", Long.class));
        double cx = (box[0] + box[2]) / 2;
        double cy = (box[1] + box[3]) / 2;
        JsonNode near = data(graphql("{ parcels(filter: { near: { point: [" + cx + ", " + cy + "], distanceM: 1500 } }, first: 50, orderBy: { field: DISTANCE }) "
                + "{ edges { node { id distanceM } } } }")).path("parcels").path("edges");
        assertThat(near.size()).isPositive();
        double previous = -1;
        for (JsonNode e : near) {
            double d = e.path("node").path("distanceM").asDouble();
            assertThat(d).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(1500);
            previous = d;
            Double exact = jdbc.queryForObject("SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4490)::geography) FROM land_parcel WHERE id = ?",
                    Double.class, cx, cy, e.path("node").path("id").asLong());
            assertThat(d).isCloseTo(exact, within(0.01));
        }
        // Without a radius: nearest first through the index.
        JsonNode knn = data(graphql("{ parcels(filter: { near: { point: [" + cx + ", " + cy + "] } }, first: 1, orderBy: { field: DISTANCE }) "
                + "{ edges { node { id distanceM } } } }")).path("parcels").path("edges");
        assertThat(knn.get(0).path("node").path("distanceM").asDouble()).isLessThan(near.get(0).path("node").path("distanceM").asDouble() + 1);
    }

    @Test
    void geoJsonIsCounterClockwiseWithTheRequestedPrecisionAndNoCrsMember() {
        JsonNode edges = data(graphql("{ parcels(filter: { adminCode: \"331126\" }, first: 50) { edges { node { geometry(precision: 4) labelPoint(precision: 2) srid } } } }"))
                .path("parcels").path("edges");
        for (JsonNode e : edges) {
            JsonNode g = e.path("node").path("geometry");
            assertThat(g.path("type").asString()).isEqualTo("MultiPolygon");
            assertThat(g.has("crs")).isFalse();
            JsonNode ring = g.path("coordinates").get(0).get(0);
            double twiceArea = 0;
            for (int i = 0; i + 1 < ring.size(); i++) {
                twiceArea += ring.get(i).get(0).asDouble() * ring.get(i + 1).get(1).asDouble() - ring.get(i + 1).get(0).asDouble() * ring.get(i).get(1).asDouble();
                assertThat(ring.get(i).get(0).asString().replaceFirst("^-?\\d+\\.?", "").length()).isLessThanOrEqualTo(4);
            }
            assertThat(twiceArea).as("outer ring counter-clockwise (RFC 7946)").isPositive();
            assertThat(e.path("node").path("labelPoint").path("type").asString()).isEqualTo("Point");
            assertThat(e.path("node").path("srid").asInt()).isEqualTo(4490);
        }
        // Two aliases of one geometry field with different arguments give different shapes.
        JsonNode two = data(graphql("{ adminUnit(code: \"533401\") { fine: boundary coarse: boundary(simplify: 2000, precision: 3) } }")).path("adminUnit");
        assertThat(two.path("coarse").toString().length()).isLessThan(two.path("fine").toString().length() / 3);
    }

    @Test
    void landStatsByVillageMatchesSqlAndReportsNetAndGrossArea() {
        JsonNode rows = data(graphql("{ landStats(filter: { adminCode: \"533401\" }, groupBy: [VILLAGE]) { keys { dimension code name } count areaMu grossAreaMu netAreaMu netAreaHa } }"))
                .path("landStats");
        List<Map<String, Object>> expected = jdbc.queryForList("""
                SELECT village_code, count(*) AS n, sum(tbdlmj) * 3 / 2000 AS net, sum(tbmj) * 3 / 2000 AS gross
                FROM land_parcel WHERE county_code = '533401' GROUP BY village_code ORDER BY village_code""");
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = rows.get(i);
            assertThat(r.path("keys").get(0).path("code").asString()).isEqualTo(expected.get(i).get("village_code"));
            assertThat(r.path("keys").get(0).path("name").asString()).isNotBlank();
            assertThat(r.path("count").asInt()).isEqualTo(((Number) expected.get(i).get("n")).intValue());
            assertThat(r.path("netAreaMu").asDouble()).isCloseTo(((Number) expected.get(i).get("net")).doubleValue(), within(0.01));
            assertThat(r.path("grossAreaMu").asDouble()).isCloseTo(((Number) expected.get(i).get("gross")).doubleValue(), within(0.01));
            assertThat(r.path("netAreaMu").asDouble()).isLessThanOrEqualTo(r.path("grossAreaMu").asDouble() + 1e-6);
        }
        JsonNode groups = data(graphql("{ landStats(groupBy: [COUNTY, CLASS_GROUP]) { keys { code name } count } }")).path("landStats");
        int sum = 0;
        for (JsonNode g : groups) {
            sum += g.path("count").asInt();
        }
        assertThat(sum).isEqualTo(sql("TRUE"));
        assertThat(groups.toString()).contains("耕地").contains("林地");
    }

    @Test
    void aPageOf500ParcelsWithNestedObjectsCostsABoundedNumberOfStatements() {
        String q = "{ parcels(filter: { adminCode: \"150627\" }, first: 500) { totalCount edges { node { id areaMu village { name code boundary(precision: 3) } "
                + "township { name } county { name } belt { name } highStandardFarmlandProject { name township { name } } geometry } } } }";
        graphql(q);
        long before = StatementCounter.STATEMENTS.get();
        JsonNode edges = data(graphql(q)).path("parcels").path("edges");
        long statements = StatementCounter.STATEMENTS.get() - before;
        assertThat(edges).hasSize(500);
        assertThat(edges.get(0).path("node").path("village").path("boundary").path("type").asString()).isEqualTo("MultiPolygon");
        // page + total + village + township + county + belt + project + project township + village boundary geometry
        assertThat(statements).isLessThanOrEqualTo(10);
    }

    @Test
    void everyThemeCanBeRead() {
        JsonNode d = data(graphqlAs(adminToken(), """
                { dataset { profile synthetic parcelCount }
                  circulationListings(filter: { adminCode: "150627" }, first: 3) { totalCount edges { node { title areaMu village { name } parcels { id } geometry(precision: 5) } } }
                  circulationContracts(first: 3) { totalCount edges { node { contractNo transferee { name } transferorCount history { toStatus } parcels { id } } } }
                  transferees(countyCode: "533401", first: 3) { totalCount edges { node { name kind circulatedAreaMu } } }
                  idleFacilities(first: 2) { totalCount edges { node { name kind status } } }
                  pvSites(first: 2) { totalCount totalCapacityKw edges { node { capacityKw status transformer { name openCapacityKw } } } }
                  distributionTransformers(first: 2) { totalCount edges { node { name ratedKva pvHostingKw } } }
                  homesteads(filter: { occupancies: [IDLE] }, first: 2) { totalCount edges { node { idleSince houses { structure } revitalizations { newUse } } } }
                  highStandardFarmlandProjects(first: 2) { totalCount edges { node { name status areaMu geometry(simplify: 10) } } }
                  protectionZones(filter: { zoneTypes: [ECOLOGICAL_RED_LINE] }) { totalCount edges { node { name areaMu } } }
                  beltSchemes { name belts { code name } }
                  belts(countyCode: "331126") { code areaMu }
                  terrainAt(point: [99.7, 27.83]) { elevationM belt { code } }
                  roads(countyCode: "150724", first: 2) { totalCount edges { node { roadClass name lengthM } } }
                  settlements(countyCode: "150724") { name kind }
                  pointsOfInterest(kinds: ["school"], first: 2) { totalCount edges { node { name } } }
                  planTargets(countyCode: "150627") { metric targetValue achievedValue progress synthetic }
                  landClasses(classSystem: GBT_21010_2017) { code name group } }"""));
        assertThat(d.path("dataset").path("synthetic").asBoolean()).isTrue();
        for (String f : List.of("circulationListings", "circulationContracts", "transferees", "idleFacilities", "pvSites", "distributionTransformers",
                "homesteads", "highStandardFarmlandProjects", "protectionZones", "roads", "pointsOfInterest")) {
            assertThat(d.path(f).path("totalCount").asInt()).as(f).isPositive();
        }
        assertThat(d.path("beltSchemes")).hasSize(4);
        assertThat(d.path("terrainAt").path("elevationM").asDouble()).isBetween(1400.0, 5600.0);
        assertThat(d.path("landClasses")).hasSize(85);
        JsonNode targets = d.path("planTargets");
        assertThat(targets.toString()).contains("FARMLAND_CIRCULATED_MU");
        Double circulatedFarmland = jdbc.queryForObject("""
                SELECT sum(p.area_mu)::float8 FROM land_parcel p WHERE p.id IN (SELECT cp.parcel_id FROM circulation_contract_parcel cp
                JOIN circulation_contract c ON c.id = cp.contract_id WHERE c.county_code = '150627' AND c.land_kind = 'farmland'
                AND c.status IN ('signed', 'filed', 'active', 'disputed'))""", Double.class);
        for (JsonNode t : targets) {
            if (t.path("metric").asString().equals("FARMLAND_CIRCULATED_MU")) {
                assertThat(t.path("achievedValue").asDouble()).isCloseTo(circulatedFarmland, within(0.01));
                assertThat(t.path("progress").asDouble()).isCloseTo(circulatedFarmland / 200_000, within(1e-9));
                assertThat(t.path("synthetic").asBoolean()).isFalse();
            }
        }
    }

    @Test
    void flatPagesRenderedDirectlyEqualTheOrdinaryResolution() {
        // A flat selection is written straight from the rows; adding an object field forces graphql-java's
        // ordinary resolution. The common part must be identical, aliases and __typename included.
        String fields = "__typename id code: bsm landClassCode landClassName ownerUnitName areaMu netAreaMu circulationStatus isPermanentBasicFarmland "
                + "croplandGrade slopeClass g: geometry(precision: 5) geometry";
        // Text that needs JSON escaping, written from the driver's bytes on the direct path.
        long edited = jdbc.queryForObject("SELECT id FROM land_parcel WHERE county_code = '331126' ORDER BY id OFFSET 12 LIMIT 1", Long.class);
        String before = jdbc.queryForObject("SELECT qsdwmc FROM land_parcel WHERE id = ?", String.class, edited);
        jdbc.update("UPDATE land_parcel SET qsdwmc = ? WHERE id = ?", "村\"民\\委\n员\t会\u0001 ✓", edited);
        try {
            flatPagesMatch(fields);
        } finally {
            jdbc.update("UPDATE land_parcel SET qsdwmc = ? WHERE id = ?", before, edited);
        }
    }

    private void flatPagesMatch(String fields) {
        String flat = "{ parcels(filter: { adminCode: \"331126\" }, first: 40, after: \"" + java.util.Base64.getEncoder().encodeToString("o:9".getBytes())
                + "\") { __typename totalCount total: totalAreaMu pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { " + fields + " } } } }";
        String ordinary = flat.replace("geometry } }", "geometry village { code } } }");
        JsonNode a = data(graphql(flat)).path("parcels");
        JsonNode b = data(graphql(ordinary)).path("parcels");
        for (JsonNode e : b.path("edges")) {
            ((tools.jackson.databind.node.ObjectNode) e.path("node")).remove("village");
        }
        assertThat(a).isEqualTo(b);
        assertThat(a.path("__typename").asString()).isEqualTo("ParcelConnection");
        assertThat(a.path("edges").get(0).path("node").path("__typename").asString()).isEqualTo("Parcel");
        assertThat(a.path("edges").get(0).path("node").path("code").asString()).hasSize(18);
        assertThat(a.path("edges")).hasSize(40);
        assertThat(a.path("edges").get(2).path("node").path("ownerUnitName").asString()).isEqualTo("村\"民\\委\n员\t会\u0001 ✓");
    }

    @Test
    void aliasedEdgesAndNodesKeepTheirOwnSelections() {
        JsonNode p = data(graphql("{ parcels(filter: { adminCode: \"331126\" }, first: 3) { a: edges { node { id } } b: edges { x: node { bsm } y: node { id } } } }"))
                .path("parcels");
        assertThat(p.path("a").get(0).path("node").propertyNames()).containsExactly("id");
        assertThat(p.path("b").get(0).propertyNames()).containsExactly("x", "y");
        assertThat(p.path("b").get(0).path("x").propertyNames()).containsExactly("bsm");
        assertThat(p.path("b").get(2).path("y").path("id").asString()).isEqualTo(p.path("a").get(2).path("node").path("id").asString());
    }

    @Test
    void pointsOfInterestNearestFirstWithinTheRadius() {
        JsonNode edges = data(graphql("{ pointsOfInterest(near: { point: [99.7, 27.83], distanceM: 20000 }, first: 10) { edges { node { id distanceM } } } }"))
                .path("pointsOfInterest").path("edges");
        assertThat(edges.size()).isPositive();
        double previous = -1;
        for (JsonNode e : edges) {
            double d = e.path("node").path("distanceM").asDouble();
            Double exact = jdbc.queryForObject("SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(99.7, 27.83), 4490)::geography) FROM poi WHERE id = ?",
                    Double.class, e.path("node").path("id").asLong());
            assertThat(d).isCloseTo(exact, within(0.01)).isLessThanOrEqualTo(20000).isGreaterThanOrEqualTo(previous - 1);
            previous = d;
        }
        assertThat(edges.size()).isEqualTo(Math.min(10, jdbc.queryForObject(
                "SELECT count(*) FROM poi WHERE ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(99.7, 27.83), 4490)::geography, 20000)", Integer.class)));
        JsonNode bad = graphql("{ pointsOfInterest(near: { point: [99.7, 27.83], distanceM: -3 }) { totalCount } }");
        assertThat(bad.path("errors").get(0).path("message").asString()).contains("near.distanceM").contains("negative");
    }

    @Test
    void noPersonalDataIsReachableByThePublic() {
        // Personal data exists only behind staff-only types and fields; the public gets FORBIDDEN or null, never values.
        JsonNode contracts = graphql("{ circulationContracts(first: 5) { edges { node { transferors { name idNumber phone } } } } }");
        assertThat(contracts.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(contracts.toString()).doesNotContainPattern("[0-9]{17}[0-9X]").doesNotContainPattern("1[3-9][0-9]{9}");
        JsonNode homesteads = data(graphql("{ homesteads(first: 50) { edges { node { revitalizationStatus household { headName idNumber phone } "
                + "revitalizations { counterpartyName annualRentYuan } } } } }"));
        assertThat(homesteads.path("homesteads").path("edges").size()).isPositive();
        for (JsonNode e : homesteads.path("homesteads").path("edges")) {
            assertThat(e.path("node").path("household").isNull()).isTrue();
            assertThat(e.path("node").path("revitalizations").size()).isZero();
            assertThat(e.path("node").path("revitalizationStatus").asString()).isIn("LISTED", "NEGOTIATING");
        }
    }
}
