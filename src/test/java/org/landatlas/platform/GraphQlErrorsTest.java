package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import graphql.introspection.IntrospectionQuery;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.PostgisTestDatabase;

/** Bad and hostile requests get a clear error with a code and the argument at fault, never a stack trace or a 500. */
class GraphQlErrorsTest extends IntegrationTest {

    private JsonNode firstError(String query) {
        JsonNode r = graphql(query);
        assertThat(r.path("errors").size()).as("errors of %s", query).isPositive();
        JsonNode e = r.path("errors").get(0);
        assertThat(e.path("message").asString()).doesNotContain("Exception").doesNotContain("at org.");
        return e;
    }

    private void rejects(String query, String code, String argument, String reasonPart) {
        JsonNode e = firstError(query);
        assertThat(e.path("extensions").path("code").asString()).as(query).isEqualTo(code);
        if (argument != null) {
            assertThat(e.path("message").asString()).as(query).contains(argument);
        }
        assertThat(e.path("message").asString()).as(query).contains(reasonPart);
    }

    @Test
    void badInputNamesTheArgumentAndTheReason() {
        rejects("{ parcels(filter: { bbox: [120, 40, 119, 41] }) { totalCount } }", "BAD_USER_INPUT", "filter.bbox", "inverted");
        rejects("{ parcels(filter: { bbox: [1, 2, 3] }) { totalCount } }", "BAD_USER_INPUT", "filter.bbox", "4 numbers");
        rejects("{ parcels(filter: { bbox: [-200, 0, 10, 10] }) { totalCount } }", "BAD_USER_INPUT", "filter.bbox", "[-180, 180]");
        rejects("{ parcels(first: 1001) { totalCount } }", "BAD_USER_INPUT", "first", "maximum of 1000");
        rejects("{ parcels(first: -1) { totalCount } }", "BAD_USER_INPUT", "first", "negative");
        rejects("{ parcels(after: \"garbage\") { totalCount } }", "BAD_USER_INPUT", "after", "not a cursor");
        rejects("{ parcels(filter: { near: { point: [99.7, 27.8], distanceM: -1 } }) { totalCount } }", "BAD_USER_INPUT", "filter.near.distanceM", "negative");
        rejects("{ parcels(filter: { near: { point: [99.7, 27.8], distanceM: 1e9 } }) { totalCount } }", "BAD_USER_INPUT", "filter.near.distanceM", "at most");
        rejects("{ parcels(filter: { adminCode: \"12345\" }) { totalCount } }", "BAD_USER_INPUT", "filter.adminCode", "not an administrative code");
        rejects("{ parcels(filter: { adminCode: \"999999\" }) { totalCount } }", "NOT_FOUND", "filter.adminCode", "no administrative unit");
        rejects("{ adminUnit(code: \"533401999\") { name } }", "NOT_FOUND", "code", "no administrative unit");
        rejects("{ parcels(filter: { areaMu: { min: 50, max: 10 } }) { totalCount } }", "BAD_USER_INPUT", "filter.areaMu", "greater than max");
        rejects("{ parcels(orderBy: { field: DISTANCE }) { totalCount } }", "BAD_USER_INPUT", "orderBy.field", "filter.near.point");
        rejects("{ parcels(filter: { landClassCodes: [\"'; DROP TABLE land_parcel; --\"] }) { totalCount } }", "BAD_USER_INPUT",
                "filter.landClassCodes", "not a land-class code");
        rejects("{ parcel(id: \"x1\") { id } }", "BAD_USER_INPUT", "id", "not an id");
        rejects("{ landStats(groupBy: []) { count } }", "BAD_USER_INPUT", "groupBy", "between 1 and 4");
        rejects("{ parcels(first: 1) { edges { node { geometry(precision: 99) } } } }", "BAD_USER_INPUT", "geometry.precision", "between 0 and 15");
        rejects("{ terrainAt(point: [500, 10]) { elevationM } }", "BAD_USER_INPUT", "point", "longitude");
        rejects("{ circulationContracts(filter: { endsBetween: [\"2024-02-30\", \"2030-01-01\"] }) { totalCount } }", "BAD_USER_INPUT",
                null, "'2024-02-30'");
        rejects("{ circulationContracts(filter: { endsBetween: [\"2024/01/01\", \"2030-01-01\"] }) { totalCount } }", "BAD_USER_INPUT",
                null, "'2024/01/01'");
    }

    @Test
    void malformedOrWrongGeoJsonIsRefusedWithTheReason() {
        rejects("{ parcels(filter: { intersects: { type: \"Polygon\", coordinates: [[[99, 27], [100, 28], [100, 27], [99, 28], [99, 27]]] } }) { totalCount } }",
                "BAD_USER_INPUT", "filter.intersects", "self-intersection");
        rejects("{ parcels(filter: { intersects: { type: \"Polygon\", coordinates: [[[99, 27], [100, 28]]] } }) { totalCount } }",
                "BAD_USER_INPUT", null, "GeoJSON");
        rejects("{ parcels(filter: { intersects: { coordinates: [1, 2] } }) { totalCount } }", "BAD_USER_INPUT", null, "\"type\"");
        rejects("{ parcels(filter: { intersects: { type: \"Feature\", geometry: null } }) { totalCount } }", "BAD_USER_INPUT", null, "Feature");
        rejects("{ parcels(filter: { intersects: { type: \"Point\", coordinates: [38441428, 3300000] } }) { totalCount } }",
                "BAD_USER_INPUT", null, "not a longitude/latitude");
        rejects("{ parcels(filter: { intersects: { type: \"Point\", coordinates: [99, 27], crs: { type: \"name\", properties: { name: \"EPSG:4547\" } } } }) { totalCount } }",
                "BAD_USER_INPUT", null, "EPSG:4547");
        rejects("{ parcels(filter: { within: { type: \"Point\", coordinates: [99, 27] } }) { totalCount } }", "BAD_USER_INPUT", "filter.within", "Polygon");
        // Through variables the same checks hold.
        JsonNode r = graphql("query($g: GeoJSON) { parcels(filter: { intersects: $g }) { totalCount } }",
                Map.of("g", Map.of("type", "LineString", "coordinates", java.util.List.of(java.util.List.of(1000, 1000), java.util.List.of(1001, 1001)))));
        assertThat(r.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(r.path("errors").get(0).path("message").asString()).contains("not a longitude/latitude");
    }

    @Test
    void hostileQueriesAreStoppedBeforeTheyRun() {
        // Deep nesting.
        String deep = "{ adminUnit(code: \"533401\") { " + "children { ".repeat(16) + "code" + " }".repeat(16) + " } }";
        rejects(deep, "TOO_COMPLEX", null, "depth");
        // Wide: many aliases of a full page each.
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            wide.append(" p").append(i).append(": parcels(first: 1000) { edges { node { id areaMu bsm dlbm: landClassCode } } }");
        }
        rejects(wide.append(" }").toString(), "TOO_COMPLEX", null, "complexity");
        // Syntax errors and unknown fields.
        rejects("{ parcels(first: 1) { edges { node { id ", "BAD_USER_INPUT", null, "");
        rejects("{ parcels { nonsense } }", "BAD_USER_INPUT", null, "nonsense");
        // Introspection not asked in good faith (graphql-java's GoodFaithIntrospection): the caller's fault, not ours.
        rejects("{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }", "TOO_COMPLEX", null,
                "introspection");
        rejects("{ a: __schema { queryType { name } } b: __schema { queryType { name } } }", "TOO_COMPLEX", null, "introspection");
        // A fragment cycle.
        rejects("query { counties { ...A } } fragment A on AdminUnit { children { ...B } } fragment B on AdminUnit { parent { ...A } }",
                "BAD_USER_INPUT", null, "");
    }

    @Test
    void introspectionOfGraphiqlStillWorksUnderTheLimits() {
        JsonNode r = graphql(IntrospectionQuery.INTROSPECTION_QUERY);
        assertThat(r.has("errors")).as("%s", r.path("errors")).isFalse();
        assertThat(r.path("data").path("__schema").path("types").size()).isGreaterThan(50);
    }

    @Test
    void everyTypeAndFieldHasADescription() {
        JsonNode types = graphql("{ __schema { types { name kind description fields { name description } inputFields { name description } "
                + "enumValues { name description } } } }").path("data").path("__schema").path("types");
        for (JsonNode t : types) {
            String name = t.path("name").asString();
            if (name.startsWith("__") || t.path("kind").asString().equals("SCALAR") && java.util.Set.of("String", "Int", "Float", "Boolean", "ID").contains(name)) {
                continue;
            }
            assertThat(t.path("description").asString("")).as("description of type %s", name).isNotBlank();
            for (String part : java.util.List.of("fields", "inputFields", "enumValues")) {
                for (JsonNode f : t.path(part)) {
                    assertThat(f.path("description").asString("")).as("description of %s.%s", name, f.path("name").asString()).isNotBlank();
                }
            }
        }
    }

    @Test
    void oversizedBodiesAreRefused() {
        String big = "{\"query\":\"{ counties { code } }\",\"variables\":{\"pad\":\"" + "x".repeat(300_000) + "\"}}";
        HttpResponse<String> r = Http.post(port, "/graphql", big, "application/json");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("limit");
    }

    @Test
    void graphqlOverHttpMediaTypes() {
        HttpResponse<String> r = Http.post(port, "/graphql", "{\"query\":\"{ counties { code } }\"}", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/graphql-response+json");
        HttpResponse<String> bad = Http.post(port, "/graphql", "{not json", "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void offlineGraphiqlIsServed() {
        HttpResponse<byte[]> page = Http.get(port, "/graphiql/");
        assertThat(page.statusCode()).isEqualTo(200);
        String html = new String(page.body());
        assertThat(html).contains("/assets/").doesNotContain("esm.sh").doesNotContain("unpkg").doesNotContain("cdn.");
        assertThat(Http.get(port, "/graphiql").statusCode()).isEqualTo(302);
    }

    @Test
    void everyGraphiqlExampleRunsWithoutErrors() throws Exception {
        // The example tabs of the offline GraphiQL (web-map/graphiql/examples.js) must stay valid as the schema grows.
        String js = java.nio.file.Files.readString(PostgisTestDatabase.projectRoot().resolve("web-map/graphiql/examples.js"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("query: `(.*?)`", java.util.regex.Pattern.DOTALL).matcher(js);
        int n = 0;
        while (m.find()) {
            String query = m.group(1);
            JsonNode r = graphqlAs(adminToken(), query);
            assertThat(r.path("errors").isMissingNode()).as(query + "\n" + r).isTrue();
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(5);
    }
}
